#!/bin/bash
# Export the commits after "base" in build/linux to patches/ as
# git-format-patch files plus a series file. Unchanged commits produce
# byte-identical files; files of commits that left the series are removed.
# The series file groups the patches under comments (format-series.sh).
# usage: export.sh
set -eu
. "$(dirname "$0")/lib.sh"

[ -d "$tree/.git" ] || die "no tree at $tree: run 'make tree'"
[ -z "$(git -C "$tree" status --porcelain --untracked-files=no)" ] ||
	die "uncommitted changes in $tree: commit them first (git -C $tree status)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$top/scripts/format-series.sh" "$tmp"


mkdir -p "$top/patches"
changed=0
for f in "$top"/patches/*.patch; do
	[ -e "$f" ] || continue
	if [ ! -e "$tmp/${f##*/}" ]; then
		rm -f "$f"
		echo "removed  ${f##*/}"
		changed=1
	fi
done
for f in "$tmp"/*.patch "$tmp/series"; do
	[ -e "$f" ] || continue
	if ! cmp -s "$f" "$top/patches/${f##*/}"; then
		cp "$f" "$top/patches/${f##*/}"
		echo "wrote    ${f##*/}"
		changed=1
	fi
done
series_hash=$( (cd "$top/patches" && cat series $(grep -v '^#' series | grep .)) | sha1sum | cut -c1-40)
echo "$series_hash $(git -C "$tree" rev-parse HEAD)" > "$tree/.git/oob-applied"
[ $changed = 1 ] || echo "patches/ already up to date"
