#!/usr/bin/env bash
# A short AFL++ run of every disk-parser fuzz target (hack/fuzz.sh); fails when any crash is found.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${SNAPSHOTHA_FUZZ_SECONDS:-20}"
for target in descriptor kdmv cowd sesparse streamoptimized; do
  bash "$root/hack/fuzz.sh" "$target" "$seconds"
done
