#!/usr/bin/env bash
# Offline validators for rendered manifests (hack/checks.d/60-manifests.sh): the npm kubernetes-models schemas for
# built-in kinds, prometheus-operator and Argo CD kinds, ajv for our own CRDs' openAPIV3Schema, and a YAML parser.
# Installed under $SNAPSHOTHA_CACHE/manifest-validators; skipped when the pinned set is already there.
set -euo pipefail
cache="${SNAPSHOTHA_CACHE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/hack/.cache}"
target="$cache/manifest-validators"
packages=(kubernetes-models@5.1.0 @kubernetes-models/prometheus-operator@6.0.0 @kubernetes-models/argo-cd@4.0.0
  ajv@8.20.0 ajv-formats@3.0.1 yaml@2.9.1)
stamp="${packages[*]}"
if [ -f "$target/installed" ] && [ "$(cat "$target/installed")" = "$stamp" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is required for the manifest validators" >&2; exit 1; }
mkdir -p "$target"
rm -f "$target/installed"
npm install --prefix "$target" --no-audit --no-fund --loglevel=error --save-exact "${packages[@]}"
echo "$stamp" > "$target/installed"
