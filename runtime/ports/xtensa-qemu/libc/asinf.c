// SPDX-License-Identifier: MIT
// asinf.c: asinf and acosf as arctangents of x / sqrt(1 - x^2), rounded once.
#include <math.h>

#include "runtime/ports/xtensa-qemu/libc/atan.h"
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

/*
 * asin x = atan(x / c) and acos x = atan(c / x) (pi minus it for x < 0), c =
 * sqrt(1 - x^2). For |x| >= 2^-12, x = xq * 2^-62 exactly and 1 - x^2 = (2^124 - xq^2)
 * * 2^-124 is an exact 128-bit integer, so c keeps its relative precision even for
 * x next to +-1; its root is taken after an even normalising shift. Smaller x have
 * c = 1 - x^2/2 - x^4/8 to 2^-62.
 */

static void sqrt_one_minus_square(uint32_t ax, explog_num_t *c) {
    uint32_t m;
    int e;
    sf_unpack_norm(ax, &m, &e);
    c->neg = 0;
    if (e < 115) {  // |x| < 2^-12
        int shift = 126 - e;  // |x| * 2^64 = (m << 40) * 2^(e - 126)
        uint64_t xq = shift >= 64 ? 0 : ((uint64_t)m << 40) >> shift;
        uint64_t u = wide_mulhi64(xq, xq);  // x^2 in Q64
        c->m = (1ull << 62) - (u >> 3) - (wide_mulhi64(u, u) >> 5);
        c->e = -62;
    } else {
        uint64_t xq = (uint64_t)m << (e - 150 + 62), hi, lo;  // |x| <= 1 in Q62
        wide_mul64(xq, xq, &hi, &lo);
        hi = (1ull << 60) - hi - (lo != 0);  // 2^124 - x^2 * 2^124
        lo = 0u - lo;
        if (hi == 0 && lo == 0) {
            c->m = 0;
            c->e = 0;
            return;
        }
        int z = (hi != 0 ? wide_clz64(hi) : 64 + wide_clz64(lo)) & ~1;
        if (z >= 64) {
            hi = lo << (z - 64);
            lo = 0;
        } else if (z > 0) {
            hi = hi << z | lo >> (64 - z);
            lo <<= z;
        }
        c->m = wide_isqrt128(hi, lo);  // sqrt(1 - x^2) * 2^(62 + z/2)
        c->e = -62 - z / 2;
    }
    int z = wide_clz64(c->m);
    c->m <<= z;
    c->e -= z;
}

// NaN stays NaN, |x| > 1 has no arcsine or arccosine; otherwise 0 and c = sqrt(1-x^2).
static int prepare(uint32_t x, explog_num_t *ax, explog_num_t *c, float *out) {
    uint32_t a = x & ~SF_SIGN;
    if (sf_is_nan(x) || a > 0x3f800000u) {
        *out = sf_float(sf_is_nan(x) ? x | SF_QUIET : SF_DEFAULT_NAN);
        return 1;
    }
    explog_from_float(a, ax);
    sqrt_one_minus_square(a, c);
    return 0;
}

float asinf(float fx) {
    uint32_t x = sf_bits(fx);
    explog_num_t ax, c, r;
    float out;
    if (prepare(x, &ax, &c, &out)) {
        return out;
    }
    if (ax.m == 0) {
        return fx;  // asin(+-0) = +-0
    }
    atan_of(&ax, &c, 0, &r);
    r.neg = (x & SF_SIGN) != 0;
    return sf_float(explog_to_float(&r));
}

float acosf(float fx) {
    uint32_t x = sf_bits(fx);
    explog_num_t ax, c, r;
    float out;
    if (prepare(x, &ax, &c, &out)) {
        return out;
    }
    atan_of(&c, &ax, (x & SF_SIGN) != 0, &r);
    return sf_float(explog_to_float(&r));
}
