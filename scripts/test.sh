#!/bin/bash
# The whole test suite: quality gates on the series and self-tests of the
# gates, the per-patch build, the kernels, then the VM runs (KUnit at
# boot, kselftests of net/oob, stage checker, in-band smoke test on every
# flavour). Prints a per-test table and ends with "N passed, N failed"
# (", N skipped" when some were). Exits non-zero on any failure, missing
# result, or oops/WARN/BUG/lockdep report in a guest log.
# usage: test.sh        (environment: SKIP_SETUP=1 skips apt, JOBS=n)
set -u
. "$(dirname "$0")/lib.sh"

# One ccache per test run, started empty, and one for the per-patch walk:
# the builds that share a cache only move forward through the series, so
# a cache hit cannot restore the dependency file of another tree state
# (see lib.sh). Flavours built in place from the oob objects hit it for
# every object whose preprocessed source did not change.
export CCACHE_DIR=$build/test/ccache
walk_ccache=$build/test/ccache-walk
rm -rf "$CCACHE_DIR" "$walk_ccache"
export OOB_CC="ccache gcc"

res=$build/results
rm -rf "$res"
mkdir -p "$res"
rm -f "$build"/vm/*/test-times.tsv
table=$res/results.tsv
: > "$table"
: > "$res/steps.tsv"
run_start=$(date +%s)

# record GROUP NAME pass|fail|skip DETAIL
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >> "$table"; }

# stage NAME CMD...: run one step, time it, record it as a gate result.
# Its output goes to its log; fd 3 stays on the terminal for progress.
stage() {
	local name=$1 start rc log
	shift
	log=$logs/step-$name.log
	step "$name  (at $(( $(date +%s) - run_start ))s)"
	start=$(date +%s)
	"$@" 3>&1 > "$log" 2>&1
	rc=$?
	printf '%s\t%s\t%s\n' "$name" "$(( $(date +%s) - start ))" "$rc" >> "$res/steps.tsv"
	if [ $rc = 0 ]; then
		record gate "$name" pass
		tail -n 1 "$log"
	else
		record gate "$name" fail "see $log"
		tail -n 30 "$log"
		echo "step $name failed; log: $log"
	fi
	return $rc
}

finish() {
	echo
	echo "make test: wall time $(( $(date +%s) - run_start ))s (steps in two lanes overlap)"
	# Where the VM runs spend their time: guest seconds per selftest.
	local f
	for f in "$build"/vm/*/test-times.tsv; do
		test_times "$(basename "$(dirname "$f")")" "$f"
	done
	python3 "$top/scripts/summary.py" "$table" "$res/steps.tsv"
	exit $?
}

q() { printf '%q' "$1"; }

if [ "${SKIP_SETUP:-0}" != 1 ]; then
	stage setup "$top/scripts/setup.sh" || finish
fi
stage tree "$top/scripts/tree.sh" || finish

# Two cores are the budget (CI: 2 cores, 90 minutes), and kernel builds
# are the bulk of it. Steps that use one core run beside the builds: the
# gates, which read the series, beside the oob kernel's build; the VM runs
# (qemu, whose checks are counts and states, not timings) beside the
# other flavours and the per-patch walk.
gates() {
	stage series-check "$top/scripts/series-check.sh"
	stage checkpatch "$top/scripts/gate-checkpatch.sh"
	stage kernel-doc "$top/scripts/gate-kernel-doc.sh"
	stage htmldocs "$top/scripts/htmldocs.sh"
	stage make-targets "$top/scripts/check-make-targets.sh"
	stage configs "$top/scripts/gate-configs.sh"
	# Every gate above, fed a planted defect, must fail.
	stage gate-selftests "$top/scripts/gate-selftests.sh" "$table"
}
gates &
gates_pid=$!

# Builds happen in worktrees of build/linux, so that the developer's tree
# is never touched by a test run: build/test/linux holds the series for
# the test kernels, build/test/walk the commit the per-patch walk is at.
#
# The test kernels first, so that the VM runs (one core each, in the
# other lane) start as early as possible: the oob flavour from cold, then
# nocore, testcore and no-oob, which are the oob configuration with a few
# symbols switched, built in the same object directory, where make
# recompiles only the objects that depend on the switched symbols. Each
# kernel image is kept aside; a flavour that fails to build leaves a
# marker instead, so that its VM run is recorded as not run.
src=$build/test/linux
obj=$build/test/obj
kernels=$build/test/kernels
rm -rf "$kernels"
mkdir -p "$kernels"
keep() { cp "$obj/arch/x86/boot/bzImage" "$kernels/$1"; }
flavour() {
	if stage "build-$1" "$top/scripts/build.sh" -s "$src" -o "$obj" "$1" &&
	   keep "$1"; then
		:
	else
		touch "$kernels/$1.failed"
		return 1
	fi
}
"$top/scripts/worktree.sh" "$src" HEAD
if ! flavour oob; then
	wait $gates_pid
	finish
