#!/bin/bash
# Generate the .config of one build flavour in OBJDIR: allnoconfig with the
# flavour's fragments (configs/<flavour>.list) merged on top. With -s, fail
# when a fragment symbol did not take the requested value (a missing
# dependency or a typo); without it, only report them.
# usage: kconfig.sh [-s] SRCDIR OBJDIR FLAVOUR
set -eu
. "$(dirname "$0")/lib.sh"

strict=0
[ "${1:-}" = -s ] && { strict=1; shift; }
[ $# = 3 ] || die "usage: $0 [-s] SRCDIR OBJDIR FLAVOUR"
src=$(cd "$1" && pwd) flavour=$3
mkdir -p "$2"
obj=$(cd "$2" && pwd)
configs=${OOB_CONFIGS:-$top/configs}
list=$configs/$flavour.list
[ -f "$list" ] || die "unknown flavour $flavour (no $list)"

mkdir -p "$obj"
frags=()
while read -r f; do
	case "$f" in
	''|'#'*) continue ;;
	# A fragment shipped in the kernel tree, e.g. a selftest's config;
	# it may not exist yet at an early patch of the series, so the
	# per-patch walk reads it from the tree of the whole series
	# (OOB_FRAGMENT_TREE): every patch then gets the configuration of
	# the last one.
	tree:*) ftree=${OOB_FRAGMENT_TREE:-$src}
		[ -f "$ftree/${f#tree:}" ] && frags+=("$ftree/${f#tree:}") ;;
	*) frags+=("$configs/$f") ;;
	esac
done < "$list"
cat "${frags[@]}" > "$obj/fragments.config"
make -s -C "$src" O="$obj" KCONFIG_ALLCONFIG="$obj/fragments.config" allnoconfig >"$obj/kconfig.log" 2>&1 ||
	{ cat "$obj/kconfig.log" >&2; die "allnoconfig failed"; }

# Every symbol a fragment sets must end up with that value; a later
# fragment may override an earlier one (nocore is oob without the core),
# so the last assignment of a symbol is the one checked.
bad=0
tac "$obj/fragments.config" | awk '
	/^# CONFIG_.* is not set/ { s = $2 } /^CONFIG_/ { s = $0; sub(/=.*/, "", s) }
	s != "" && !(s in seen) { seen[s] = 1; print } { s = "" }' | tac |
while read -r line; do
	case "$line" in
	"# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *}; want=n ;;
	CONFIG_*=*) sym=${line%%=*}; want=${line#*=} ;;
	*) continue ;;
	esac
	have=$(sed -n "s/^$sym=//p" "$obj/.config")
	[ -n "$have" ] || have=n
	if [ "$want" != "$have" ]; then
		echo "kconfig: $sym: fragment wants $want, .config has $have" >&2
		echo bad
	fi
done > "$obj/kconfig.bad"
grep -q bad "$obj/kconfig.bad" && bad=1
[ $bad = 0 ] || [ $strict = 0 ] || die "$flavour: fragments not honoured (see above)"
exit 0
