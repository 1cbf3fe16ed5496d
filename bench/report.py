#!/usr/bin/env python3
"""Turn the raw outputs of scripts/bench.sh into results/.

usage: report.py RAWDIR OUTDIR ROUNDS

Writes OUTDIR/report.txt (tables, ratios, goals), the data files of the
plots and one gnuplot script per plot (bench.sh runs them).
"""

import math
import os
import re
import statistics
import sys

VARIANTS = [('oob', 'oob socket, oob-capable e1000e'),
            ('pkt', 'AF_PACKET, same RT priority'),
            ('udp', 'UDP socket, same RT priority')]


def load_rtt(path):
    try:
        with open(path) as f:
            return [int(l) / 1000.0 for l in f if l.strip()]  # microseconds
    except OSError:
        return []


def pct(sorted_v, p):
    if not sorted_v:
        return float('nan')
    i = min(len(sorted_v) - 1, int(len(sorted_v) * p))
    return sorted_v[i]


def summarize(v):
    return {'n': len(v), 'min': pct(v, 0), 'p50': pct(v, 0.5),
            'p99': pct(v, 0.99), 'p999': pct(v, 0.999),
            'max': v[-1] if v else float('nan')}


def histogram(v, path):
    """Log-spaced bins (10 per decade), counts normalized to fractions."""
    if not v:
        open(path, 'w').close()
        return
    lo = math.floor(math.log10(max(v[0], 1e-3)) * 10)
    hi = math.ceil(math.log10(v[-1]) * 10) + 1
    counts = [0] * (hi - lo + 1)
    for x in v:
        counts[int(math.log10(max(x, 1e-3)) * 10) - lo] += 1
    with open(path, 'w') as f:
        for i, c in enumerate(counts):
            f.write('%g %g\n' % (10 ** ((lo + i + 0.5) / 10), c / len(v)))


def fmt(x):
    return '%9.1f' % x if x == x else '      n/a'


def tap_ns(line):
    """ns per frame from a line of oobbench tap-rx."""
    m = re.search(r'([0-9.]+) ns/frame', line)
    return float(m.group(1)) if m else None


def pktgen_ns(line):
    """ns per frame from a pktgen round: Result line and rate joined."""
    m = re.search(r'round \d+: Result: OK: .* (\d+)pps', line)
    return 1e9 / int(m.group(1)) if m and int(m.group(1)) else None


def hook_cost(w, raw, rounds, fname, parse):
    """Per kernel figures of one hook cost workload, then their ratio."""
    per = {}
    for k in ('oob', 'no-oob'):
        vals = []
        for r in range(1, rounds + 1):
            p = os.path.join(raw, 'tap-%s-%d' % (k, r), fname)
            if os.path.exists(p):
                vals += [v for v in map(parse, open(p)) if v is not None]
        per[k] = vals
        if vals:
            w('  %-7s NET_OOB=%s: median %.1f ns/frame, mean %.1f, stdev %.1f, '
              'range %.1f-%.1f (%d samples)' % (k, 'y' if k == 'oob' else 'n',
                                               statistics.median(vals),
                                               statistics.mean(vals),
                                               statistics.pstdev(vals),
                                               min(vals), max(vals), len(vals)))
        else:
            w('  %-7s: no result' % k)
    hook_ratio(w, per)


def hook_ratio(w, per):
    """The NET_OOB=y / NET_OOB=n ratio of the medians, against the noise."""
    if not (per.get('oob') and per.get('no-oob')):
        return
    a, b = statistics.median(per['oob']), statistics.median(per['no-oob'])
    noise = max(statistics.pstdev(per['oob']) / a, statistics.pstdev(per['no-oob']) / b)
    w('  ratio NET_OOB=y / NET_OOB=n: %.3f; noise (relative stdev): %.3f; %s'
      % (a / b, noise, 'indistinguishable' if abs(a / b - 1) <= 2 * noise
         else 'DIFFERENT beyond twice the noise'))


