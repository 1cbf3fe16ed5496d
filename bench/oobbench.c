// SPDX-License-Identifier: GPL-2.0
/*
 * oobbench: the measurements of scripts/bench.sh, run inside the VM.
 *
 *   oobbench pong-oob IF                 echo frames through an oob socket
 *   oobbench pong-pkt IF                 echo frames through AF_PACKET
 *   oobbench pong-udp PORT               echo datagrams through UDP
 *   oobbench ping-pkt IF DSTMAC N OUT    round trips over AF_PACKET
 *   oobbench ping-oob IF DSTMAC N OUT    round trips over an oob socket
 *   oobbench ping-udp ADDR PORT N OUT    round trips over UDP
 *   oobbench flood IF SECONDS            in-band frame flood (load)
 *   oobbench tx-oob IF DSTMAC N          transmit rate through oob
 *   oobbench tx-pkt IF DSTMAC N          transmit rate through AF_PACKET
 *   oobbench rx-oob IF SECONDS           receive rate through oob
 *   oobbench rx-pkt IF SECONDS           receive rate through AF_PACKET
 *   oobbench tap-rx N                    in-band receive path cost (tap)
 *
 * Common options, before the command: -P PRIO (SCHED_FIFO), -c CPU.
 * Round-trip results: OUT gets one line per exchange (nanoseconds); the
 * summary line goes to stdout.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/oobnet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef SOCK_OOB
#define SOCK_OOB	040000000
#endif

#define BENCH_ETHERTYPE	0x88b5
#define FLOOD_ETHERTYPE	0x88b6
#define FRAME_LEN	64
#define RTT_TIMEOUT_MS	1000

static int oobdev = -1;

static void die(const char *what)
{
	fprintf(stderr, "oobbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int ifindex_of(const char *ifname)
{
	int idx = if_nametoindex(ifname);

	if (!idx)
		die(ifname);
	return idx;
}

static void mac_of(const char *ifname, uint8_t mac[6])
{
	struct ifreq ifr = { };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (fd < 0 || ioctl(fd, SIOCGIFHWADDR, &ifr))
		die("SIOCGIFHWADDR");
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	close(fd);
}

static void parse_mac(const char *s, uint8_t mac[6])
{
	if (sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1],
		   &mac[2], &mac[3], &mac[4], &mac[5]) != 6) {
		fprintf(stderr, "oobbench: bad MAC %s\n", s);
		exit(2);
	}
}

static int bound_socket(const char *ifname, int type_flags, uint16_t proto)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = ifindex_of(ifname),
	};
	int fd = socket(AF_PACKET, SOCK_RAW | type_flags, htons(proto));

	if (fd < 0)
		die("socket");
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("bind");
	return fd;
}

static ssize_t oob_io(unsigned long req, int fd, void *buf, size_t len)
{
	struct oobnet_io io = { .fd = fd, .len = len, .buf = (uintptr_t)buf };

	if (oobdev < 0) {
		oobdev = open(OOBNET_DEVICE, O_RDWR);
		if (oobdev < 0)
			die(OOBNET_DEVICE);
	}
	if (ioctl(oobdev, req, &io) < 0)
		return -1;
	return io.len;
}

static void set_rcvtimeo(int fd, int ms)
{
	struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };

	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		die("SO_RCVTIMEO");
}

/* Reply to the sender: swap the addresses. */
static void swap_macs(uint8_t *f)
{
	uint8_t tmp[6];

	memcpy(tmp, f, 6);
	memcpy(f, f + 6, 6);
	memcpy(f + 6, tmp, 6);
}

static __attribute__((noreturn)) void pong_oob(const char *ifname)
{
	int fd = bound_socket(ifname, SOCK_OOB, BENCH_ETHERTYPE);
	uint8_t f[2048];
	ssize_t n;

	for (;;) {
		n = oob_io(OOBNET_RECV, fd, f, sizeof(f));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("oob recv");
		}
		swap_macs(f);
		if (oob_io(OOBNET_SEND, fd, f, n) < 0 && errno != ENOBUFS)
			die("oob send");
	}
}

static __attribute__((noreturn)) void pong_pkt(const char *ifname)
{
	int fd = bound_socket(ifname, 0, BENCH_ETHERTYPE);
	uint8_t f[2048];
	ssize_t n;

	for (;;) {
		n = recv(fd, f, sizeof(f), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("recv");
		}
		swap_macs(f);
		if (send(fd, f, n, 0) < 0 && errno != ENOBUFS)
			die("send");
	}
}

