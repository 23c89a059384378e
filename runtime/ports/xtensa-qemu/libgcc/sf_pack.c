// SPDX-License-Identifier: MIT
// sf_pack.c: normalising, rounding and packing a soft-float result (see sf.h).
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

// Rounds value = sig * 2^(exp - 156) to a float with the given sign bit (0 or
// SF_SIGN): overflow gives infinity, underflow a denormal or zero.
uint32_t sf_round_pack(uint32_t sign, int exp, uint32_t sig) {
    if (sig == 0) {
        return sign;
    }
    // Bring the top bit to bit 30; a carry into bit 31 (a sum) moves right with sticky.
    if (sig & 0x80000000u) {
        sig = (sig >> 1) | (sig & 1);
        exp += 1;
    } else {
        int shift = __builtin_clz(sig) - 1;
        sig <<= shift;
        exp -= shift;
    }
    if (exp >= 0xfd) {
        // 0xfd rounds up to biased exponent 0xff when the carry reaches bit 31.
        if (exp > 0xfd || sig + 0x40 >= 0x80000000u) {
            return sign | SF_INF;
        }
    } else if (exp < 0) {
        // Denormal: scale as exponent 0, i.e. shift right by -exp; rounding may still
        // carry the result up to the smallest normal, which the packing adds correctly.
        sig = sf_shift_right_jam(sig, -exp);
        exp = 0;
    }
    uint32_t round_bits = sig & 0x7f;
    sig = (sig + 0x40) >> 7;
    if (round_bits == 0x40) {
        sig &= ~1u;  // a tie: to even
    }
    if (sig == 0) {
        return sign;
    }
    // Added, not ORed: the hidden bit (or a rounding carry past it) raises the exponent.
    return sign | (((uint32_t)exp << 23) + sig);
}
