#!/bin/bash
# Build and install the net/oob kselftests with the kernel's kselftest
# install machinery, against the headers of build/obj-<flavour>.
# usage: kselftest-install.sh [-s SRCDIR] [-o OBJDIR]
set -eu
. "$(dirname "$0")/lib.sh"
src=$tree obj=$build/obj-oob
while getopts "s:o:" opt; do
	case $opt in
	s) src=$OPTARG ;;
	o) obj=$OPTARG ;;
	*) die "usage: $0 [-s SRCDIR] [-o OBJDIR]" ;;
	esac
done
[ -d "$src/tools/testing/selftests/net/oob" ] || { echo "no net/oob selftests in the tree yet"; exit 0; }
run "$logs/kselftest.log" make -C "$src" O="$obj" -j"$jobs" \
	TARGETS=net/oob kselftest-install
echo "installed: $obj/kselftest/kselftest_install"
