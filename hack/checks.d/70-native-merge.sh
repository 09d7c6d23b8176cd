#!/usr/bin/env bash
# The Native AOT `snapshotha` (operator/SnapshotHa.Native), the merge Job entry point of the image: publishes it
# (zero AOT/trim warnings: warnings are errors), then seeds a repository and merges one delta with it, materializes
# the image and compares it byte for byte with qemu-img's view of the chain, verifies the repository, checks that a
# bad --disk is a clear usage error, that other commands reach the managed operator through exec, and that the
# sandbox's merge Jobs commit exact images when they run the native binary (SNAPSHOTHA_MERGE_BINARY).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d /tmp/snapshotha-native.XXXXXX)"
trap 'rm -rf "$work"' EXIT
fail() { echo "native merge check: $*" >&2; exit 1; }

start=$SECONDS
dotnet publish "$root/operator/SnapshotHa.Native" -c Release -r linux-x64 -o "$work/app" -nologo -v q
echo "Native AOT publish: $((SECONDS - start)) s"
bin="$work/app/snapshotha"
[ -x "$bin" ] || fail "no executable $bin after publish"
managed="$root/operator/SnapshotHa.Operator/bin/Release/net10.0/snapshotha"
[ -x "$managed" ] || dotnet build "$root/operator/SnapshotHa.Operator" -c Release -nologo -v q
cd "$work"

# Seed: a flat 8 MiB base with data; delta: a monolithicSparse child with scattered writes.
qemu-img create -q -f vmdk -o subformat=monolithicFlat base.vmdk 8M
qemu-io -f vmdk -c 'write -P 0x5a 0 3M' -c 'write -P 0x33 6M 512k' base.vmdk >/dev/null
qemu-img create -q -f vmdk -o subformat=monolithicSparse -b base.vmdk -F vmdk child.vmdk
qemu-io -f vmdk -c 'write -P 0x6b 512k 4k' -c 'write -P 0x7c 7M 512' -c 'write -P 0x01 2047k 130k' child.vmdk >/dev/null

seed=$("$bin" merge --repo repo --series vm-1 --disk scsi0:0=base.vmdk --point-in-time 2026-01-31T12:00:00Z 2>seed.err | tail -1)
[[ "$seed" =~ ^[0-9a-f]{32}$ ]] || { cat seed.err >&2; fail "seed printed '$seed', not an image id"; }
child=$("$bin" merge --repo repo --series vm-1 --parent "$seed" --disk scsi0:0=child.vmdk --result-file repo/results/child.json 2>child.err | tail -1)
[[ "$child" =~ ^[0-9a-f]{32}$ && "$child" != "$seed" ]] || { cat child.err >&2; fail "child merge printed '$child'"; }
grep -q "\"manifestId\": \"$child\"" repo/results/child.json || fail "the result file does not name $child"

"$bin" repo materialize --repo repo --image "$child" --disk scsi0:0 --out out/restored.vmdk 2>/dev/null
qemu-img convert -f vmdk -O raw out/restored.vmdk ours.raw
qemu-img convert -f vmdk -O raw child.vmdk oracle.raw
cmp ours.raw oracle.raw || fail "the materialized image differs from qemu-img's view of the chain"
"$bin" repo verify --repo repo > verify.out || fail "repo verify exited $?: $(cat verify.out)"
grep -q '^OK: 2 images' verify.out || fail "repo verify printed: $(cat verify.out)"
"$bin" repo ls --repo repo | grep "$child" > /dev/null || fail "repo ls does not list $child"
"$bin" repo sync --repo repo --to mirror >/dev/null || fail "repo sync exited $?"
"$bin" repo verify --repo mirror | grep '^OK: 2 images' > /dev/null || fail "the synced copy does not verify"

# Managed and native commit the identical image from the same inputs (image ids are content hashes).
same=$("$managed" merge --repo managed-repo --series vm-1 --disk scsi0:0=base.vmdk --point-in-time 2026-01-31T12:00:00Z 2>/dev/null | tail -1)
[ "$same" = "$seed" ] || fail "the managed merge committed $same, the native one $seed"

code=0; "$bin" merge --repo repo --series vm-1 --disk nokey 2>bad.err || code=$?
[ "$code" = 2 ] || fail "a bad --disk exited $code, not 2"
grep -q -- "--disk 'nokey' is not KEY=LAYER" bad.err || fail "a bad --disk printed: $(cat bad.err)"

# Other commands exec the managed operator (SNAPSHOTHA_OPERATOR, else operator/snapshotha beside the binary).
SNAPSHOTHA_OPERATOR="$managed" "$bin" manifests --help > manifests.out || fail "manifests --help through the native front exited $?"
grep -q -- '--output' manifests.out || fail "manifests --help did not reach the operator: $(cat manifests.out)"
SNAPSHOTHA_OPERATOR="$managed" "$bin" --help | grep '^  operator' > /dev/null || fail "--help through the native front does not list 'operator'"
code=0; SNAPSHOTHA_OPERATOR="$work/missing/snapshotha" "$bin" manifests 2>missing.err || code=$?
[ "$code" = 2 ] && grep -q "$work/missing/snapshotha" missing.err || fail "a missing operator exited $code: $(cat missing.err)"
"$bin" --version | grep '^[0-9]' > /dev/null || fail "--version printed no version"

# Executor Job in the sandbox with the native binary as the Jobs' `snapshotha` (as in the image): exact images.
tests="$root/tests/SnapshotHa.Operator.Tests"
[ -f "$tests/bin/Release/net10.0/SnapshotHa.Operator.Tests.dll" ] || dotnet build "$tests" -c Release -nologo -v q
SNAPSHOTHA_MERGE_BINARY="$bin" dotnet test "$tests" -c Release --no-build --nologo \
  --filter "FullyQualifiedName~EndToEnd.MergeJobEndToEndTests" >e2e.log 2>&1 || { cat e2e.log >&2; fail "the sandbox's merge Jobs failed with the native binary"; }
grep -q "Passed: *1" e2e.log || { cat e2e.log >&2; fail "the merge Job end-to-end test did not run"; }
echo "native merge check: OK (seed $seed, child $child; $((SECONDS - start)) s in total)"
