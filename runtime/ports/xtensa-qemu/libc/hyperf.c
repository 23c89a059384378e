// SPDX-License-Identifier: MIT
// hyperf.c: sinhf, coshf, tanhf, expm1f, asinhf, acoshf and atanhf on explog.c's
// kernels, rounded once.
#include <math.h>

#include "runtime/ports/xtensa-qemu/libc/explog.h"
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

/*
 * Where a formula would cancel, a series or an identity avoids it:
 *   |x| < 1/2: sinh x = x (1 + u/3! + u^2/5! + ...), u = x^2 (9 terms reach 2^-62);
 *   else sinh, cosh = 2^(t-1) -+ 2^(-t-1), t = |x| / ln 2 (the smaller term < 0.37);
 *   tanh x = sinh x / cosh x;  expm1 x = 2 sinh(x/2) e^(x/2) (a product: no cancelling);
 *   atanh x = x (1 + u/3 + u^2/5 + ...) for |x| < 0.17, else ln((1+x)/(1-x)) / 2;
 *   asinh x = atanh(x / sqrt(1 + x^2)) for |x| < 1/2, else ln(|x| + sqrt(x^2 + 1));
 *   acosh x = ln(x + sqrt((x - 1)(x + 1))), x - 1 exact.
 */

static const explog_num_t ONE = {1ull << 63, -63, 0};

static void num_q62(uint64_t v, int neg, explog_num_t *out) {
    out->m = v;
    out->e = -62;
    out->neg = neg;
    if (v != 0) {
        int z = wide_clz64(v);
        out->m <<= z;
        out->e -= z;
    }
}

// |a| in Q64, for |a| < 1.
static uint64_t q64(const explog_num_t *a) {
    int shift = -(a->e + 64);
    return a->m == 0 || shift >= 64 ? 0 : a->m >> shift;
}

// x * sum c[first + step*i] u^i over `terms` terms, u = x^2, all terms positive.
static void odd_series(const explog_num_t *x, const uint64_t *c, int step, int terms,
                       explog_num_t *out) {
    uint64_t xq = q64(x), u = wide_mulhi64(xq, xq);
    uint64_t acc = c[step * (terms - 1)];
    for (int i = terms - 2; i >= 0; i--) {
        acc = c[step * i] + wide_mulhi64(acc, u);
    }
    explog_num_t poly;
    num_q62(acc, 0, &poly);
    explog_mul(x, &poly, out);
}

// 2^(t + k) for t = |x| / ln 2 (sign: -1 for 2^(-t + k)); 0 for range overflow below,
// *huge for above.
static int exp_part(const explog_num_t *x, int sign, int k, explog_num_t *out) {
    explog_num_t t;
    explog_mul(x, &explog_inv_ln2, &t);
    t.neg = sign < 0;
    int range;
    int64_t tf = explog_to_q54(&t, &range);
    if (range != 0) {
        out->m = 0;
        out->e = 0;
        out->neg = 0;
        return range > 0;
    }
    explog_exp2_num(tf + ((int64_t)k << 54), out);
    return 0;
}

// sinh |x| (which 0), cosh x (1) as explog numbers; returns 1 when they overflow.
static int sinh_cosh(const explog_num_t *ax, int which, explog_num_t *out) {
    if (which == 0 && ax->e + 64 <= -1) {  // |x| < 1/2
        odd_series(ax, explog_inv_factorial + 1, 2, 9, out);
        return 0;
    }
    explog_num_t a, b;
    if (exp_part(ax, 1, -1, &a)) {
        return 1;
    }
    exp_part(ax, -1, -1, &b);
    b.neg = which == 0;
    explog_add(&a, &b, out);
    return 0;
}

// NaN and the infinities: *out is the result when the function returns 1.
static int special(uint32_t x, uint32_t if_inf, uint32_t if_minus_inf, float *out) {
    if (sf_is_nan(x)) {
        *out = sf_float(x | SF_QUIET);
        return 1;
    }
    if ((x & ~SF_SIGN) == SF_INF) {
        *out = sf_float((x & SF_SIGN) ? if_minus_inf : if_inf);
        return 1;
    }
    return 0;
}

float sinhf(float fx) {
    uint32_t x = sf_bits(fx);
    float sp;
    if (special(x, SF_INF, SF_SIGN | SF_INF, &sp)) {
        return sp;
    }
    explog_num_t ax, r;
    explog_from_float(x & ~SF_SIGN, &ax);
    if (sinh_cosh(&ax, 0, &r)) {
        return sf_float((x & SF_SIGN) | SF_INF);
    }
    r.neg = (x & SF_SIGN) != 0;
    return sf_float(explog_to_float(&r));
}

float coshf(float fx) {
    uint32_t x = sf_bits(fx);
    float sp;
    if (special(x, SF_INF, SF_INF, &sp)) {
        return sp;
    }
    explog_num_t ax, r;
    explog_from_float(x & ~SF_SIGN, &ax);
    if (sinh_cosh(&ax, 1, &r)) {
        return sf_float(SF_INF);
    }
    return sf_float(explog_to_float(&r));
}

