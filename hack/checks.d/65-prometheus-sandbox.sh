#!/usr/bin/env bash
# The dashboard and the alerts against a real Prometheus (Debian's 2.42) scraping the sandbox operator every 2 s:
# `snapshotha sandbox --for 100s --metrics-port P` runs the API server, the simulator and the operator; once cycles
# completed, `promtool check metrics` checks a scrape of /metrics, every panel query of config/grafana/*.json must
# parse and return data (no exemptions: the failover series exist from the start with value 0, so failover panels
# return zeros or, for the RTO and detection quantiles, NaN, without a failover), no histogram may carry the
# protectedvm label (per-VM cardinality), and the alert rules must load and evaluate without errors. The kubectl plugin (hack/kubectl-plugin) runs against the sandbox's API server too. Takes
# about 40 s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SNAPSHOTHA_CACHE="${SNAPSHOTHA_CACHE:-$root/hack/.cache}"
bash "$root/hack/setup.d/52-prometheus-tools.sh"
command -v node >/dev/null || { echo "node missing: install nodejs" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl missing: install curl" >&2; exit 1; }
prometheus="$SNAPSHOTHA_CACHE/prometheus/usr/bin/prometheus"
promtool="$SNAPSHOTHA_CACHE/prometheus/usr/bin/promtool"
[ -x "$prometheus" ] || { echo "FAIL no prometheus server at $prometheus (hack/setup.d/52-prometheus-tools.sh)" >&2; exit 1; }
bin="$root/operator/SnapshotHa.Operator/bin/Release/net10.0/snapshotha"
[ -x "$bin" ] || dotnet build "$root/operator/SnapshotHa.Operator" -c Release -nologo -v q

work="$(mktemp -d /tmp/snapshotha-prometheus.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})'; }
# wait_for SECONDS DESCRIPTION COMMAND...: retries the command every second.
wait_for() {
  local seconds="$1" what="$2"; shift 2
  for _ in $(seq "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "FAIL timed out after ${seconds} s waiting for $what" >&2
  tail -n 30 "$work/sandbox.log" "$work/prometheus.log" >&2 || true
  exit 1
}
query() { curl -sf --get "http://127.0.0.1:$prometheus_port/api/v1/query" --data-urlencode "query=$1"; }
# at_least EXPR N: the query's first value is >= N.
at_least() {
  query "$1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s).data.result;process.exit(r.length>0&&Number(r[0].value[1])>=Number(process.argv[1])?0:1)})' "$2"
}

metrics_port="$(free_port)"
prometheus_port="$(free_port)"
(cd "$root" && exec "$bin" sandbox --for 100s --vms 2 --metrics-port "$metrics_port" --kubeconfig "$work/kubeconfig") > "$work/sandbox.log" 2>&1 &
pids+=("$!")
wait_for 90 "the sandbox operator's /metrics" curl -sf "http://127.0.0.1:$metrics_port/metrics"

cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 2s
  scrape_timeout: 2s
  evaluation_interval: 2s
rule_files:
  - $root/config/prometheus/snapshotha.rules.yaml
scrape_configs:
  - job_name: snapshotha
    static_configs:
      - targets: ["127.0.0.1:$metrics_port"]
YAML
"$promtool" check config "$work/prometheus.yml"
"$prometheus" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn > "$work/prometheus.log" 2>&1 &
pids+=("$!")
wait_for 30 "Prometheus ready" curl -sf "http://127.0.0.1:$prometheus_port/-/ready"
wait_for 30 "the operator target up" at_least 'up{job="snapshotha"}' 1

# Data for every panel: both VMs committed images and completed cycles, then enough samples for 20 s rate windows.
wait_for 75 "3 completed cycles of each VM" at_least 'min(snapshotha_cycles_total)' 3
wait_for 20 "a merge in the last 20 s" at_least 'sum(increase(snapshotha_merge_duration_seconds_count[20s]))' 0.5
sleep 4

curl -sf "http://127.0.0.1:$metrics_port/metrics" > "$work/scrape.txt"
"$promtool" check metrics < "$work/scrape.txt"
echo "ok   promtool check metrics: $(grep -c '^# TYPE' "$work/scrape.txt") metric families, $(grep -vc '^#' "$work/scrape.txt") samples, no findings"
# Cardinality: histograms are per namespace (docs/observability.md); a per-VM histogram adds 17 series per VM.
if grep -qE '^snapshotha_[a-z_]+_bucket\{[^}]*protectedvm=' "$work/scrape.txt"; then
  echo "FAIL a histogram carries the protectedvm label:" >&2
  grep -m3 -E '^snapshotha_[a-z_]+_bucket\{[^}]*protectedvm=' "$work/scrape.txt" >&2; exit 1
fi
echo "ok   no histogram is labelled per VM; $(grep -c 'protectedvm="ha-host-vm0"' "$work/scrape.txt") series carry protectedvm=\"ha-host-vm0\""

dashboard_queries() { node "$root/hack/lib/query-dashboard.mjs" --prometheus "http://127.0.0.1:$prometheus_port" --rate-interval 20s --range 1m "$@"; }
# The query runner must reject a dashboard whose queries find nothing (the validator fixture charts other metrics).
if dashboard_queries "$root/hack/testdata/dashboards/valid.json" > "$work/negative.log" 2>&1; then
  echo "FAIL the dashboard query runner accepted queries without data" >&2; cat "$work/negative.log" >&2; exit 1
fi
echo "ok   rejected: a dashboard whose queries return no data ($(grep -m1 '^FAIL' "$work/negative.log" | cut -c1-100))"
dashboard_queries "$root"/config/grafana/*.json

curl -sf "http://127.0.0.1:$prometheus_port/api/v1/rules" | node -e '
let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
  const rules = JSON.parse(s).data.groups.flatMap((g) => g.rules);
  const bad = rules.filter((r) => r.health !== "ok" || r.type !== "alerting");
  const firing = rules.filter((r) => r.state !== "inactive").map((r) => r.name);
  if (rules.length === 0 || bad.length > 0) { console.error("FAIL alert rules:", JSON.stringify(bad)); process.exit(1); }
  console.log(`ok   ${rules.length} alert rules loaded and evaluated (not inactive: ${firing.join(", ") || "none"})`);
});'
# The kubectl plugin through the real kubectl against the sandbox's API server.
kubectl="${SNAPSHOTHA_KUBECTL:-$SNAPSHOTHA_CACHE/tools/kubectl/kubectl}"
[ -x "$kubectl" ] || bash "$root/hack/setup.d/30-kube-tools.sh"
plugin() { PATH="$root/hack/kubectl-plugin:$PATH" KUBECTL="$kubectl" "$kubectl" snapshotha "$@" --kubeconfig "$work/kubeconfig"; }
plugin status -A | tee "$work/status.txt"
[ "$(grep -cE '^default +ha-host-vm[01] +Protected ' "$work/status.txt")" -eq 2 ] || { echo "FAIL kubectl snapshotha status: both VMs Protected" >&2; exit 1; }
# Into a file first: `grep -q` on a pipe exits at the first match, and with pipefail a writer still writing then fails.
plugin images ha-host-vm0 -n default > "$work/images.txt"
grep -qE '^ha-host-vm0-000000 +0 ' "$work/images.txt" || { echo "FAIL kubectl snapshotha images: image #0" >&2; cat "$work/images.txt" >&2; exit 1; }
created="$(plugin test-failover ha-host-vm0 -n default --network 'dr "isolated"' --reason 'plugin check')"
[ "$("$kubectl" --kubeconfig "$work/kubeconfig" get "$created" -n default -o jsonpath='{.spec.type}/{.spec.isolatedNetwork}')" = 'Test/dr "isolated"' ] || {
  echo "FAIL kubectl snapshotha test-failover: $created" >&2; exit 1; }
if plugin test-failover ha-host-vm0 -n default > "$work/plugin.log" 2>&1; then
  echo "FAIL kubectl snapshotha test-failover without --network was accepted" >&2; exit 1
fi
echo "ok   kubectl snapshotha status, images and test-failover ($created); a test failover without --network is refused"
echo "prometheus sandbox checks passed"
