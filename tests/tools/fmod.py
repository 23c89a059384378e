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


def header(b, off):
    """The frozen module header at off, with the offsets it implies (image_fmod_read)."""
    w = b[33]
    n_qstr, n_obj, n_rc, n_defs, n_fdefs, rom, fdefs = struct.unpack_from("<5HII", b, off + 6)
    align = lambda v, a: (v + a - 1) // a * a
    h = dict(w=w, n_qstr=n_qstr, n_obj=n_obj, n_rc=n_rc, n_defs=n_defs, n_fdefs=n_fdefs,
             rom_off=rom, fdefs_off=fdefs, qstr_off=24)
    h["obj_off"] = align(24 + 2 * n_qstr, w)
    h["cold_off"] = h["obj_off"] + w * n_obj
    h["rc_off"] = align(fdefs + w * n_fdefs, 4)
    h["child_off"] = h["rc_off"] + 12 * n_rc
    return h
