#!/usr/bin/env bash
# Benchmark of `snapshotha merge` against `qemu-img commit` of a copy of the same chain and `cp` of the delta.
#   hack/bench-merge.sh [--skip-large] [all|small|large|empty|sparse|ab]    (default all)
# Environment: BENCH_DIR=/path (scratch files), BENCH_RUNS=N (runs per timed command, default 3; medians are
# printed), BENCH_R2R=1 (benchmark the managed operator's ReadyToRun publish instead of the Native AOT one, the
# merge Job entry point of the container image), BENCH_NATIVE=0 (the managed Release build instead; also the
# fallback when the Native AOT publish fails), SNAPSHOTHA_BIN=/path/snapshotha (benchmark that binary),
# BENCH_RESULTS=file (copy of the table), BENCH_KEEP=1 (keep the scratch files, e.g. to rerun a merge by hand).
# Cases:
#   small   2 GiB flat base of random data + ~256 MiB delta of random writes (hosted sparse child)
#   large   20 GiB flat base (BENCH_LARGE_FILL_GIB of random data, default 4, the rest holes) + ~1 GiB delta
#   empty   merge of an empty delta (fixed overhead): process wall time and the merge's own time
#   sparse  the same 64 MiB delta merged into a 2 GiB and into a 2 TiB sparse image
#   ab      A/B of merge binaries on the small case, interleaved: BENCH_AB="old=/path/snapshotha new=/path/snapshotha"
#           (default: the binary above as "current"), BENCH_RUNS rounds (the order alternates every round),
#           BENCH_PAUSE=S seconds of idleness before each merge (default 0: back to back); prints every run (wall,
#           merge itself, user and sys CPU, peak RSS, load) and the medians
# Every delta is written by qemu-io from distinct random source buffers at 512-byte-aligned random offsets, so
# chunks neither compress nor deduplicate. Caches are warm for every tool (each input is read once before timing).
# Each merge run starts from the same repository state (the packs and manifest a run added are removed after it);
# each qemu-img commit run works on a fresh copy of the chain.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
skip_large=false
if [ "${1:-}" = "--skip-large" ]; then skip_large=true; shift; fi
what="${1:-all}"
runs="${BENCH_RUNS:-3}"
if [ -n "${SNAPSHOTHA_BIN:-}" ]; then
  bin="$SNAPSHOTHA_BIN"
elif [ "${BENCH_R2R:-0}" = 1 ]; then
  out="${SNAPSHOTHA_CACHE:-$root/hack/.cache}/bench-r2r"
  dotnet publish "$root/operator/SnapshotHa.Operator" -c Release -r linux-x64 --self-contained false \
    --artifacts-path "$out/artifacts" -o "$out/bin" -nologo -v q >/dev/null
  bin="$out/bin/snapshotha"
elif out="${SNAPSHOTHA_CACHE:-$root/hack/.cache}/bench-native" && [ "${BENCH_NATIVE:-1}" = 1 ] &&
  dotnet publish "$root/operator/SnapshotHa.Native" -c Release -r linux-x64 --artifacts-path "$out/artifacts" \
    -o "$out/bin" -nologo -v q >/dev/null; then
  bin="$out/bin/snapshotha"
else
  [ "${BENCH_NATIVE:-1}" = 0 ] || echo "Native AOT publish failed; benchmarking the managed Release build" >&2
  bin="$root/operator/SnapshotHa.Operator/bin/Release/net10.0/snapshotha"
  dotnet build "$root/operator/SnapshotHa.Operator" -c Release -nologo -v q >/dev/null
