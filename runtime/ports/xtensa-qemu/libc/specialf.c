// SPDX-License-Identifier: MIT
// specialf.c: erff, erfcf, tgammaf and lgammaf on explog.c's kernels, rounded once.
#include <math.h>

#include "runtime/ports/xtensa-qemu/libc/explog.h"
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

/*
 * Everything is computed on explog numbers (64-bit significands) and rounded to float
 * once, so the results are within a float's last bit (not always correctly rounded):
 *   ln G(z), z >= 10: Stirling's series (z - 1/2) ln z - z + ln sqrt(2 pi)
 *                     + sum B2k / (2k (2k - 1) z^(2k - 1)), k = 1..7 (error < 2^-60);
 *   0 < x < 10:       ln G(x) = ln G(x + n) - ln(x (x + 1) ... (x + n - 1)), x + n >= 10;
 *   x < 0:            ln |G(x)| = ln pi - ln |sin(pi x)| - ln G(1 - x) (reflection), the
 *                     sine from its Taylor series on the exact reduction of x to (0, 1/2];
 *                     near the zeros of ln G (x = 1, 2) its error is 2^-56 absolute;
 *   G(x) = +-e^(ln |G(x)|);
 *   erf x, |x| < 3:   2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (1 3 5 ... (2n+1)) (all terms
 *                     positive: nothing cancels);
 *   erfc x, x >= 3:   e^(-x^2) / sqrt(pi) / K, K = x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))
 *                     (continued fraction, 60 levels); elsewhere erfc = 1 - erf (at most
 *                     15 bits cancel, below x = 3) and erf = 1 - erfc.
 */

typedef explog_num_t num_t;

static const num_t ONE = {1ull << 63, -63, 0};
static const num_t HALF = {1ull << 63, -64, 0};
static const num_t PI = {0xc90fdaa22168c235ull, -62, 0};
static const num_t LN_PI = {0x928682473d0de85full, -63, 0};
static const num_t LN_SQRT_2PI = {0xeb3f8e4325f5a535ull, -64, 0};
static const num_t TWO_OVER_SQRT_PI = {0x906eba8214db688dull, -63, 0};
static const num_t INV_SQRT_PI = {0x906eba8214db688dull, -64, 0};

// k exactly, |k| < 2^24.
static void num_int(int32_t k, num_t *out) {
    explog_from_float(sf_bits((float)k), out);
}

static void num_sub(const num_t *a, const num_t *b, num_t *out) {
    num_t nb = *b;
    nb.neg = !nb.neg;
    explog_add(a, &nb, out);
}

static void num_ln(const num_t *x, num_t *out) {
    num_t l;
    explog_log2_num(x, &l);
    explog_mul(&l, &explog_ln2, out);
}

// e^x; 0 when it certainly underflows a float (and then returns -1), 1 for overflow.
static int num_exp(const num_t *x, num_t *out) {
    num_t t;
    explog_mul(x, &explog_inv_ln2, &t);
    int range;
    int64_t tf = explog_to_q54(&t, &range);
    if (range != 0) {
        out->m = 0;
        out->e = 0;
        out->neg = 0;
        return range;
    }
    explog_exp2_num(tf, out);
    return 0;
}

// The float of *a with sign neg; a range overflow is infinity, an underflow zero.
static float to_float(const num_t *a, int range, int neg) {
    if (range > 0) {
        return sf_float((neg ? SF_SIGN : 0) | SF_INF);
    }
    num_t r = *a;
    r.neg = neg;
    return sf_float(explog_to_float(&r));
}

// ln G(z) for z >= 10.
static void stirling(const num_t *z, num_t *out) {
    static const int32_t num[] = {1, -1, 1, -1, 1, -691, 1};
    static const int32_t den[] = {12, 360, 1260, 1680, 1188, 360360, 156};
    num_t zh, lz, acc, inv, inv2, s, c, n, d;
    num_sub(z, &HALF, &zh);
    num_ln(z, &lz);
    explog_mul(&zh, &lz, &acc);
    num_sub(&acc, z, &acc);
    explog_add(&acc, &LN_SQRT_2PI, &acc);
    explog_div(&ONE, z, &inv);
    explog_mul(&inv, &inv, &inv2);
    s.m = 0;
    s.e = 0;
    s.neg = 0;
    for (int k = 6; k >= 0; k--) {
        num_int(num[k], &n);
        num_int(den[k], &d);
        explog_div(&n, &d, &c);
        explog_mul(&s, &inv2, &s);
        explog_add(&s, &c, &s);
    }
    explog_mul(&s, &inv, &s);
    explog_add(&acc, &s, out);
}

// ln G(z) for z > 0 (zf: z as a float, for counting the shifts).
static void lgamma_pos(const num_t *z, float zf, num_t *out) {
    num_t w = *z, p = ONE, lp;
    int shifted = 0;
    for (; zf < 10.0f; zf += 1.0f) {
        explog_mul(&p, &w, &p);
        explog_add(&w, &ONE, &w);
        shifted = 1;
    }
    stirling(&w, out);
    if (shifted) {
        num_ln(&p, &lp);
        num_sub(out, &lp, out);
    }
}

