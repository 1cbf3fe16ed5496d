#!/bin/bash
# Checks that follow every VM run, printed as result lines for the
# summary: the guest kernel log holds no oops/WARN/BUG/lockdep report, the
# oob stage checker counted no in-band call, kmemleak found nothing.
# usage: guest-checks.sh VMOUTDIR
set -u
dir=$1
group=guest-${dir##*/}
pattern='WARNING:|BUG:|Oops|Kernel panic|general protection fault|UBSAN:|KASAN:|possible recursive locking|possible circular locking|inconsistent lock state|suspicious RCU usage|INFO: task .* blocked|in-band-only call from the out-of-band stage|hung_task|soft lockup|Hardware Unit Hang|kmemleak: .* new suspected memory leaks'

line() { printf '%s\t%s\t%s\t%s\n' "$group" "$1" "$2" "${3:-}"; }

if [ ! -s "$dir/console.log" ]; then
	line "kernel log clean" fail "no console log"
elif hits=$(grep -E "$pattern" "$dir/console.log" | grep -v 'KTAP\|# ' | tr -d '\r' | head -3) && [ -n "$hits" ]; then
	line "kernel log clean" fail "$(echo "$hits" | head -1 | cut -c1-120) ($dir/console.log)"
else
	line "kernel log clean" pass
fi
if [ -f "$dir/violations" ]; then
	v=$(cat "$dir/violations")
	if [ "$v" = 0 ]; then
		line "no in-band call from the oob stage" pass
	else
		line "no in-band call from the oob stage" fail "checker counted: $v"
	fi
fi
if [ -f "$dir/kmemleak" ]; then
	if [ -s "$dir/kmemleak" ]; then
		line "kmemleak clean" fail "$(grep -c unreferenced "$dir/kmemleak") leaks ($dir/kmemleak)"
	else
		line "kmemleak clean" pass
	fi
fi
