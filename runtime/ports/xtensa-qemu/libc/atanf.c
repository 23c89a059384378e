// SPDX-License-Identifier: MIT
// atanf.c: atanf and atan2f: reduction to |t| <= 1/16 around j/8, a fixed-point series,
// rounded once.
#include <math.h>

#include "runtime/ports/xtensa-qemu/libc/atan.h"
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

/*
 * For 0 <= z <= 1 and c = j/8 the nearest eighth, atan z = atan c + atan t with
 * t = (z - c) / (1 + z c), |t| <= 1/16, and atan t = t (1 - t^2/3 + t^4/5 - ...):
 * 8 terms reach 2^-64. z > 1 uses atan z = pi/2 - atan(1/z). Sums that can cancel
 * (atan c + atan t, pi - atan z) are at least 1/16 in size, so Q62 keeps 2^-58 of
 * their relative precision; a small result (j = 0) stays an explog number.
 */

// atan(j/8) for j = 1..8 (atan 1 = pi/4), and pi, pi/2, in Q62, rounded.
static const uint64_t ATAN_EIGHTHS[9] = {
    0, 0x07f56ea6ab0bdb72ull, 0x0fadbafc96406eb1ull, 0x16f61941e4def08eull,
    0x1dac670561bb4f69ull, 0x23c01757bdfd67e7ull, 0x292f1f464d3dc249ull,
    0x2e014f8af08c679dull, 0x3243f6a8885a308dull,
};
#define PI_Q62 0xc90fdaa22168c235ull
#define HALF_PI_Q62 0x6487ed5110b4611aull

// t * (1 - t^2/3 + ...) for |t| <= 1/16 (t's sign kept).
static void atan_small(const explog_num_t *t, explog_num_t *out) {
    int shift = -(t->e + 64);
    uint64_t tq = t->m == 0 || shift >= 64 ? 0 : t->m >> shift;  // |t| in Q64
    uint64_t u = wide_mulhi64(tq, tq);
    uint64_t acc = explog_inv_odd[7];
    for (int k = 6; k >= 0; k--) {
        acc = explog_inv_odd[k] - wide_mulhi64(acc, u);
    }
    explog_num_t poly = {acc, -62, 0};
    explog_mul(t, &poly, out);
}

// A nonnegative explog number in Q62 (below 2^2).
static uint64_t to_q62(const explog_num_t *a) {
    int shift = -(a->e + 62);
    return a->m == 0 || shift >= 64 ? 0 : shift >= 0 ? a->m >> shift : a->m << -shift;
}

static void from_q62(uint64_t v, explog_num_t *out) {
    out->m = v;
    out->e = -62;
    out->neg = 0;
    if (v != 0) {
        int z = wide_clz64(v);
        out->m <<= z;
        out->e -= z;
    }
}

// atan z for 0 <= z <= 1.
static void atan_unit(const explog_num_t *z, explog_num_t *out) {
    uint64_t zq = to_q62(z);
    uint32_t j = (uint32_t)((zq + (1ull << 58)) >> 59);  // round(8 z)
    if (j == 0) {
        atan_small(z, out);
        return;
    }
    uint64_t c = (uint64_t)j << 59;
    explog_num_t num, den, t, at;
    from_q62(zq >= c ? zq - c : c - zq, &num);
    num.neg = zq < c;
    from_q62((1ull << 62) + (wide_mulhi64(zq, c) << 2), &den);  // 1 + z c
    explog_div(&num, &den, &t);
    atan_small(&t, &at);
    uint64_t small = to_q62(&at);
    from_q62(at.neg ? ATAN_EIGHTHS[j] - small : ATAN_EIGHTHS[j] + small, out);
}

void atan_of(const explog_num_t *num, const explog_num_t *den, int minus_from_pi,
             explog_num_t *out) {
    explog_num_t z, a;
    int flip = num->m != 0 && (den->m == 0 || num->e > den->e ||
                               (num->e == den->e && num->m > den->m));
    if (flip) {  // |num / den| > 1: pi/2 - atan(den / num)
        explog_div(den, num, &z);
    } else {
        explog_div(num, den, &z);
    }
    z.neg = 0;
    atan_unit(&z, &a);
    uint64_t v = to_q62(&a);
    if (flip) {
        v = HALF_PI_Q62 - v;
    }
    if (minus_from_pi) {
        v = PI_Q62 - v;
    }
    if (flip || minus_from_pi) {
        from_q62(v, out);
    } else {
        *out = a;
    }
}

float atanf(float fx) {
    uint32_t x = sf_bits(fx);
    if (sf_is_nan(x)) {
        return sf_float(x | SF_QUIET);
    }
    uint32_t sign = x & SF_SIGN;
    explog_num_t r;
    if ((x & ~SF_SIGN) == SF_INF) {
        from_q62(HALF_PI_Q62, &r);
    } else {
        explog_num_t num, one = {1ull << 63, -63, 0};
        explog_from_float(x & ~SF_SIGN, &num);
        if (num.m == 0) {
            return fx;
        }
        atan_of(&num, &one, 0, &r);
    }
    r.neg = sign != 0;
    return sf_float(explog_to_float(&r));
}

// C99 F.9.1.4: zeros and infinities give 0, pi/4, pi/2, 3pi/4 or pi, signed as y.
static int atan2_special(uint32_t y, uint32_t x, explog_num_t *out) {
    uint32_t ay = y & ~SF_SIGN, ax = x & ~SF_SIGN;
    int x_neg = (x & SF_SIGN) != 0;
    if (ay == 0) {
        from_q62(x_neg ? PI_Q62 : 0, out);
    } else if (ay == SF_INF) {
        uint64_t quarter = ATAN_EIGHTHS[8];
        from_q62(ax != SF_INF ? HALF_PI_Q62 : x_neg ? PI_Q62 - quarter : quarter, out);
    } else if (ax == 0) {
        from_q62(HALF_PI_Q62, out);
    } else if (ax == SF_INF) {
        from_q62(x_neg ? PI_Q62 : 0, out);
    } else {
        return 0;
    }
    return 1;
}

float atan2f(float fy, float fx) {
    uint32_t y = sf_bits(fy), x = sf_bits(fx);
    if (sf_is_nan(x) || sf_is_nan(y)) {
        return sf_float(sf_nan2(y, x));
    }
    explog_num_t r;
    if (!atan2_special(y, x, &r)) {
        explog_num_t num, den;
        explog_from_float(y & ~SF_SIGN, &num);
        explog_from_float(x & ~SF_SIGN, &den);
        atan_of(&num, &den, (x & SF_SIGN) != 0, &r);
    }
    r.neg = (y & SF_SIGN) != 0;
    return sf_float(explog_to_float(&r));
}
