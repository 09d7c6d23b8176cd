#!/usr/bin/env bash
# Short crash-safety run of `snapshotha merge` (the full 100-trial run: tests/crash/merge-kill.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bash "$root/tests/crash/merge-kill.sh" 10
