#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# parse_oracle.py DUMP MPRUN: our lexer/parser against the reference VM's own compiler, on
# random programs (fixed seeds, so a run is repeatable). Each program is either accepted by
# both, or rejected by both with the same exception, message and line. A program we accept
# may still be rejected by the reference's compiler pass (an error "in <scope>"): that is
# the back end's business. The oracle is MicroPython v1.27 (mpy-cross is v1.29), so the
# programs avoid the features that changed in between: t-strings, empty f-string fields
# ("malformed f-string" is new), and "\N{...}" (the VM attaches a traceback to it).
# Prints one "ok"/"FAIL" line per batch.
import io
import json
import os
import random
import subprocess
import sys
import tempfile

PIECES = ["x", "=", " ", "'", '"', "f'", 'f"', "rf'", "fr'", "b'", "br'", "rb'", "u'", "r'",
          "\\", "\\x4", "\\x41", "\\u00e9", "\\U0001F600", "\\777", "\\0", "\\q", "{", "}",
          "{{", "}}", "!r", "!s", ":", ">10", "(", ")", "[", "]", "1", "0x", "0o7", "0b1",
          "1e5", "1.5j", "1_0", "00", "07", ".5", "1.", "e", "j", "\n", "\t", "  ", "#c\n",
          "\\\n", "a", "b", "if", "else", "\xe9", "\x00", "\r", "\r\n", "$", "?", "!", "...",
          ".", ",", ";", "'''", '"""', "def", "lambda", "*", "**", "-", "~", "@", ":=",
          "not", "in", "is", "yield", "await", "async", "const(", "<<", ">>", "//", "%"]

ORACLE_PROG = r'''
import sys, io
for i, s in enumerate(SRCS):
    try:
        compile(s, 'f.py', 'exec')
        print(i, 'OK')
    except BaseException as e:
        buf = io.StringIO()
        sys.print_exception(e, buf)
        tb = buf.getvalue().strip().split('\n')
        loc = [l.strip() for l in tb if l.strip().startswith('File')]
        print(i, 'ERR', repr((loc[-1] if loc else '') + '|' + tb[-1]))
'''


def programs(seed, n):
    rnd = random.Random(seed)
    out = []
    while len(out) < n:
        s = ''.join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 14)))
        if "t'" in s or 't"' in s or '{}' in s or '{!' in s or '{:' in s:
            continue
        out.append(s)
    return out


def ours(dump, folder, src):
    with open(os.path.join(folder, 'f.py'), 'w', encoding='latin-1') as f:
        f.write(src)
    r = subprocess.run([dump, '-q', 'f.py'], cwd=folder, capture_output=True)
    if r.returncode == 0:
        return 'OK'
    lines = r.stdout.decode('latin-1').strip().split('\n')
    loc = [l.strip() for l in lines if l.strip().startswith('File')]
    return 'ERR ' + repr((loc[-1] if loc else '') + '|' + lines[-1])


def batch(dump, mprun, seed, n, folder):
    srcs = programs(seed, n)
    prog = os.path.join(folder, 'oracle.py')
    with open(prog, 'w', encoding='latin-1') as f:
        f.write('SRCS = %r\n' % srcs + ORACLE_PROG)
    r = subprocess.run(['node', mprun, prog], capture_output=True, timeout=300)
    theirs = {}
    for line in r.stdout.decode('latin-1').splitlines():
        num, _, rest = line.partition(' ')
        if num.isdigit():
            theirs[int(num)] = rest
    if len(theirs) != len(srcs):
        return 'the oracle answered %d of %d programs' % (len(theirs), len(srcs))
    for i, src in enumerate(srcs):
        mine = ours(dump, folder, src)
        ref = theirs[i]
        if mine == 'OK' and ref.startswith('ERR') and ', in ' in ref:
            continue  # a compile-time error of the reference: not a parse error
        if mine != ref:
            return 'program %r: ours %s, reference %s' % (src, mine, ref)
    return None


def main():
    dump, mprun = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    status = 0
    with tempfile.TemporaryDirectory() as folder:
        for seed in (1, 2, 3):
            why = batch(dump, mprun, seed, 500, folder)
            name = 'mpycross/parse-oracle/seed%d' % seed
            if why is None:
                print('ok %s' % name)
            else:
                print('FAIL %s: %s' % (name, why))
                status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())
