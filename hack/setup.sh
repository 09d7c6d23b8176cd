#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian 12 machine, idempotently.
# Every hack/setup.d/*.sh runs in name order; each one owns one concern (apt packages, simulator build, npm tools).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SNAPSHOTHA_ROOT="$root"
export SNAPSHOTHA_CACHE="${SNAPSHOTHA_CACHE:-$root/hack/.cache}"
mkdir -p "$SNAPSHOTHA_CACHE"
for step in "$root"/hack/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "==> setup: $(basename "$step")"
  bash "$step"
done
