#!/bin/bash
# Benchmarks, side by side in one run (ratios only; absolute numbers under
# qemu TCG mean little): oob vs in-band round-trip latency, idle and under
# load; the idle cost of the hooks on the in-band receive path (NET_OOB=y,
# no port, vs NET_OOB=n); oob vs in-band packet rates. Writes the report
# and plots to results/ (see results/README.md once generated).
# usage: bench.sh      (environment: BENCH_N exchanges per latency run,
#                       default 100000; BENCH_ROUNDS boots per kernel for
#                       the hook cost, default 3)
set -eu
. "$(dirname "$0")/lib.sh"

n=${BENCH_N:-100000}
rounds=${BENCH_ROUNDS:-3}
out=$top/results
raw=$build/bench
mkdir -p "$out" "$raw"

# BENCH_KERNELS=DIR takes the kernels from DIR/oob and DIR/no-oob instead
# of building them (build/test/kernels holds those of the last make test
# run, whose tree and objects, build/test/linux and build/test/obj, give
# the headers); DIR/bench-oob is built there in place when missing.
if [ -n "${BENCH_KERNELS:-}" ]; then
	src=$build/test/linux hobj=$build/test/obj
	kernel() { echo "$BENCH_KERNELS/$1"; }
	if [ ! -f "$BENCH_KERNELS/bench-oob" ]; then
		"$top/scripts/build.sh" -s "$src" -o "$hobj" bench-oob
		cp "$hobj/arch/x86/boot/bzImage" "$BENCH_KERNELS/bench-oob"
	fi
else
	src=$tree hobj=$build/obj-oob
	kernel() { echo "$build/obj-$1/arch/x86/boot/bzImage"; }
	step "building the oob, bench-oob and no-oob kernels"
	"$top/scripts/build.sh" oob
	"$top/scripts/build.sh" bench-oob
	"$top/scripts/build.sh" no-oob
fi
run "$logs/bench-headers.log" make -C "$src" O="$hobj" headers
run "$logs/bench-cc.log" gcc -O2 -Wall -I "$hobj/usr/include" \
	-o "$build/oobbench" "$top/bench/oobbench.c"


step "latency and packet rates: oob kernel, $n exchanges per run"
rm -rf "$raw/full"
"$top/scripts/vm.sh" -t 14400 -m 2048 -k "$(kernel oob)" -o "$raw/full" \
	-- "sh $top/scripts/guest-bench.sh $build/oobbench full $n"

step "in-band receive path cost: $rounds boots of each kernel, alternating"
for r in $(seq "$rounds"); do
	# NET_OOB=y without the oob stage checker (bench-oob) against
	# NET_OOB=n, otherwise the same config.
	for k in oob no-oob; do
		kk=$k
		[ $k = oob ] && kk=bench-oob
		rm -rf "$raw/tap-$k-$r"
		"$top/scripts/vm.sh" -t 900 -k "$(kernel $kk)" -o "$raw/tap-$k-$r" \
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
