#!/bin/bash
# Write the commits base..HEAD of build/linux as git-format-patch files and
# a bare series file into DIR. Output depends only on the commits, so the
# same commit always gives the same bytes.
# usage: format-series.sh DIR
set -eu
. "$(dirname "$0")/lib.sh"
[ $# = 1 ] || die "usage: $0 DIR"
dir=$1
mkdir -p "$dir"
git -C "$tree" -c core.abbrev=12 -c format.signature= -c diff.renames=false \
	format-patch -q --zero-commit --no-numbered --no-signature \
	--output-directory "$dir" base..HEAD
(cd "$dir" && ls -1 -- *.patch 2>/dev/null || true) > "$dir/series"
