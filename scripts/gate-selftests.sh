#!/bin/bash
# Self-tests of the gates: each gate is fed a planted defect and must fail
# on it (and, where cheap, pass on the clean input). A gate nobody has
# seen fail is not a gate. Results are appended to TABLE as
# "gate-selftest<TAB>NAME<TAB>pass|fail<TAB>detail".
#
# usage: gate-selftests.sh TABLE                 the gates that need no build
#        gate-selftests.sh -b WORKTREE OBJDIR TABLE
#                         the per-patch build gate, on a broken patch put
#                         on top of the series in WORKTREE (built in OBJDIR),
#                         and htmldocs, on a broken page planted there
#        gate-selftests.sh -c SRCDIR OBJDIR TABLE
#                         the Dovetail conformance check, with a defect
#                         planted in its expectations
set -u
. "$(dirname "$0")/lib.sh"

mode=static
case "${1:-}" in
-b|-c) mode=$1; wt=$2; obj=$3; shift 3 ;;
esac
[ $# = 1 ] || die "usage: $0 [-b WORKTREE OBJDIR | -c SRCDIR OBJDIR] TABLE"
table=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# expect NAME fail|pass CMD...: the gate run as CMD must end that way.
# With "fail", its output must also match $want when set.
expect() {
	local name=$1 outcome=$2 rc detail
	shift 2
	"$@" > "$tmp/out" 2>&1
	rc=$?
	if [ "$outcome" = fail ] && [ $rc != 0 ] &&
	   { [ -z "${want:-}" ] || grep -qE "$want" "$tmp/out"; }; then
		printf 'gate-selftest\t%s\tpass\t%s\n' "$name" "fails on it" >> "$table"
		echo "ok: $name"
	elif [ "$outcome" = pass ] && [ $rc = 0 ]; then
		printf 'gate-selftest\t%s\tpass\t\n' "$name" >> "$table"
		echo "ok: $name"
	else
		detail="exit $rc, expected to $outcome$([ -n "${want:-}" ] && echo " naming /$want/")"
		printf 'gate-selftest\t%s\tfail\t%s\n' "$name" "$detail" >> "$table"
		echo "FAILED: $name: $detail"
		sed 's/^/    /' "$tmp/out" | tail -20
		failed=1
	fi
	want=
}

# A copy of the series whose last patch carries a defect.
planted_series() {
	local last
	mkdir -p "$tmp/p"
	cp "$top/patches/"*.patch "$top/patches/series" "$tmp/p/"
	last=$(grep -v '^#' "$tmp/p/series" | grep . | tail -1)
	# A new line with trailing whitespace in the first hunk adding lines.
	awk 'done != 1 && /^\+[^+]/ { print; print "+planted defect   "; done = 1; next } { print }' \
		"$tmp/p/$last" > "$tmp/p/x" && mv "$tmp/p/x" "$tmp/p/$last"
	# The diffstat and hunk counts no longer match: checkpatch does not
	# mind, and nothing applies this copy.
}

# fresh_build_dir: in a checkout whose path kbuild cannot use, build/
# links to a directory of its own, kept while the checkout lives and
# never inherited by a new checkout at the same path (a stale kernel tree
# there made tree.sh refuse a fresh clone).
fresh_build_dir() {
	local co="$tmp/co x/main" d1 d1b d2
	clone() { rm -rf "$co"; mkdir -p "$co/scripts"; cp "$top/scripts/lib.sh" "$co/scripts/"; }
	dir() { OOB_BUILD_ALT=$tmp/alt bash -c '. "$1/scripts/lib.sh" && echo "$build"' _ "$co"; }
	clone; d1=$(dir); d1b=$(dir)
	clone; d2=$(dir)
	echo "first checkout: $d1, again: $d1b; new checkout: $d2"
	[ -n "$d1" ] && [ "$d1" = "$d1b" ] && [ "$d1" != "$d2" ]
}

static_selftests() {
	expect "a new checkout at a removed one's path gets a new build directory" pass \
		fresh_build_dir

	planted_series
	want='trailing whitespace'
	expect "checkpatch fails on trailing whitespace" fail \
		"$top/scripts/gate-checkpatch.sh" "$tmp/p"

	cat > "$tmp/bad-doc.c" <<'EOT'
/**
 * planted() - A function whose parameter is not described
 *
 * Return: nothing useful.
 */
int planted(int undescribed);
EOT
	want='undescribed'
	expect "kernel-doc fails on an undescribed parameter" fail \
		"$top/scripts/gate-kernel-doc.sh" "$tmp/bad-doc.c"

	mkdir -p "$tmp/cfg"
	cp "$top/configs/"* "$tmp/cfg/"
	printf 'gate.config\n' > "$tmp/cfg/planted.list"
	printf 'CONFIG_NET_OOB_NO_SUCH_OPTION=y\n' >> "$tmp/cfg/gate.config"
	want='NET_OOB_NO_SUCH_OPTION'
	expect "kconfig fails on a fragment symbol not taken" fail \
		env OOB_CONFIGS="$tmp/cfg" "$top/scripts/kconfig.sh" -s "$tree" "$tmp/kobj" planted

	# A flavour derived from oob that misses an option added to oob.
	mkdir -p "$tmp/cfg2"
	cp "$top/configs/"* "$tmp/cfg2/"
	sed -i '/CONFIG_NET_OOB_KUNIT_TEST/d' "$tmp/cfg2/no-oob.config"
	want='no-oob.*|NET_OOB_KUNIT_TEST'
	expect "configs fails on a flavour not switching an oob option off" fail \
		env OOB_CONFIGS="$tmp/cfg2" "$top/scripts/gate-configs.sh" no-oob

	mkdir -p "$tmp/p2"
	cp "$top/patches/"*.patch "$top/patches/series" "$tmp/p2/"
	last=$(grep -v '^#' "$tmp/p2/series" | grep . | tail -1)
	grep -v "^$last\$" "$tmp/p2/series" > "$tmp/p2/x" && mv "$tmp/p2/x" "$tmp/p2/series"
	want='not exported'
	expect "series-check fails on a commit missing from patches/" fail \
		"$top/scripts/series-check.sh" "$tree" "$tmp/p2"

	mkdir -p "$tmp/vm"
	for report in 'WARNING: CPU: 1 PID: 7 at net/core/dev.c:1 planted+0x1/0x2' \
		      'BUG: KASAN: slab-use-after-free in planted+0x1/0x2' \
		      'general protection fault, probably for non-canonical address 0xdead' \
		      'WARNING: possible circular locking dependency detected' \
		      'UBSAN: shift-out-of-bounds in net/core/planted.c:1:2' \
		      'e1000e 0000:00:02.0 eth0: Detected Hardware Unit Hang:'; do
		printf '[    1.0] booting\n[    2.0] %s\n' "$report" > "$tmp/vm/console.log"
		"$top/scripts/guest-checks.sh" "$tmp/vm" > "$tmp/checks"
		if grep -q "kernel log clean	fail" "$tmp/checks"; then
			expect "log scan fails on: ${report%% in *}" fail false
		else
			want=x expect "log scan fails on: ${report%% in *}" fail true
		fi
	done
	printf '[    1.0] booting\n[    2.0] all quiet\n' > "$tmp/vm/console.log"
	for v in 3 absent; do
		printf '%s\n' "$v" > "$tmp/vm/violations"
		"$top/scripts/guest-checks.sh" "$tmp/vm" > "$tmp/checks"
		if grep -q "oob stage	fail" "$tmp/checks"; then
			expect "stage checker count fails on '$v'" fail false
		else
			want=x expect "stage checker count fails on '$v'" fail true
		fi
	done
	printf '0\n' > "$tmp/vm/violations"
	"$top/scripts/guest-checks.sh" "$tmp/vm" > "$tmp/checks"
	expect "log scan and checker count pass a clean run" pass \
		sh -c "! grep -q '	fail' '$tmp/checks'"

	printf 'KTAP version 1\n1..1\n    # Subtest: oob_stage\n    1..1\n    ok 1 case\nok 1 oob_stage\n' > "$tmp/kunit.log"
	python3 "$top/scripts/ktap.py" kunit "$tmp/kunit.log" --expect oob_stage netoob > "$tmp/ktap"
	if grep -q 'fail' "$tmp/ktap"; then
		expect "KTAP parser fails on a missing suite" fail false
	else
		want=x expect "KTAP parser fails on a missing suite" fail true
	fi

	# A carriage return from a guest log in a detail field, and a row
	# cut short: the summary must count a failure, not crash or miss it.
	printf 'g\tok case\tpass\t\ng\tlog\tfail\t[ 1.0] BUG: x\r (console.log)\ng\tcut short\n' \
		> "$tmp/res.tsv"
	printf 'step\t1\t0\n' > "$tmp/steps.tsv"
	python3 "$top/scripts/summary.py" "$tmp/res.tsv" "$tmp/steps.tsv" > "$tmp/sum" 2>&1
	want='^1 passed, 2 failed$'
	expect "summary counts a malformed row and a CR in a detail as failures" fail \
		sh -c "cat '$tmp/sum'; if grep -q '^1 passed, 2 failed\$' '$tmp/sum'; then exit 1; fi; exit 0"

	sed 's/^## clean /## planted      a target without a rule\n## clean /' \
		"$top/Makefile" > "$tmp/Makefile"
	cp -r "$top/scripts" "$top/configs" "$tmp/"
	want='planted'
	expect "make-targets fails on a listed target without rule" fail \
		"$top/scripts/check-make-targets.sh" "$tmp/Makefile"
}

# A broken patch on top of the series: the per-patch gate must name it.
# A broken page in the documentation: htmldocs must fail on it.
# plant SUBJECT: commit the worktree's changes as a planted patch.
plant() {
	git -C "$wt" -c user.name=selftest -c user.email=selftest@invalid \
		commit -q -a -m "$1"
}

bisect_selftest() {
	local head
	head=$(git -C "$wt" rev-parse HEAD)

	printf '\nPlanted\n=======\n\nA reference to :doc:`nowhere-planted`.\n' \
		>> "$wt/Documentation/dovetail/index.rst"
	want='nowhere-planted'
	expect "htmldocs fails on a broken reference" fail \
		"$top/scripts/htmldocs.sh" -s "$wt" -o "$tmp/docs"
	git -C "$wt" checkout -q -- Documentation/dovetail

	printf '#error planted defect\n' >> "$wt/net/core/netdev_oob.c"
	plant "planted: a patch which does not build"
	want='does not build.*planted'
	expect "per-patch build fails on a broken patch, naming it" fail \
		"$top/scripts/gate-bisect.sh" -s "$wt" -o "$obj" \
		-r "$head..$(git -C "$wt" rev-parse HEAD)" gate
	git -C "$wt" checkout -q --detach "$head"

	# Code that compiles but calls a function nothing defines, in the
	# middle of a walk, where patches are not linked in full.
	printf '\n/* planted: a comment */\n' >> "$wt/net/core/netdev_oob.c"
	plant "planted: a patch which builds"
	printf '%s\n' '' 'void oob_planted_undefined(void);' \
		'void oob_planted_caller(void);' 'void oob_planted_caller(void)' \
		'{' '	oob_planted_undefined();' '}' >> "$wt/net/core/netdev_oob.c"
	plant "planted: a patch which does not link"
	printf '\n/* planted: another comment */\n' >> "$wt/net/core/netdev_oob.c"
	plant "planted: a patch which builds again"
	want='does not link.*planted: a patch which does not link'
	expect "per-patch build fails on an undefined symbol, naming the patch" fail \
		"$top/scripts/gate-bisect.sh" -s "$wt" -o "$obj" \
		-r "$head..$(git -C "$wt" rev-parse HEAD)" gate
	git -C "$wt" checkout -q --detach "$head"
}

# A defect planted in the conformance expectations must stop the build.
conformance_selftest() {
	want='static assertion failed: "Dovetail element: free_skb_oob'
	expect "Dovetail conformance check fails on a wrong hook type" fail \
		make -C "$wt" O="$obj" CC="$kcc" KCFLAGS=-DNETOOB_CONFORMANCE_SELFTEST \
		net/core/netoob_conformance.o
	expect "Dovetail conformance check passes the series" pass \
		make -C "$wt" O="$obj" CC="$kcc" net/core/netoob_conformance.o
}

case $mode in
static) static_selftests ;;
-b) bisect_selftest ;;
-c) conformance_selftest ;;
esac
[ $failed = 0 ] && echo "gate self-tests: every gate failed on its planted defect"
exit $failed
