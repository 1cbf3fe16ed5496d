#!/bin/bash
# Boot a kernel under qemu with two e1000e NICs wired to each other and run
# one shell command inside; exit with the command's status.
#
# usage: vm.sh [-t timeout_s] [-m mem_mb] [-a "extra cmdline"] [-v] \
#              -k bzImage -o outdir -- command...
#
# The guest sees the host root read-only over virtio-9p (so host-built
# binaries, iproute2, bpftool and ethtool run unchanged) and outdir
# read-write at /tmp/out, which is also its working directory. The guest
# console goes to outdir/console.log (and to stdout with -v).
set -eu

timeout=600 mem=1024 append="" verbose=0 kernel="" out=""
usage() { echo "usage: $0 [-t s] [-m MB] [-a cmdline] [-v] -k bzImage -o outdir -- cmd..." >&2; exit 2; }
while getopts "t:m:a:vk:o:" opt; do
	case $opt in
	t) timeout=$OPTARG ;;
	m) mem=$OPTARG ;;
	a) append=$OPTARG ;;
	v) verbose=1 ;;
	k) kernel=$OPTARG ;;
	o) out=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$kernel" ] && [ -n "$out" ] && [ $# -gt 0 ] || usage
[ -f "$kernel" ] || { echo "vm.sh: no kernel at $kernel" >&2; exit 2; }

here=$(cd -P "$(dirname "$0")" && pwd)
mkdir -p "$out"
out=$(cd -P "$out" && pwd)
rm -f "$out/rc" "$out/console.log"
printf '%s\n' "$*" > "$out/cmd"
# The host paths the guest must see even under the directories it mounts
# its own tmpfs on (a checkout in /tmp): the project and its build tree.
top=$(cd -P "$here/.." && pwd)
build=$(. "$here/lib.sh" > /dev/null && printf %s "$build")
printf '%s\n' "$top" "$build" > "$out/keep"

accel=tcg
if [ -w /dev/kvm ] && [ "${OOBVM_KVM:-0}" = 1 ]; then
	accel=kvm
fi

# Under TCG the guest's TSC is the host's raw TSC. Hosts that are virtual
# machines themselves may not keep it steady (this project's machines
# boot with tsc=unstable): a jump of 23650 s was seen in a guest, whose
# lockup detector then reported a soft lockup of as much. With
# tsc=unstable the guest keeps time on the HPET (qemu's monotonic clock)
# and its scheduler clock filters out what the TSC does.
clock=""
[ "$accel" = kvm ] || clock="tsc=unstable"

# Both NICs hang off qemu hub 0: whatever one sends, the other receives.
set +e
timeout --signal=KILL "$timeout" qemu-system-x86_64 \
	-machine q35,accel=$accel -cpu max -smp 2 -m "$mem" \
	-nodefaults -no-user-config -nographic -no-reboot \
	-chardev file,id=con,path="$out/console.log" -serial chardev:con \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	-virtfs local,path="$out",mount_tag=vmout,security_model=none,multidevs=remap \
	-netdev hubport,id=n0,hubid=0 -device e1000e,netdev=n0,mac=52:54:00:00:00:01 \
	-netdev hubport,id=n1,hubid=0 -device e1000e,netdev=n1,mac=52:54:00:00:00:02 \
	-kernel "$kernel" \
	-append "console=ttyS0 root=hostroot rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=262144 ro init=\"$here/guest-init.sh\" panic=-1 oops=panic $clock $append" \
	</dev/null >"$out/qemu.log" 2>&1 &
qpid=$!
if [ "$verbose" = 1 ]; then
	tail -F -n +1 --pid=$qpid "$out/console.log" 2>/dev/null &
fi
wait $qpid
qrc=$?
set -e

if [ ! -f "$out/rc" ]; then
	if [ $qrc -eq 137 ]; then
		echo "vm.sh: timeout after ${timeout}s; console: $out/console.log" >&2
	else
		echo "vm.sh: guest did not report a status (qemu exit $qrc); console: $out/console.log" >&2
		cat "$out/qemu.log" >&2
	fi
	exit 125
fi
exit "$(cat "$out/rc")"
