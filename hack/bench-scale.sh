#!/usr/bin/env bash
# Scale benchmark: one operator replica (its own `snapshotha operator` process, merges in process) against the
# sandbox API server and the simulator's vCenter model with 20 hosts and N VMs (one 1 MiB disk each, guest workload
# off), for each N:
#   hack/bench-scale.sh [--sizes 100,500,1000,2000] [--hosts 20] [--cycle-interval D] [--window 60s] [--in-process [--workers W]]
# Without --cycle-interval each size gets max(60 s, N x 0.2 s): 5 cycles a second at every N from 300 on, a rate the
# 2-core machine sustains next to the API server and the simulator (docs/scale.md).
# Each size runs `snapshotha sandbox --scale-report FILE --vms N ...` (see docs/scale.md for what it measures) and
# prints one table row. Environment: SNAPSHOTHA_BIN=/path/snapshotha (default: the Release build, built when missing),
# BENCH_RESULTS=dir (the JSON reports, default a temp dir, kept).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="100,500,1000,2000"
interval=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --cycle-interval) interval="$2"; shift 2 ;;
    --hosts|--window|--workers) extra+=("$1" "$2"); shift 2 ;;
    --in-process) extra+=("$1"); shift ;;
    *) echo "bench-scale.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case " ${extra[*]} " in *" --hosts "*) ;; *) extra+=(--hosts 20) ;; esac
bin="${SNAPSHOTHA_BIN:-$root/operator/SnapshotHa.Operator/bin/Release/net10.0/snapshotha}"
if [ ! -x "$bin" ]; then
  dotnet build "$root/operator/SnapshotHa.Operator" -c Release -nologo -v q >/dev/null
fi
results="${BENCH_RESULTS:-$(mktemp -d /tmp/snapshotha-scale-XXXXXX)}"
mkdir -p "$results"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); reports in $results" >&2
rows=()
IFS=',' read -ra list <<< "$sizes"
for n in "${list[@]}"; do
  report="$results/scale-$n.json"
  every="${interval:-$(( n * 2 / 10 > 60 ? n * 2 / 10 : 60 ))s}"
  echo "== $n VMs: $bin sandbox --scale-report $report --vms $n --cycle-interval $every ${extra[*]}" >&2
  (cd "$root" && "$bin" sandbox --scale-report "$report" --vms "$n" --cycle-interval "$every" "${extra[@]}") >&2 || echo "bench-scale.sh: $n VMs: not all Protected (exit $?)" >&2
  if [ -f "$report" ]; then
    rows+=("$(jq -r '[
        .Vms, .CycleIntervalSeconds, "\(.Protected)/\(.Vms)", .SecondsToAllProtected,
        ((.SteadyReconcileSeconds[0] // 0) * 1000 | round), ((.SteadyReconcileSeconds[1] // 0) * 1000 | round),
        ((.RampReconcileSeconds[1] // 0) * 1000 | round),
        "\((.SteadyCycleSeconds[0] // 0) * 1000 | round) / \((.SteadyCycleSeconds[1] // 0) * 1000 | round)",
        .SteadyCycles, .MaxQueueDepth,
        .SteadyCpuPercent, .IdleCpuPercent, "\(.SteadyRssMiB) / \(.IdleRssMiB) (\(.PeakRssMiB))",
        "\(.ApiServerSteadyCpuPercent) / \(.ApiServerIdleCpuPercent)", .SimulatorSteadyCpuPercent,
        "\(.VimCallsPerVmCycle * 10 | round / 10) / \((.VimCallsPerCycleNetOfIdle // 0) * 10 | round / 10)",
        "\(.KubeCallsPerVmCycle * 10 | round / 10) / \((.KubeCallsPerCycleNetOfIdle // 0) * 10 | round / 10)",
        (.IdleVimCallsPerVmMinute * 10 | round / 10), (.IdleKubeCallsPerVmMinute * 10 | round / 10),
        "\(.LoadAverage[0])/\(.LoadAverage[1])"] | map(tostring) | join(" | ")' "$report")")
  fi
done
echo "| N | interval s | Protected | s to all Protected | reconcile p50 ms | p99 ms (steady) | p99 ms (ramp) | cycle p50 / p99 ms | cycles in window | max queue depth | operator CPU % steady | operator CPU % idle | operator RSS MiB steady / idle (peak) | API server CPU % steady / idle | simulator CPU % | vim25 calls/cycle (all / net of idle) | kube API calls/cycle (all / net of idle) | idle vim25/VM/min | idle kube/VM/min | load start/end |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for row in "${rows[@]}"; do echo "| $row |"; done
