#!/usr/bin/env bash
# Debian packages the tests use: qemu-img (disk-format oracle), Go + govmomi (the ESXi simulator), lua (Argo CD health checks).
set -euo pipefail
packages=(qemu-utils golang-go golang-github-vmware-govmomi-dev lua5.1 afl++ time curl clang zlib1g-dev)  # afl++: hack/fuzz.sh; time: hack/bench-merge.sh; curl: hack/checks.d/65-prometheus-sandbox.sh; clang, zlib1g-dev: Native AOT publish (hack/checks.d/70-native-merge.sh)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" > /dev/null || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
