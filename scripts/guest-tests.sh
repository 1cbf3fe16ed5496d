#!/bin/sh
# Runs inside the test VM: the given kselftests of net/oob against the two
# e1000e NICs (none: no selftest), then the checks that follow every run.
# Results go to the current directory (the VM's /tmp/out share).
# usage: guest-tests.sh KSELFTEST_DIR [TEST...]
set -u
ksft=$1
shift
sel=""
for t in "$@"; do
	sel="$sel -t net/oob:$t"
done

# The NICs qemu wired together: the tests move the peer into a namespace.
export OOB_LOCAL_IF=eth0 OOB_PEER_IF=eth1
# Frames of one stream sometimes arrive out of order under qemu TCG, with
# the oob path and without it (plain AF_PACKET on the kernel without a
# companion core too): the receivers still count every frame and check
# its content and tag, and report reordering (ooo=) without failing on
# it. Unset this to make reordering fatal again.
export OOB_REORDER_OK=${OOB_REORDER_OK-1}

dmesg -n 4
if [ $# = 0 ]; then
	echo "no selftest selected" > kselftest.ktap
elif [ -x "$ksft/run_kselftest.sh" ]; then
	# shellcheck disable=SC2086
	# Through a pipe: the runner appends to /dev/stdout, which must not
	# be a file it would truncate.
	(cd "$ksft" && ./run_kselftest.sh $sel) 2>&1 | cat > kselftest.ktap
else
	echo "no kselftest install at $ksft" > kselftest.ktap
fi

# Stage checker: no oob path may have called an in-band-only service.
cat /sys/kernel/debug/oob_stage/violations > violations 2>/dev/null ||
	echo "absent" > violations

# kmemleak, when the kernel has it (debug flavour).
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	sleep 5
	echo scan > /sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak > kmemleak
fi
exit 0
