# SPDX-License-Identifier: MIT
# fmod.py: where a frozen image's main module and its parts are (runtime/image.h
# "Frozen module"), for the tests that damage one field of an image and reseal it.
import struct


def main_module(b):
    """The image offset of the main module's data (it must be in the frozen form)."""
    idx, main = struct.unpack_from("<II", b, 44)
    _, data = struct.unpack_from("<II", b, idx + 12 * main)
    assert data & 2, "main module not frozen"
    return data & ~3


def main_module_len(b):
    """The byte length of the main module's data."""
    idx, main = struct.unpack_from("<II", b, 44)
    return struct.unpack_from("<I", b, idx + 12 * main + 8)[0] & 0xffffff


def vuint(b, at):
    """The vuint at b[at] and where it ends."""
    v = 0
    while True:
        v = v << 7 | (b[at] & 0x7f)
        at += 1
        if not b[at - 1] & 0x80:
            return v, at


def header(b, off):
    """The frozen module header at off, with the offsets it implies (image_fmod_read);
    counts[name] is where that vuint starts."""
    w, float_bytes = b[33], (0, 4, 8)[b[35]]
    assert b[off] == ord("f"), "not a frozen module"
    align = lambda v, a: (v + a - 1) // a * a
    h, at, counts = dict(w=w), off + 2, {}
    for name in ("n_qstr", "n_obj", "n_rc", "n_defs", "n_fdefs", "cold_len"):
        counts[name] = at - off
        h[name], at = vuint(b, at)
    h["counts"] = counts
    h["hdr_len"] = h["qstr_off"] = align(at - off, 2)
    h["obj_off"] = align(h["qstr_off"] + 2 * h["n_qstr"], w)
    h["cold_off"] = h["obj_off"] + w * h["n_obj"]
    h["fdefs_off"] = align(h["cold_off"] + h["cold_len"], w)
    h["rc_off"] = h["fdefs_off"] + w * h["n_fdefs"]
    h["code_off"] = h["rc_off"] + 2 * (h["n_rc"] + 1)
    h["code_end"] = h["code_off"] + (struct.unpack_from("<H", b, off + h["code_off"] - 2)[0] & 0x7fff)
    h["rom_off"] = align(h["code_end"], max(w, float_bytes))
    return h


def aux_bytes(b, code):
    """Bytes of the aux field in the tail of the block whose prelude starts at code
    (image_frc_aux_bytes): 2 with positional defaults, 1 if it takes no arguments."""
    z = b[code]
    a, k, d, f, n = z & 3, 0, 0, 0, 0
    while z & 0x80:
        code += 1
        z = b[code]
        f |= ((z >> 6) & 1) << n
        k |= ((z >> 3) & 1) << n
        a |= ((z >> 2) & 1) << (2 + n)
        d |= (z & 1) << n
        n += 1
    return 2 if d else 1 if a == 0 and k == 0 and f & 6 == 0 else 0


def blocks(b, off, h):
    """The module's code blocks (image_frc_read): dicts of start and end (image offsets,
    tail included), parent, aux and aux_bytes (where the aux field starts, its size) and
    child (where a parent's first_child is: the tail's last two bytes)."""
    out = []
    base = off + h["code_off"]
    for i in range(h["n_rc"]):
        v = struct.unpack_from("<H", b, off + h["rc_off"] + 2 * i)[0]
        start = base + (v & 0x7fff)
        end = base + (struct.unpack_from("<H", b, off + h["rc_off"] + 2 * i + 2)[0] & 0x7fff)
        parent = bool(v & 0x8000)
        n_aux = aux_bytes(b, start)
        aux = end - (2 if parent else 0) - n_aux
        out.append(dict(start=start, end=end, parent=parent, aux=aux, aux_bytes=n_aux,
                        child=end - 2 if parent else None, rec=off + h["rc_off"] + 2 * i))
    return out
