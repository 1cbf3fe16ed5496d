#!/bin/bash
# Runs inside the VM for the main job (scripts/demo.sh). eth0 and eth1 are
# the two e1000e NICs on one wire; eth1 goes to the namespace "oobpeer"
# and plays the remote host. The demo enables an oob port on eth0.42
# (VLAN 42 of the first NIC) and exchanges frames through an oob socket
# in both directions while in-band traffic (ping, a TCP transfer) crosses
# VLAN 43 of the same NIC; it prints the counts seen at both ends, the
# stage which handled RX and TX, and the buffers coming back, and checks
# them all. It only uses the documented interface: sysfs, ethtool, and
# oob sockets through /dev/oobnet (demo/traffic.py).
# Output in demo.txt; exit status 0 when every count matches.
# usage: guest-demo.sh PROJECT_DIR
set -u
exec > demo.txt 2>&1

dir=$1
N=${DEMO_FRAMES:-5000}
# An array: the project path may hold a space.
T=(python3 "$dir/demo/traffic.py")
PEER="ip netns exec oobpeer"
LIF=eth0 PIF=eth1
PORT=$LIF.42
bad=0

check()		# check WHAT GOT WANT
{
	if [ "$2" = "$3" ]; then
		printf '  %-48s %s\n' "$1" "$2"
	else
		printf '  %-48s %s  << expected %s\n' "$1" "$2" "$3"
		bad=1
	fi
}

show()		# show WHAT VALUE
{
	printf '  %-48s %s\n' "$1" "$2"
}

stat()		# stat COUNTER: from the port's oobnet/stats
{
	awk -v k="$1" '$1 == k { print $2 }' "/sys/class/net/$PORT/oobnet/stats"
}

