#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# gen_numeric_data.py: builds tests/unit/data/{mpz,float}_*.txt, the expected values of
# test_mpz.c and test_formatfloat.c, by running generated programs in the reference VM
# (tests/oracle/mprun.mjs). CPython only picks the inputs (seeded, so reruns are stable);
# every expected value is MicroPython's output.
#   python3 tests/tools/gen_numeric_data.py      (from the repository root)
import os
import random
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "unit", "data")
ORACLE = os.path.join(ROOT, "tests", "oracle", "mprun.mjs")

# Shared by every generated program: one output line per case, exceptions by type name.
PRELUDE = r'''
import struct
def fbits(x):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]
def show(*parts):
    print('|'.join(str(p) for p in parts))
def run(f):
    try:
        return f()
    except Exception as e:
        return '!' + type(e).__name__
'''


def oracle_run(program):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "gen.py")
        with open(path, "w") as f:
            f.write(PRELUDE + program)
        out = subprocess.run(["node", ORACLE, path], capture_output=True, check=True)
    text = out.stdout.decode("latin1")
    # mprun.mjs exits right after writing, which can cut a large output short on a pipe:
    # keep each run's output small and insist on a final "end" line.
    if not text.endswith("end\n"):
        sys.exit("oracle output cut short or program failed:\n" + text[-500:])
    return text[:-4]


def oracle(program, name=None, items=None, chunk=40):
    """Runs program once, or once per chunk of items bound to the global name."""
    if name is None:
        return oracle_run(program + "\nprint('end')\n")
    return "".join(oracle_run("%s = %r\n" % (name, items[i:i + chunk]) + program +
                              "\nprint('end')\n")
                   for i in range(0, len(items), chunk))


def write(name, header, text):
    with open(os.path.join(DATA, name), "w") as f:
        f.write(header + text)
    print(name, text.count("\n"), "lines")


def int_values(rng):
    edge = [0, 1, -1, 2, -2, 3, 7, -7, 10, 255, -256, 0x7fff, 0x8000, -0x8000, 0xffff,
            0x10000, -0x10000, 0x10001, 2**31 - 1, -2**31, 2**32, 2**32 - 1, -2**32 - 1,
            2**62, -2**62 - 1, 2**63 - 1, -2**63, 2**64, 2**64 - 1, -2**64, 2**100,
            -(2**100), 10**30, -(10**30) + 1, 2**128 - 1, 3**80]
    rand = []
    for bits in (20, 40, 70, 100, 150, 200, 300):
        for _ in range(2):
            v = rng.getrandbits(bits) | (1 << (bits - 1))
            rand.append(v if rng.random() < 0.5 else -v)
    return edge + rand


def gen_mpz(rng):
    vals = int_values(rng)
    pairs = [(a, b) for a in vals[::2] for b in vals[1::2]] + \
            [(rng.choice(vals), rng.choice(vals)) for _ in range(150)]
    text = oracle(r'''
for a, b in P:
    for op, f in (('add', lambda: a + b), ('sub', lambda: a - b), ('mul', lambda: a * b),
                  ('floordiv', lambda: a // b), ('mod', lambda: a % b),
                  ('and', lambda: a & b), ('or', lambda: a | b), ('xor', lambda: a ^ b),
                  ('cmp', lambda: (a > b) - (a < b))):
        show(op, a, b, run(f))
''', "P", pairs, 60)
    text += oracle(r'''
for a in V:
    for op, f in (('neg', lambda: -a), ('abs', lambda: abs(a)), ('invert', lambda: ~a),
                  ('hash32', lambda: hash(a)),
                  ('tofloat', lambda: fbits(float(a)))):
        show(op, a, run(f))
    for n in (0, 1, 5, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 200):
        show('shl', a, n, run(lambda: a << n))
        show('shr', a, n, run(lambda: a >> n))
    for e in (0, 1, 2, 3, 7, 16, 33):
        if e < 16 or abs(a) < 2**70:
            show('pow', a, e, run(lambda: a ** e))
''', "V", vals, 4)
    triples = [(pairs[i][0], abs(pairs[i + 1][0]), pairs[i + 2][1]) for i in range(60)]
    triples += [(3, -1, 7), (2**70, -3, 10**9), (5, 0, 1), (5, 0, -1), (0, 0, 7), (3, 5, 0),
                (-(2**100), 3, -(10**20 + 7)), (7, 2**80 + 1, 2**61 - 1), (7, 0, 10),
                (-7, 0, -10), (2**70, 0, 2**65), (7, 0, 7), (0, 5, 7), (0, 0, 1), (0, 3, -5)]
    text += oracle(r'''
for a, e, m in T:
    show('powmod', a, e, m, run(lambda: pow(a, e, m)))
''', "T", triples)
    text += oracle(r'''
for a in V:
    for n in (0, 1, 2, 4, 8, 9, 16, 40):
        for sig in (0, 1):
            for order in ('little', 'big'):
                show('tobytes', a, n, sig, order,
                     run(lambda: ''.join('%02x' % c for c in a.to_bytes(n, order, sig == 1))))
''', "V", vals, 8)
    frombytes = [bytes(rng.getrandbits(8) for _ in range(n)) for n in (0, 1, 2, 3, 8, 9, 17, 33)]
    frombytes += [b"\x80", b"\xff\xff", b"\x00\x80", b"\xff" * 12, b"\x7f" + b"\xff" * 10]
    text += oracle(r'''
import binascii
for h in B:
    b = binascii.unhexlify(h)
    for sig in (0, 1):
        for order in ('little', 'big'):
            show('frombytes', h or '-', sig, order, run(lambda: int.from_bytes(b, order, sig == 1)))
''', "B", [b.hex() for b in frombytes])
    write("mpz_ops.txt", "# op|operands...|MicroPython's result ('!Type' = exception); "
          "generated by tests/tools/gen_numeric_data.py\n", text)


