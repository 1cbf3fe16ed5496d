#!/bin/sh
# Runs inside the test VM: in-band smoke test across the e1000e wire
# (peer NIC in a namespace), used on every flavour and the only test of
# the no-oob one. Prints a KTAP report.
set -u
echo "TAP version 13"
echo "1..3"
n=0
t() {
	n=$((n + 1))
	if "$@" > /tmp/smoke.out 2>&1; then
		echo "ok $n $desc"
	else
		sed 's/^/# /' /tmp/smoke.out
		echo "not ok $n $desc"
	fi
}
ip netns add peer
ip link set eth1 netns peer
ip -n peer link set lo up
ip addr add 10.10.0.1/24 dev eth0
ip -n peer addr add 10.10.0.2/24 dev eth1
ip link set eth0 up
ip -n peer link set eth1 up
desc="link comes up"
t sh -c 'for i in $(seq 50); do ip link show eth0 | grep -q LOWER_UP && exit 0; sleep 0.2; done; exit 1'
desc="ping across the e1000e wire"
t ping -c 5 -i 0.2 -W 2 10.10.0.2
desc="TCP transfer of 1 MiB"
t sh -c 'head -c 1048576 /dev/urandom > /tmp/tx
	ip netns exec peer nc -l -p 5000 > /tmp/rx &
	l=$!
	# Connect once the listener is there (a fixed delay was not enough
	# when the host was busy serving the guest files over 9p).
	for i in $(seq 100); do
		ip netns exec peer ss -Hltn "sport = :5000" | grep -q . && break
		sleep 0.1
	done
	nc -N 10.10.0.2 5000 < /tmp/tx || { kill $l; exit 1; }
	wait
	cmp /tmp/tx /tmp/rx'
ip netns del peer
# The namespace goes away asynchronously; the tests after this one expect
# eth1 back in the initial namespace.
for i in $(seq 100); do
	[ -e /sys/class/net/eth1 ] && break
	sleep 0.1
done