wait_ready()	# wait_ready FILE: the receiver said "ready"
{
	local i
	for i in $(seq 100); do
		grep -q '^ready' "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

kv()		# kv FILE KEY: the value of KEY=... in FILE
{
	grep -o "$2=[0-9]*" "$1" | tail -1 | cut -d= -f2
}

# In-band traffic across VLAN 43 of the same NIC while oob frames flow:
# a ping of 20 and a 1 MiB TCP transfer, both checked afterwards.
inband_start()
{
	head -c 1048576 /dev/urandom > /tmp/blob
	$PEER socat -u TCP-LISTEN:5001,reuseaddr OPEN:/tmp/blob.rx,creat,trunc &
	TCP_SRV=$!
	sleep 0.3
	ping -q -c 20 -i 0.1 -W 2 203.0.113.2 > /tmp/ping.out 2>&1 &
	PING=$!
	socat -u FILE:/tmp/blob TCP:203.0.113.2:5001,retry=20 > /tmp/tcp.out 2>&1 &
	TCP=$!
}

inband_check()	# inband_check PHASE
{
	wait $PING
	wait $TCP
	wait $TCP_SRV
	check "$1: in-band ping across $LIF.43" \
		"$(grep -Eo '[0-9]+ received' /tmp/ping.out | cut -d' ' -f1) of 20" "20 of 20"
	check "$1: in-band TCP transfer across $LIF.43" \
		"$(cmp -s /tmp/blob /tmp/blob.rx && echo "1 MiB intact" || echo "damaged or short")" "1 MiB intact"
}

echo "== kernel"
uname -r
grep -o 'threadirqs\|oob[a-z_.]*=[^ ]*' /proc/cmdline | sed 's/^/  command line: /'
echo "== out-of-band stage layer"
dmesg | grep -E 'oob-stage|oobnet' | sed 's/^\[[ 0-9.]*\] /  /' | head -5
echo "== NICs"
for d in /sys/class/net/eth*; do
	n=${d##*/}
	echo "  $n: driver $(basename "$(readlink "$d/device/driver")"), $(cat "$d/address")"
done
if [ ! -c /dev/oobnet ]; then
	echo "no companion core (/dev/oobnet): nothing more to show"
	exit 1
fi

echo "== topology: $PIF in namespace oobpeer, VLAN 42 (oob) and 43 (in-band)"
ip netns add oobpeer
ip link set $PIF netns oobpeer
$PEER ip link set lo up
for side in local peer; do
	if [ $side = local ]; then ns="" dev=$LIF h=1; else ns=$PEER dev=$PIF h=2; fi
	$ns ip link set $dev up
	$ns ip addr add 192.0.2.$h/24 dev $dev
	$ns ip link add link $dev name $dev.42 type vlan id 42
	$ns ip link add link $dev name $dev.43 type vlan id 43
	$ns ip addr add 198.51.100.$h/24 dev $dev.42
	$ns ip addr add 203.0.113.$h/24 dev $dev.43
	$ns ip link set $dev.42 up
	$ns ip link set $dev.43 up
done
until ping -q -c 1 -W 1 203.0.113.2 > /dev/null 2>&1; do sleep 0.5; done
HEADS0=$(cat /proc/sys/net/core/oob_skb_heads_free 2>/dev/null || echo 0)
V0=$(cat /sys/kernel/debug/oob_stage/violations 2>/dev/null || echo absent)
LMAC=$(cat /sys/class/net/$LIF/address)
PMAC=$($PEER cat /sys/class/net/$PIF/address)

echo "== enabling the oob port on $PORT"
echo 1 > /sys/class/net/$PORT/oob_port || exit 1
until [ "$(cat /sys/class/net/$LIF/carrier 2>/dev/null)" = 1 ]; do sleep 0.2; done
until ping -q -c 1 -W 1 203.0.113.2 > /dev/null 2>&1; do sleep 0.5; done
show "$PORT/oob_port" "$(cat /sys/class/net/$PORT/oob_port)"
show "$LIF/oob_diversion" "$(cat /sys/class/net/$LIF/oob_diversion)"
show "transmit pool (free total)" "$(cat /sys/class/net/$PORT/oob_pool)"
show "driver oob-capable" "$(stat dev_oob_capable)"
ethtool -S $LIF > /tmp/e0 2>/dev/null
rx0=$(stat rx_packets) rxs0=$(stat rx_oob_stage) polls0=$(stat dev_napi_polls_oob)

echo "== peer -> oob socket: $N frames on VLAN 42; ping and TCP on VLAN 43 meanwhile"
"${T[@]}" oob-recv $PORT $N 120 > /tmp/rx.out 2>&1 &
RX=$!
wait_ready /tmp/rx.out || { cat /tmp/rx.out; exit 1; }
inband_start
$PEER "${T[@]}" pkt-send $PIF.42 $N $LMAC 2000 > /tmp/ptx.out 2>&1
wait $RX
check "oob socket: frames received" "$(kv /tmp/rx.out frames)" $N
show "oob socket: frames in order (see README)" "$(kv /tmp/rx.out in_order)"
check "port rx_packets" "$(( $(stat rx_packets) - rx0 ))" $N
check "received on the out-of-band stage" "$(( $(stat rx_oob_stage) - rxs0 ))" $N
show "NAPI polls run by the core on the oob stage" "$(( $(stat dev_napi_polls_oob) - polls0 ))"
inband_check "RX"

echo "== oob socket -> peer: $N frames, tagged 42 by the port; in-band meanwhile"
tx0=$(stat tx_packets) txs0=$(stat tx_oob_stage) rel0=$(stat tx_relayed)
$PEER "${T[@]}" pkt-recv $PIF.42 $N 120 $LMAC > /tmp/prx.out 2>&1 &
PRX=$!
wait_ready /tmp/prx.out || { cat /tmp/prx.out; exit 1; }
inband_start
"${T[@]}" oob-send $PORT $N $PMAC 2000 > /tmp/tx.out 2>&1
wait $PRX
check "oob socket: frames sent" "$(kv /tmp/tx.out sent)" $N
show "oob socket: send retries (transmit pool empty)" "$(kv /tmp/tx.out retries)"
check "peer on $PIF.42: frames received" "$(kv /tmp/prx.out frames)" $N
show "peer: frames in order (see README)" "$(kv /tmp/prx.out in_order)"
show "peer: dropped by its socket (buffer full)" "$(kv /tmp/prx.out socket_drops)"
check "port tx_packets" "$(( $(stat tx_packets) - tx0 ))" $N
check "sent by the driver on the out-of-band stage" "$(( $(stat tx_oob_stage) - txs0 ))" $N
check "relayed to in-band" "$(( $(stat tx_relayed) - rel0 ))" 0
inband_check "TX"

echo "== driver statistics (ethtool -S $LIF, oob_*: growth during the demo)"
ethtool -S $LIF 2>/dev/null | awk -v f=/tmp/e0 '
	BEGIN { while ((getline l < f) > 0) { split(l, a, ":"); gsub(/ /, "", a[1]); b[a[1]] = a[2] } }
	{ k = $1; sub(":", "", k) }
	k ~ /^oob_/ { printf "  %-48s %d\n", k, $2 - b[k] }'

echo "== buffers back after the traffic"
echo 0 > /sys/class/net/$PORT/oob_port
for i in $(seq 50); do
	[ "$(cat /proc/sys/net/core/oob_skb_heads_free)" = "$HEADS0" ] && break
	sleep 0.2
done
check "oob skb heads free" "$(cat /proc/sys/net/core/oob_skb_heads_free)" "$HEADS0"
check "oob stage checker: in-band calls from oob" \
	"$(cat /sys/kernel/debug/oob_stage/violations 2>/dev/null || echo absent)" "$V0"
show "$LIF/oob_diversion after disabling the port" "$(cat /sys/class/net/$LIF/oob_diversion)"

echo
if [ $bad = 0 ]; then
	echo "demo: out-of-band traffic flowed both ways, in-band traffic meanwhile lost nothing, every count matches"
else
	echo "demo: some counts did not match (see << above)"
fi
exit $bad
