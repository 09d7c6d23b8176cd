#!/usr/bin/env bash
# Grafana dashboards: every config/grafana/*.json validates against the schema derived from @grafana/schema, every
# panel query parses with promtool (Debian's prometheus 2.42) and names only metrics documented in
# docs/observability.md. The validators are first proven on the fixtures in hack/testdata/dashboards: a valid
# dashboard passes, a schema error, a PromQL error and an undocumented metric are all caught.
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
# Every snapshotha_ metric a dashboard or alert uses is documented in docs/observability.md (histogram series by
# their base name).
documented() {
  local missing=0
  for metric in $(grep -ohE 'snapshotha_[a-z0-9_]+' "$@" | sed -E 's/_(bucket|sum|count)$//' | sort -u); do
    grep -qF "\`$metric\`" "$root/docs/observability.md" || { echo "FAIL $metric is used but not documented in docs/observability.md" >&2; missing=1; }
  done
  return "$missing"
}
echo '{"expr": "rate(snapshotha_undocumented_total[5m])"}' > "$work/undocumented.json"
must_fail "a query on an undocumented metric" documented "$work/undocumented.json"
documented "${real[@]}" "$root/config/prometheus/snapshotha.rules.yaml"
echo "ok   every snapshotha_ metric in the dashboards and alerts is documented"
echo "dashboard checks passed (${#real[@]} dashboards in config/grafana)"
