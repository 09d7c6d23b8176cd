#!/usr/bin/env bash
# Fuzzes one parser with AFL++ through SharpFuzz for a given time; exits non-zero when crashes were found.
#   hack/fuzz.sh TARGET SECONDS      targets: descriptor kdmv cowd sesparse streamoptimized packindex (see tests/SnapshotHa.Fuzz)
# Crash inputs are left in $SNAPSHOTHA_CACHE/fuzz/TARGET/out/default/crashes; replay one with
#   dotnet $SNAPSHOTHA_CACHE/fuzz/plain/SnapshotHa.Fuzz.dll replay TARGET FILE
# and add it under tests/SnapshotHa.Disks.Tests/Regressions/Inputs/TARGET/ once fixed.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 TARGET SECONDS" >&2
  exit 2
fi
target="$1"
seconds="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${SNAPSHOTHA_CACHE:-$root/hack/.cache}"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v afl-fuzz >/dev/null; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends afl++
fi

tools="$cache/tools/sharpfuzz"
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"
fi

# Two private builds, reused while the sources are unchanged: "plain" seeds and replays (instrumented code only
# runs under afl-fuzz), "instrumented" has SnapshotHa.Disks.dll rewritten in place by sharpfuzz.
fuzzroot="$cache/fuzz"
mkdir -p "$fuzzroot"
stamp=$(cd "$root" && { find operator/SnapshotHa.Disks operator/SnapshotHa.Repository tests/SnapshotHa.Fuzz tests/SnapshotHa.Disks.Tests/Fixtures \
  \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/obj/*' -not -path '*/bin/*' | sort | xargs sha256sum; \
  cat Directory.Build.props Directory.Packages.props; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$fuzzroot/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$fuzzroot/plain" "$fuzzroot/instrumented" "$fuzzroot/stamp"
  dotnet build "$root/tests/SnapshotHa.Fuzz" -c Release -o "$fuzzroot/plain" -p:UseSharedCompilation=false >/dev/null
  cp -r "$fuzzroot/plain" "$fuzzroot/instrumented"
  "$tools/sharpfuzz" "$fuzzroot/instrumented/SnapshotHa.Disks.dll"
  "$tools/sharpfuzz" "$fuzzroot/instrumented/SnapshotHa.Repository.dll"
  echo "$stamp" >"$fuzzroot/stamp"
fi

work="$fuzzroot/$target"
rm -rf "$work/in" "$work/out"
dotnet "$fuzzroot/plain/SnapshotHa.Fuzz.dll" seed "$target" "$work/in"
regressions="$root/tests/SnapshotHa.Disks.Tests/Regressions/Inputs/$target"
if [ -d "$regressions" ]; then
  cp "$regressions"/* "$work/in/" 2>/dev/null || true
fi

AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  afl-fuzz -i "$work/in" -o "$work/out" -t 10000 -m none -V "$seconds" -- dotnet "$fuzzroot/instrumented/SnapshotHa.Fuzz.dll" "$target" >"$work/afl.log" 2>&1 || {
    tail -n 40 "$work/afl.log" >&2
    echo "afl-fuzz failed for $target (log: $work/afl.log)" >&2
    exit 1
  }

stats="$work/out/default/fuzzer_stats"
[ -f "$stats" ] && grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs) ' "$stats" | sed "s/^/$target: /"
crashes=$(find "$work/out/default/crashes" -type f ! -name README.txt 2>/dev/null | wc -l)
if [ "$crashes" -gt 0 ]; then
  echo "$target: $crashes crash input(s) in $work/out/default/crashes" >&2
  exit 1
fi
echo "$target: no crashes in ${seconds}s"
