# SPDX-License-Identifier: MIT
# fmodfuzz.py FZVM IMAGE N DIR: N copies of IMAGE with 1 to 3 random bytes of its main
# module's checked parts changed (its header, qstr and constant tables, cold stream,
# flash defaults and objects in flash: what the loader checks before anything runs), the
# CRC resealed, each run by FZVM: it must print its output or refuse the module (exit 0
# or 1), never crash, hang or trip a sanitizer. Code records and bytecode are left
# alone: like the reference VM, the runtime trusts code it accepted (the CRC guards it).
# Seeded: the same runs each time. A failing copy is kept in DIR.
import os, random, subprocess, sys, zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fmod

fzvm, image, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
data = open(image, "rb").read()
off = fmod.main_module(data)
h = fmod.header(data, off)
# The parts before the code records, and the objects in flash after the code.
spans = [(0, h["rc_off"]), (h["rom_off"], fmod.main_module_len(data))]
places = sum(e - s for s, e in spans)
rng = random.Random(11)
bad = 0
path = os.path.join(out, "fuzz.frz")
for i in range(n):
    b = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(places)
        for s, e in spans:
            if at < e - s:
                at = off + s + at
                break
            at -= e - s
        b[at] = rng.randrange(256) if rng.random() < 0.7 else rng.choice([0, 0xff, 0x7f, 0x80])
    b[12:16] = (zlib.crc32(bytes(b[:12]) + bytes(b[16:])) & 0xffffffff).to_bytes(4, "little")
    open(path, "wb").write(b)
    try:
        r = subprocess.run([fzvm, path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=30)
        why = None
        if r.returncode not in (0, 1) or b"Sanitizer" in r.stderr or b"runtime error" in r.stderr:
            why = "exit %d: %r" % (r.returncode, r.stderr[-300:])
    except subprocess.TimeoutExpired:
        why = "no exit in 30 s"
    if why:
        kept = os.path.join(out, "fuzz%d.frz" % i)
        open(kept, "wb").write(b)
        print("copy %d (%s): %s" % (i, kept, why))
        bad += 1
sys.exit(1 if bad else 0)
