#!/bin/bash
# Gate: every patch of the series builds on top of the previous ones.
# Checks out each commit of a range (default: every commit after "base")
# in turn in a separate worktree of build/linux (so that work in
# build/linux is never disturbed) and builds it incrementally (vmlinux:
# compiled, linked, modpost), stopping at the first patch that breaks and
# naming it. The last step leaves the objects of the range's last commit
# built in OBJDIR. Patches which change no build input (documentation,
# selftests) build exactly as the previous one and are skipped.
#
# make test walks the series with the small "gate" configuration; make
# bisect walks it with the test kernels' configurations, NET_OOB on then
# off.
# usage: gate-bisect.sh [-s WORKTREE] [-o OBJDIR] [-r FROM..TO] [FLAVOUR]
set -eu
. "$(dirname "$0")/lib.sh"

wt=$build/test/linux obj="" range=base..HEAD
while getopts "s:o:r:" opt; do
	case $opt in
	s) wt=$OPTARG ;;
	o) obj=$OPTARG ;;
	r) range=$OPTARG ;;
	*) die "usage: $0 [-s WORKTREE] [-o OBJDIR] [-r FROM..TO] [FLAVOUR]" ;;
	esac
done
shift $((OPTIND - 1))
flavour=${1:-oob}
obj=${obj:-$build/test/obj-$flavour}

from=${range%%..*}
commits=$(git -C "$tree" rev-list --reverse "$range")
[ -n "$commits" ] || die "no commit in $range"
"$top/scripts/worktree.sh" "$wt" "$from"
total=$(echo "$commits" | grep -c . || true)
i=0 walk_start=$(date +%s)
for c in $commits; do
	i=$((i + 1))
	subject=$(git -C "$tree" log -1 --format=%s "$c")
	git -C "$wt" checkout -q --detach "$c"
	if ! git -C "$tree" diff --name-only "$c^" "$c" |
	     grep -qvE '^(Documentation/|tools/testing/|MAINTAINERS$)'; then
		printf 'bisect: %2d/%d nothing to build   %s\n' "$i" "$total" "$subject"
		continue
	fi
	start=$(date +%s)
	log=$logs/bisect-$flavour-$i.log
	if ! "$top/scripts/kconfig.sh" "$wt" "$obj" "$flavour" >"$log" 2>&1 ||
	   ! make -C "$wt" O="$obj" CC="$kcc" -j"$jobs" vmlinux >>"$log" 2>&1; then
		grep -E 'error|Error' "$log" | head -20 >&2
		echo "bisect: patch $i/$total does not build ($flavour): $subject" >&2
		echo "bisect: log: $log" >&2
		exit 1
	fi
	printf 'bisect: %2d/%d builds (%3ss, %4ss so far) %s\n' "$i" "$total" \
		"$(( $(date +%s) - start ))" "$(( $(date +%s) - walk_start ))" "$subject"
done
echo "bisect: all $total patches build ($flavour)"
