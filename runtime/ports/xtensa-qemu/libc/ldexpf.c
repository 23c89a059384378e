// SPDX-License-Identifier: MIT
// ldexpf.c: frexpf, ldexpf and scalbnf: scaling by powers of two, on the bits.
#include <math.h>

#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

// x * 2^n with one rounding (only a denormal or overflowing result rounds).
float scalbnf(float fx, int n) {
    uint32_t x = sf_bits(fx);
    if ((x & ~SF_SIGN) == 0 || (x & SF_EXP_MASK) == SF_EXP_MASK) {
        return sf_float(sf_is_nan(x) ? x | SF_QUIET : x);
    }
    // Beyond +-600 every finite float overflows or underflows alike; clamping keeps
    // the exponent arithmetic far from int overflow.
    n = n > 600 ? 600 : n < -600 ? -600 : n;
    uint32_t m;
    int e;
    sf_unpack_norm(x, &m, &e);
    // x = m * 2^(e - 150) = (m << 7) * 2^((e - 1) - 156)
    return sf_float(sf_round_pack(x & SF_SIGN, e - 1 + n, m << 7));
}

float ldexpf(float x, int n) {
    return scalbnf(x, n);
}

// x = f * 2^*exp with 0.5 <= |f| < 1; zeros, infinities and NaN come back as they are
// with *exp 0.
float frexpf(float fx, int *exp) {
    uint32_t x = sf_bits(fx);
    *exp = 0;
    if ((x & ~SF_SIGN) == 0 || (x & SF_EXP_MASK) == SF_EXP_MASK) {
        return sf_float(sf_is_nan(x) ? x | SF_QUIET : x);
    }
    uint32_t m;
    int e;
    sf_unpack_norm(x, &m, &e);
    *exp = e - 126;
    return sf_float((x & SF_SIGN) | 126u << 23 | (m & SF_FRAC_MASK));
}
