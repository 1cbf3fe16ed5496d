#!/bin/bash
# Build Documentation/dovetail with Sphinx; any warning is an error.
# usage: htmldocs.sh [-s SRCDIR] [-o OBJDIR]
set -eu
. "$(dirname "$0")/lib.sh"
src=$tree obj=$build/obj-docs
while getopts "s:o:" opt; do
	case $opt in
	s) src=$OPTARG ;;
	o) obj=$OPTARG ;;
	*) die "usage: $0 [-s SRCDIR] [-o OBJDIR]" ;;
	esac
done
log=$obj/htmldocs.log
mkdir -p "$obj"
rm -rf "$obj/Documentation/output/dovetail" "$obj/Documentation/output/.doctrees"
make -C "$src" O="$obj" SPHINXDIRS=dovetail htmldocs > "$log" 2>&1 || {
	tail -n 30 "$log"; die "htmldocs failed: $log"; }
if grep -E 'WARNING|ERROR|warning:' "$log"; then
	die "htmldocs: warnings (see $log)"
fi
echo "htmldocs: clean, output in $obj/Documentation/output/dovetail"
