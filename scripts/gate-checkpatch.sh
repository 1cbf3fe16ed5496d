#!/bin/bash
# Gate: scripts/checkpatch.pl --strict on every patch of a series reports
# no error and no warning. A patch may carry a justified exception in its
# commit message, as a line
#   Checkpatch-ignore: TYPE[,TYPE...] (why)
# which is passed on as --ignore. CHECK lines are reported, not fatal.
# usage: gate-checkpatch.sh [PATCHDIR]     (default: patches/)
set -eu
. "$(dirname "$0")/lib.sh"

dir=${1:-$top/patches}
[ -f "$dir/series" ] || die "no series in $dir"
[ -x "$tree/scripts/checkpatch.pl" ] || die "no kernel tree at $tree: run 'make tree'"

# checkpatch checks SPDX tags with scripts/spdxcheck.py, and silently
# accepts any tag when that script cannot run (it needs Debian's
# python3-ply and python3-git, which a python3 of its own, found first
# in PATH, would not see).
export PATH=/usr/bin:$PATH
spdx() { (cd "$tree" && echo "SPDX-License-Identifier: $1" | ./scripts/spdxcheck.py - 2>&1); }
if [ -n "$(spdx GPL-2.0)" ] || [ -z "$(spdx Not-A-License)" ]; then
	die "scripts/spdxcheck.py does not work: checkpatch would skip the SPDX checks"
fi

bad=0 n=0 checks=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	n=$((n + 1))
	ignore=$(sed -n 's/^Checkpatch-ignore: *\([A-Z_,]*\).*/\1/p' "$dir/$p" | paste -sd, -)
	# --showfile prefixes each report with "FILE:LINE: ": match the
	# severity wherever it starts.
	out=$(cd "$tree" && ./scripts/checkpatch.pl --strict --no-summary --showfile \
		${ignore:+--ignore "$ignore"} "$dir/$p" 2>&1) || true
	e=$(printf '%s\n' "$out" | grep -cE '(^|: )(ERROR|WARNING):' || true)
	c=$(printf '%s\n' "$out" | grep -cE '(^|: )CHECK:' || true)
	checks=$((checks + c))
	if [ "$e" != 0 ]; then
		echo "checkpatch: $p: $e errors/warnings"
		printf '%s\n' "$out" | sed 's/^/    /'
		bad=1
	elif [ "$c" != 0 ]; then
		echo "checkpatch: $p: $c checks (not fatal)"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
done < "$dir/series"
echo "checkpatch: $n patches, $([ $bad = 0 ] && echo clean || echo NOT clean), $checks checks"
exit $bad
