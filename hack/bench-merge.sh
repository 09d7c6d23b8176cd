#!/usr/bin/env bash
# Benchmark of `snapshotha merge` against `qemu-img commit` of a copy of the same chain and `cp` of the delta.
#   hack/bench-merge.sh [all|small|large|empty|sparse]    (default all; BENCH_DIR=/path for the scratch files)
# Cases:
#   small   2 GiB flat base of random data + ~256 MiB delta of random writes (hosted sparse child)
#   large   20 GiB flat base (BENCH_LARGE_FILL_GIB of random data, default 4, the rest holes) + ~1 GiB delta
#   empty   merge of an empty delta (fixed overhead): process wall time and the merge's own time
#   sparse  the same 64 MiB delta merged into a 2 GiB and into a 2 TiB sparse image
# Every delta is written by qemu-io from distinct random source buffers at 512-byte-aligned random offsets, so
# chunks neither compress nor deduplicate. Caches are warm for every tool (each input is read once before timing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-all}"
bin="${SNAPSHOTHA_BIN:-$root/operator/SnapshotHa.Operator/bin/Release/net10.0/snapshotha}"
[ -n "${SNAPSHOTHA_BIN:-}" ] || dotnet build "$root/operator/SnapshotHa.Operator" -c Release -nologo -v q >/dev/null
work="${BENCH_DIR:-$(mktemp -d /tmp/snapshotha-bench.XXXXXX)}"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cd "$work"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt package time)" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# timed NAME CMD... : runs CMD, records wall ms in $t_NAME and peak RSS KiB in $rss_NAME
timed() {
  local name="$1"; shift
  local start end
  start=$(now_ms)
  /usr/bin/time -f "%M" -o "time.$name" "$@" > "out.$name" 2> "err.$name" || { cat "err.$name" >&2; return 1; }
  end=$(now_ms)
  printf -v "t_$name" '%s' $(( end - start ))
  printf -v "rss_$name" '%s' "$(tail -1 "time.$name")"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
warm() { cat "$@" > /dev/null; }

# make_delta BASE CHILD TARGET_MIB RANGE_BYTES SEED: hosted sparse child with random writes until ~TARGET_MIB allocated
make_delta() {
  local base="$1" child="$2" target_mib="$3" range="$4" seed="$5"
  qemu-img create -q -f vmdk -b "$base" -F vmdk "$child"
  mkdir -p src
  for i in $(seq 0 63); do [ -f "src/$i" ] || head -c 262144 /dev/urandom > "src/$i"; done
  python3 - "$target_mib" "$range" "$seed" > cmds.txt <<'PY'
import random, sys
target, span, seed = int(sys.argv[1]) << 20, int(sys.argv[2]), int(sys.argv[3])
r = random.Random(seed); grains = set(); out = []
while len(grains) * 65536 < target:
    n = r.randint(8, 512) * 512
    off = r.randrange(0, span - n, 512)
    grains.update(range(off // 65536, (off + n - 1) // 65536 + 1))
    out.append(f"write -q -s src/{r.randrange(64)} {off} {n}")
print("\n".join(out))
PY
  local args=() line
  while read -r line; do args+=(-c "$line"); done < cmds.txt
  qemu-io -f vmdk "${args[@]}" "$child" > /dev/null
}

merge_case() {
  local label="$1" size="$2" fill_gib="$3" delta_mib="$4"
  rm -rf case && mkdir case && cd case
  qemu-img create -q -f vmdk -o subformat=monolithicFlat base.vmdk "$size"
  if [ "$fill_gib" -gt 0 ]; then
    head -c "${fill_gib}G" /dev/urandom | dd of=base-flat.vmdk conv=notrunc,sparse bs=4M status=none
  fi
  local bytes; bytes=$(qemu-img info --output=json base.vmdk | python3 -c 'import json,sys; print(json.load(sys.stdin)["virtual-size"])')
  make_delta base.vmdk child.vmdk "$delta_mib" "$bytes" 7
  local delta_size; delta_size=$(stat -c %s child.vmdk)
  "$bin" merge --repo repo --series bench --disk d=base.vmdk > seed.out 2> seed.err
  local parent; parent=$(tail -1 seed.out)
  mkdir -p commit && cp --sparse=always base.vmdk base-flat.vmdk child.vmdk commit/
  sync
  warm child.vmdk; timed merge "$bin" merge --repo repo --series bench --parent "$parent" --disk d=child.vmdk
  warm commit/child.vmdk commit/base-flat.vmdk; timed commit qemu-img commit -q -f vmdk commit/child.vmdk
  warm child.vmdk; timed cp cp child.vmdk delta-copy.vmdk
  rm -f delta-copy.vmdk; warm child.vmdk; timed cpsync sh -c 'cp child.vmdk delta-copy.vmdk && sync -d delta-copy.vmdk'
  local internal; internal=$(grep -o 'in [0-9]* ms' err.merge | grep -o '[0-9]*')
  printf '| %s | %d MiB | %d | %d | %d | %d | %s | %s | %s | %d |\n' "$label" $((delta_size >> 20)) "$t_merge" "$internal" "$t_commit" "$t_cpsync" \
    "$(ratio "$t_commit" "$t_merge")" "$(ratio "$t_merge" "$t_cp")" "$(ratio "$t_merge" "$t_cpsync")" $((rss_merge / 1024)) | tee -a "$work/results.md"
  cd "$work"; rm -rf case
}

empty_case() {
  rm -rf case && mkdir case && cd case
  qemu-img create -q -f vmdk -o subformat=monolithicFlat base.vmdk 2G
  head -c 256M /dev/urandom | dd of=base-flat.vmdk conv=notrunc,sparse bs=4M status=none
  qemu-img create -q -f vmdk -b base.vmdk -F vmdk empty.vmdk
  "$bin" merge --repo repo --series bench --disk d=base.vmdk > seed.out 2> seed.err
  local best_wall=999999 best_internal=999999
  for _ in 1 2 3 4 5; do
    timed empty "$bin" merge --repo repo --series bench --parent "$(tail -1 seed.out)" --disk d=empty.vmdk
    local internal; internal=$(grep -o 'in [0-9]* ms' err.empty | grep -o '[0-9]*')
    (( t_empty < best_wall )) && best_wall=$t_empty
    (( internal < best_internal )) && best_internal=$internal
  done
  echo "| empty delta into 2 GiB (process wall / merge itself / peak RSS, best of 5) | ${best_wall} ms | ${best_internal} ms | $((rss_empty / 1024)) MiB |" | tee -a "$work/results.md"
  cd "$work"; rm -rf case
}

sparse_case() {
  rm -rf case && mkdir case && cd case
  local line="| 64 MiB delta |"
  for size in 2G 2T; do
    qemu-img create -q -f vmdk "base-$size.vmdk" "$size"
    make_delta "base-$size.vmdk" "child-$size.vmdk" 64 $((2 << 30)) 11
    "$bin" merge --repo "repo-$size" --series bench --disk d="base-$size.vmdk" > seed.out 2> seed.err
    warm "child-$size.vmdk"
    timed "sparse$size" "$bin" merge --repo "repo-$size" --series bench --parent "$(tail -1 seed.out)" --disk d="child-$size.vmdk"
    local internal; internal=$(grep -o 'in [0-9]* ms' "err.sparse$size" | grep -o '[0-9]*')
    line+=" into $size: wall $(eval echo "\$t_sparse$size") ms (merge ${internal} ms), RSS $(( $(eval echo "\$rss_sparse$size") / 1024 )) MiB |"
  done
  echo "$line ratio 2T/2G $(ratio "$t_sparse2T" "$t_sparse2G")" | tee -a "$work/results.md"
  cd "$work"; rm -rf case
}

echo "snapshotha merge benchmark on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)" | tee "$work/results.md"
echo "| case | delta file | merge ms | merge itself ms | qemu-img commit ms | cp+fsync ms | commit/merge | merge/cp | merge/(cp+fsync) | merge peak RSS MiB |" | tee -a "$work/results.md"
echo "|---|---|---|---|---|---|---|---|---|---|" | tee -a "$work/results.md"
case "$what" in
  small) merge_case "2 GiB base" 2G 2 256 ;;
  large) merge_case "20 GiB base" 20G "${BENCH_LARGE_FILL_GIB:-4}" 1024 ;;
  empty) empty_case ;;
  sparse) sparse_case ;;
  all) merge_case "2 GiB base" 2G 2 256; merge_case "20 GiB base" 20G "${BENCH_LARGE_FILL_GIB:-4}" 1024; empty_case; sparse_case ;;
esac
cp "$work/results.md" "${BENCH_RESULTS:-/tmp/snapshotha-bench-results.md}"