fi
work="${BENCH_DIR:-$(mktemp -d /tmp/snapshotha-bench.XXXXXX)}"
mkdir -p "$work"
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt package time)" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)) }'; }
# timed NAME CMD... : runs CMD once, appends wall ms to $w_NAME, peak RSS KiB to $r_NAME and the merge's own
# time ("in N ms" on stderr, if any) to $i_NAME
timed() {
  local name="$1"; shift
  local start end internal
  start=$(now_ms)
  /usr/bin/time -f "%M" -o "time.$name" "$@" > "out.$name" 2> "err.$name" || { cat "err.$name" >&2; return 1; }
  end=$(now_ms)
  internal=$(grep -o 'in [0-9]* ms' "err.$name" | grep -o '[0-9]*' || true)
  printf -v "w_$name" '%s %s' "$(eval echo "\${w_$name:-}")" $(( end - start ))
  printf -v "r_$name" '%s %s' "$(eval echo "\${r_$name:-}")" "$(tail -1 "time.$name")"
  printf -v "i_$name" '%s %s' "$(eval echo "\${i_$name:-}")" "${internal:-0}"
}
med() { eval echo "\${$1_$2:-}" | median; }
reset_times() { local n; for n in "$@"; do unset "w_$n" "r_$n" "i_$n"; done; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
warm() { cat "$@" > /dev/null; }
# merge_run NAME REPO PARENT LAYER: one timed merge, then the repository is put back as it was
merge_run() {
  local name="$1" repo="$2" parent="$3" layer="$4"
  mkdir -p "$repo/packs"; ls "$repo/packs" > packs.before
  warm "$layer"
  timed "$name" "$bin" merge --repo "$repo" --series bench --parent "$parent" --disk d="$layer"
  local id; id=$(tail -1 "out.$name")
  [ "$id" = "$parent" ] || rm -f "$repo/images/$id.json"
  ls "$repo/packs" | grep -vxF -f packs.before | sed "s|^|$repo/packs/|" | xargs -r rm -f
}

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
  sync
  reset_times merge commit cp cpsync
  for _ in $(seq 1 "$runs"); do
    merge_run merge repo "$parent" child.vmdk
    rm -rf commit && mkdir commit && cp --sparse=always base.vmdk base-flat.vmdk child.vmdk commit/ && sync
    warm commit/child.vmdk commit/base-flat.vmdk; timed commit qemu-img commit -q -f vmdk commit/child.vmdk
    rm -f delta-copy.vmdk; warm child.vmdk; timed cp cp child.vmdk delta-copy.vmdk
    rm -f delta-copy.vmdk; warm child.vmdk; timed cpsync sh -c 'cp child.vmdk delta-copy.vmdk && sync -d delta-copy.vmdk'
  done
  local m c p ps; m=$(med w merge); c=$(med w commit); p=$(med w cp); ps=$(med w cpsync)
  printf '| %s | %d MiB | %d | %d | %d | %d | %d | %s | %s | %s | %d | %s |\n' "$label" $((delta_size >> 20)) "$m" "$(med i merge)" "$c" "$p" "$ps" \
    "$(ratio "$c" "$m")" "$(ratio "$m" "$p")" "$(ratio "$m" "$ps")" $(( $(med r merge) / 1024 )) "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/results.md"
  cd "$work"; [ -n "${BENCH_KEEP:-}" ] || rm -rf case
}

empty_case() {
  rm -rf case && mkdir case && cd case
  qemu-img create -q -f vmdk -o subformat=monolithicFlat base.vmdk 2G
  head -c 256M /dev/urandom | dd of=base-flat.vmdk conv=notrunc,sparse bs=4M status=none
  qemu-img create -q -f vmdk -b base.vmdk -F vmdk empty.vmdk
  "$bin" merge --repo repo --series bench --disk d=base.vmdk > seed.out 2> seed.err
  reset_times empty
  for _ in $(seq 1 $(( runs < 5 ? 5 : runs ))); do
    timed empty "$bin" merge --repo repo --series bench --parent "$(tail -1 seed.out)" --disk d=empty.vmdk
  done
  echo "| empty delta into 2 GiB (process wall / merge itself / peak RSS, median of $(( runs < 5 ? 5 : runs ))) | $(med w empty) ms | $(med i empty) ms | $(( $(med r empty) / 1024 )) MiB | load $(cut -d' ' -f1 /proc/loadavg) |" | tee -a "$work/results.md"
  cd "$work"; [ -n "${BENCH_KEEP:-}" ] || rm -rf case
}

sparse_case() {
  rm -rf case && mkdir case && cd case
  local line="| 64 MiB delta |" size
  for size in 2G 2T; do
    qemu-img create -q -f vmdk "base-$size.vmdk" "$size"
    make_delta "base-$size.vmdk" "child-$size.vmdk" 64 $((2 << 30)) 11
    "$bin" merge --repo "repo-$size" --series bench --disk d="base-$size.vmdk" > "seed-$size.out" 2> seed.err
    mkdir -p "repo-$size/packs"
  done
  reset_times sparse2G sparse2T
  for _ in $(seq 1 "$runs"); do
    for size in 2G 2T; do
      merge_run "sparse$size" "repo-$size" "$(tail -1 "seed-$size.out")" "child-$size.vmdk"
    done
  done
  for size in 2G 2T; do
    line+=" into $size: wall $(med w "sparse$size") ms (merge $(med i "sparse$size") ms), RSS $(( $(med r "sparse$size") / 1024 )) MiB |"
  done
  echo "$line ratio 2T/2G $(ratio "$(med w sparse2T)" "$(med w sparse2G)") (merge itself $(ratio "$(med i sparse2T)" "$(med i sparse2G)")), load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/results.md"
  cd "$work"; [ -n "${BENCH_KEEP:-}" ] || rm -rf case
}

