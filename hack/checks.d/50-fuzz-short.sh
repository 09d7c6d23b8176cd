#!/usr/bin/env bash
# A short AFL++ run of every parser fuzz target (disk formats, pack index) (hack/fuzz.sh); fails when any crash is found.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${SNAPSHOTHA_FUZZ_SECONDS:-20}"
for target in descriptor kdmv cowd sesparse streamoptimized packindex; do
  bash "$root/hack/fuzz.sh" "$target" "$seconds"
done
