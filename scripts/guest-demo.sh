#!/bin/bash
# Runs inside the VM for the main job (scripts/demo.sh), with the net/oob
# selftests installed in $1. eth0 and eth1 are the two e1000e NICs on one
# wire; eth1 goes to the namespace "oobpeer" and plays the remote host.
# The demo enables an oob port on eth0.42, exchanges frames through the
# oob socket in both directions, and prints the counts seen at both ends,
# the stage which handled RX and TX, and the buffers coming back.
# Output in demo.txt; exit status 0 when every count matches.
set -u
exec > demo.txt 2>&1

dir=$1
N=${DEMO_FRAMES:-5000}
export OOB_LOCAL_IF=eth0 OOB_PEER_IF=eth1
# Reordering under TCG is reported, not fatal (see guest-tests.sh).
export OOB_REORDER_OK=${OOB_REORDER_OK-1}
# shellcheck source=/dev/null
source "$dir/lib.sh"

bad=0
check()		# check WHAT GOT WANT
{
	if [ "$2" = "$3" ]; then
		printf '  %-46s %s\n' "$1" "$2"
	else
		printf '  %-46s %s  << expected %s\n' "$1" "$2" "$3"
		bad=1
	fi
}

show()		# show WHAT VALUE
{
	printf '  %-46s %s\n' "$1" "$2"
}

stage_of()	# stage_of OOB_STAGE_COUNT TOTAL
{
	if [ "$1" = "$2" ] && [ "$2" != 0 ]; then
		echo "out-of-band stage (all $2)"
	elif [ "$1" = 0 ]; then
		echo "in-band stage"
	else
		echo "mixed: $1 of $2 on the oob stage"
	fi
}

echo "== kernel"
uname -r
echo "== out-of-band stage layer"
dmesg | grep -E 'oob-stage|oob_stage' | sed 's/^\[[ 0-9.]*\] //' | head -5
kunit=$(dmesg | grep -E '# oob_stage: pass' | sed 's/^\[[ 0-9.]*\] //')
echo "KUnit self-test at boot: ${kunit:-not run}"
echo "== NICs"
for d in /sys/class/net/eth*; do
	n=${d##*/}
	echo "$n: driver $(basename "$(readlink "$d/device/driver")"), $(cat "$d/address")"
done

if [ ! -c /dev/oobnet ]; then
	echo "no companion core (/dev/oobnet): nothing more to show"
	exit 1
fi

oob_setup > "/tmp/demo-setup.log" 2>&1 || { cat /tmp/demo-setup.log; exit 1; }
V0=$(oob_violations)
HEADS0=$(oob_heads_free)
LMAC=$(cat "/sys/class/net/$LIF/address")

echo "== enabling the oob port on $L42 (VLAN $VID_OOB of $LIF)"
oob_port_enable "$L42" || exit 1
printf '  %s/oob_port = %s, %s/oob_diversion = %s, oob_pool (free size) = %s\n' \
	"$L42" "$(cat "/sys/class/net/$L42/oob_port")" "$LIF" "$(oob_diversion "$LIF")" \
	"$(oob_pool "$L42")"
show "driver oob-capable" "$(oob_stat "$L42" dev_oob_capable)"
ethtool -S "$LIF" > "$OOB_TMP/e0" 2>/dev/null
oob_stats_snap "$L42" "$OOB_TMP/s0"
polls0=$(oob_stat "$L42" dev_napi_polls_oob)

echo "== peer -> oob socket: $N frames tagged $VID_OOB, plus ping on $L43 (in-band)"
oob_rx rx oob-recv -i "$L42" -x 7=$N@none || { oob_dump "$OOB_TMP/rx.out"; exit 1; }
oob_bg ping ping -q -c 20 -i 0.05 -W 2 $ADDR43_P
oob_tx ptx --peer pkt-send -i "$P42" -I 7 -n $N -d "$LMAC"
oob_end_bg wait 120 ptx rx ping
check "peer pkt-send: frames sent" "$(oob_kv "$OOB_TMP/ptx.out" sent sent)" $N
check "oob socket: frames received" "$(oob_kv "$OOB_TMP/rx.out" stream=7 frames)" $N
check "oob socket: receiver verdict" "$(oob_kv "$OOB_TMP/rx.out" result result)" pass
check "port rx_packets" "$(oob_stat_delta "$L42" rx_packets "$OOB_TMP/s0")" $N
rxs=$(oob_stat_delta "$L42" rx_oob_stage "$OOB_TMP/s0")
show "RX handled on" "$(stage_of "$rxs" "$N")"
show "NAPI polls run by the core (oob stage)" \
	"$(oob_sum "$(oob_stat "$L42" dev_napi_polls_oob)" "-$polls0")"
show "in-band ping across $L43 meanwhile" \
	"$(grep -Eo '[0-9]+ received' "$OOB_TMP/ping.out") of 20"

echo "== oob socket -> peer: $N frames, tagged $VID_OOB by the port"
oob_stats_snap "$L42" "$OOB_TMP/s1"
oob_rx prx --peer pkt-recv -i "$P42" -x 8=$N@none -s "$LMAC" -d $BCAST ||
	{ oob_dump "$OOB_TMP/prx.out"; exit 1; }
oob_tx tx oob-send -i "$L42" -I 8 -n $N
oob_end_bg wait 120 tx prx
check "oob socket: frames sent" "$(oob_kv "$OOB_TMP/tx.out" sent sent)" $N
check "peer pkt-recv on $P42: frames received" \
	"$(oob_kv "$OOB_TMP/prx.out" stream=8 frames)" $N
check "peer: receiver verdict (content, order, tag)" \
	"$(oob_kv "$OOB_TMP/prx.out" result result)" pass
check "port tx_packets" "$(oob_stat_delta "$L42" tx_packets "$OOB_TMP/s1")" $N
txs=$(oob_stat_delta "$L42" tx_oob_stage "$OOB_TMP/s1")
show "TX handled on" "$(stage_of "$txs" "$N")"
show "relayed to in-band" "$(oob_stat_delta "$L42" tx_relayed "$OOB_TMP/s1")"

echo "== driver statistics (ethtool -S $LIF, oob_*: growth during the demo)"
ethtool -S "$LIF" 2>/dev/null | awk -v f="$OOB_TMP/e0" '
	BEGIN { while ((getline l < f) > 0) { split(l, a, ":"); gsub(/ /, "", a[1]); b[a[1]] = a[2] } }
	{ k = $1; sub(":", "", k) }
	k ~ /^oob_/ { printf "  %-46s %d\n", k, $2 - b[k] }'

echo "== buffers back after the traffic"
oob_port_disable "$L42" > /dev/null
check "oob skb heads free" "$(oob_wait_heads "$HEADS0" 10)" "$HEADS0"
check "oob stage checker: in-band calls from oob" "$(oob_violations)" "$V0"
show "$LIF/oob_diversion after disabling the port" "$(oob_diversion "$LIF")"

echo
if [ $bad = 0 ]; then
	echo "demo: out-of-band traffic flowed both ways, every count matches"
else
	echo "demo: some counts did not match (see << above)"
fi
exit $bad
