# Sourced by the manifest checks (hack/checks.d/6*.sh): tool paths and the validator commands.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SNAPSHOTHA_ROOT="$root"
export SNAPSHOTHA_CACHE="${SNAPSHOTHA_CACHE:-$root/hack/.cache}"
bash "$root/hack/setup.d/30-kube-tools.sh"
bash "$root/hack/setup.d/50-manifest-validators.sh"
helm="${SNAPSHOTHA_HELM:-$SNAPSHOTHA_CACHE/tools/helm/helm}"
kubectl="${SNAPSHOTHA_KUBECTL:-$SNAPSHOTHA_CACHE/tools/kubectl/kubectl}"
modules="$SNAPSHOTHA_CACHE/manifest-validators/node_modules"
command -v node >/dev/null || { echo "node missing: install nodejs" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# validate FILE...: every document valid (built-in kinds, prometheus-operator, Argo CD, our CRDs).
validate() { node "$root/hack/lib/validate-manifests.mjs" --modules "$modules" --crds "$root/crds" "$@"; }
# reject FILE...: every document invalid.
reject() { node "$root/hack/lib/validate-manifests.mjs" --modules "$modules" --crds "$root/crds" --expect-invalid "$@"; }
# same_crds_and_rbac A B: both renderings install equal CRDs, ClusterRole rules and Role rules.
same_crds_and_rbac() { node "$root/hack/lib/compare-manifests.mjs" --modules "$modules" "$@"; }
# must_fail DESCRIPTION COMMAND...: the command must exit non-zero.
must_fail() {
  local what="$1"; shift
  if "$@" >"$work/must_fail.log" 2>&1; then
    echo "FAIL expected failure: $what" >&2; cat "$work/must_fail.log" >&2; exit 1
  fi
  echo "ok   rejected: $what ($(grep -m1 -E '^FAIL|[Ee]rror|invalid' "$work/must_fail.log" | cut -c1-160))"
}
