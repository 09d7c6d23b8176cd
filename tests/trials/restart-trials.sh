#!/usr/bin/env bash
# Restart trials beyond CI, TRIALS times each (default 50) while two VMs are protected:
#  1. the in-process operator is stopped at random cycle steps (in-flight work cancelled wherever it is);
#  2. `snapshotha operator` runs as a child process and is SIGKILLed at random cycle steps (2 VMs × 2 disks; the seed
#     is random per run and printed; SNAPSHOTHA_KILL_SEED=N replays one).
# The run fails on any orphaned snapshot, duplicate or failed image, inexact (1) or unverifiable (2) image, or
# protection that does not resume, and prints where the operator was stopped or killed and what was found.
#   tests/trials/restart-trials.sh [TRIALS]
# Needs the simulator launcher (hack/setup.d/20-vcsim.sh) like the CI end-to-end tests.
set -euo pipefail
trials="${1:-50}"
case "$trials" in
  '' | *[!0-9]* | 0) echo "usage: $0 [TRIALS]   (TRIALS: a positive whole number)" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cd "$root"
dotnet build tests/SnapshotHa.Operator.Tests -c Release -v q -nologo
run() {
  local filter="$1" summary="$2"
  dotnet test tests/SnapshotHa.Operator.Tests -c Release --no-build --filter "$filter" \
    --logger "console;verbosity=detailed" 2>&1 | tee /dev/stderr | grep -E "^ *$summary" || {
    echo "$summary failed" >&2
    exit 1
  }
}
SNAPSHOTHA_RESTART_TRIALS="$trials" run "FullyQualifiedName~RestartAndFaultTests.Operator_stopped_at_random_steps" "restart trials:"
SNAPSHOTHA_KILL_TRIALS="$trials" run "FullyQualifiedName~ProcessKillTrialTests.Operator_process_killed_at_random_steps_many_times" "kill trials: [0-9]+ SIGKILLs"
