#!/usr/bin/env bash
# Writes a patched copy of govmomi's simulator/property_collector.go (Debian's golang-github-vmware-govmomi-dev) for
# `go build -overlay`. The one change: WaitForUpdatesEx collects the filter's new objects once per batch of updates
# instead of once per update. Unpatched, every change of any object (each task step, each snapshot) re-collects every
# object a filter selects, so a watch over the inventory's VMs (the operator's VM state watch) costs the simulator
# O(VMs) per change: at 2,000 VMs the long poll stopped answering. What the watch reports is unchanged.
#   patch-property-collector.sh SOURCE OUTPUT
set -euo pipefail
src="$1"
out="$2"
perl -0pe '
  s{\t\t\t\t\tcase types\.ObjectUpdateKindEnter: // Create\n\t\t\t\t\t\tif !apply\(\) \{\n\t\t\t\t\t\t\treturn body\n\t\t\t\t\t\t\}\n\t\t\t\t\tcase types\.ObjectUpdateKindModify: // Update\n\t\t\t\t\t\tlog\.Printf\("%s has %d changes", update\.Obj, len\(update\.ChangeSet\)\)\n\t\t\t\t\t\tif !apply\(\) \{ // An update may apply to collector traversal specs\n\t\t\t\t\t\t\treturn body\n\t\t\t\t\t\t\}\n}{\t\t\t\t\tcase types.ObjectUpdateKindEnter, types.ObjectUpdateKindModify:\n\t\t\t\t\t\t// Patched for SnapshotHA (tests/vcsim/patch-property-collector.sh): collect new objects once per\n\t\t\t\t\t\t// batch of updates, not once per update.\n\t\t\t\t\t\tif !applied {\n\t\t\t\t\t\t\tif !apply() {\n\t\t\t\t\t\t\t\treturn body\n\t\t\t\t\t\t\t}\n\t\t\t\t\t\t\tapplied = true\n\t\t\t\t\t\t}\n\t\t\t\t\t\tif update.Kind == types.ObjectUpdateKindEnter {\n\t\t\t\t\t\t\tcontinue\n\t\t\t\t\t\t}\n} or die "patch-property-collector.sh: $ARGV: the WaitForUpdatesEx update loop is not the expected one\n";
  s{(\t\t\t\tfu := types\.PropertyFilterUpdate\{Filter: f\}\n)}{$1\t\t\t\tapplied := false\n} or die "patch-property-collector.sh: $ARGV: no PropertyFilterUpdate in the update loop\n";
' "$src" > "$out.tmp"
mv "$out.tmp" "$out"
