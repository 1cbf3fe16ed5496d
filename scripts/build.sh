#!/bin/bash
# Build one kernel flavour out of tree: build/obj-<flavour>/arch/x86/boot/bzImage.
# usage: build.sh [-s SRCDIR] [-o OBJDIR] FLAVOUR
set -eu
. "$(dirname "$0")/lib.sh"

src=$tree obj=""
while getopts "s:o:" opt; do
	case $opt in
	s) src=$OPTARG ;;
	o) obj=$OPTARG ;;
	*) die "usage: $0 [-s SRCDIR] [-o OBJDIR] FLAVOUR" ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || die "usage: $0 [-s SRCDIR] [-o OBJDIR] FLAVOUR"
flavour=$1
obj=${obj:-$build/obj-$flavour}

"$top/scripts/kconfig.sh" -s "$src" "$obj" "$flavour"
log=$logs/build-$flavour.log
start=$(date +%s)
run_build "$log" "$obj" make -C "$src" O="$obj" CC="$kcc" -j"$jobs" bzImage
echo "built $flavour in $(( $(date +%s) - start ))s: $obj/arch/x86/boot/bzImage"
