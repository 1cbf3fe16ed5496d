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
	# Through a pipe: the runner appends to /dev/stdout, which must not
	# be a file it would truncate. The filter passes every line through
	# unchanged as it comes (a run killed on timeout keeps what it
	# printed) and writes each test's guest run time to test-times.tsv
	# (uptime from its "# selftests:" line to its result line): what the
	# CI time budget is spent on. A shell loop, not awk: mawk reads a pipe
	# in blocks and would see a line only long after it was printed.
	: > test-times.tsv
	# shellcheck disable=SC2086
	(cd "$ksft" && ./run_kselftest.sh $sel) 2>&1 | {
		t0=0
		while IFS= read -r line || [ -n "$line" ]; do
			printf '%s\n' "$line"
			case $line in
			"# selftests: "*)
				read -r t0 rest < /proc/uptime ;;
			"ok "[0-9]*" selftests: "*|"not ok "[0-9]*" selftests: "*)
				read -r t1 rest < /proc/uptime
				name=${line#*selftests: }
				name=${name#* }
				name=${name%% *}
				echo "$name $t0 $t1" |
					awk '{ printf "%s\t%.1f\n", $1, $3 - $2 }' >> test-times.tsv ;;
			esac
		done
	} > kselftest.ktap
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
