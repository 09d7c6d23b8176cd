#!/usr/bin/env bash
# kustomize: config/default, config/samples and config/argocd rendered by the real kubectl 1.32 and validated offline;
# the validators themselves must reject hack/testdata/invalid-manifests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/manifest-tools.sh"
for dir in default samples argocd; do
  "$kubectl" kustomize "$root/config/$dir" > "$work/$dir.yaml"
done
validate "$work/default.yaml" "$work/samples.yaml" "$work/argocd.yaml"
reject "$root"/hack/testdata/invalid-manifests/*.yaml
grep -q '^  namespace: snapshotha-system$' "$work/default.yaml" || { echo "FAIL config/default: namespace" >&2; exit 1; }
grep -q '^    grafana_dashboard: "1"$' "$work/default.yaml" || { echo "FAIL config/default: no dashboard ConfigMap with the grafana_dashboard label" >&2; exit 1; }
grep -q '^kind: PrometheusRule$' "$work/default.yaml" || { echo "FAIL config/default: no PrometheusRule" >&2; exit 1; }
echo "kustomize checks passed"
