#!/bin/bash
# Gate: every patch of the series builds on top of the previous ones.
# Checks out each commit after "base" in turn in a separate worktree of
# build/linux (so that work in build/linux is never disturbed) and builds
# it incrementally (vmlinux: compiled, linked, modpost), stopping at the
# first patch that breaks and naming it. The last step leaves the objects
# of the whole series built in OBJDIR.
# usage: gate-bisect.sh [-s WORKTREE] [-o OBJDIR] [FLAVOUR]
set -eu
. "$(dirname "$0")/lib.sh"

wt=$build/test/linux obj=""
while getopts "s:o:" opt; do
	case $opt in
	s) wt=$OPTARG ;;
	o) obj=$OPTARG ;;
	*) die "usage: $0 [-s WORKTREE] [-o OBJDIR] [FLAVOUR]" ;;
	esac
done
shift $((OPTIND - 1))
flavour=${1:-oob}
obj=${obj:-$build/test/obj-$flavour}

"$top/scripts/worktree.sh" "$wt" base
commits=$(git -C "$tree" rev-list --reverse base..HEAD)
total=$(echo "$commits" | grep -c . || true)
i=0
for c in $commits; do
	i=$((i + 1))
	subject=$(git -C "$tree" log -1 --format=%s "$c")
	git -C "$wt" checkout -q --detach "$c"
	# A patch that changes no build input (documentation, selftests)
	# builds exactly as the previous one.
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
	printf 'bisect: %2d/%d builds (%3ss) %s\n' "$i" "$total" "$(( $(date +%s) - start ))" "$subject"
done
echo "bisect: all $total patches build ($flavour)"
