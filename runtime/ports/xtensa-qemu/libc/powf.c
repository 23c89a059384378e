// SPDX-License-Identifier: MIT
// powf.c: x^y: C99 Annex F's special cases, exact integer powers, then 2^(y log2 x).
#include <math.h>

#include "runtime/ports/xtensa-qemu/libc/explog.h"
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

#define ONE 0x3f800000u

enum { NOT_INT, ODD_INT, EVEN_INT };

// Whether finite nonzero y is an integer, and if so its parity.
static int int_class(uint32_t y) {
    int e = sf_exp(y);
    if (e < 127) {
        return NOT_INT;
    }
    if (e > 150) {
        return EVEN_INT;  // the units bit lies beyond the fraction
    }
    uint32_t m = (y & SF_FRAC_MASK) | SF_HIDDEN;
    uint32_t unit = 1u << (150 - e);
    if (m & (unit - 1)) {
        return NOT_INT;
    }
    return (m & unit) ? ODD_INT : EVEN_INT;
}

/*
 * x^n for an integer 1 <= n <= 63 whose odd part o of x's significand gives o^n in
 * 64 bits: computed exactly and rounded once, so exact results and ties round right
 * (2^(y log2 x) could fall either side of a tie). Any x^n that is a tie (25
 * significant bits) is of this kind. Returns 0 when the power is not.
 */
static int exact_power(uint32_t x, uint32_t y, uint32_t sign, uint32_t *out) {
    int ey = sf_exp(y);
    if (ey > 132) {  // n >= 64
        return 0;
    }
    uint32_t n = ((y & SF_FRAC_MASK) | SF_HIDDEN) >> (150 - ey);
    uint32_t m;
    int e;
    sf_unpack_norm(x, &m, &e);
    int tz = __builtin_ctz(m);
    uint32_t o = m >> tz;
    if (o == 1 || (32 - __builtin_clz(o)) * n > 63) {
        return 0;  // powers of two are exact on the general path too
    }
    uint64_t p = o;
    for (uint32_t i = 1; i < n; i++) {
        p *= o;
    }
    // x^n = p * 2^k; keep p's top 31 bits with sticky for sf_round_pack.
    int k = (int)n * (e - 150 + tz);
    int bits = 64 - wide_clz64(p), sh = bits > 31 ? bits - 31 : 0;
    uint32_t sig = (uint32_t)(p >> sh) | ((p & ((1ull << sh) - 1)) != 0);
    *out = sf_round_pack(sign, k + sh + 156, sig);
    return 1;
}

// |x|^y for finite nonzero x and y, with the result's sign given.
static uint32_t general_power(uint32_t x, uint32_t y, uint32_t sign) {
    explog_num_t l, yy, t;
    explog_log2(x & ~SF_SIGN, &l);
    explog_from_float(y, &yy);
    explog_mul(&l, &yy, &t);
    int range;
    int64_t tf = explog_to_q54(&t, &range);
    if (range != 0) {
        return range > 0 ? sign | SF_INF : sign;
    }
    return explog_exp2(tf, sign);
}

float powf(float fx, float fy) {
    uint32_t x = sf_bits(fx), y = sf_bits(fy);
    uint32_t ax = x & ~SF_SIGN, ay = y & ~SF_SIGN;
    if (ay == 0 || x == ONE) {
        return 1.0f;  // x^0 and 1^y are 1, even for a NaN
    }
    if (sf_is_nan(x) || sf_is_nan(y)) {
        return sf_float(sf_nan2(x, y));
    }
    if (ay == SF_INF) {
        if (ax == ONE) {
            return 1.0f;  // (-1)^+-inf
        }
        int grows = (ax > ONE) == !(y & SF_SIGN);
        return sf_float(grows ? SF_INF : 0);
    }
    int kind = int_class(y);
    uint32_t sign = (x & SF_SIGN) && kind == ODD_INT ? SF_SIGN : 0;
    if (ax == 0 || ax == SF_INF) {
        // 0^y and inf^y: 0 or inf as y's sign and x's size say; signed for odd y.
        int inf = (ax == 0) == ((y & SF_SIGN) != 0);
        return sf_float(sign | (inf ? SF_INF : 0));
    }
    if ((x & SF_SIGN) && kind == NOT_INT) {
        return sf_float(SF_DEFAULT_NAN);  // a negative base needs an integer exponent
    }
    uint32_t r;
    if (kind != NOT_INT && !(y & SF_SIGN) && exact_power(x, y, sign, &r)) {
        return sf_float(r);
    }
    return sf_float(general_power(x, y, sign));
}
