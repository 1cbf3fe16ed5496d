#!/bin/bash
# The main job: build the oob kernel, boot it with the two wired e1000e
# NICs, and show what the feature does, with counts from both ends.
# usage: demo.sh
set -eu
. "$(dirname "$0")/lib.sh"

step "building the oob kernel (about 10 minutes the first time on two cores; progress below)"
"$top/scripts/build.sh" oob
out=$build/vm/demo
step "booting it (qemu TCG, 2 vCPUs, two e1000e NICs on one wire)"
rc=0
"$top/scripts/vm.sh" -t 900 -m 2048 -k "$build/obj-oob/arch/x86/boot/bzImage" -o "$out" \
	-- "bash $(printf %q "$top/scripts/guest-demo.sh") $(printf %q "$top")" || rc=$?
cat "$out/demo.txt"
echo "(guest console: $out/console.log)"
exit $rc
