#!/bin/bash
# Exit non-zero, naming what is missing, when build/linux holds commits or
# uncommitted edits that are not in patches/ (or TREE, PATCHDIR).
# usage: series-check.sh [TREE PATCHDIR]
set -eu
. "$(dirname "$0")/lib.sh"
pdir=$top/patches
if [ $# = 2 ]; then
	tree=$1 pdir=$2
fi

[ -e "$tree/.git" ] || { echo "no tree at $tree: nothing to check"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

dirty=$(git -C "$tree" status --porcelain)
if [ -n "$dirty" ]; then
	echo "uncommitted changes in $tree:"
	printf '%s\n' "$dirty" | sed 's/^/  /'
	bad=1
fi

"$top/scripts/format-series.sh" "$tmp" "$tree"
want=$(grep -v '^#' "$pdir/series" 2>/dev/null | grep . || true)
have=$(grep -v '^#' "$tmp/series" | grep . || true)
if [ "$want" != "$have" ]; then
	echo "patches/series differs from the commits in the tree:"
	diff <(printf '%s\n' "$want") <(printf '%s\n' "$have") | sed -n 's/^</  only in patches\/series:/p; s/^>/  not exported:/p'
	bad=1
fi
for f in "$tmp"/*.patch; do
	[ -e "$f" ] || continue
	p=${f##*/}
	if [ -e "$pdir/$p" ] && ! cmp -s "$f" "$pdir/$p"; then
		echo "  changed in the tree, not exported: $p"
		bad=1
	fi
done
if [ $bad = 1 ]; then
	echo "series-check: FAILED: run 'make export' to write the tree's commits to patches/"
	exit 1
fi
echo "series-check: patches/ matches the tree ($(echo "$have" | grep -c . || true) patches)"