def main(raw, out, rounds):
    rep = []
    w = rep.append
    w('Out-of-band networking benchmarks (qemu TCG, 2 vCPUs, two e1000e on one wire)')
    w('Absolute figures reflect the emulator; compare ratios measured in the same run.')
    w('')

    summaries = {}
    for cond in ('idle', 'load'):
        w('Round-trip latency, %s (microseconds)' % cond)
        w('  %-40s %7s %9s %9s %9s %9s %9s' % ('path', 'n', 'min', 'p50', 'p99',
                                                'p99.9', 'max'))
        for key, label in VARIANTS:
            v = load_rtt(os.path.join(raw, 'full', 'rtt-%s-%s.txt' % (key, cond)))
            s = summarize(v)
            summaries[(key, cond)] = s
            histogram(v, os.path.join(out, 'hist-%s-%s.dat' % (key, cond)))
            w('  %-40s %7d %s %s %s %s %s' % (label, s['n'], fmt(s['min']),
                                               fmt(s['p50']), fmt(s['p99']),
                                               fmt(s['p999']), fmt(s['max'])))
        for ref in ('pkt', 'udp'):
            a, b = summaries[('oob', cond)], summaries[(ref, cond)]
            ratios = ['%s %.2f' % (k, a[k] / b[k]) if b[k] else '%s n/a' % k
                      for k in ('p50', 'p99', 'p999', 'max')]
            w('  ratio oob/%s: %s' % (ref, ', '.join(ratios)))
        w('')

    w('Goals under load (oob vs in-band AF_PACKET and UDP):')
    for ref in ('pkt', 'udp'):
        a, b = summaries[('oob', 'load')], summaries[(ref, 'load')]
        if b['p999'] and b['max']:
            r999, rmax = a['p999'] / b['p999'], a['max'] / b['max']
            w('  vs %s: p99.9 ratio %.2f (goal <= 0.25: %s), max ratio %.2f (goal <= 0.33: %s)'
              % (ref, r999, 'met' if r999 <= 0.25 else 'NOT met',
                 rmax, 'met' if rmax <= 0.33 else 'NOT met'))
    w('')

    stats = os.path.join(raw, 'full', 'stats-oob-load.txt')
    if os.path.exists(stats):
        w('oob port counters after the loaded oob run (eth0.42):')
        for line in open(stats):
            w('  ' + line.rstrip())
        w('')

    w('Packet rates on the same NIC (64-byte frames)')
    rates = os.path.join(raw, 'full', 'rates.txt')
    pps = {}
    if os.path.exists(rates):
        for line in open(rates):
            m = re.match(r'(tx|rx)-(oob|pkt): .*?([0-9.]+) pps', line)
            if m:
                pps[(m.group(1), m.group(2))] = float(m.group(3))
                w('  ' + line.rstrip())
    for d in ('tx', 'rx'):
        if pps.get((d, 'pkt')):
            w('  %s ratio oob/AF_PACKET: %.2f' % (d, pps.get((d, 'oob'), 0) / pps[(d, 'pkt')]))
    w('')

    w('Idle cost of the hooks on the in-band receive path, tap writes')
    w('  workload: 64-byte frames written to a tap device, 200k per round, 3 rounds')
    w('  per boot, %d boots of each kernel, alternating; the NET_OOB=y kernel has' % rounds)
    w('  no port enabled and no oob stage checker, otherwise the same config')
    hook_cost(w, raw, rounds, 'tap.txt', tap_ns)
    w('')

    w('Idle cost of the hooks, pktgen injecting into netif_receive_skb()')
    w('  workload: pktgen (xmit_mode netif_receive) on eth0, 60-byte frames to')
    w('  another MAC (dropped on IPv4 entry), 5 rounds per boot, same boots')
    hook_cost(w, raw, rounds, 'pktgen.txt', pktgen_ns)
    w('')

    viol = os.path.join(raw, 'full', 'violations')
    if os.path.exists(viol):
        w('oob stage checker, in-band calls from the oob stage during the run: %s'
          % open(viol).read().strip())

    with open(os.path.join(out, 'report.txt'), 'w') as f:
        f.write('\n'.join(rep) + '\n')

    for cond in ('idle', 'load'):
        with open(os.path.join(out, 'latency-%s.gp' % cond), 'w') as f:
            f.write('set terminal png size 900,500 noenhanced\n')
            f.write("set output 'latency-%s.png'\n" % cond)
            f.write("set title 'Round-trip latency, %s (qemu TCG)'\n" % cond)
            f.write("set xlabel 'round trip (microseconds, log scale)'\n")
            f.write("set ylabel 'fraction of exchanges'\nset logscale x\nset grid\n")
            f.write('plot ' + ', '.join(
                "'hist-%s-%s.dat' with steps lw 2 title '%s'" % (k, cond, label)
                for k, label in VARIANTS) + '\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
