#!/usr/bin/env bash
# Partition trials beyond CI: the host of the protected VM is partitioned TRIALS times (default 50) with fencing
# Required; each trial waits a random time in Fencing, then either heals the host or has a person power the original
# off and confirm. The run fails if a copy was ever activated while the original could still run (two running
# copies in the simulator at one sample), and prints each trial's resolution.
#   tests/trials/failover-trials.sh [TRIALS]
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
SNAPSHOTHA_FAILOVER_TRIALS="$trials" dotnet test tests/SnapshotHa.Operator.Tests -c Release --no-build \
  --filter "FullyQualifiedName~PartitionTrials" \
  --logger "console;verbosity=detailed" 2>&1 | tee /dev/stderr | grep -E "^ *failover trials:" || {
  echo "failover trials failed" >&2
  exit 1
}
