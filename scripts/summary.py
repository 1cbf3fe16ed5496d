#!/usr/bin/env python3
"""Print the per-test table and the final "N passed, N failed" line.

usage: summary.py RESULTS.tsv STEPS.tsv
Exit status: 0 when nothing failed, 1 otherwise.
"""
import sys


def main(results, steps):
    # newline='': a carriage return copied from a guest log into a
    # detail field must not split its row.
    rows = []
    for l in open(results, newline='\n'):
        if not l.strip():
            continue
        row = l.rstrip('\n').replace('\r', ' ').split('\t')
        if len(row) < 3 or row[2] not in ('pass', 'fail', 'skip'):
            # A malformed row is a failure of whatever wrote it.
            row = ['summary', 'malformed result row', 'fail', l.strip()[:80]]
        rows.append(row)
    print()
    print('%-12s %-58s %-5s %s' % ('group', 'test', 'result', 'detail'))
    print('-' * 100)
    counts = {'pass': 0, 'fail': 0, 'skip': 0}
    for row in rows:
        group, name, res = row[0], row[1], row[2]
        detail = row[3] if len(row) > 3 else ''
        counts[res] = counts.get(res, 0) + 1
        mark = {'pass': 'ok', 'fail': 'FAIL', 'skip': 'skip'}.get(res, res)
        print('%-12s %-58s %-5s %s' % (group, name[:58], mark, detail[:80]))
    print()
    print('step times:')
    for line in open(steps):
        name, secs, rc = line.split()
        print('  %-20s %5ss %s' % (name, secs, 'ok' if rc == '0' else 'FAILED'))
    failed = [r for r in rows if r[2] == 'fail']
    if failed:
        print()
        print('failed:')
        for row in failed:
            print('  %s %s %s' % (row[0], row[1], row[3] if len(row) > 3 else ''))
    print()
    tail = '%d passed, %d failed' % (counts['pass'], counts['fail'])
    if counts['skip']:
        tail += ', %d skipped' % counts['skip']
    print(tail)
    return 1 if counts['fail'] or not rows else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
