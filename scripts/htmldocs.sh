#!/bin/bash
# Build Documentation/dovetail with Sphinx; any warning is an error.
# usage: htmldocs.sh
set -eu
. "$(dirname "$0")/lib.sh"
obj=$build/obj-docs
log=$logs/htmldocs.log
rm -rf "$obj/Documentation/output/dovetail" "$obj/Documentation/output/.doctrees"
mkdir -p "$obj"
make -C "$tree" O="$obj" SPHINXDIRS=dovetail htmldocs > "$log" 2>&1 || {
	tail -n 30 "$log"; die "htmldocs failed: $log"; }
if grep -E 'WARNING|ERROR|warning:' "$log"; then
	die "htmldocs: warnings (see $log)"
fi
echo "htmldocs: clean, output in $obj/Documentation/output/dovetail"
