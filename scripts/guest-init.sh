#!/bin/sh
# PID 1 of the test VM. The host root is mounted read-only over 9p; this
# script gives the guest its own writable /tmp, /run, /var/tmp, /var/log,
# /var/lib and /root, keeps visible the host paths the run needs even when
# they live under one of those (a checkout under /tmp), mounts the per-run
# share holding the command to run, runs it, records its exit status and
# powers the VM off. Started by scripts/vm.sh via init=.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH HOME=/root TERM=dumb LC_ALL=C

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
# devtmpfs has no /dev/fd & co; kselftest's runner writes to /dev/stdout.
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t debugfs debugfs /sys/kernel/debug
mount -t bpf bpf /sys/fs/bpf 2>/dev/null

# The host paths to keep visible, one per line, in the run's share.
share=/dev/.share
mkdir -p "$share"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 vmout "$share"
n=0
for d in /tmp /run /var/tmp /var/log /var/lib /root; do
	n=$((n + 1))
	hold=/dev/.hold$n
	mkdir -p "$hold"
	mount --bind "$d" "$hold"
	mount -t tmpfs -o mode=1777 tmpfs "$d"
	while IFS= read -r keep; do
		case "$keep" in
		"$d"/*)
			mkdir -p "$keep"
			mount --bind "$hold/${keep#"$d"/}" "$keep"
			;;
		esac
	done < "$share/keep"
done
mkdir -p /run/netns /tmp/out
umount "$share"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 vmout /tmp/out

hostname oobvm
ip link set lo up

echo "oobvm: running /tmp/out/cmd"
cd /tmp/out || exit 1
sh /tmp/out/cmd
rc=$?
echo "$rc" > /tmp/out/rc
sync
echo "oobvm: guest command exited with status $rc"
cd / && umount /tmp/out
exec /bin/busybox poweroff -f
