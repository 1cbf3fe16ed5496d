#!/bin/bash
# Write the commits base..HEAD of build/linux as git-format-patch files and
# a series file into DIR, its patches grouped under comments by the part
# of the kernel they touch (taken from their subjects). Output depends
# only on the commits, so the same commit always gives the same bytes.
# usage: format-series.sh DIR [TREE]
set -eu
. "$(dirname "$0")/lib.sh"
[ $# = 1 ] || [ $# = 2 ] || die "usage: $0 DIR [TREE]"
dir=$1
tree=${2:-$tree}
mkdir -p "$dir"
git -C "$tree" -c core.abbrev=12 -c format.signature= -c diff.renames=false \
	format-patch -q --zero-commit --no-numbered --no-signature \
	--output-directory "$dir" base..HEAD
# group SUBJECT: the comment heading the patch's group in the series
group() {
	case "$1" in
	genirq*) echo "# The out-of-band execution stage layer, its checker and tests" ;;
	"net: add CONFIG_NET_OOB") echo "# The configuration option" ;;
	Documentation*) echo "# Documentation/dovetail" ;;
	"net: oobnet"*|"net: add a minimal Dovetail test core") echo "# Companion cores: oobnet, the reference, and a Dovetail test core" ;;
	e1000e*) echo "# e1000e: the out-of-band I/O path" ;;
	igb*) echo "# igb: the out-of-band I/O path" ;;
	selftests*) echo "# Selftests" ;;
	*) echo "# The hooks in the core network stack" ;;
	esac
}
last=""
for f in "$dir"/*.patch; do
	[ -e "$f" ] || continue
	subject=$(sed -n 's/^Subject: \[PATCH\] //p' "$f" | head -n 1)
	g=$(group "$subject")
	if [ "$g" != "$last" ]; then
		[ -n "$last" ] && echo
		echo "$g"
		last=$g
	fi
	echo "${f##*/}"
done > "$dir/series"