static __attribute__((noreturn)) void pong_udp(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	socklen_t alen;
	char buf[2048];
	ssize_t n;

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)))
		die("udp bind");
	for (;;) {
		alen = sizeof(a);
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&a, &alen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("recvfrom");
		}
		sendto(fd, buf, n, 0, (struct sockaddr *)&a, alen);
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sort the samples, write them and print the summary. */
static void report(const char *what, uint64_t *rtt, long n, long lost,
		   const char *out)
{
	FILE *f = fopen(out, "w");
	long i;

	if (!f)
		die(out);
	qsort(rtt, n, sizeof(*rtt), cmp_u64);
	for (i = 0; i < n; i++)
		fprintf(f, "%llu\n", (unsigned long long)rtt[i]);
	fclose(f);
	if (!n) {
		printf("%s: no exchange completed, %ld lost\n", what, lost);
		return;
	}
	printf("%s: n=%ld lost=%ld min=%llu p50=%llu p99=%llu p999=%llu max=%llu (ns)\n",
	       what, n, lost, (unsigned long long)rtt[0],
	       (unsigned long long)rtt[n / 2],
	       (unsigned long long)rtt[(long)(n * 0.99)],
	       (unsigned long long)rtt[(long)(n * 0.999)],
	       (unsigned long long)rtt[n - 1]);
}

static int ping_pkt(const char *ifname, const char *dst, long count,
		    const char *out, bool oob)
{
	int fd = bound_socket(ifname, oob ? SOCK_OOB : 0, BENCH_ETHERTYPE);
	uint64_t *rtt = calloc(count, sizeof(*rtt)), t0;
	uint8_t f[FRAME_LEN], r[2048];
	long i, n = 0, lost = 0;
	uint32_t seq, got;
	ssize_t len;

	if (!rtt)
		die("calloc");
	memset(f, 0, sizeof(f));
	parse_mac(dst, f);
	mac_of(ifname, f + 6);
	f[12] = BENCH_ETHERTYPE >> 8;
	f[13] = BENCH_ETHERTYPE & 0xff;
	set_rcvtimeo(fd, RTT_TIMEOUT_MS);

	for (i = 0; i < count; i++) {
		seq = i;
		memcpy(f + 14, &seq, sizeof(seq));
		t0 = now_ns();
		if ((oob ? oob_io(OOBNET_SEND, fd, f, sizeof(f)) :
		     send(fd, f, sizeof(f), 0)) < 0)
			die("send");
		for (;;) {
			len = oob ? oob_io(OOBNET_RECV, fd, r, sizeof(r)) :
				recv(fd, r, sizeof(r), 0);
			if (len < 0) {
				lost++;	/* timeout */
				break;
			}
			memcpy(&got, r + 14, sizeof(got));
			if (len >= 18 && got == seq) {
				rtt[n++] = now_ns() - t0;
				break;
			}
		}
	}
	report(oob ? "ping-oob" : "ping-pkt", rtt, n, lost, out);
	return 0;
}

static int ping_udp(const char *addr, int port, long count, const char *out)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	uint64_t *rtt = calloc(count, sizeof(*rtt)), t0;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	long i, n = 0, lost = 0;
	uint32_t seq, got;
	char buf[64];
	ssize_t len;

	if (!rtt || fd < 0 || inet_pton(AF_INET, addr, &a.sin_addr) != 1)
		die("udp setup");
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)))
		die("connect");
	set_rcvtimeo(fd, RTT_TIMEOUT_MS);
	memset(buf, 0, sizeof(buf));

	for (i = 0; i < count; i++) {
		seq = i;
		memcpy(buf, &seq, sizeof(seq));
		t0 = now_ns();
		if (send(fd, buf, 18, 0) < 0)
			die("send");
		for (;;) {
			len = recv(fd, buf, sizeof(buf), 0);
			if (len < 0) {
				lost++;
				break;
			}
			memcpy(&got, buf, sizeof(got));
			if (got == seq) {
				rtt[n++] = now_ns() - t0;
				break;
			}
		}
	}
	report("ping-udp", rtt, n, lost, out);
	return 0;
}

static volatile sig_atomic_t stop;

static void on_alarm(int sig __attribute__((unused)))
{
	stop = 1;
}

