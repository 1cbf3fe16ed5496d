#!/bin/bash
# Gate: scripts/checkpatch.pl --strict on every patch of patches/series
# reports no error and no warning. A patch may carry a justified
# exception in its commit message, as a line
#   Checkpatch-ignore: TYPE[,TYPE...] (why)
# which is passed on as --ignore.
# usage: gate-checkpatch.sh
set -eu
. "$(dirname "$0")/lib.sh"

bad=0 n=0 checks=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	n=$((n + 1))
	ignore=$(sed -n 's/^Checkpatch-ignore: *\([A-Z_,]*\).*/\1/p' "$top/patches/$p" | paste -sd, -)
	out=$(cd "$tree" && ./scripts/checkpatch.pl --strict --no-summary --showfile \
		${ignore:+--ignore "$ignore"} "$top/patches/$p" 2>&1) || true
	e=$(printf '%s\n' "$out" | grep -c '^\(ERROR\|WARNING\):' || true)
	c=$(printf '%s\n' "$out" | grep -c '^CHECK:' || true)
	checks=$((checks + c))
	if [ "$e" != 0 ]; then
		echo "checkpatch: $p: $e errors/warnings"
		printf '%s\n' "$out" | sed 's/^/    /'
		bad=1
	elif [ "$c" != 0 ]; then
		echo "checkpatch: $p: $c checks (not fatal)"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
done < "$top/patches/series"
echo "checkpatch: $n patches, $([ $bad = 0 ] && echo clean || echo NOT clean), $checks checks"
exit $bad