def gen_mpz_str(rng):
    texts = ["0", "00", "010", "0_0", "00_0", "0x10", "0X_10", "0x1__0", "0x10_", "_1", "1_",
             "1__2", "_", "1_2", "0b", "0b1", "0o7", "0x", "0xg", "0b_1", " 0x1f ", "\t12\n",
             "1 2", "-_1", "- 1", "0o", "0_", "x", "0xx", "", " ", "+", "-0", "  -0  ", "12a",
             "1.5", "--1", "0b2", "z", "Zz", "0" * 30, "0" * 30 + "1", "9" * 25, "-" + "9" * 25,
             "1_" + "9" * 25, "9" * 25 + "_", "0" + "9" * 25, "+0x" + "9" * 25,
             "1_073_741_823", "1_073_741_824", "1_000_000_000_000", "4611686018427387903",
             "ffffffffffffffffffff", "1" * 70, "-0x8000000000000000", "0o" + "7" * 40,
             "0b" + "1" * 100, "zzzzzzzzzzzzzzzzzzzz", "1" * 30 + "x"]
    bases = [0, 2, 8, 10, 16, 36, 3, 1, 37]
    cases = [(t, b) for t in texts for b in bases]
    text = oracle(r'''
for t, b in C:
    show('parse', repr(t), b, run(lambda: int(t, b)))
''', "C", cases, 200)
    text += oracle(r'''
for a in V:
    show('str', a, 10, str(a))
    show('str', a, 16, hex(a))
    show('str', a, 8, oct(a))
    show('str', a, 2, bin(a))
    show('fmt', a, 'x', '%x' % a)
    show('fmt', a, 'X', '%#X' % a)
''', "V", int_values(rng), 20)
    big = [3**5000, -(7**3000), 10**4000, 10**4000 - 1, 2**8191 - 1]
    text += oracle(r'''
for a in BIG:
    show('big', hex(a), str(a))
''', "BIG", big, 2)
    write("mpz_str.txt", "# parse|repr(text)|base|result; str|value|base|text; "
          "generated by tests/tools/gen_numeric_data.py\n", text)


def double_values(rng):
    vals = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 91.4, 1e16, 1e15, 1e22, 1e23,
            5e-324, 7e-05, 9.7e-12, 0.001234, 100.0, 1.5, 3.0, 2.675, 1e-5, 1e-4, 12345.678,
            0.000123, 0.5, 1e20, 123456789.0, 3.14159, 2.5, 0.4, 1.6, 2.7, 0.125, 0.25, 1234.5,
            1.5e300, 1e300, 1e-300, 1.7976931348623157e308, 2.2250738585072014e-308,
            123456789012345678.0, 12345678901234567890.0, 9.999999999999999e22, 0.9999999,
            9.9999999, 99999.99, 999999.9, 0.00001, 4.35, 1e100, 1e-100, 2**53, 2**53 + 2,
            2**64, 1e-7, 1.5e-5, 5e-5, 0.0001, 0.00099999, 9.5, 0.95, 0.095, 1e21, 1e-10]
    for e in range(-30, 31):
        vals.append(10.0 ** e)
        vals.append(1.5 * 10.0 ** e)
    for _ in range(120):
        vals.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(63)))[0])
    for _ in range(80):
        vals.append(rng.uniform(-1000, 1000))
    for _ in range(60):
        vals.append(round(rng.uniform(0, 100), rng.randint(1, 6)))
    vals += [float("inf"), float("-inf"), float("nan")]
    return [v for v in vals if v == v or v != v]


