#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The worked examples of shared/spec/compiler.md section 15, checked against mpycross:
# each example's source is compiled with the file name of its qstr table, and every code
# object's prelude, line table, cells and bytecode must equal the listing's bytes.
import os
import re
import subprocess
import sys
import tempfile


def vuint(b, i):
    v = 0
    while True:
        c = b[i]
        i += 1
        v = (v << 7) | (c & 0x7f)
        if not c & 0x80:
            return v, i


def skip_obj(b, i):
    t = b[i]
    i += 1
    if t in (5, 6):
        n, i = vuint(b, i)
        return i + n + 1
    if t in (7, 8, 9):
        n, i = vuint(b, i)
        return i + n
    if t == 10:
        n, i = vuint(b, i)
        for _ in range(n):
            i = skip_obj(b, i)
    return i


def read_qstr(b, i):
    v, i = vuint(b, i)
    if v & 1:
        return ("static", v >> 1), i
    n = v >> 1
    return b[i:i + n].decode("utf-8", "replace"), i + n + 1


def split_code(code):
    """prelude bytes (sig+size+names), line info, cells, bytecode of one code object."""
    i = 0
    while code[i] & 0x80:
        i += 1
    i += 1
    n_info = n_cell = 0
    shift = 0
    while True:
        z = code[i]
        i += 1
        n_info |= ((z >> 1) & 0x3f) << (6 * shift)
        n_cell |= (z & 1) << shift
        shift += 1
        if not z & 0x80:
            break
    # decode signature for the number of argument names
    j = 0
    z = code[j]
    A = z & 3
    nbit = 0
    K = 0
    while z & 0x80:
        j += 1
        z = code[j]
        A |= ((z >> 2) & 1) << (2 + nbit)
        K |= ((z >> 3) & 1) << nbit
        nbit += 1
    info_start = i
    k = info_start
    for _ in range(1 + A + K):
        _, k = vuint(code, k)
    prelude = code[:k]
    lines = code[k:info_start + n_info]
    cells = code[info_start + n_info:info_start + n_info + n_cell]
    bc = code[info_start + n_info + n_cell:]
    return prelude, lines, cells, bc


def read_mpy(b):
    i = 4
    nq, i = vuint(b, i)
    no, i = vuint(b, i)
    qstrs = []
    for _ in range(nq):
        q, i = read_qstr(b, i)
        qstrs.append(q)
    for _ in range(no):
        i = skip_obj(b, i)
    out = []

    def rc(i):
        kl, i = vuint(b, i)
        n = kl >> 3
        out.append(split_code(b[i:i + n]))
        i += n
        if kl & 4:
            nc, i = vuint(b, i)
            for _ in range(nc):
                i = rc(i)
        return i

    rc(i)
    return qstrs, out


def hexbytes(s):
    s = s.strip()
    if s in ("", "-"):
        return b""
    return bytes(int(x, 16) for x in s.split())


def parse_listing(text):
    codes = []
    cur = None
    for line in text.splitlines():
        if line.startswith("--- rc"):
            cur = {"prelude": b"", "lines": b"", "cells": b"", "bc": b"", "bc_head": None,
                   "bc_tail": b"", "lines_head": b"", "lines_tail": b""}
            codes.append(cur)
        elif cur is None:
            continue
        elif line.strip().startswith("prelude bytes:"):
            cur["prelude"] = hexbytes(line.split(":", 1)[1])
        elif line.strip() == "...":
            cur["bc_head"] = cur["bc"]
        elif line.strip().startswith("line info:") and "..." in line:
            cur["lines_head"] = hexbytes(line.split(":", 1)[1].split("...")[0])
            cur["lines"] = None
        elif line.strip().startswith("line info:"):
            cur["lines"] = hexbytes(line.split(":", 1)[1].split("=>")[0])
        elif line.strip().startswith("cells (local nums):"):
            nums = re.findall(r"\d+", line.split(":", 1)[1])
            cur["cells"] = bytes(int(x) for x in nums)
        else:
            m = re.match(r"^\s+\d+  ((?:[0-9a-f]{2} )*[0-9a-f]{2})\s", line + " ")
            if m:
                cur["bc"] += hexbytes(m.group(1))
                if cur["bc_head"] is not None:
                    cur["bc_tail"] += hexbytes(m.group(1))
    for cur in codes:
        if cur["bc_head"] is None:
            cur["bc_head"] = cur["bc"]
    return codes


