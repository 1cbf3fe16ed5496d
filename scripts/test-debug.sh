#!/bin/bash
# Every net/oob selftest and KUnit suite on the debug kernel: the oob
# flavour with KASAN, kmemleak, UBSAN and lockdep (PROVE_RAW_LOCK_NESTING
# included). Not part of make test: the debug kernel takes about twice as
# long to build and its run three times as long. Ends with
# "N passed, N failed".
# usage: test-debug.sh
set -eu
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
"$top/scripts/build.sh" debug
"$top/scripts/kselftest-install.sh" -o "$build/obj-debug" > /dev/null
ksft=$build/obj-debug/kselftest/kselftest_install
tests=$(sed -n 's|^net/oob:||p' "$ksft/kselftest-list.txt" | grep -vx oob_nocore.sh)
out=$build/vm/debug
built=$(date +%s)
step "booting the debug kernel"
"$top/scripts/vm.sh" -t 7200 -m 3072 -k "$build/obj-debug/arch/x86/boot/bzImage" -o "$out" \
	-- "sh $(printf %q "$top/scripts/guest-smoke.sh") > smoke.ktap; sh $(printf %q "$top/scripts/guest-tests.sh") $(printf %q "$ksft") $(echo $tests)" || true
{
	python3 "$top/scripts/ktap.py" kunit "$out/console.log" \
		--expect $(grep -v '^#' "$top/configs/oob.kunit")
	python3 "$top/scripts/ktap.py" smoke "$out/smoke.ktap"
	python3 "$top/scripts/ktap.py" kselftest "$out/kselftest.ktap" --expect $tests
	"$top/scripts/guest-checks.sh" "$out"
} > "$out/results.tsv"
printf 'build-debug\t%s\t0\nvm-debug\t%s\t0\n' "$((built - start))" \
	"$(( $(date +%s) - built ))" > "$out/steps.tsv"
test_times debug "$out/test-times.tsv"
python3 "$top/scripts/summary.py" "$out/results.tsv" "$out/steps.tsv"