fi
stage conformance-selftest "$top/scripts/gate-selftests.sh" -c "$src" "$obj" "$table"
stage selftests-install "$top/scripts/kselftest-install.sh" -s "$src" -o "$obj"
cp -r "$obj/kselftest/kselftest_install" "$build/test/kselftest"

vm=$build/vm
ksft=$build/test/kselftest
# The selftests of net/oob; oob_nocore.sh runs on the kernel without core.
all_tests=$(sed -n 's|^net/oob:||p' "$ksft/kselftest-list.txt" 2>/dev/null)
core_tests=$(printf '%s\n' $all_tests | grep -vx oob_nocore.sh)
nocore_tests=$(printf '%s\n' $all_tests | grep -x oob_nocore.sh)
smoke="sh $(q "$top/scripts/guest-smoke.sh") > smoke.ktap"
runtests="sh $(q "$top/scripts/guest-tests.sh") $(q "$ksft")"

# have FLAVOUR: wait until its kernel is built; false if it failed.
have() {
	while [ ! -e "$kernels/$1" ] && [ ! -e "$kernels/$1.failed" ]; do
		sleep 5
	done
	[ -e "$kernels/$1" ]
}

vm_runs() {
	# VM run 1: the feature on with the reference core. KUnit suites
	# run at boot; the in-band smoke test and the kselftests after.
	stage vm-oob "$top/scripts/vm.sh" -t 3000 -m 2048 -k "$kernels/oob" \
		-o "$vm/oob" -- "$smoke; $runtests" $core_tests
	python3 "$top/scripts/ktap.py" kunit "$vm/oob/console.log" \
		--expect $(grep -v '^#' "$top/configs/oob.kunit") >> "$table"
	python3 "$top/scripts/ktap.py" smoke-oob "$vm/oob/smoke.ktap" >> "$table"
	python3 "$top/scripts/ktap.py" kselftest "$vm/oob/kselftest.ktap" --expect $core_tests >> "$table"
	"$top/scripts/guest-checks.sh" "$vm/oob" >> "$table"

	# VM run 2: the feature on, no companion core: nothing changes
	# in-band.
	if have nocore; then
		stage vm-nocore "$top/scripts/vm.sh" -t 900 -m 2048 -k "$kernels/nocore" \
			-o "$vm/nocore" -- "$smoke; $runtests" $nocore_tests
		python3 "$top/scripts/ktap.py" smoke-nocore "$vm/nocore/smoke.ktap" >> "$table"
		python3 "$top/scripts/ktap.py" kselftest-nocore "$vm/nocore/kselftest.ktap" --expect $nocore_tests >> "$table"
		"$top/scripts/guest-checks.sh" "$vm/nocore" >> "$table"
	fi

	# VM run 3: the minimal companion core written against the Dovetail
	# interface: its KUnit suite at boot, then the in-band smoke test.
	if have testcore; then
		stage vm-testcore "$top/scripts/vm.sh" -t 900 -m 2048 -k "$kernels/testcore" \
			-o "$vm/testcore" -- "$smoke; $runtests"
		python3 "$top/scripts/ktap.py" kunit-testcore "$vm/testcore/console.log" \
			--expect $(grep -v '^#' "$top/configs/testcore.kunit") >> "$table"
		python3 "$top/scripts/ktap.py" smoke-testcore "$vm/testcore/smoke.ktap" >> "$table"
		"$top/scripts/guest-checks.sh" "$vm/testcore" >> "$table"
	fi

	# VM run 4: the feature off; in-band networking must work as usual.
	if have no-oob; then
		stage vm-no-oob "$top/scripts/vm.sh" -t 600 -k "$kernels/no-oob" \
			-o "$vm/no-oob" -- "$smoke"
		python3 "$top/scripts/ktap.py" smoke-no-oob "$vm/no-oob/smoke.ktap" >> "$table"
		"$top/scripts/guest-checks.sh" "$vm/no-oob" >> "$table"
	fi
}
vm_runs &
vm_pid=$!
flavour nocore
flavour testcore
flavour no-oob

# Every patch of the series built on top of the previous ones, NET_OOB
# on, with the gate configuration: the smallest kernel that compiles
# every line the series adds (configs/gate.config), in an object
# directory of its own. Then a planted broken patch on top, which the
# gate must name.
walk=$build/test/walk
walkobj=$build/test/obj-gate
if stage per-patch-build env CCACHE_DIR="$walk_ccache" \
	"$top/scripts/gate-bisect.sh" -s "$walk" -o "$walkobj" gate; then
	stage per-patch-selftest env CCACHE_DIR="$walk_ccache" \
		"$top/scripts/gate-selftests.sh" -b "$walk" "$walkobj" "$table"
fi
wait $gates_pid
wait $vm_pid
finish
