#!/usr/bin/env bash
# Restart trials beyond CI: the operator is stopped at random cycle steps TRIALS times (default 50) while two VMs
# are protected; the run fails on any orphaned snapshot, duplicate or failed image, or inexact image, and prints
# where the operator was stopped and what was found.
#   tests/trials/restart-trials.sh [TRIALS]
# Needs the simulator launcher (hack/setup.d/20-vcsim.sh) like the CI end-to-end tests.
set -euo pipefail
trials="${1:-50}"
case "$trials" in
  '' | *[!0-9]*) echo "usage: $0 [TRIALS]   (TRIALS: a positive whole number)" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cd "$root"
dotnet build tests/SnapshotHa.Operator.Tests -c Release -v q -nologo
SNAPSHOTHA_RESTART_TRIALS="$trials" dotnet test tests/SnapshotHa.Operator.Tests -c Release --no-build \
  --filter "FullyQualifiedName~RestartAndFaultTests.Operator_stopped_at_random_steps" \
  --logger "console;verbosity=detailed" 2>&1 | tee /dev/stderr | grep -E "^ *restart trials:" || {
  echo "restart trials failed" >&2
  exit 1
}
