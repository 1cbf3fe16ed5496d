#!/bin/bash
# Gate: scripts/kernel-doc -none reports nothing new on the files the
# series touches. Warnings already present in the base tree are not the
# series' doing and are subtracted (compared without line numbers).
# Given FILEs (paths relative to the tree, or absolute), checks those.
# usage: gate-kernel-doc.sh [FILE...]
set -eu
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -gt 0 ]; then
	files="$*"
else
	files=$(git -C "$tree" diff --name-only --diff-filter=AM base..HEAD -- '*.c' '*.h')
fi
bad=0 n=0
for f in $files; do
	n=$((n + 1))
	(cd "$tree" && ./scripts/kernel-doc -none -Wall "$f" 2>&1) |
		sed 's/:[0-9]*:/:/' | sort > "$tmp/new"
	if [ "${f#/}" = "$f" ] && git -C "$tree" cat-file -e "base:$f" 2>/dev/null; then
		git -C "$tree" show "base:$f" > "$tmp/old.${f##*.}"
		(cd "$tree" && ./scripts/kernel-doc -none -Wall "$tmp/old.${f##*.}" 2>&1) |
			sed "s|$tmp/old.${f##*.}|$f|; s/:[0-9]*:/:/" | sort > "$tmp/old"
	else
		: > "$tmp/old"
	fi
	added=$(comm -23 "$tmp/new" "$tmp/old")
	if [ -n "$added" ]; then
		printf '%s\n' "$added" | sed 's/^/    /'
		bad=1
	fi
done
echo "kernel-doc: $n files, $([ $bad = 0 ] && echo clean || echo NOT clean)"
exit $bad
