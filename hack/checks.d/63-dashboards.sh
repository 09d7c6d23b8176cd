#!/usr/bin/env bash
# Grafana dashboards: every config/grafana/*.json validates against the schema derived from @grafana/schema and every
# panel query parses with promtool (Debian's prometheus 2.42). The validators are first proven on the fixtures in
# hack/testdata/dashboards: a valid dashboard passes, a schema error and a PromQL error are both caught.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/manifest-tools.sh"
bash "$root/hack/setup.d/51-grafana-schema.sh"
bash "$root/hack/setup.d/52-prometheus-tools.sh"
promtool="$SNAPSHOTHA_CACHE/prometheus/usr/bin/promtool"
dashboards() {
  node "$root/hack/lib/validate-dashboards.mjs" --modules "$modules" --schema "$SNAPSHOTHA_CACHE/grafana-schema/dashboard.schema.json" "$@"
}
fixtures="$root/hack/testdata/dashboards"

dashboards --rules-out "$work/fixture-rules.yaml" "$fixtures/valid.json"
"$promtool" check rules "$work/fixture-rules.yaml"
dashboards --expect-invalid "$fixtures/invalid-schema.json"
dashboards --rules-out "$work/broken-rules.yaml" "$fixtures/invalid-promql.json"
must_fail "a panel query with an unclosed parenthesis" "$promtool" check rules "$work/broken-rules.yaml"

shopt -s nullglob
real=("$root"/config/grafana/*.json)
if [ ${#real[@]} -gt 0 ]; then
  dashboards --rules-out "$work/dashboard-rules.yaml" "${real[@]}"
  "$promtool" check rules "$work/dashboard-rules.yaml"
fi
echo "dashboard checks passed (${#real[@]} dashboards in config/grafana)"
