#!/usr/bin/env bash
# Builds the ESXi simulator launcher (tests/vcsim) offline against Debian's govmomi, in GOPATH mode, with one
# performance patch of the simulator's property collector applied through `go build -overlay`
# (tests/vcsim/patch-property-collector.sh says what and why).
# Output: $SNAPSHOTHA_CACHE/vcsim/vcsim-launcher; skipped when the sources did not change since the last build.
set -euo pipefail
root="${SNAPSHOTHA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cache="${SNAPSHOTHA_CACHE:-$root/hack/.cache}"
out="$cache/vcsim"
src="$root/tests/vcsim"
mkdir -p "$out"
[ -n "${HOME:-}${XDG_CACHE_HOME:-}${GOCACHE:-}" ] || export GOCACHE="$cache/go-build"
stamp="$(cd "$src" && cat $(ls ./*.go | grep -v '_test\.go$' | sort) patch-property-collector.sh | sha256sum | cut -d' ' -f1)-$(go version | cut -d' ' -f3)"
if [ -x "$out/vcsim-launcher" ] && [ "$(cat "$out/source.sha256" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
test -d /usr/share/gocode/src/github.com/vmware/govmomi/simulator || {
  echo "govmomi sources missing: install golang-github-vmware-govmomi-dev (hack/setup.d/10-apt.sh)" >&2; exit 1; }
collector=/usr/share/gocode/src/github.com/vmware/govmomi/simulator/property_collector.go
"$src/patch-property-collector.sh" "$collector" "$out/property_collector.go"
printf '{"Replace":{"%s":"%s"}}\n' "$collector" "$out/property_collector.go" > "$out/overlay.json"
(cd "$src" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= go build -overlay "$out/overlay.json" -o "$out/vcsim-launcher.tmp" .)
mv "$out/vcsim-launcher.tmp" "$out/vcsim-launcher"
echo "$stamp" > "$out/source.sha256"
echo "built $out/vcsim-launcher"
