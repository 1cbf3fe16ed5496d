#!/usr/bin/env python3
"""Turn KTAP output into one result per test case.

usage: ktap.py GROUP FILE [--expect NAME...]

FILE is a guest console log holding KUnit output (kernel log prefixes are
stripped) or the output of run_kselftest.sh (nesting marked by "# "
prefixes). Every leaf result becomes a line
"GROUP<TAB>suite.case<TAB>pass|fail|skip<TAB>detail" on stdout.

Missing results are failures, never silence: a plan announcing more
results than were printed, a nested test that never printed its own
result line (crash, hang cut by a timeout), and any NAME given with
--expect that never reported.
"""

import re
import sys

LOG_PREFIX = re.compile(r'^\[\s*\d+\.\d+\]\s?')
RESULT = re.compile(r'^(not ok|ok)\s+\d+\s*(?:-\s*)?([^#]*?)\s*(?:#\s*(.*))?$')
PLAN = re.compile(r'^1\.\.(\d+)')
SUBTEST = re.compile(r'^#\s*Subtest:\s*(\S+)')
KTAP_ISH = re.compile(r'^(ok |not ok |1\.\.|KTAP version|TAP version|# )')
SELFTEST_NAME = re.compile(r'^selftests:\s*\S+:\s*')
SELFTEST_START = re.compile(r'^#\s*selftests:\s*\S+:\s*(\S+)')


class Node:
    def __init__(self, name=None):
        self.name = name
        self.plan = None
        self.children = []    # Node or (name, result, detail)
        self.result = None    # None until the parent prints our line
        self.detail = ''


def normalize(line):
    """Return (depth, text) of a log line."""
    line = LOG_PREFIX.sub('', line.rstrip('\n'))
    indent = len(line) - len(line.lstrip(' '))
    line = line.lstrip(' ')
    depth = indent // 4
    while line.startswith('# ') and not SUBTEST.match(line) and \
            KTAP_ISH.match(line[2:]):
        line = line[2:]
        depth += 1
    return depth, line.strip()


def parse(path):
    root = Node()
    stack = [root]
    announced = None    # run_kselftest.sh names a test before its output
    with open(path, errors='replace') as f:
        for raw in f:
            depth, text = normalize(raw)
            if not text:
                continue
            m = SUBTEST.match(text)
            if m:
                if len(stack) == depth + 1 and depth > 0 and not stack[depth].name:
                    stack[depth].name = m.group(1)
                elif len(stack) == depth:
                    push(stack, Node(m.group(1)))
                continue
            if text.startswith(('KTAP version', 'TAP version')):
                if depth == 0:
                    continue
                while len(stack) > depth:
                    stack.pop()
                push(stack, Node(announced if depth == 1 else None))
                continue
            if text.startswith('#'):
                m = SELFTEST_START.match(text)
                if m and depth == 0:
                    announced = m.group(1)
                continue
            m = PLAN.match(text)
            if m:
                while len(stack) < depth + 1:
                    push(stack, Node())
                stack[depth].plan = int(m.group(1))
                continue
            m = RESULT.match(text)
            if not m:
                continue
            ok, name, directive = m.group(1), m.group(2).strip() or '?', m.group(3) or ''
            if directive.upper().startswith('SKIP'):
                res = 'skip'
            elif ok == 'ok':
                res = 'pass'
            else:
                res = 'fail'
            while len(stack) > depth + 2:
                stack.pop()
            if len(stack) == depth + 2:
                child = stack.pop()
                child.name = child.name or name
                child.result, child.detail = res, directive
                continue
            while len(stack) < depth + 1:
                push(stack, Node())
            stack[depth].children.append((name, res, directive))
    return root


def push(stack, node):
    stack[-1].children.append(node)
    stack.append(node)


def flatten(node, prefix, out):
    failed = False
    for child in node.children:
        if isinstance(child, tuple):
            name, res, detail = child
            out.append((prefix + clean(name), res, detail))
            failed |= res == 'fail'
            continue
        name = clean(child.name or '(unnamed)')
        if not child.children and child.plan is None:
            res = child.result or 'fail'
            out.append((prefix + name, res,
                        child.detail if child.result else 'no result: crashed or hung'))
            failed |= res == 'fail'
            continue
        sub_failed = flatten(child, prefix + name + '.', out)
        if child.result is None:
            out.append((prefix + name, 'fail', 'no final result: crashed or hung'))
            sub_failed = True
        elif child.result == 'fail' and not sub_failed:
            out.append((prefix + name, 'fail', 'failed after its cases: ' + child.detail))
            sub_failed = True
        failed |= sub_failed
    count = len(node.children)
    if node.plan is not None and count < node.plan:
        out.append((prefix + '(plan)', 'fail', 'missing: %d of %d results never reported'
                    % (node.plan - count, node.plan)))
        failed = True
    return failed


def clean(name):
    return SELFTEST_NAME.sub('', name)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    group, path = argv[1], argv[2]
    expect = argv[argv.index('--expect') + 1:] if '--expect' in argv else []
    out = []
    try:
        flatten(parse(path), '', out)
    except OSError as e:
        out.append(('(log)', 'fail', str(e)))
    for name, res, detail in out:
        print('%s\t%s\t%s\t%s' % (group, name, res, detail.replace('\t', ' ')))
    for want in expect:
        if not any(n == want or n.startswith(want + '.') for n, _, _ in out):
            print('%s\t%s\tfail\tmissing: never reported' % (group, want))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
