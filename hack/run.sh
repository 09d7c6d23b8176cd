#!/usr/bin/env bash
# The main job on one machine: sets up a fresh machine, builds `snapshotha`, starts the sandbox Kubernetes API server
# with the SnapshotHA CRDs, applies config/samples with the real kubectl, shows what the API holds, and keeps serving
# so that `kubectl --kubeconfig .work/kubeconfig get snapshotha` works from another terminal.
#   hack/run.sh [--for SECONDS]      stop by itself after SECONDS (default: run until Ctrl-C)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
duration=""
if [ "${1:-}" = "--for" ]; then duration="$2"; fi

bash hack/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build operator/SnapshotHa.Operator -c Release -v quiet -nologo
snapshotha=(dotnet "$root/operator/SnapshotHa.Operator/bin/Release/net10.0/snapshotha.dll")
kubectl="${SNAPSHOTHA_KUBECTL:-$root/hack/.cache/tools/kubectl/kubectl}"
mkdir -p .work
kubeconfig="$root/.work/kubeconfig"

"${snapshotha[@]}" sandbox --api-only --kubeconfig "$kubeconfig" > .work/sandbox.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  grep -q "ready" .work/sandbox.log 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat .work/sandbox.log; exit 1; }
  sleep 0.2
done
head -n 1 .work/sandbox.log

echo "==> kubectl apply -k config/samples"
"$kubectl" --kubeconfig "$kubeconfig" apply -k config/samples
echo "==> kubectl get snapshotha"
"$kubectl" --kubeconfig "$kubeconfig" get snapshotha
echo "==> snapshotha plan for the paper's two worked examples"
"${snapshotha[@]}" plan --snapshot-time 5s --budget 1%
"${snapshotha[@]}" plan --snapshot-time 60s --budget 8%-10%
echo
echo "The API server keeps serving: KUBECONFIG=$kubeconfig $kubectl get pvm,sp,vsep,ri,fo"
if [ -n "$duration" ]; then sleep "$duration"; else wait "$server"; fi