ab_case() {
  rm -rf case && mkdir case && cd case
  qemu-img create -q -f vmdk -o subformat=monolithicFlat base.vmdk 2G
  head -c 2G /dev/urandom | dd of=base-flat.vmdk conv=notrunc,sparse bs=4M status=none
  make_delta base.vmdk child.vmdk 256 $((2 << 30)) 7
  "$bin" merge --repo repo --series bench --disk d=base.vmdk > seed.out 2> seed.err
  local parent; parent=$(tail -1 seed.out)
  local -a pairs order; read -r -a pairs <<< "${BENCH_AB:-current=$bin}"
  local r pair name path n id
  for r in $(seq 1 "$runs"); do
    order=("${pairs[@]}")
    if (( r % 2 == 0 )); then order=(); for (( n = ${#pairs[@]} - 1; n >= 0; n-- )); do order+=("${pairs[n]}"); done; fi
    for pair in "${order[@]}"; do
      name="${pair%%=*}" path="${pair#*=}"
      mkdir -p repo/packs; ls repo/packs > packs.before
      warm child.vmdk; sleep "${BENCH_PAUSE:-0}"
      local start; start=$(now_ms)
      /usr/bin/time -f "%e %U %S %M" -o "cpu.$name" "$path" merge --repo repo --series bench --parent "$parent" --disk d=child.vmdk \
        > out.ab 2> err.ab || { cat err.ab >&2; return 1; }
      local wall=$(( $(now_ms) - start )) itself; itself=$(grep -o 'in [0-9]* ms' err.ab | grep -o '[0-9]*')
      local user sys rss; read -r _ user sys rss < "cpu.$name"
      user=$(awk -v v="$user" 'BEGIN { printf "%d", v * 1000 }'); sys=$(awk -v v="$sys" 'BEGIN { printf "%d", v * 1000 }')
      printf -v "w_$name" '%s %s' "$(eval echo "\${w_$name:-}")" "$wall"
      printf -v "i_$name" '%s %s' "$(eval echo "\${i_$name:-}")" "$itself"
      printf -v "u_$name" '%s %s' "$(eval echo "\${u_$name:-}")" "$user"
      printf -v "s_$name" '%s %s' "$(eval echo "\${s_$name:-}")" "$sys"
      echo "| run $r | $name | $wall | $itself | $user | $sys | $(( rss / 1024 )) | $(cut -d' ' -f1 /proc/loadavg) |" | tee -a "$work/results.md"
      id=$(tail -1 out.ab); [ "$id" = "$parent" ] || rm -f "repo/images/$id.json"
      ls repo/packs | grep -vxF -f packs.before | sed "s|^|repo/packs/|" | xargs -r rm -f
    done
  done
  for pair in "${pairs[@]}"; do
    name="${pair%%=*}"
    echo "| median of $runs, pause ${BENCH_PAUSE:-0} s | $name | $(med w "$name") | $(med i "$name") | $(med u "$name") | $(med s "$name") | | $(cut -d' ' -f1 /proc/loadavg) |" | tee -a "$work/results.md"
  done
  cd "$work"; [ -n "${BENCH_KEEP:-}" ] || rm -rf case
}

echo "snapshotha merge benchmark on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), $runs runs each (medians), binary $bin" | tee "$work/results.md"
if [ "$what" = ab ]; then
  echo "| run | binary | wall ms | merge itself ms | user CPU ms | sys CPU ms | peak RSS MiB | load |" | tee -a "$work/results.md"
  echo "|---|---|---|---|---|---|---|---|" | tee -a "$work/results.md"
  ab_case; cp "$work/results.md" "${BENCH_RESULTS:-/tmp/snapshotha-bench-results.md}"; exit 0
fi
echo "| case | delta file | merge ms | merge itself ms | qemu-img commit ms | cp ms | cp+fsync ms | commit/merge | merge/cp | merge/(cp+fsync) | merge peak RSS MiB | load at end |" | tee -a "$work/results.md"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|" | tee -a "$work/results.md"
case "$what" in
  small) merge_case "2 GiB base" 2G 2 256 ;;
  large) merge_case "20 GiB base" 20G "${BENCH_LARGE_FILL_GIB:-4}" 1024 ;;
  empty) empty_case ;;
  sparse) sparse_case ;;
  all)
    merge_case "2 GiB base" 2G 2 256
    $skip_large || merge_case "20 GiB base" 20G "${BENCH_LARGE_FILL_GIB:-4}" 1024
    empty_case; sparse_case ;;
  *) echo "usage: $0 [--skip-large] [all|small|large|empty|sparse|ab]" >&2; exit 2 ;;
esac
cp "$work/results.md" "${BENCH_RESULTS:-/tmp/snapshotha-bench-results.md}"
