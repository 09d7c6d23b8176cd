#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: the README's test command and what .ci/run calls.
#   hack/test.sh                 all CI tests (long soak, fuzz and benchmark runs live in their own scripts)
#   hack/test.sh --filter EXPR   pass a dotnet test filter through
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash hack/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build SnapshotHa.sln -c Release
filter="Category!=Long"
if [ "${1:-}" = "--filter" ]; then filter="$2"; fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test SnapshotHa.sln -c Release --no-build --filter "$filter" --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=1800000 \
  2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
  # The suites run in parallel and interleave their output: name what failed once more at the end.
  echo "==> failed tests (exit $status):"
  grep -E -A8 '^\s+Failed [A-Za-z_]+\.' "$log" | cut -c1-400 | head -150 || echo "(no test named as failed; see the output above)"
  exit "$status"
fi
for check in "$root"/hack/checks.d/*.sh; do
  [ -e "$check" ] || continue
  echo "==> check: $(basename "$check")"
  bash "$check"
done
echo "All tests passed."