def examples(md):
    parts = re.split(r"^### (15\.\d+ .*)$", md, flags=re.M)
    for k in range(1, len(parts), 2):
        title, body = parts[k], parts[k + 1]
        src = re.search(r"```python\n(.*?)```", body, re.S)
        lst = re.search(r"```text\n(qstr table: .*?)```", body, re.S)
        if not src or not lst:
            continue
        name = re.search(r"qstr table: 0:(\S+?),", lst.group(1))
        flags = []
        if re.search(r"with `-O3`|\(-O3\)", body):
            flags = ["-O3"]
        yield title, src.group(1), lst.group(1), name.group(1) if name else "t.py", flags


def main():
    spec, mpycross = sys.argv[1], os.path.abspath(sys.argv[2])
    md = open(os.path.join(spec, "compiler.md"), encoding="utf-8").read()
    with tempfile.TemporaryDirectory() as tmp:
        for title, src, listing, fname, flags in examples(md):
            tag = "spec/" + title.split()[0]
            abridged = "..." in listing
            if "repeated" in src:
                # 15.35/15.36: the text gives the count of the repeated statement
                m = re.search(r"(\d+) copies of the statement `a`|followed by (\d+) copies of `a`",
                              md.split(title, 1)[1][:400])
                if not m:
                    print("skip mpycross/%s: cannot rebuild the abridged source" % tag)
                    continue
                count = int(m.group(1) or m.group(2))
                count -= len(re.findall(r"^ +a$", src, flags=re.M))  # copies already written out
                src = re.sub(r"^( +)a +# \.\.\. repeated.*$", lambda r: (r.group(1) + "a\n") * count,
                             src, flags=re.M).replace("\n\n", "\n")
            path = os.path.join(tmp, fname)
            with open(path, "w", encoding="utf-8") as f:
                f.write(src)
            out = os.path.join(tmp, "out.mpy")
            r = subprocess.run([mpycross] + flags + ["-o", out, fname], cwd=tmp,
                               capture_output=True)
            if r.returncode != 0:
                print("FAIL mpycross/%s: compile failed: %s" % (tag, r.stderr.decode()[:200].replace("\n", " ")))
                continue
            want = parse_listing(listing)
            qstrs, got = read_mpy(open(out, "rb").read())
            bad = None
            if len(want) != len(got):
                bad = "%d code objects, listing has %d" % (len(got), len(want))
            else:
                for n, (w, g) in enumerate(zip(want, got)):
                    for field, gv in zip(("prelude", "lines", "cells", "bc"), g):
                        if abridged and field in ("lines", "bc"):
                            head, tail = w[field + "_head"], w[field + "_tail"]
                            if gv.startswith(head) and gv.endswith(tail):
                                continue
                        if w[field] != gv:
                            bad = "code object %d %s: got %s want %s" % (n, field, gv.hex(" "), w[field].hex(" "))
                            break
                    if bad:
                        break
            print(("FAIL mpycross/%s: %s" % (tag, bad)) if bad else "ok mpycross/%s" % tag)


main()


def error_rows(md):
    sec = md.split("### 14.3 Messages", 1)[1].split("\nOther messages", 1)[0]
    for line in sec.splitlines():
        m = re.match(r"^\| (\d+) \| `([^`]*)`(.*?)\| (.*) \|$", line)
        if not m or m.group(3).strip():
            continue  # sources with prose around them are not runnable as written
        yield m.group(1), m.group(2).replace("⏎", "\n") + "\n", m.group(4)


def check_errors(spec, mpycross):
    md = open(os.path.join(spec, "compiler.md"), encoding="utf-8").read()
    with tempfile.TemporaryDirectory() as tmp:
        for num, src, want in error_rows(md):
            tag = "spec/14.3-%s" % num
            with open(os.path.join(tmp, "t.py"), "w", encoding="utf-8") as f:
                f.write(src)
            r = subprocess.run([mpycross, "--mpy-cross-errors", "-o", "t.mpy", "t.py"], cwd=tmp,
                               capture_output=True)
            got = r.stderr.decode("utf-8", "replace")
            parts = [p.strip().strip("`") for p in want.split(" / ")]
            if want.startswith("(no traceback lines)"):
                parts = [want.split("`")[1]]
                ok = r.returncode == 1 and got == parts[0] + "\n"
            else:
                loc = parts[0]
                if not loc.startswith("File"):
                    loc = 'File "t.py", ' + loc
                want_text = "Traceback (most recent call last):\n  %s\n%s\n" % (loc, parts[1])
                ok = r.returncode == 1 and got == want_text
            if ok:
                print("ok mpycross/%s" % tag)
            else:
                print("FAIL mpycross/%s: got %r" % (tag, got[-120:]))


check_errors(sys.argv[1], os.path.abspath(sys.argv[2]))
