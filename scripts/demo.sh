#!/bin/bash
# The main job: build the oob kernel, boot it with the two wired e1000e
# NICs, and show what the feature does, with counts from both ends.
# usage: demo.sh
set -eu
. "$(dirname "$0")/lib.sh"

"$top/scripts/build.sh" oob
[ ! -d "$tree/tools/testing/selftests/net/oob" ] || "$top/scripts/kselftest-install.sh" >/dev/null
out=$build/vm/demo
step "booting the oob kernel (qemu TCG, 2 vCPUs, two e1000e NICs on one wire)"
"$top/scripts/vm.sh" -t 900 -m 2048 -k "$build/obj-oob/arch/x86/boot/bzImage" -o "$out" \
	-- "bash $top/scripts/guest-demo.sh $build/obj-oob/kselftest/kselftest_install/net/oob"
rc=$?
cat "$out/demo.txt"
echo "(guest console: $out/console.log)"
exit $rc
