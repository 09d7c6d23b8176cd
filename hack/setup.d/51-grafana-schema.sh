#!/usr/bin/env bash
# A JSON Schema for Grafana dashboards, derived from the TypeScript types of npm @grafana/schema (Grafana publishes
# no JSON Schema): $SNAPSHOTHA_CACHE/grafana-schema/dashboard.schema.json, used by hack/lib/validate-dashboards.mjs.
set -euo pipefail
cache="${SNAPSHOTHA_CACHE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/hack/.cache}"
target="$cache/grafana-schema"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/npm-pinned.sh"
npm_pinned "$target" @grafana/schema@13.2.3 ts-json-schema-generator@2.9.0
if [ "$npm_pinned_installed" = true ] || [ ! -s "$target/dashboard.schema.json" ]; then
  "$target/node_modules/.bin/ts-json-schema-generator" \
    --path "$target/node_modules/@grafana/schema/dist/types/raw/dashboard/x/types.gen.d.ts" --type Dashboard \
    --no-type-check --additional-properties -o "$target/dashboard.schema.json.tmp"
  mv "$target/dashboard.schema.json.tmp" "$target/dashboard.schema.json"
fi