float tanhf(float fx) {
    uint32_t x = sf_bits(fx);
    float sp;
    if (special(x, 0x3f800000u, 0xbf800000u, &sp)) {
        return sp;
    }
    explog_num_t ax, s, c, r;
    explog_from_float(x & ~SF_SIGN, &ax);
    if (ax.m == 0) {
        return fx;
    }
    if (ax.e + 64 > 6) {  // |x| >= 64: 1 - tanh |x| < 2^-180
        return sf_float((x & SF_SIGN) | 0x3f800000u);
    }
    sinh_cosh(&ax, 0, &s);
    sinh_cosh(&ax, 1, &c);
    explog_div(&s, &c, &r);
    r.neg = (x & SF_SIGN) != 0;
    return sf_float(explog_to_float(&r));
}

float expm1f(float fx) {
    uint32_t x = sf_bits(fx);
    float sp;
    if (special(x, SF_INF, 0xbf800000u, &sp)) {
        return sp;
    }
    explog_num_t half, s, e, r;
    explog_from_float(x & ~SF_SIGN, &half);
    if (half.m == 0) {
        return fx;
    }
    half.e -= 1;  // |x| / 2
    if (half.e + 64 > 8) {  // |x| >= 512: overflow, or -1 rounded
        return sf_float((x & SF_SIGN) ? 0xbf800000u : SF_INF);
    }
    sinh_cosh(&half, 0, &s);
    exp_part(&half, (x & SF_SIGN) ? -1 : 1, 1, &e);  // 2 e^(x/2)
    explog_mul(&s, &e, &r);
    r.neg = (x & SF_SIGN) != 0;
    return sf_float(explog_to_float(&r));
}

// atanh |a| for 0 <= |a| < 1 given as an explog number; its sign is kept.
static void atanh_num(const explog_num_t *a, explog_num_t *out) {
    if (a->m == 0) {
        *out = *a;
        return;
    }
    uint64_t aq = q64(a);
    if (aq < 0x2bc0000000000000ull) {  // |a| < 0.1709: the series, 13 terms
        odd_series(a, explog_inv_odd, 1, 13, out);
        return;
    }
    explog_num_t p, m, ratio, l;
    explog_num_t abs_a = *a;
    abs_a.neg = 0;
    explog_add(&ONE, &abs_a, &p);
    abs_a.neg = 1;
    explog_add(&ONE, &abs_a, &m);  // 1 - |a|, exact for a float
    explog_div(&p, &m, &ratio);
    explog_log2_num(&ratio, &l);
    explog_mul(&l, &explog_ln2, out);
    out->e -= 1;  // / 2
    out->neg = a->neg;
}

float atanhf(float fx) {
    uint32_t x = sf_bits(fx), ax = x & ~SF_SIGN;
    if (sf_is_nan(x)) {
        return sf_float(x | SF_QUIET);
    }
    if (ax > 0x3f800000u) {
        return sf_float(SF_DEFAULT_NAN);
    }
    if (ax == 0x3f800000u) {
        return sf_float((x & SF_SIGN) | SF_INF);  // atanh(+-1) = +-inf
    }
    explog_num_t a, r;
    explog_from_float(x, &a);
    atanh_num(&a, &r);
    return sf_float(explog_to_float(&r));
}

float asinhf(float fx) {
    uint32_t x = sf_bits(fx);
    float sp;
    if (special(x, SF_INF, SF_SIGN | SF_INF, &sp)) {
        return sp;
    }
    explog_num_t a, sq, root, r;
    explog_from_float(x & ~SF_SIGN, &a);
    explog_mul(&a, &a, &sq);
    explog_add(&sq, &ONE, &sq);
    explog_sqrt(&sq, &root);  // sqrt(x^2 + 1)
    if (a.e + 64 <= -1) {     // |x| < 1/2: atanh(x / sqrt(1 + x^2))
        explog_num_t y;
        explog_div(&a, &root, &y);
        atanh_num(&y, &r);
    } else {
        explog_num_t v, l;
        explog_add(&a, &root, &v);
        explog_log2_num(&v, &l);
        explog_mul(&l, &explog_ln2, &r);
    }
    r.neg = (x & SF_SIGN) != 0;
    return sf_float(explog_to_float(&r));
}

float acoshf(float fx) {
    uint32_t x = sf_bits(fx);
    if (sf_is_nan(x)) {
        return sf_float(x | SF_QUIET);
    }
    if ((x & SF_SIGN) || x < 0x3f800000u) {
        return sf_float(SF_DEFAULT_NAN);  // x < 1
    }
    if (x == SF_INF) {
        return fx;
    }
    explog_num_t a, minus_one = ONE, d, p, prod, root, v, l, r;
    minus_one.neg = 1;
    explog_from_float(x, &a);
    explog_add(&a, &minus_one, &d);  // x - 1
    explog_add(&a, &ONE, &p);
    explog_mul(&d, &p, &prod);
    explog_sqrt(&prod, &root);
    explog_add(&d, &root, &v);       // (x - 1) + sqrt(x^2 - 1), then + 1 inside the log
    explog_add(&v, &ONE, &v);
    explog_log2_num(&v, &l);
    explog_mul(&l, &explog_ln2, &r);
    return sf_float(explog_to_float(&r));
}
