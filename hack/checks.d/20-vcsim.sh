#!/usr/bin/env bash
# ESXi simulator launcher: unit tests of the COWD writer and consolidation, then end-to-end tests that start the
# built launcher, take snapshots over SOAP, write guest data, consolidate, inject faults and compare with qemu-img.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SNAPSHOTHA_ROOT="$root"
export SNAPSHOTHA_CACHE="${SNAPSHOTHA_CACHE:-$root/hack/.cache}"
command -v qemu-img >/dev/null || { echo "qemu-img missing: run hack/setup.sh (qemu-utils)" >&2; exit 1; }
command -v go >/dev/null || { echo "go missing: run hack/setup.sh (golang-go)" >&2; exit 1; }
bash "$root/hack/setup.d/20-vcsim.sh"
[ -n "${HOME:-}${XDG_CACHE_HOME:-}${GOCACHE:-}" ] || export GOCACHE="$SNAPSHOTHA_CACHE/go-build"
cd "$root/tests/vcsim"
GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= VCSIM_LAUNCHER="$SNAPSHOTHA_CACHE/vcsim/vcsim-launcher" \
  go test -tags e2e -count=1 .
