# SPDX-License-Identifier: MIT
# fuzz.py FREEZE IMAGE N: N copies of IMAGE with random bytes changed (the CRC fixed up, so
# the damage reaches the walker) through `freeze size --detail functions` in every form:
# each must exit 0 or 1 (a corrupt image) and never crash. Seeded: the same runs each time.
import os, random, subprocess, sys, tempfile, zlib

freeze, image, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(image, 'rb').read()
rng = random.Random(7)
bad = 0
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'f.frz')
    for i in range(n):
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(16, len(b))  # not the magic or header sizes' first bytes
            b[at] = rng.randrange(256) if rng.random() < 0.7 else rng.choice([0, 0xff, 0x7f, 0x80])
        crc = zlib.crc32(bytes(b[:12]) + bytes(b[16:])) & 0xffffffff
        b[12:16] = crc.to_bytes(4, 'little')
        open(path, 'wb').write(b)
        for form in ('text', 'json', 'csv', 'html'):
            r = subprocess.run([freeze, 'size', path, '--report', form, '--detail', 'functions'],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if r.returncode not in (0, 1) or b'Sanitizer' in r.stderr:
                print(f'run {i} {form}: exit {r.returncode}: {r.stderr[:300]!r}')
                bad += 1
                break
sys.exit(1 if bad else 0)
