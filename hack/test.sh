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
dotnet test SnapshotHa.sln -c Release --no-build --filter "$filter" --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=1800000
for check in "$root"/hack/checks.d/*.sh; do
  [ -e "$check" ] || continue
  echo "==> check: $(basename "$check")"
  bash "$check"
done
echo "All tests passed."
