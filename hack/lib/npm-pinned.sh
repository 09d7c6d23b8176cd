# Sourced by hack/setup.d scripts: npm_pinned DIR PACKAGE@VERSION... installs the exact packages under DIR
# (npm install --prefix) unless DIR/installed already records the same list. Sets npm_pinned_installed to true when
# it installed, false when the set was already there (callers then skip their own post-install steps).
npm_pinned() {
  local target="$1"; shift
  local stamp="$*"
  npm_pinned_installed=false
  if [ -f "$target/installed" ] && [ "$(cat "$target/installed")" = "$stamp" ]; then return 0; fi
  command -v npm >/dev/null || { echo "npm is required to install $stamp" >&2; exit 1; }
  mkdir -p "$target"
  rm -f "$target/installed"
  npm install --prefix "$target" --no-audit --no-fund --loglevel=error --save-exact "$@" || {
    echo "npm install of $stamp into $target failed" >&2; exit 1; }
  echo "$stamp" > "$target/installed"
  npm_pinned_installed=true
}
