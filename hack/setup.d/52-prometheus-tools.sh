#!/usr/bin/env bash
# promtool and the prometheus server binary from Debian's prometheus package, unpacked (not installed: no service
# starts) under $SNAPSHOTHA_CACHE/prometheus/usr/bin. For `promtool check rules|test rules|check metrics`.
set -euo pipefail
cache="${SNAPSHOTHA_CACHE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/hack/.cache}"
target="$cache/prometheus"
if [ -x "$target/usr/bin/promtool" ] && "$target/usr/bin/promtool" --version >/dev/null 2>&1; then exit 0; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
download() { (cd "$work" && apt-get download -qq -o APT::Sandbox::User=root prometheus); }
if ! download 2>/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  download
fi
rm -rf "$target"
dpkg-deb -x "$work"/prometheus_*.deb "$target"
"$target/usr/bin/promtool" --version >/dev/null
