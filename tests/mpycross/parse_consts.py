#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# parse_consts.py DUMP PY MPY: the constants of the parse tree against the golden .mpy's
# constant table. Every constant object the reference wrote must be a constant node of our
# tree (same type, same text), and no other: this checks the qstr-or-object choice of
# strings (compiler.md 4.7), numeric folding (4.1), math constants, const() and constant
# tuples (4.6) together. Prints nothing and exits 0 on a match; else one line, exit 1.
import os
import re
import subprocess
import sys


def vuint(b, i):
    v = 0
    while True:
        c = b[i]
        i += 1
        v = (v << 7) | (c & 0x7f)
        if not c & 0x80:
            return v, i


def text(bs):
    # the quoting of mpycross/parsedump.c's print_text
    out = "'"
    for c in bs:
        if c in (0x5c, 0x27):
            out += '\\' + chr(c)
        elif c < 0x20 or c == 0x7f:
            out += '\\x%02x' % c
        else:
            out += chr(c)
    return out + "'"


def read_obj(b, i):
    t = b[i]
    i += 1
    if 1 <= t <= 4:
        return ['None', 'False', 'True', 'Ellipsis'][t - 1], i
    if t in (5, 6):
        n, i = vuint(b, i)
        return ('str ' if t == 5 else 'bytes ') + text(b[i:i + n]), i + n + 1
    if t in (7, 8, 9):
        n, i = vuint(b, i)
        return {7: 'int ', 8: 'float ', 9: 'complex '}[t] + b[i:i + n].decode(), i + n
    if t == 10:
        n, i = vuint(b, i)
        items = []
        for _ in range(n):
            o, i = read_obj(b, i)
            items.append(o)
        return 'tuple(' + ', '.join(items) + ')', i
    raise ValueError('object type %d' % t)


def mpy_consts(path):
    b = open(path, 'rb').read()
    i = 4
    n_qstr, i = vuint(b, i)
    n_obj, i = vuint(b, i)
    for _ in range(n_qstr):
        v, i = vuint(b, i)
        if not v & 1:
            i += (v >> 1) + 1
    objs = set()
    for _ in range(n_obj):
        o, i = read_obj(b, i)
        objs.add(o)
    return objs


def tree_consts(dump, py):
    folder = os.path.dirname(py) or '.'
    r = subprocess.run([os.path.abspath(dump), os.path.basename(py)], cwd=folder,
                       capture_output=True)
    if r.returncode != 0:
        return None
    out = r.stdout.decode('latin-1')
    found = set(m.group(1).replace('str(q) ', 'str ')
                for m in re.finditer(r'const\((.*)\)\n', out))
    if 'tok(ELLIPSIS)' in out:
        found.add('Ellipsis')  # compiled as LOAD_CONST_OBJ Ellipsis
    return found


def main():
    dump, py, mpy = sys.argv[1:4]
    mine = tree_consts(dump, py)
    if mine is None:
        print('parse failed')
        return 1
    ref = mpy_consts(mpy)
    if mine != ref:
        print('only in tree: %s; only in .mpy: %s' % (sorted(mine - ref)[:3], sorted(ref - mine)[:3]))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