// sin(pi r) for 0 < r <= 1/2 (Taylor series, 9 terms: error below 2^-44 relative).
static void sin_pi(float r, num_t *out) {
    num_t y, u, s, c;
    explog_from_float(sf_bits(r), &y);
    explog_mul(&y, &PI, &y);
    explog_mul(&y, &y, &u);
    s.m = 0;
    s.e = 0;
    s.neg = 0;
    for (int k = 8; k >= 0; k--) {
        uint64_t v = explog_inv_factorial[2 * k + 1];  // 2^62 / (2k + 1)!
        int z = wide_clz64(v);
        c.m = v << z;
        c.e = -62 - z;
        c.neg = k & 1;
        explog_mul(&s, &u, &s);
        explog_add(&s, &c, &s);
    }
    explog_mul(&s, &y, out);
}

// ln |G(x)| for a finite x that is not 0 or a negative integer; *neg: G(x) < 0.
static void lgamma_num(float x, num_t *out, int *neg) {
    num_t z;
    explog_from_float(sf_bits(x), &z);
    *neg = 0;
    if (x > 0) {
        lgamma_pos(&z, x, out);
        return;
    }
    // |sin(pi x)| = sin(pi d), d the distance to the nearest integer: exact (x and that
    // integer are within a factor of 2, or the integer is 0).
    float d = fabsf(x - roundf(x));
    *neg = fmodf(floorf(x), 2.0f) != 0;
    num_t s, ls, w, lw;
    sin_pi(d, &s);
    num_ln(&s, &ls);
    num_sub(&ONE, &z, &w);     // 1 - x > 1
    lgamma_pos(&w, 1.0f - x, &lw);
    num_sub(&LN_PI, &ls, out);
    num_sub(out, &lw, out);
}

// A pole or an argument with no value: 0 or a negative integer.
static int is_pole(float x) {
    return x == 0 || (x < 0 && x == floorf(x));
}

float lgammaf(float x) {
    if (isnan(x)) {
        return x + x;
    }
    if (isinf(x) || is_pole(x)) {
        return INFINITY;
    }
    if (x == 1.0f || x == 2.0f) {
        return 0.0f;  // exactly; the shifted Stirling sum is only 2^-56 close
    }
    num_t l;
    int neg;
    lgamma_num(x, &l, &neg);
    return to_float(&l, 0, l.neg);
}

float tgammaf(float x) {
    if (isnan(x) || x == INFINITY) {
        return x + x;
    }
    if (x == 0) {
        return copysignf(INFINITY, x);
    }
    if (isinf(x) || is_pole(x)) {
        return NAN;
    }
    num_t l, g;
    int neg;
    lgamma_num(x, &l, &neg);
    int range = num_exp(&l, &g);
    return to_float(&g, range, neg);
}

// erf |x| for |x| < 3: 2/sqrt(pi) e^(-x^2) sum of the series above.
static void erf_series(const num_t *a, num_t *out) {
    num_t a2, two_a2, t = *a, s = *a, k, e;
    explog_mul(a, a, &a2);
    explog_add(&a2, &a2, &two_a2);
    for (int n = 1; n < 200 && t.m != 0 && t.e > s.e - 64; n++) {
        num_int(2 * n + 1, &k);
        explog_mul(&t, &two_a2, &t);
        explog_div(&t, &k, &t);
        explog_add(&s, &t, &s);
    }
    a2.neg = 1;
    num_exp(&a2, &e);
    explog_mul(&s, &e, &s);
    explog_mul(&s, &TWO_OVER_SQRT_PI, out);
}

// erfc a for a >= 3 (the continued fraction); 0 when it underflows.
static void erfc_cf(const num_t *a, num_t *out) {
    num_t k = *a, q, a2, e;
    for (int n = 60; n >= 1; n--) {
        num_int(n, &q);
        explog_mul(&q, &HALF, &q);
        explog_div(&q, &k, &q);
        explog_add(a, &q, &k);
    }
    explog_mul(a, a, &a2);
    a2.neg = 1;
    if (num_exp(&a2, &e) != 0) {
        *out = e;
        return;
    }
    explog_mul(&e, &INV_SQRT_PI, &e);
    explog_div(&e, &k, out);
}

// erf |x| (which 0) or erfc |x| (which 1), for a finite x.
static void erf_abs(float ax, int which, num_t *out) {
    num_t a, r;
    explog_from_float(sf_bits(ax), &a);
    if (ax < 3.0f) {
        erf_series(&a, &r);
    } else {
        erfc_cf(&a, &r);
    }
    if ((ax < 3.0f) == (which == 0)) {
        *out = r;
    } else {
        num_sub(&ONE, &r, out);
    }
}

float erff(float x) {
    if (isnan(x)) {
        return x + x;
    }
    if (isinf(x)) {
        return copysignf(1.0f, x);
    }
    num_t r;
    erf_abs(fabsf(x), 0, &r);
    return to_float(&r, 0, signbit(x) != 0);
}

float erfcf(float x) {
    if (isnan(x)) {
        return x + x;
    }
    if (isinf(x)) {
        return x > 0 ? 0.0f : 2.0f;
    }
    num_t r;
    erf_abs(fabsf(x), x >= 0 ? 1 : 0, &r);
    if (x < 0) {
        explog_add(&ONE, &r, &r);  // erfc(-a) = 1 + erf(a)
    }
    return to_float(&r, 0, 0);
}
