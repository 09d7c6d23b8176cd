#!/usr/bin/env bash
# The main job on one machine: sets up a fresh machine, builds `snapshotha`, and runs `snapshotha sandbox`: the sandbox
# Kubernetes API server with the SnapshotHA CRDs, the ESXi simulator with a guest-write workload, and the operator
# protecting every simulated VM. Progress (phase, RPO, latest image, merge time and throughput per VM) is printed;
# `kubectl --kubeconfig .work/kubeconfig get pvm,ri` works from another terminal.
#   hack/run.sh [--for DURATION] [--vms N] [--disks-per-vm N] [--hosts N] [--executor Job|InProcess]
#     stop by itself after DURATION, e.g. 90s (default: run until Ctrl-C); merges run as Jobs (default) or in process
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --for|--vms|--disks-per-vm|--hosts|--executor) args+=("$1" "$2"); shift 2 ;;
    *) echo "usage: hack/run.sh [--for DURATION] [--vms N] [--disks-per-vm N] [--hosts N] [--executor Job|InProcess]" >&2; exit 2 ;;
  esac
done

bash hack/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build operator/SnapshotHa.Operator -c Release -v quiet -nologo
snapshotha=(dotnet "$root/operator/SnapshotHa.Operator/bin/Release/net10.0/snapshotha.dll")
mkdir -p .work

echo "==> snapshotha plan for the paper's two worked examples"
"${snapshotha[@]}" plan --snapshot-time 5s --budget 1%
"${snapshotha[@]}" plan --snapshot-time 60s --budget 8%-10%
echo
echo "==> snapshotha sandbox ${args[*]:-}"
exec "${snapshotha[@]}" sandbox --kubeconfig "$root/.work/kubeconfig" "${args[@]}"
