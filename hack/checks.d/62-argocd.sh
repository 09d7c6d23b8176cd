#!/usr/bin/env bash
# Argo CD: the health scripts (Lua) run with Debian's lua5.1 against sample objects of every kind (Healthy,
# Progressing, Degraded, Suspended), the sample objects and Applications validate, argocd-cm-health.yaml is current.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/manifest-tools.sh"
command -v lua5.1 >/dev/null || { echo "lua5.1 missing: run hack/setup.sh (hack/setup.d/10-apt.sh)" >&2; exit 1; }
customizations="$root/config/argocd/resource_customizations"
node "$root/hack/lib/argocd-health.mjs" test --modules "$modules" "$customizations"
node "$root/hack/lib/argocd-health.mjs" check --modules "$modules" "$customizations" "$root/config/argocd/argocd-cm-health.yaml"
validate "$customizations"/*/*/testdata/*.yaml "$root"/config/argocd/application-*.yaml "$root/config/argocd/argocd-cm-health.yaml"

# The runner must notice a script that answers wrongly.
cp -r "$customizations" "$work/broken"
sed -i 's/hs.status = "Suspended"/hs.status = "Healthy"/' "$work/broken/snapshotha.io/ProtectedVM/health.lua"
must_fail "a ProtectedVM health script reporting Healthy for a paused VM" \
  node "$root/hack/lib/argocd-health.mjs" test --modules "$modules" "$work/broken"
echo "argocd checks passed"
