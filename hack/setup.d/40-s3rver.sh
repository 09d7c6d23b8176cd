#!/usr/bin/env bash
# S3-compatible server for the secondary-repository sync tests: npm s3rver 3.7.1 under $SNAPSHOTHA_CACHE/s3rver.
set -euo pipefail
cache="${SNAPSHOTHA_CACHE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/hack/.cache}"
target="$cache/s3rver"
if [ -f "$target/node_modules/s3rver/bin/s3rver.js" ] && grep -q '"version": "3.7.1"' "$target/node_modules/s3rver/package.json"; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is required for s3rver" >&2; exit 1; }
mkdir -p "$target"
npm install --prefix "$target" --no-audit --no-fund --loglevel=error s3rver@3.7.1
