#!/bin/sh
# PID 1 of the test VM. The host root is mounted read-only over 9p; this
# script gives the guest its own writable /tmp, /run and /var, mounts the
# per-run share holding the command to run, runs it, records its exit
# status and powers the VM off. Started by scripts/vm.sh via init=.
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
for d in /tmp /run /var/tmp /var/log /var/lib /root; do
	mount -t tmpfs -o mode=1777 tmpfs "$d"
done
mkdir -p /run/netns /tmp/out
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
