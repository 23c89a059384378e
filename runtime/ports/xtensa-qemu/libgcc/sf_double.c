// SPDX-License-Identifier: MIT
// sf_double.c: conversions between float and double (__extendsfdf2, __truncdfsf2).
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

/*
 * The MCU runtime computes in float; a double appears only where C promotes one
 * (a float passed through `...`) or a double constant slips in. These two conversions
 * are all that takes. Double arithmetic is deliberately not provided: a link error
 * (__adddf3, __muldf3, ...) is how an accidental double shows up.
 * A double is 1 sign, 11 exponent (bias 1023) and 52 fraction bits.
 */

double __extendsfdf2(float f);
float __truncdfsf2(double d);

typedef union {
    double d;
    uint64_t u;
} df_t;

#define DF_QUIET 0x0008000000000000ull

static double df_from(uint64_t u) {
    df_t v;
    v.u = u;
    return v.d;
}

// Exact: every float is a double. Denormal floats become normal doubles.
double __extendsfdf2(float f) {
    uint32_t a = sf_bits(f);
    uint64_t sign = (uint64_t)(a & SF_SIGN) << 32;
    int exp = sf_exp(a);
    uint32_t frac = a & SF_FRAC_MASK;
    if (exp == 0xff) {  // inf, or NaN with its payload, made quiet
        uint64_t nan = frac != 0 ? DF_QUIET : 0;
        return df_from(sign | 0x7ff0000000000000ull | nan | (uint64_t)frac << 29);
    }
    if ((a & ~SF_SIGN) == 0) {
        return df_from(sign);
    }
    uint32_t m;
    int e;
    sf_unpack_norm(a, &m, &e);  // value = m * 2^(e - 150), m hidden bit at 23
    uint64_t dexp = (uint64_t)(e - 127 + 1023);
    return df_from(sign | dexp << 52 | (uint64_t)(m & SF_FRAC_MASK) << 29);
}

// Rounds to nearest even through sf_round_pack; doubles far below the float range
// (double denormals among them) round to zero, far above to infinity.
float __truncdfsf2(double d) {
    df_t v;
    v.d = d;
    uint32_t sign = (uint32_t)(v.u >> 32) & SF_SIGN;
    int exp = (int)((v.u >> 52) & 0x7ff);
    uint64_t frac = v.u & 0x000fffffffffffffull;
    if (exp == 0x7ff) {
        uint32_t nan = frac != 0 ? SF_QUIET | (uint32_t)(frac >> 29) : 0;
        return sf_float(sign | SF_INF | nan);
    }
    if (exp == 0 && frac == 0) {
        return sf_float(sign);
    }
    uint64_t m = exp == 0 ? frac : frac | 0x0010000000000000ull;  // value = m * 2^(e - 1075)
    int e = exp == 0 ? 1 : exp;
    // Keep the top 31 bits (hidden bit at 30) with sticky: sig = m >> 22, so
    // value = sig * 2^(e - 1053) = sig * 2^(exp' - 156), exp' = e - 897.
    uint32_t sig = (uint32_t)(m >> 22) | ((m & 0x3fffff) != 0);
    return sf_float(sf_round_pack(sign, e - 897, sig));
}
