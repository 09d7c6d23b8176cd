#!/usr/bin/env bash
# kustomize (the one built into the real kubectl) renders the generated CRDs and the samples.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
kubectl="${SNAPSHOTHA_KUBECTL:-$root/hack/.cache/tools/kubectl/kubectl}"
crds=$("$kubectl" kustomize "$root/config/crd" | grep -c '^kind: CustomResourceDefinition$')
[ "$crds" -eq 5 ] || { echo "kubectl kustomize config/crd rendered $crds CRDs, expected 5" >&2; exit 1; }
"$kubectl" kustomize "$root/config/rbac" | grep -q '^kind: ClusterRole$' || { echo "config/rbac renders no ClusterRole" >&2; exit 1; }
"$kubectl" kustomize "$root/config/samples" | grep -q '^kind: ProtectedVM$' || { echo "config/samples renders no ProtectedVM" >&2; exit 1; }
echo "kustomize: config/crd (5 CRDs), config/rbac and config/samples render"
