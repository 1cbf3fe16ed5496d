#!/bin/bash
# Gate: every patch of the series builds on top of the previous ones.
# Checks out each commit of a range (default: every commit after "base")
# in turn in a separate worktree of build/linux (so that work in
# build/linux is never disturbed) and builds it incrementally, stopping at
# the first patch that breaks and naming it. Patches which change no build
# input (documentation, selftests) build exactly as the previous one and
# are skipped.
#
# The first and the last commit that build are linked in full (vmlinux).
# The ones in between are compiled and linked into vmlinux.o, the
# relocatable object the final link starts from (modpost checks it), and
# a link failure is caught there without the three kallsyms link passes:
# every symbol vmlinux.o leaves undefined must be one the first full link
# resolved from outside it (linker script, kallsyms, version stamp). A
# symbol defined twice already fails the relocatable link.
#
# make test walks the series with the gate configuration (the smallest
# kernel that compiles every line the series adds, NET_OOB on), in an
# object directory of its own; make bisect walks it with the test
# kernels' configurations, NET_OOB on then off.
# usage: gate-bisect.sh [-s WORKTREE] [-o OBJDIR] [-r FROM..TO] [FLAVOUR]
set -eu
. "$(dirname "$0")/lib.sh"

wt=$build/test/linux obj="" range=base..HEAD
while getopts "s:o:r:" opt; do
	case $opt in
	s) wt=$OPTARG ;;
	o) obj=$OPTARG ;;
	r) range=$OPTARG ;;
	*) die "usage: $0 [-s WORKTREE] [-o OBJDIR] [-r FROM..TO] [FLAVOUR]" ;;
	esac
done
shift $((OPTIND - 1))
flavour=${1:-oob}
obj=${obj:-$build/test/obj-$flavour}

# Fragments shipped in the kernel tree come from the range's last commit.
to=${range##*..}
fragtree=$build/test/fragments
rm -rf "$fragtree"
mkdir -p "$fragtree"
git -C "$tree" archive "${to:-HEAD}" tools/testing/selftests | tar -x -C "$fragtree"
export OOB_FRAGMENT_TREE=$fragtree

from=${range%%..*}
commits=$(git -C "$tree" rev-list --reverse "$range")
[ -n "$commits" ] || die "no commit in $range"
"$top/scripts/worktree.sh" "$wt" "$from"

# builds COMMIT: whether the commit changes a build input.
builds() {
	git -C "$tree" diff --name-only "$1^" "$1" |
		grep -qvE '^(Documentation/|tools/testing/|MAINTAINERS$)'
}
last_built=""
for c in $commits; do
	builds "$c" && last_built=$c
done
# The undefined symbols of vmlinux.o that the full link resolves.
ref=$obj/.gate-bisect-undefined
rm -f "$ref"
undefined() { nm -u "$obj/vmlinux.o" | awk '{ print $2 }' | sort -u; }

total=$(echo "$commits" | grep -c . || true)
i=0 walk_start=$(date +%s)
for c in $commits; do
	i=$((i + 1))
	subject=$(git -C "$tree" log -1 --format=%s "$c")
	git -C "$wt" checkout -q --detach "$c"
	if ! builds "$c"; then
		printf 'bisect: %2d/%d nothing to build   %s\n' "$i" "$total" "$subject"
		continue
	fi
	start=$(date +%s)
	log=$logs/bisect-$flavour-$i.log
	# vmlinux_o, not vmlinux.o: kbuild takes a %.o goal for a single
	# object of the tree and would build nothing.
	target=vmlinux_o how=compiled
	if [ ! -f "$ref" ] || [ "$c" = "$last_built" ]; then
		target=vmlinux how=linked
	fi
	if ! "$top/scripts/kconfig.sh" "$wt" "$obj" "$flavour" >"$log" 2>&1 ||
	   ! make -C "$wt" O="$obj" CC="$kcc" -j"$jobs" "$target" >>"$log" 2>&1; then
		grep -E 'error|Error|undefined reference' "$log" | head -20 >&2
		echo "bisect: patch $i/$total does not build ($flavour): $subject" >&2
		echo "bisect: log: $log" >&2
		exit 1
	fi
	if [ "$target" = vmlinux ]; then
		[ -f "$ref" ] || undefined > "$ref"
	else
		missing=$(undefined | comm -23 - "$ref")
		if [ -n "$missing" ]; then
			{
				echo "bisect: undefined at link time:"
				echo "$missing" | sed 's/^/  /'
			} | tee -a "$log" >&2
			echo "bisect: patch $i/$total does not link ($flavour): $subject" >&2
			echo "bisect: log: $log" >&2
			exit 1
		fi
	fi
	printf 'bisect: %2d/%d %s (%3ss, %4ss so far) %s\n' "$i" "$total" "$how" \
		"$(( $(date +%s) - start ))" "$(( $(date +%s) - walk_start ))" "$subject"
done
echo "bisect: all $total patches build ($flavour)"
