#!/bin/sh
# Runs inside the VM for scripts/bench.sh. Results go to the current
# directory (the VM's /tmp/out share).
# usage: guest-bench.sh OOBBENCH MODE [N]
#   MODE full: latency (oob, AF_PACKET, UDP; idle and loaded), packet
#              rates, and rounds of the in-band receive path cost
#   MODE tap:  only the rounds of the in-band receive path cost (tap
#              writes, then pktgen injecting into netif_receive_skb())
#   MODE rates: only the packet rates
set -u
B=$1 MODE=$2 N=${3:-100000}
PRIO=60

log() { echo "bench: $*"; }
waitlink() {
	for i in $(seq 100); do
		grep -q 1 /sys/class/net/$1/carrier 2>/dev/null && return 0
		sleep 0.1
	done
}

tap_rounds() {
	for r in 1 2 3; do
		"$B" tap-rx 200000 | sed "s/^/round $r: /"
	done > tap.txt 2>&1
	ip link del oobbench0 2>/dev/null
}

# pktgen, xmit_mode netif_receive: one kernel thread builds a 60-byte
# frame, passes it to netif_receive_skb() on eth0 and frees it, PG_N
# times per round. The destination MAC is not eth0's, so IPv4 drops the
# frame on entry: what is timed is the generic receive path, where the
# hooks are, plus the allocation and the release of the skb.
PG_N=${PG_N:-300000}
pg() {
	echo "$2" > "/proc/net/pktgen/$1"
	grep -q "^Result: OK" "/proc/net/pktgen/$1" ||
		echo "pktgen: $1: $2: $(grep '^Result' "/proc/net/pktgen/$1")"
}
pktgen_rounds() {
	if [ ! -d /proc/net/pktgen ]; then
		echo "no pktgen in this kernel" > pktgen.txt
		return
	fi
	ip link set eth0 up
	waitlink eth0
	{
		pg kpktgend_0 rem_device_all
		pg kpktgend_0 "add_device eth0"
		pg eth0 "xmit_mode netif_receive"
		pg eth0 "count $PG_N"
		pg eth0 "pkt_size 60"
		pg eth0 "delay 0"
		pg eth0 "dst 192.0.2.1"
		pg eth0 "dst_mac 02:00:00:00:00:01"
		for r in 1 2 3 4 5; do
			echo start > /proc/net/pktgen/pgctrl
			echo "round $r: $(grep -A1 '^Result' /proc/net/pktgen/eth0 | xargs)"
		done
		pg kpktgend_0 rem_device_all
	} > pktgen.txt 2>&1
}

if [ "$MODE" = tap ]; then
	tap_rounds
	pktgen_rounds
	exit 0
fi

# Topology: the peer NIC in its own namespace, VLAN 42 on both ends.
ip netns add peer
ip link set eth1 netns peer
ip link set eth0 up
ip -n peer link set lo up
ip -n peer link set eth1 up
ip link add link eth0 name eth0.42 type vlan id 42
ip -n peer link add link eth1 name eth1.42 type vlan id 42
ip link set eth0.42 up
ip -n peer link set eth1.42 up
ip addr add 10.42.0.1/24 dev eth0.42
ip -n peer addr add 10.42.0.2/24 dev eth1.42
waitlink eth0
PEERMAC=$(ip netns exec peer cat /sys/class/net/eth1.42/address)
LOCALMAC=$(cat /sys/class/net/eth0.42/address)
ip netns exec peer ping -c 2 -W 2 10.42.0.1 > /dev/null

ports() {
	echo "$1" > /sys/class/net/eth0.42/oob_port
	ip netns exec peer sh -c "echo $1 > /sys/class/net/eth1.42/oob_port"
	waitlink eth0
	ip netns exec peer sh -c 'for i in $(seq 100); do grep -q 1 /sys/class/net/eth1/carrier && exit; sleep 0.1; done'
	sleep 1
}

LOADPIDS=""
load_on() {
	# CPU hogs on both vCPUs, and an in-band flood both ways on the NIC.
	for c in 0 1; do
		taskset -c $c sh -c 'while :; do :; done' &
		LOADPIDS="$LOADPIDS $!"
	done
	ip netns exec peer "$B" flood eth1 100000 > /dev/null &
	LOADPIDS="$LOADPIDS $!"
	"$B" flood eth0 100000 > /dev/null &
	LOADPIDS="$LOADPIDS $!"
	sleep 1
}
load_off() {
	# shellcheck disable=SC2086
	kill $LOADPIDS 2>/dev/null
	wait $LOADPIDS 2>/dev/null
	LOADPIDS=""
}

run_rtt() {	# name, responder command, pinger command
	name=$1
	$2 &
	pong=$!
	sleep 0.5
	log "$name"
	ip netns exec peer $3 "rtt-$name.txt" | tee -a summary.txt
	kill $pong
	wait $pong 2>/dev/null
}

latency() {	# suffix (idle or load)
	ports 0
	run_rtt "pkt-$1" "$B -P $PRIO pong-pkt eth0.42" \
		"$B -P $PRIO ping-pkt eth1.42 $LOCALMAC $N"
	run_rtt "udp-$1" "$B -P $PRIO pong-udp 7777" \
		"$B -P $PRIO ping-udp 10.42.0.1 7777 $N"
	ports 1
	run_rtt "oob-$1" "$B -P $PRIO pong-oob eth0.42" \
		"$B -P $PRIO ping-oob eth1.42 $LOCALMAC $N"
	cat /sys/class/net/eth0.42/oobnet/stats > "stats-oob-$1.txt"
	ports 0
}

if [ "$MODE" = full ]; then
	: > summary.txt
	latency idle
	load_on
	latency load
	load_off
fi

# Packet rates on the same NIC: transmit towards the peer, receive from it.
RATE_N=$((N / 2))
{
	ports 0
	"$B" -P $PRIO tx-pkt eth0.42 "$PEERMAC" $RATE_N
	ip netns exec peer "$B" -P $PRIO tx-pkt eth1.42 "$LOCALMAC" $RATE_N > /dev/null &
	"$B" -P $PRIO rx-pkt eth0.42 10
	wait
	ports 1
	"$B" -P $PRIO tx-oob eth0.42 "$PEERMAC" $RATE_N
	# Disabling the peer's port resets its NIC: wait for the link, or
	# the peer's frames are lost before they are sent.
	ip netns exec peer sh -c "echo 0 > /sys/class/net/eth1.42/oob_port"
	ip netns exec peer sh -c 'for i in $(seq 100); do grep -q 1 /sys/class/net/eth1/carrier && exit; sleep 0.1; done'
	waitlink eth0
	sleep 1
	ip netns exec peer "$B" -P $PRIO tx-pkt eth1.42 "$LOCALMAC" $RATE_N > /dev/null &
	"$B" -P $PRIO rx-oob eth0.42 10
	wait
	ports 0
} > rates.txt 2>&1

[ "$MODE" = full ] && tap_rounds
cat /sys/kernel/debug/oob_stage/violations > violations 2>/dev/null
exit 0
