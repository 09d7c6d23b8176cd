#!/usr/bin/env bash
# Crash safety of `snapshotha merge`: SIGKILL it at random points, then check that every committed image still
# verifies and that re-running the merge commits the identical manifest (same id, same bytes).
#   tests/crash/merge-kill.sh [TRIALS]      default 100 trials; hack/checks.d runs a short variant
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
trials="${1:-100}"
bin="$root/operator/SnapshotHa.Operator/bin/Release/net10.0/snapshotha"
[ -x "$bin" ] || dotnet build "$root/operator/SnapshotHa.Operator" -c Release -nologo -v q
work="$(mktemp -d /tmp/snapshotha-crash.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# A 96 MiB base with data and a delta of ~24 MiB of scattered writes (hosted sparse child).
qemu-img create -q -f vmdk -o subformat=monolithicFlat base.vmdk 96M
qemu-io -f vmdk -c 'write -P 0x11 0 40M' -c 'write -P 0x22 60M 20M' base.vmdk >/dev/null
qemu-img create -q -f vmdk -b base.vmdk -F vmdk child.vmdk
cmds=()
for i in $(seq 1 300); do
  cmds+=(-c "write -P $((i % 250 + 1)) $(( (RANDOM * 32768 + RANDOM) % (96 * 2048 - 160) * 512 )) $(( (RANDOM % 160 + 1) * 512 ))")
done
qemu-io -f vmdk "${cmds[@]}" child.vmdk >/dev/null

seed_args=(merge --series vm --disk scsi0:0=base.vmdk --point-in-time 2026-01-01T00:00:00Z)
child_args=(merge --series vm --disk scsi0:0=child.vmdk --point-in-time 2026-01-01T00:10:00Z)

# Reference: uninterrupted runs.
start=$(date +%s%N)
seed_id=$("$bin" "${seed_args[@]}" --repo ref 2>/dev/null | tail -1)
seed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
cp -a ref seeded
start=$(date +%s%N)
child_id=$("$bin" "${child_args[@]}" --repo ref --parent "$seed_id" 2>/dev/null | tail -1)
child_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "reference: seed $seed_id (${seed_ms} ms), child $child_id (${child_ms} ms)"

killed=0 completed=0
for trial in $(seq 1 "$trials"); do
  rm -rf repo
  if (( trial % 2 )); then
    kind=seed; mkdir repo; args=("${seed_args[@]}"); expect="$seed_id"; limit=$seed_ms
  else
    kind=child; cp -a seeded repo; args=("${child_args[@]}" --parent "$seed_id"); expect="$child_id"; limit=$child_ms
  fi
  delay_ms=$(( RANDOM % (limit + 50) ))
  "$bin" "${args[@]}" --repo repo >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '0.%03d' "$delay_ms")" 2>/dev/null || sleep "$((delay_ms / 1000))"
  if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); else completed=$((completed + 1)); fi
  wait "$pid" 2>/dev/null || true

  # Every committed image verifies (an empty repository, or one without repository.json yet, has none).
  if [ -f repo/repository.json ]; then
    "$bin" repo verify --repo repo >/dev/null 2>verify.err || { echo "trial $trial ($kind, kill at ${delay_ms} ms): verify failed"; cat verify.err; exit 1; }
  fi
  # The re-run commits the identical manifest.
  got=$("$bin" "${args[@]}" --repo repo 2>/dev/null | tail -1)
  if [ "$got" != "$expect" ] || ! cmp -s "repo/images/$expect.json" "ref/images/$expect.json"; then
    echo "trial $trial ($kind, kill at ${delay_ms} ms): re-run produced '$got', expected '$expect' with identical bytes"; exit 1
  fi
  "$bin" repo verify --repo repo >/dev/null || { echo "trial $trial: verify after re-run failed"; exit 1; }
done
echo "merge-kill: $trials trials passed ($killed killed mid-run, $completed finished before the kill)"
