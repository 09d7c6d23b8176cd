#!/usr/bin/env bash
# Helm chart charts/snapshot-ha with the real helm 3.17: lint --strict, values.schema.json negative tests, template
# with several value sets (dashboards and alerts toggles on and off), every rendered manifest validated offline, CRDs
# and RBAC equal to the generated ones.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/manifest-tools.sh"
chart="$root/charts/snapshot-ha"

# The chart's copies of the generated CRDs and RBAC (the chart cannot reach outside its directory); `snapshotha
# manifests` writes both, and SnapshotHa.Operator.Tests checks that the committed files are current.
for crd in "$root"/crds/*.snapshotha.io.yaml; do
  cmp -s "$crd" "$chart/crds/$(basename "$crd")" || {
    echo "FAIL charts/snapshot-ha/crds/$(basename "$crd") differs from crds/: run \`snapshotha manifests\`" >&2; exit 1; }
done
[ "$(ls "$chart/crds" | wc -l)" -eq "$(ls "$root"/crds/*.snapshotha.io.yaml | wc -l)" ] || {
  echo "FAIL charts/snapshot-ha/crds has files that crds/ does not" >&2; exit 1; }
for file in role.yaml leader_election_role.yaml; do
  cmp -s "$root/config/rbac/$file" "$chart/files/rbac/$file" || {
    echo "FAIL charts/snapshot-ha/files/rbac/$file differs from config/rbac/$file: run \`snapshotha manifests\`" >&2; exit 1; }
done
echo "ok   chart CRDs and RBAC files equal crds/ and config/rbac/"

"$helm" lint --strict "$chart"
"$helm" lint --strict "$chart" --set serviceMonitor.enabled=true --set repository.persistence.existingClaim=repo \
  --set replicaCount=1 --set operator.leaderElection.enabled=false

must_fail "replicaCount=two (values.schema.json)" "$helm" lint --strict "$chart" --set replicaCount=two
must_fail "unknown top-level key (values.schema.json)" "$helm" lint --strict "$chart" --set replicas=2
must_fail "image.pullPolicy=Sometimes (values.schema.json)" "$helm" lint --strict "$chart" --set image.pullPolicy=Sometimes
must_fail "podSecurityContext.runAsNonRoot=false (values.schema.json)" "$helm" template r "$chart" --set podSecurityContext.runAsNonRoot=false
must_fail "2 replicas without leader election" "$helm" template r "$chart" --set operator.leaderElection.enabled=false
must_fail "dashboards.labels as a string (values.schema.json)" "$helm" lint --strict "$chart" --set dashboards.labels=yes

# The dashboard and the alerts are copies of config/grafana and config/prometheus (.Files.Get cannot reach outside).
cmp -s "$root/config/grafana/snapshotha.json" "$chart/files/grafana/snapshotha.json" || {
  echo "FAIL charts/snapshot-ha/files/grafana/snapshotha.json differs from config/grafana/snapshotha.json: copy it" >&2; exit 1; }
cmp -s "$root/config/prometheus/snapshotha.rules.yaml" "$chart/files/prometheus/snapshotha.rules.yaml" || {
  echo "FAIL charts/snapshot-ha/files/prometheus/snapshotha.rules.yaml differs from config/prometheus/snapshotha.rules.yaml: copy it" >&2; exit 1; }
"$helm" lint --strict "$chart" --set dashboards.enabled=true --set alerts.enabled=true

"$helm" template snapshotha "$chart" --namespace snapshotha-system --include-crds > "$work/default.yaml"
"$helm" template snapshotha "$chart" --namespace ops --include-crds --set serviceMonitor.enabled=true \
  --set repository.persistence.existingClaim=shared-repo --set image.digest=sha256:$(printf 'ab%.0s' {1..32}) \
  --set 'operator.extraEnv[0].name=OTEL_EXPORTER_OTLP_ENDPOINT' --set 'operator.extraEnv[0].value=http://otel:4317' \
  --set operator.watchNamespace=vms > "$work/options.yaml"
"$helm" template snapshotha "$chart" --include-crds --set replicaCount=1 --set operator.leaderElection.enabled=false \
  --set repository.persistence.enabled=false --set podDisruptionBudget.enabled=false > "$work/minimal.yaml"
"$helm" template snapshotha "$chart" --namespace monitoring --set dashboards.enabled=true --set alerts.enabled=true \
  --set alerts.labels.release=kube-prometheus-stack --set dashboards.annotations.grafana_folder=SnapshotHA > "$work/observability.yaml"
validate "$work/default.yaml" "$work/options.yaml" "$work/minimal.yaml" "$work/observability.yaml"

# What the default rendering must contain (a broken template that still renders valid YAML is caught here).
node --input-type=module - "$modules" "$work/default.yaml" "$work/options.yaml" "$work/observability.yaml" "$root" <<'JS'
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
const [modules, defaults, options, observability, root] = process.argv.slice(2);
const YAML = await import(pathToFileURL(join(modules, "yaml/dist/index.js")).href);
const load = (f) => YAML.parseAllDocuments(readFileSync(f, "utf8")).map((d) => d.toJS()).filter(Boolean);
const expect = (ok, what) => { if (!ok) { console.error(`FAIL chart: ${what}`); process.exit(1); } };
const docs = load(defaults);
const one = (kind) => docs.filter((d) => d.kind === kind);
const [deployment] = one("Deployment");
const pod = deployment.spec.template.spec;
const [c] = pod.containers;
expect(deployment.spec.replicas === 2, "2 replicas by default");
expect(c.env.some((e) => e.name === "SNAPSHOTHA_LEADER_ELECTION" && e.value === "true"), "leader election on");
expect(c.livenessProbe.httpGet.path === "/healthz" && c.readinessProbe.httpGet.path === "/readyz", "probes on /healthz and /readyz");
expect(pod.securityContext.runAsNonRoot === true && pod.securityContext.seccompProfile.type === "RuntimeDefault", "non-root, seccomp RuntimeDefault");
expect(c.securityContext.readOnlyRootFilesystem === true && c.securityContext.allowPrivilegeEscalation === false, "read-only root, no escalation");
expect(JSON.stringify(c.securityContext.capabilities.drop) === '["ALL"]', "drop ALL capabilities");
expect(c.resources.requests.cpu && c.resources.limits.memory, "resources");
expect(c.volumeMounts.some((m) => m.mountPath === "/tmp") && pod.volumes.some((v) => v.name === "tmp" && v.emptyDir), "emptyDir /tmp");
expect(pod.serviceAccountName === one("ServiceAccount")[0].metadata.name, "pod uses the chart's service account");
expect(one("Service")[0].spec.ports[0].targetPort === "http", "Service targets the http port");
expect(one("ServiceMonitor").length === 0, "no ServiceMonitor by default");
expect(one("PersistentVolumeClaim")[0]?.metadata.name === "snapshotha-repository", "repository PVC");
expect(one("CustomResourceDefinition").length === 5, "5 CRDs");
const opts = load(options);
expect(opts.some((d) => d.kind === "ServiceMonitor" && d.spec.endpoints[0].path === "/metrics"), "ServiceMonitor on /metrics when enabled");
expect(!opts.some((d) => d.kind === "PersistentVolumeClaim"), "no PVC with existingClaim");
expect(opts.find((d) => d.kind === "Deployment").spec.template.spec.containers[0].image.includes("@sha256:"), "image by digest");
expect(!docs.some((d) => d.kind === "PrometheusRule" || (d.kind === "ConfigMap" && d.metadata.labels?.grafana_dashboard)), "no dashboard or alerts by default");
const obs = load(observability);
const dashboard = obs.find((d) => d.kind === "ConfigMap" && d.metadata.labels?.grafana_dashboard === "1");
expect(dashboard && dashboard.metadata.annotations?.grafana_folder === "SnapshotHA", "dashboard ConfigMap with the sidecar label and annotations");
expect(isDeepStrictEqual(JSON.parse(dashboard.data["snapshotha.json"]), JSON.parse(readFileSync(join(root, "config/grafana/snapshotha.json"), "utf8"))), "dashboard JSON equals config/grafana/snapshotha.json");
const rule = obs.find((d) => d.kind === "PrometheusRule");
const groups = YAML.parse(readFileSync(join(root, "config/prometheus/snapshotha.rules.yaml"), "utf8")).groups;
expect(rule && rule.metadata.labels.release === "kube-prometheus-stack" && isDeepStrictEqual(rule.spec.groups, groups), "PrometheusRule groups equal config/prometheus/snapshotha.rules.yaml");
console.log("ok   chart dashboards and alerts toggles: ConfigMap and PrometheusRule equal config/grafana and config/prometheus");
console.log("ok   chart defaults: 2 replicas, leader election, probes, non-root, read-only root, drop ALL, seccomp, /tmp, PVC");
JS

# RBAC and CRDs equal to the generated config/rbac and crds/ (through kustomize, as config/default installs them).
"$kubectl" kustomize "$root/config/default" > "$work/kustomize.yaml"
same_crds_and_rbac "$work/default.yaml" "$work/kustomize.yaml"
"$helm" template snapshotha "$chart" --include-crds --set rbac.create=false > "$work/norbac.yaml"
must_fail "comparison of a rendering without RBAC" same_crds_and_rbac "$work/norbac.yaml" "$work/kustomize.yaml"
echo "chart checks passed"