def gen_float(rng):
    vals = double_values(rng)
    bits = ["%016x" % struct.unpack("<Q", struct.pack("<d", v))[0] for v in vals]
    fmts = ["%e", "%f", "%g", "%E", "%G", "%.0e", "%.0f", "%.0g", "%.1e", "%.2f", "%.3g",
            "%.10e", "%.15f", "%.16g", "%.17g", "%.18e", "%.20f", "%.25g", "%.50f", "%.50e",
            "%+.3f", "% .2e", "%+g"]
    prog = "FMTS = %r\n" % fmts + r'''
for h in BITS:
    x = struct.unpack('<d', struct.pack('<Q', int(h, 16)))[0]
    show('repr', h, repr(x))
    for f in FMTS:
        show('fmt', h, f, f % x)
    show('pct', h, '{:%}'.format(x), '{:.1%}'.format(x), '{:.0%}'.format(x))
'''
    text = oracle(prog, "BITS", bits, 20)
    write("float_format.txt", "# repr|bits|text; fmt|bits|format|text; pct|bits|{:%}|{:.1%}|"
          "{:.0%}; generated by tests/tools/gen_numeric_data.py\n", text)


def decimal_texts(rng):
    texts = [".", "e5", "1e", "1_0.5", " 1.5 ", "1.5j", "inf", "-nan", "infinity", "infx",
             "+.e1", "1__0", "-inf", "INF", "Infinity", "nan", "  2.5\n", "3.25", "-1e3", ".5",
             "5.", "1e400", "-1e400", "1e-400", "2.4703282292062328e-324",
             "2.4703282292062327e-324", "1.7976931348623158e308", "1.7976931348623159e308",
             "0.1", "0.30000000000000004", "9007199254740993", "123456789012345678901234567890",
             "1" * 400, "0." + "0" * 300 + "1", "1e+", "1e-", "e", "", " ", "+", "-", "1.2.3",
             "1e5e5", "0x10", "1_000.000_1", "000000000000000000000001.5", "1.5000000000000000000000001",
             "4.9406564584124654e-324", "2.2250738585072011e-308", "1e23", "8.589973e9",
             "1" + "0" * 25 + "e-25", "0.000000000000000000000000000000000000000000001e45",
             "1e2147483648", "1e-2147483649", "12345678901234567e-27", "5e-1", "1j", "j"]
    for _ in range(500):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 25)))
        point = rng.randint(0, len(digits))
        t = digits[:point] + "." + digits[point:]
        if rng.random() < 0.6:
            t += "e%d" % rng.randint(-330, 310)
        texts.append(t)
    for _ in range(300):
        v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(63)))[0]
        if v == v and abs(v) != float("inf"):
            texts.append(repr(v))
            texts.append("%.17e" % v)
    return texts


def gen_parse(rng):
    texts = decimal_texts(rng)
    prog = r'''
for t in T:
    show('float', repr(t), run(lambda: fbits(float(t))))
'''
    text = oracle(prog, "T", texts, 200)
    write("float_parse.txt", "# float|repr(text)|bits of float(text) or !Exception; "
          "generated by tests/tools/gen_numeric_data.py\n", text)


def gen_golden_consts():
    """The float and complex constant texts of the golden .mpy files (mpy-cross on x86-64)."""
    shared = os.environ.get("FREEZE_SHARED", os.path.join(ROOT, "..", "shared"))
    ann = os.path.join(shared, "spec", "tools", "mpyann.py")
    cases = os.path.join(shared, "golden", "cases")
    if not os.path.isdir(cases):
        print("no ../shared: float_golden.txt left as it is")
        return
    texts = set()
    for name in sorted(os.listdir(cases)):
        if name.endswith(".mpy"):
            out = subprocess.run([sys.executable, ann, os.path.join(cases, name)],
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                for kind, code in (("float", "type 8 (float)"), ("complex", "type 9 (complex)")):
                    if code in line:
                        texts.add((kind, line.split(": ", 1)[1].strip("'")))
    write("float_golden.txt", "# float|text or complex|text: constants in shared/golden/cases/*.mpy; "
          "generated by tests/tools/gen_numeric_data.py\n",
          "".join("%s|%s\n" % t for t in sorted(texts)))


def main():
    os.makedirs(DATA, exist_ok=True)
    gen_golden_consts()
    rng = random.Random(20260301)
    gen_mpz(rng)
    gen_mpz_str(rng)
    gen_float(rng)
    gen_parse(rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
