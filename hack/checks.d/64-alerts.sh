#!/usr/bin/env bash
# Alerts: config/prometheus/snapshotha.rules.yaml passes `promtool check rules` and its unit tests
# (`promtool test rules snapshotha.rules.test.yaml`: every alert fires in one case and stays silent in another); the
# PrometheusRule of config/prometheus carries the same groups. The tests are first shown to catch a broken rule.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/manifest-tools.sh"
bash "$root/hack/setup.d/52-prometheus-tools.sh"
promtool="$SNAPSHOTHA_CACHE/prometheus/usr/bin/promtool"
rules="$root/config/prometheus/snapshotha.rules.yaml"

"$promtool" check rules "$rules"
(cd "$root/config/prometheus" && "$promtool" test rules snapshotha.rules.test.yaml)

# A rule with its comparison reversed must fail the same tests.
cp "$root/config/prometheus/snapshotha.rules.test.yaml" "$work/"
sed 's/snapshotha_host_failed == 1/snapshotha_host_failed == 0/' "$rules" > "$work/snapshotha.rules.yaml"
must_fail "the unit tests against a heartbeat alert with a reversed comparison" \
  bash -c "cd '$work' && '$promtool' test rules snapshotha.rules.test.yaml"

node --input-type=module - "$modules" "$rules" "$root/config/prometheus/prometheus_rule.yaml" <<'JS'
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
const [modules, plain, wrapped] = process.argv.slice(2);
const YAML = await import(pathToFileURL(join(modules, "yaml/dist/index.js")).href);
const groups = YAML.parse(readFileSync(plain, "utf8")).groups;
const rule = YAML.parse(readFileSync(wrapped, "utf8"));
if (rule.kind !== "PrometheusRule" || !isDeepStrictEqual(rule.spec.groups, groups)) {
  console.error("FAIL config/prometheus/prometheus_rule.yaml: spec.groups differ from snapshotha.rules.yaml");
  process.exit(1);
}
const alerts = groups.flatMap((g) => g.rules.map((r) => r.alert)).filter(Boolean);
console.log(`ok   PrometheusRule equals snapshotha.rules.yaml (${alerts.length} alerts: ${alerts.join(", ")})`);
JS
echo "alert checks passed"
