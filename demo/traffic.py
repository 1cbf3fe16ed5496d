#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Traffic helper of the main job (scripts/guest-demo.sh), on the
documented user interface of the oobnet reference core: oob sockets are
socket(AF_PACKET, SOCK_RAW | SOCK_OOB, proto) bound to an oob port, and
their data I/O goes through the OOBNET_SEND / OOBNET_RECV requests of
/dev/oobnet (include/uapi/linux/oobnet.h). The peer side uses plain
AF_PACKET sockets.

  traffic.py oob-recv PORT N TIMEOUT     receive N frames on an oob socket
  traffic.py oob-send PORT N DSTMAC RATE send N frames from an oob socket
  traffic.py pkt-recv DEV N TIMEOUT SRCMAC
                                         receive N frames on a packet socket
  traffic.py pkt-send DEV N DSTMAC RATE  send N frames on a packet socket

Frames carry the ethertype 0x88b5 and a sequence number; receivers print
"ready" once listening, then "frames=N in_order=N" and exit 0 when all N
arrived in time.
"""

import ctypes
import fcntl
import os
import socket
import struct
import sys
import time

ETHERTYPE = 0x88B5
SOCK_OOB = 0o10000000000
FRAME_LEN = 128
MAGIC = b"oobdemo!"
# <linux/socket.h>, <linux/if_packet.h>
SO_RCVBUFFORCE = 33
SOL_PACKET = 263
PACKET_STATISTICS = 6

# struct oobnet_io { __s32 fd; __u32 len; __u64 buf; }, _IOWR(0xb0, n, ...)
IO_FMT = "=iIQ"
def _iowr(nr, size):
    return (3 << 30) | (size << 16) | (0xB0 << 8) | nr
OOBNET_RECV = _iowr(1, struct.calcsize(IO_FMT))
OOBNET_SEND = _iowr(2, struct.calcsize(IO_FMT))


def mac(dev):
    with open("/sys/class/net/%s/address" % dev) as f:
        return bytes.fromhex(f.read().strip().replace(":", ""))


def frame(dst, src, seq):
    body = MAGIC + struct.pack("!I", seq)
    return dst + src + struct.pack("!H", ETHERTYPE) + \
        body.ljust(FRAME_LEN - 14, b"\0")


def seq_of(data):
    off = 14
    if data[12:14] in (b"\x81\x00", b"\x88\xa8"):
        off = 18
    if data[off:off + len(MAGIC)] != MAGIC:
        return None
    return struct.unpack("!I", data[off + 8:off + 12])[0]


def oob_socket(port):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW | SOCK_OOB,
                      socket.htons(ETHERTYPE))
    s.bind((port, ETHERTYPE))
    dev = os.open("/dev/oobnet", os.O_RDWR)
    return s, dev


def oob_io(dev, req, fd, buf, length):
    arg = bytearray(struct.pack(IO_FMT, fd, length, ctypes.addressof(buf)))
    fcntl.ioctl(dev, req, arg)
    return struct.unpack(IO_FMT, arg)[1]


def report(got, in_order, want):
    print("frames=%d in_order=%d" % (got, in_order), flush=True)
    return 0 if got == want else 1


def oob_recv(port, n, timeout):
    s, dev = oob_socket(port)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO,
                 struct.pack("ll", 1, 0))
    buf = ctypes.create_string_buffer(2048)
    print("ready", flush=True)
    got = in_order = 0
    nxt = 0
    end = time.time() + timeout
    while got < n and time.time() < end:
        try:
            length = oob_io(dev, OOBNET_RECV, s.fileno(), buf, 2048)
        except OSError:
            continue
        seq = seq_of(buf.raw[:length])
        if seq is None:
            continue
        got += 1
        in_order += seq == nxt
        nxt = seq + 1
    drops = struct.unpack("II", s.getsockopt(SOL_PACKET,
                                             PACKET_STATISTICS, 8))[1]
    print("socket_drops=%d" % drops, flush=True)
    return report(got, in_order, n)


def oob_send(port, n, dst, rate):
    s, dev = oob_socket(port)
    src = mac(port)
    buf = ctypes.create_string_buffer(FRAME_LEN)
    sent = retries = 0
    start = time.time()
    while sent < n:
        # paced: qemu's emulated NICs drop what an unpaced flood brings
        while sent > (time.time() - start) * rate:
            time.sleep(0.0005)
        buf.raw = frame(dst, src, sent)
        try:
            oob_io(dev, OOBNET_SEND, s.fileno(), buf, FRAME_LEN)
            sent += 1
        except OSError:
            retries += 1      # transmit pool empty for now: try again
            time.sleep(0.0002)
    print("sent=%d retries=%d" % (sent, retries), flush=True)
    return 0


def pkt_recv(dev, n, timeout, src):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETHERTYPE))
    # Room for most of a burst: this receiver is a Python loop in a
    # guest under emulation, which in-band traffic to the same host
    # slows down; a full socket buffer drops frames (counted below).
    s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 16 << 20)
    s.bind((dev, ETHERTYPE))
    s.settimeout(1)
    print("ready", flush=True)
    got = in_order = 0
    nxt = 0
    end = time.time() + timeout
    while got < n and time.time() < end:
        try:
            data, addr = s.recvfrom(2048)
        except socket.timeout:
            continue
        if addr[2] == socket.PACKET_OUTGOING or data[6:12] != src:
            continue
        seq = seq_of(data)
        if seq is None:
            continue
        got += 1
        in_order += seq == nxt
        nxt = seq + 1
    drops = struct.unpack("II", s.getsockopt(SOL_PACKET,
                                             PACKET_STATISTICS, 8))[1]
    print("socket_drops=%d" % drops, flush=True)
    return report(got, in_order, n)


def pkt_send(dev, n, dst, rate):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((dev, 0))
    src = mac(dev)
    start = time.time()
    for seq in range(n):
        while seq > (time.time() - start) * rate:
            time.sleep(0.0005)
        s.send(frame(dst, src, seq))
    print("sent=%d" % n, flush=True)
    return 0


def main(argv):
    cmd = argv[1]
    if cmd == "oob-recv":
        return oob_recv(argv[2], int(argv[3]), float(argv[4]))
    if cmd == "oob-send":
        return oob_send(argv[2], int(argv[3]),
                        bytes.fromhex(argv[4].replace(":", "")), float(argv[5]))
    if cmd == "pkt-recv":
        return pkt_recv(argv[2], int(argv[3]), float(argv[4]),
                        bytes.fromhex(argv[5].replace(":", "")))
    if cmd == "pkt-send":
        return pkt_send(argv[2], int(argv[3]),
                        bytes.fromhex(argv[4].replace(":", "")), float(argv[5]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
