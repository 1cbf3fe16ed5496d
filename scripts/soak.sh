#!/bin/bash
# The net/oob selftests with soak sizes on the oob kernel: floods of 100000
# frames each way, 500 port toggles under traffic, larger exchanges in the
# other tests. make test runs the same tests with CI sizes.
# usage: soak.sh        (environment: the OOB_* sizes below override)
set -eu
. "$(dirname "$0")/lib.sh"

"$top/scripts/build.sh" oob
"$top/scripts/kselftest-install.sh" > /dev/null
ksft=$build/obj-oob/kselftest/kselftest_install
tests=$(sed -n 's|^net/oob:||p' "$ksft/kselftest-list.txt" | grep -vx oob_nocore.sh)
sizes="OOB_E1000E_FRAMES=${OOB_E1000E_FRAMES:-100000}"
sizes="$sizes OOB_E1000E_TOGGLES=${OOB_E1000E_TOGGLES:-500}"
sizes="$sizes OOB_RX_FRAMES=${OOB_RX_FRAMES:-30000}"
sizes="$sizes OOB_TX_FRAMES=${OOB_TX_FRAMES:-30000}"
sizes="$sizes OOB_BUF_FRAMES=${OOB_BUF_FRAMES:-30000}"
out=$build/vm/soak
step "booting the oob kernel for the soak run ($sizes)"
"$top/scripts/vm.sh" -t 7200 -m 2048 -k "$build/obj-oob/arch/x86/boot/bzImage" -o "$out" \
	-- "env $sizes sh $(printf %q "$top/scripts/guest-tests.sh") $(printf %q "$ksft") $(echo $tests)"
python3 "$top/scripts/ktap.py" soak "$out/kselftest.ktap" --expect $tests > "$out/results.tsv"
"$top/scripts/guest-checks.sh" "$out" >> "$out/results.tsv"
: > "$out/steps.tsv"
python3 "$top/scripts/summary.py" "$out/results.tsv" "$out/steps.tsv"