static int flood(const char *ifname, int seconds)
{
	int fd = bound_socket(ifname, 0, FLOOD_ETHERTYPE);
	uint8_t f[FRAME_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	long sent = 0;

	mac_of(ifname, f + 6);
	f[12] = FLOOD_ETHERTYPE >> 8;
	f[13] = FLOOD_ETHERTYPE & 0xff;
	signal(SIGALRM, on_alarm);
	alarm(seconds);
	while (!stop)
		if (send(fd, f, sizeof(f), 0) == sizeof(f))
			sent++;
	printf("flood: %ld frames in %d s\n", sent, seconds);
	return 0;
}

static int tx_rate(const char *ifname, const char *dst, long count, bool oob)
{
	int fd = bound_socket(ifname, oob ? SOCK_OOB : 0, BENCH_ETHERTYPE);
	uint8_t f[FRAME_LEN] = { 0 };
	long sent = 0, busy = 0;
	uint64_t t0, dt;
	ssize_t ret;

	parse_mac(dst, f);
	mac_of(ifname, f + 6);
	f[12] = BENCH_ETHERTYPE >> 8;
	f[13] = BENCH_ETHERTYPE & 0xff;
	t0 = now_ns();
	while (sent < count) {
		memcpy(f + 14, &sent, sizeof(sent));
		ret = oob ? oob_io(OOBNET_SEND, fd, f, sizeof(f)) :
			send(fd, f, sizeof(f), 0);
		if (ret < 0) {
			if (errno != ENOBUFS && errno != EAGAIN)
				die("send");
			busy++;
			continue;
		}
		sent++;
	}
	dt = now_ns() - t0;
	printf("tx-%s: %ld frames in %.3f s: %.0f pps (%ld retries)\n",
	       oob ? "oob" : "pkt", sent, dt / 1e9, sent * 1e9 / dt, busy);
	return 0;
}

static int rx_rate(const char *ifname, int seconds, bool oob)
{
	int fd = bound_socket(ifname, oob ? SOCK_OOB : 0, BENCH_ETHERTYPE);
	uint64_t t0, first = 0, last = 0;
	long got = 0;
	uint8_t f[2048];

	if (oob) {
		int qlen = 65536;

		setsockopt(fd, SOL_OOBNET, OOBNET_SO_RXQLEN, &qlen, sizeof(qlen));
	} else {
		int rcvbuf = 16 << 20;

		setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	}
	set_rcvtimeo(fd, 200);
	t0 = now_ns();
	while (now_ns() - t0 < (uint64_t)seconds * 1000000000ull) {
		ssize_t n = oob ? oob_io(OOBNET_RECV, fd, f, sizeof(f)) :
			recv(fd, f, sizeof(f), 0);

		if (n < 0)
			continue;
		if (!got)
			first = now_ns();
		last = now_ns();
		got++;
	}
	printf("rx-%s: %ld frames, %.0f pps over the receiving period\n",
	       oob ? "oob" : "pkt", got,
	       got > 1 ? (got - 1) * 1e9 / (last - first) : 0.0);
	return 0;
}

/* Cost of the in-band receive path: frames written to a tap device. */
static int tap_rx(long count)
{
	struct ifreq ifr = { .ifr_flags = IFF_TAP | IFF_NO_PI };
	uint8_t f[FRAME_LEN] = { 0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02 };
	int fd = open("/dev/net/tun", O_RDWR), s;
	uint64_t t0, dt;
	long i;

	f[12] = FLOOD_ETHERTYPE >> 8;
	f[13] = FLOOD_ETHERTYPE & 0xff;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "oobbench0");
	if (fd < 0 || ioctl(fd, TUNSETIFF, &ifr))
		die("tap");
	s = socket(AF_INET, SOCK_DGRAM, 0);
	ifr.ifr_flags = IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr))
		die("tap up");

	/* Warm up, then measure. */
	for (i = 0; i < count / 10; i++)
		if (write(fd, f, sizeof(f)) != sizeof(f))
			die("tap write");
	t0 = now_ns();
	for (i = 0; i < count; i++)
		if (write(fd, f, sizeof(f)) != sizeof(f))
			die("tap write");
	dt = now_ns() - t0;
	printf("tap-rx: %ld frames, %.1f ns/frame\n", count, (double)dt / count);
	return 0;
}

int main(int argc, char **argv)
{
	int opt, prio = 0, cpu = -1;

	while ((opt = getopt(argc, argv, "+P:c:")) != -1) {
		switch (opt) {
		case 'P':
			prio = atoi(optarg);
			break;
		case 'c':
			cpu = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return 2;

	if (cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			die("affinity");
	}
	if (prio) {
		struct sched_param sp = { .sched_priority = prio };

		if (sched_setscheduler(0, SCHED_FIFO, &sp))
			die("SCHED_FIFO");
		mlockall(MCL_CURRENT | MCL_FUTURE);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (!strcmp(argv[0], "pong-oob") && argc == 2)
		pong_oob(argv[1]);
	if (!strcmp(argv[0], "pong-pkt") && argc == 2)
		pong_pkt(argv[1]);
	if (!strcmp(argv[0], "pong-udp") && argc == 2)
		pong_udp(atoi(argv[1]));
	if (!strcmp(argv[0], "ping-pkt") && argc == 5)
		return ping_pkt(argv[1], argv[2], atol(argv[3]), argv[4], false);
	if (!strcmp(argv[0], "ping-oob") && argc == 5)
		return ping_pkt(argv[1], argv[2], atol(argv[3]), argv[4], true);
	if (!strcmp(argv[0], "ping-udp") && argc == 5)
		return ping_udp(argv[1], atoi(argv[2]), atol(argv[3]), argv[4]);
	if (!strcmp(argv[0], "flood") && argc == 3)
		return flood(argv[1], atoi(argv[2]));
	if (!strcmp(argv[0], "tx-oob") && argc == 4)
		return tx_rate(argv[1], argv[2], atol(argv[3]), true);
	if (!strcmp(argv[0], "tx-pkt") && argc == 4)
		return tx_rate(argv[1], argv[2], atol(argv[3]), false);
	if (!strcmp(argv[0], "rx-oob") && argc == 3)
		return rx_rate(argv[1], atoi(argv[2]), true);
	if (!strcmp(argv[0], "rx-pkt") && argc == 3)
		return rx_rate(argv[1], atoi(argv[2]), false);
	if (!strcmp(argv[0], "tap-rx") && argc == 2)
		return tap_rx(atol(argv[1]));

	fprintf(stderr, "oobbench: bad command line, see the head of bench/oobbench.c\n");
	return 2;
}
