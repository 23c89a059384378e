// SPDX-License-Identifier: MIT
// sf.h: IEEE-754 single precision in integers, shared by the soft-float files (sf_*.c).
#ifndef XQ_SF_H
#define XQ_SF_H

#include <stdint.h>

/*
 * A float is handled as its bits: sign 1, exponent 8 (bias 127), fraction 23.
 * Exponent 0 holds zeros and denormals (no hidden bit, scale as exponent 1), 0xff
 * holds infinities (fraction 0) and NaNs (quiet when fraction bit 22 is set).
 *
 * The arithmetic files compute an exact or sticky-rounded intermediate
 *     value = sig * 2^(exp - 156)
 * with sig a 32-bit significand and exp an int, then call sf_round_pack. For a normal
 * result, sig's top bit sits at bit 30 and exp is then the biased exponent minus 1,
 * so the hidden bit carries into the exponent field on packing; below the 23
 * fraction bits sig keeps 7 rounding bits, the lowest of them "sticky" (the OR of
 * everything shifted out). Rounding is to nearest, ties to even; there are no flags.
 * Results that are NaN are quiet: an input NaN's payload is kept, an invalid
 * operation (inf - inf, 0 * inf, 0 / 0, inf / inf) gives SF_DEFAULT_NAN.
 */

#define SF_SIGN 0x80000000u
#define SF_EXP_MASK 0x7f800000u
#define SF_FRAC_MASK 0x007fffffu
#define SF_HIDDEN 0x00800000u
#define SF_QUIET 0x00400000u
#define SF_INF 0x7f800000u
#define SF_DEFAULT_NAN 0x7fc00000u

typedef union {
    float f;
    uint32_t u;
} sf_t;

static inline uint32_t sf_bits(float f) {
    sf_t v;
    v.f = f;
    return v.u;
}

static inline float sf_float(uint32_t u) {
    sf_t v;
    v.u = u;
    return v.f;
}

static inline int sf_exp(uint32_t a) {
    return (int)((a >> 23) & 0xff);
}

static inline int sf_is_nan(uint32_t a) {
    return (a & ~SF_SIGN) > SF_INF;
}

// The quiet NaN that an operation on the NaN a (or, failing it, b) returns.
static inline uint32_t sf_nan2(uint32_t a, uint32_t b) {
    return (sf_is_nan(a) ? a : b) | SF_QUIET;
}

// x >> n with the bits shifted out ORed into bit 0 (any n >= 0).
static inline uint32_t sf_shift_right_jam(uint32_t x, int n) {
    if (n == 0) {
        return x;
    }
    if (n >= 32) {
        return x != 0;
    }
    return (x >> n) | ((x << (32 - n)) != 0);
}

// The 24-bit significand (hidden bit at 23) and exponent of a finite nonzero a,
// a denormal normalised so that value = *m * 2^(*e - 150) always.
static inline void sf_unpack_norm(uint32_t a, uint32_t *m, int *e) {
    int exp = sf_exp(a);
    uint32_t frac = a & SF_FRAC_MASK;
    if (exp == 0) {
        int shift = __builtin_clz(frac) - 8;
        *m = frac << shift;
        *e = 1 - shift;
    } else {
        *m = frac | SF_HIDDEN;
        *e = exp;
    }
}

uint32_t sf_round_pack(uint32_t sign, int exp, uint32_t sig);

#endif // XQ_SF_H
