#!/bin/bash
# Benchmarks, side by side in one run (ratios only; absolute numbers under
# qemu TCG mean little): oob vs in-band round-trip latency, idle and under
# load; the idle cost of the hooks on the in-band receive path (NET_OOB=y,
# no port, vs NET_OOB=n); oob vs in-band packet rates. Writes the report
# and plots to results/ (see results/README.md once generated).
# usage: bench.sh      (environment: BENCH_N exchanges per latency run,
#                       default 100000; BENCH_ROUNDS boots per kernel for
#                       the hook cost, default 3; BENCH_PARTS, default
#                       "latency hook": run only some, the report
#                       then takes the others from the last run's raw
#                       results in build/bench)
set -eu
. "$(dirname "$0")/lib.sh"

n=${BENCH_N:-100000}
rounds=${BENCH_ROUNDS:-3}
parts=" ${BENCH_PARTS:-latency hook} "
out=$top/results
raw=$build/bench
mkdir -p "$out" "$raw"

# The latency run uses the oob kernel of the tests; the hook cost, the
# bench-oob and bench-no-oob pair (NET_OOB=y and =n, neither with the oob
# stage checker, both with pktgen). BENCH_KERNELS=DIR takes DIR/oob from
# the last make test run (build/test/kernels; its tree and objects,
# build/test/linux and build/test/obj, give the headers) and builds the
# pair there in place when missing.
if [ -n "${BENCH_KERNELS:-}" ]; then
	src=$build/test/linux hobj=$build/test/obj
	kernel() { echo "$BENCH_KERNELS/$1"; }
	for k in bench-oob bench-no-oob; do
		if [ ! -f "$BENCH_KERNELS/$k" ]; then
			"$top/scripts/build.sh" -s "$src" -o "$hobj" $k
			cp "$hobj/arch/x86/boot/bzImage" "$BENCH_KERNELS/$k"
		fi
	done
else
	src=$tree hobj=$build/obj-oob
	kernel() { echo "$build/obj-$1/arch/x86/boot/bzImage"; }
	step "building the oob, bench-oob and bench-no-oob kernels"
	"$top/scripts/build.sh" oob
	"$top/scripts/build.sh" bench-oob
	"$top/scripts/build.sh" bench-no-oob
fi
run "$logs/bench-headers.log" make -C "$src" O="$hobj" headers
run "$logs/bench-cc.log" gcc -O2 -Wall -I "$hobj/usr/include" \
	-o "$build/oobbench" "$top/bench/oobbench.c"


if [[ $parts == *" latency "* ]]; then
	step "latency and packet rates: oob kernel, $n exchanges per run"
	rm -rf "$raw/full"
	"$top/scripts/vm.sh" -t 14400 -m 2048 -k "$(kernel oob)" -o "$raw/full" \
		-- "sh $top/scripts/guest-bench.sh $build/oobbench full $n"
fi

boots=$rounds
[[ $parts == *" hook "* ]] || boots=0
[ "$boots" = 0 ] || step "in-band receive path cost: $rounds boots of each kernel, alternating"
for r in $(seq "$boots"); do
	for k in oob no-oob; do
		rm -rf "$raw/tap-$k-$r"
		"$top/scripts/vm.sh" -t 900 -k "$(kernel bench-$k)" -o "$raw/tap-$k-$r" \
			-- "sh $top/scripts/guest-bench.sh $build/oobbench tap"
	done
done

step "report"
python3 "$top/bench/report.py" "$raw" "$out" "$rounds"
for p in "$out"/*.gp; do
	(cd "$out" && gnuplot "$(basename "$p")")
done
rm -f "$out"/*.gp
cat "$out/report.txt"
