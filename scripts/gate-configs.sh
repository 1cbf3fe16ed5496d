#!/bin/bash
# Gate: every build flavour's fragments (configs/*.list) are honoured by
# the kernel of the whole series: kconfig.sh -s for each one, which fails
# when a symbol a fragment sets did not take that value (a dependency
# missing, a symbol renamed, a new option of the oob flavour that a
# flavour derived from it does not switch off). A few seconds per
# flavour; make test runs it beside the per-patch build, so that such a
# slip is reported for every flavour, the ones make test does not build
# (debug, bench, gate) included.
# usage: gate-configs.sh [FLAVOUR...]   (default: every flavour;
#        environment: OOB_CONFIGS, a fragment directory)
set -u
. "$(dirname "$0")/lib.sh"

configs=${OOB_CONFIGS:-$top/configs}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0 n=0
flavours=("$@")
[ $# -gt 0 ] || for list in "$configs"/*.list; do
	flavours+=("$(basename "$list" .list)")
done
for flavour in "${flavours[@]}"; do
	n=$((n + 1))
	# One object directory for all: kconfig's tools are built once.
	if OOB_CONFIGS=$configs "$top/scripts/kconfig.sh" -s "$tree" "$tmp/obj" "$flavour" \
		> "$tmp/$flavour.out" 2>&1; then
		echo "ok: $flavour"
	else
		echo "FAILED: $flavour"
		sed 's/^/    /' "$tmp/$flavour.out"
		bad=1
	fi
done
[ $n -gt 0 ] || die "no flavour in $configs"
[ $bad = 0 ] && echo "configs: the fragments of $n flavours honoured"
exit $bad
