#!/bin/bash
# Check that every target "make help" lists has a rule, and that every
# script such a rule calls exists: a documented target which silently does
# nothing, or calls a missing file, fails here.
# usage: check-make-targets.sh [MAKEFILE]
set -eu
. "$(dirname "$0")/lib.sh"

mk=${1:-$top/Makefile}
dir=$(cd "$(dirname "$mk")" && pwd)
bad=0 n=0
for t in $(sed -n 's/^## \([a-z][a-z-]*\) .*/\1/p' "$mk"); do
	n=$((n + 1))
	if ! grep -q "^$t:" "$mk"; then
		echo "make $t: listed by make help, but no rule"
		bad=1
		continue
	fi
	# The recipe of the target: its lines up to the next blank line.
	for s in $(awk -v t="$t" '$0 ~ "^" t ":" { f = 1; next }
		f && /^\t/ { print } f && !/^\t/ { f = 0 }' "$mk" |
		grep -o '\$(S)/[A-Za-z0-9._-]*' | sed 's|\$(S)/|scripts/|'); do
		if [ ! -x "$dir/$s" ]; then
			echo "make $t: calls $s, which is missing or not executable"
			bad=1
		fi
	done
done
# Declared phony, so that a missing rule would go unnoticed.
for t in $(sed -n '/^\.PHONY:/,/^$/p' "$mk" | sed 's/^\.PHONY://; s/\\$//'); do
	if ! grep -q "^$t:" "$mk"; then
		echo "make $t: declared .PHONY, but no rule"
		bad=1
	fi
done
# Kernel flavours the rules build: their fragment lists and fragments.
for f in $(grep -o 'build\.sh[^;]* [a-z-]*$' "$mk" | awk '{ print $NF }' | sort -u); do
	list=$dir/configs/$f.list
	if [ ! -f "$list" ]; then
		echo "flavour $f: no $list"
		bad=1
		continue
	fi
	for frag in $(grep -v '^#' "$list" | grep -v '^tree:'); do
		[ -f "$dir/configs/$frag" ] || { echo "flavour $f: no configs/$frag"; bad=1; }
	done
done
echo "make targets: $n listed, $([ $bad = 0 ] && echo all there || echo SOME BROKEN)"
exit $bad
