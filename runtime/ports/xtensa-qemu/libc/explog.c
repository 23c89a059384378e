// SPDX-License-Identifier: MIT
// explog.c: fixed-point log2 and exp2 kernels (series in 64-bit integers), for powf,
// expf and logf.
#include "runtime/ports/xtensa-qemu/libc/explog.h"
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

/*
 * There is no double arithmetic on this port, so the kernels work in integers:
 *   log2(x) = E + log2(M), M in [sqrt(1/2), sqrt(2)), and
 *   log2(M) = 2/ln2 * atanh(s) = 2/ln2 * s * (1 + u/3 + u^2/5 + ...), s = (M-1)/(M+1),
 *     u = s^2 <= 0.0295: 13 terms reach 2^-62. s is a normalised 63-bit quotient, so
 *     log2 keeps its relative precision even for x next to 1 (powf(1+e, huge)).
 *   2^t = 2^n * e^r, r = f * ln2, f = t - n in [0, 1): 19 Taylor terms reach 2^-62.
 * Constants: explog_inv_odd[k] = 2^62 / (2k+1) and explog_inv_factorial[k] = 2^62 / k!,
 * rounded;
 * LN2_Q64 = ln 2 * 2^64, INV_LN2_Q63 = 2^63 / ln 2 and LOG10_2_Q64 = log10(2) * 2^64,
 * rounded (computed with 60 decimal digits).
 */

const uint64_t explog_inv_odd[13] = {
    0x4000000000000000ull, 0x1555555555555555ull, 0x0ccccccccccccccdull,
    0x0924924924924925ull, 0x071c71c71c71c71cull, 0x05d1745d1745d174ull,
    0x04ec4ec4ec4ec4ecull, 0x0444444444444444ull, 0x03c3c3c3c3c3c3c4ull,
    0x035e50d79435e50dull, 0x030c30c30c30c30cull, 0x02c8590b21642c86ull,
    0x028f5c28f5c28f5cull,
};

const uint64_t explog_inv_factorial[19] = {
    0x4000000000000000ull, 0x4000000000000000ull, 0x2000000000000000ull,
    0x0aaaaaaaaaaaaaabull, 0x02aaaaaaaaaaaaabull, 0x0088888888888889ull,
    0x0016c16c16c16c17ull, 0x0003403403403403ull, 0x0000680680680680ull,
    0x00000b8ef1d2ab64ull, 0x00000127e4fb778aull, 0x0000001ae64567f5ull,
    0x000000023ddb1dffull, 0x000000002c248c27ull, 0x0000000003272e95ull,
    0x000000000035cfe8ull, 0x0000000000035cfeull, 0x00000000000032a6ull,
    0x00000000000002d0ull,
};

#define LN2_Q64 0xb17217f7d1cf79acull
#define INV_LN2_Q63 0xb8aa3b295c17f0bcull
#define LOG10_2_Q64 0x4d104d427de7fbccull
#define SQRT2_Q23 11863283u  // floor(sqrt(2) * 2^23)
#define SQRT2_Q62 0x5a827999fcef3242ull  // floor(sqrt(2) * 2^62)

const explog_num_t explog_ln2 = {LN2_Q64, -64, 0};
const explog_num_t explog_inv_ln2 = {INV_LN2_Q63, -63, 0};
const explog_num_t explog_log10_2 = {LOG10_2_Q64 << 1, -65, 0};

static void normalise(explog_num_t *a) {
    if (a->m != 0) {
        int z = wide_clz64(a->m);
        a->m <<= z;
        a->e -= z;
    }
}

// num / den as q * 2^-62, q in [2^62, 2^63), for num in [den, 2 den).
static uint64_t divide63(uint32_t num, uint32_t den) {
    uint64_t q = 0;
    for (int i = 0; i < 63; i++) {
        q <<= 1;
        if (num >= den) {
            num -= den;
            q |= 1;
        }
        num <<= 1;
    }
    return q;
}

void explog_from_float(uint32_t x, explog_num_t *out) {
    out->neg = (x & SF_SIGN) != 0;
    if ((x & ~SF_SIGN) == 0) {
        out->m = 0;
        out->e = 0;
        return;
    }
    uint32_t m;
    int e;
    sf_unpack_norm(x, &m, &e);  // m * 2^(e - 150), m's top bit at 23
    out->m = (uint64_t)m << 40;
    out->e = e - 190;
}

void explog_log2(uint32_t x, explog_num_t *out) {
    uint32_t m;
    int e;
    sf_unpack_norm(x, &m, &e);  // x = m * 2^(e - 150) = (m / 2^23) * 2^E
    int big = 0;
    uint32_t one = 1u << 23;
    if (m > SQRT2_Q23) {        // M = m / 2^24 instead, in [sqrt(1/2), 1)
        one = 1u << 24;
        big = 1;
    }
    int ex2 = e - 127 + big;
    int neg = m < one;
    uint32_t num = neg ? one - m : m - one, den = m + one;
    uint64_t frac = 0;          // |log2 M| * 2^(58 + sigma) when num != 0
    int sigma = 0;
    if (num != 0) {
        // s = num / den = q * 2^(-62 - sigma), q in [2^62, 2^63); sigma >= 3.
        sigma = __builtin_clz(num) - __builtin_clz(den);
        num <<= sigma;
        if (num < den) {
            num <<= 1;
            sigma++;
        }
        uint64_t q = divide63(num, den);
        uint64_t u = wide_mulhi64(q, q) >> (2 * sigma - 4);  // s^2 * 2^64
        uint64_t a = explog_inv_odd[12];
        for (int k = 11; k >= 0; k--) {
            a = explog_inv_odd[k] + wide_mulhi64(a, u);             // 1 + u/3 + ... in Q62
        }
        // q * a * 2^-64 = s*A * 2^(60 + sigma); times 1/ln2: (s*A/ln2) * 2^(59 + sigma),
        // and log2 M = 2 s A / ln2.
        frac = wide_mulhi64(wide_mulhi64(q, a), INV_LN2_Q63);
    }
    if (ex2 == 0) {
        out->m = frac;
        out->e = -58 - sigma;
        out->neg = neg;
    } else {
        // E + log2 M in Q55: |E| <= 150 fits, |log2 M| < 1/2 adds 2^-55 of error.
        int64_t fix = (int64_t)((uint64_t)(int64_t)ex2 << 55);
        int64_t f = num != 0 ? (int64_t)(frac >> (3 + sigma)) : 0;
        fix += neg ? -f : f;
        out->neg = fix < 0;
        out->m = fix < 0 ? 0u - (uint64_t)fix : (uint64_t)fix;
        out->e = -55;
    }
    normalise(out);
}

// log2 of any positive number: s = (M - 1) / (M + 1) by explog_div of the exact
// difference, then the series above; |result| >= 1/2 or relative to s's precision.
void explog_log2_num(const explog_num_t *x, explog_num_t *out) {
    uint64_t mq = x->m >> 1;  // M0 = m / 2^63 in [1, 2), in Q62
    int ex2 = x->e + 63;
    uint64_t one = 1ull << 62;
    if (mq > SQRT2_Q62) {     // M = M0 / 2 in [sqrt(1/2), 1): compare with 1 in Q63
        one = 1ull << 63;
        ex2 += 1;
    }
    explog_num_t num = {mq >= one ? mq - one : one - mq, 0, mq < one};
    explog_num_t den = {mq + one, 0, 0}, lm = {0, 0, 0};
    if (num.m != 0) {
        explog_num_t sfrac;
        int z = wide_clz64(num.m), zd = wide_clz64(den.m);
        num.m <<= z;
        num.e = -z;
        den.m <<= zd;
        den.e = -zd;
        explog_div(&num, &den, &sfrac);           // s, |s| < 0.1716
        int shift = -(sfrac.e + 64);
        uint64_t sq = shift >= 64 ? 0 : sfrac.m >> shift;
        uint64_t u = wide_mulhi64(sq, sq);        // s^2 in Q64
        uint64_t a = explog_inv_odd[12];
        for (int k = 11; k >= 0; k--) {
            a = explog_inv_odd[k] + wide_mulhi64(a, u);
        }
        explog_num_t poly = {a, -62, 0}, two_over_ln2 = {INV_LN2_Q63, -62, 0};
        explog_mul(&sfrac, &poly, &lm);
        explog_mul(&lm, &two_over_ln2, &lm);     // log2 M = 2 s A / ln 2
    }
    explog_num_t e = {ex2 < 0 ? (uint64_t)-ex2 : (uint64_t)ex2, 0, ex2 < 0};
    normalise(&e);
    explog_add(&e, &lm, out);
}

// With one guard bit: both are halved first so the sum cannot overflow.
void explog_add(const explog_num_t *a, const explog_num_t *b, explog_num_t *out) {
    if (a->m == 0 || b->m == 0) {
        *out = a->m == 0 ? *b : *a;
        return;
    }
    const explog_num_t *big = a, *small = b;
    if (b->e > a->e || (b->e == a->e && b->m > a->m)) {
        big = b;
        small = a;
    }
    int d = big->e - small->e + 1;
    uint64_t bm = big->m >> 1, sm = d >= 64 ? 0 : small->m >> d;
    out->m = big->neg == small->neg ? bm + sm : bm - sm;
    out->e = big->e + 1;
    out->neg = big->neg;
    normalise(out);
}

// The root of a nonnegative number: m * 2^e with e made even, m's 128-bit extension
// rooted in integers.
void explog_sqrt(const explog_num_t *a, explog_num_t *out) {
    out->neg = 0;
    if (a->m == 0) {
        out->m = 0;
        out->e = 0;
        return;
    }
    int odd = a->e & 1;
    uint64_t hi = odd ? a->m >> 1 : a->m, lo = odd ? a->m << 63 : 0;
    out->m = wide_isqrt128(hi, lo);  // sqrt(m * 2^(64 - odd))
    out->e = (a->e - 64 + odd) / 2;
    normalise(out);
}

void explog_mul(const explog_num_t *a, const explog_num_t *b, explog_num_t *out) {
    out->m = wide_mulhi64(a->m, b->m);
    out->e = a->e + b->e + 64;
    out->neg = a->neg ^ b->neg;
    normalise(out);
}

// Restoring division of normalised significands: n / d in (1/2, 2) as q * 2^-63,
// the 65th bit of the shifted remainder carried apart.
void explog_div(const explog_num_t *a, const explog_num_t *b, explog_num_t *out) {
    uint64_t r = a->m, d = b->m, q = 0;
    int carry = 0;
    for (int i = 0; i < 64; i++) {
        q <<= 1;
        if (carry || r >= d) {
            r -= d;
            q |= 1;
        }
        carry = (int)(r >> 63);
        r <<= 1;
    }
    out->m = q;
    out->e = a->e - b->e - 63;
    out->neg = a->neg ^ b->neg;
    normalise(out);
}

int64_t explog_to_q54(const explog_num_t *t, int *range) {
    *range = 0;
    if (t->m == 0) {
        return 0;
    }
    int top = t->e + 64;  // |t| < 2^top, >= 2^(top - 1)
    if (top > 9) {
        *range = t->neg ? -1 : 1;
        return 0;
    }
    int shift = t->e + 54;  // |t| * 2^54 = m * 2^shift, below 2^63
    uint64_t v = shift >= 0 ? t->m << shift : shift > -64 ? t->m >> -shift : 0;
    return t->neg ? -(int64_t)v : (int64_t)v;
}

void explog_exp2_num(int64_t tf, explog_num_t *out) {
    // n = floor(t), f = t - n in [0, 1) as Q54.
    int64_t n = tf >= 0 ? tf >> 54 : -((-tf + ((1ll << 54) - 1)) >> 54);
    uint64_t f = (uint64_t)tf - ((uint64_t)n << 54);
    uint64_t r = wide_mulhi64(f << 10, LN2_Q64);  // f * ln2 in Q64
    uint64_t p = explog_inv_factorial[18];
    for (int k = 17; k >= 0; k--) {
        p = explog_inv_factorial[k] + wide_mulhi64(p, r);  // e^r in Q62, in [1, 2)
    }
    out->m = p << 1;  // 2^t = p * 2^(n - 62)
    out->e = (int)n - 63;
    out->neg = 0;
}

uint32_t explog_exp2(int64_t tf, uint32_t sign) {
    // n = floor(t), f = t - n in [0, 1) as Q54.
    int64_t n = tf >= 0 ? tf >> 54 : -((-tf + ((1ll << 54) - 1)) >> 54);
    uint64_t f = (uint64_t)tf - ((uint64_t)n << 54);
    uint64_t r = wide_mulhi64(f << 10, LN2_Q64);  // f * ln2 in Q64
    uint64_t p = explog_inv_factorial[18];
    for (int k = 17; k >= 0; k--) {
        p = explog_inv_factorial[k] + wide_mulhi64(p, r);         // e^r in Q62, in [1, 2)
    }
    // 2^t = p * 2^(n - 62) = (p >> 32) * 2^((n + 126) - 156)
    uint32_t sig = (uint32_t)(p >> 32) | ((uint32_t)p != 0);
    return sf_round_pack(sign, (int)n + 126, sig);
}

uint32_t explog_to_float(const explog_num_t *a) {
    if (a->m == 0) {
        return a->neg ? SF_SIGN : 0;
    }
    // m * 2^e = (m >> 33 | sticky) * 2^(e + 33), top bit at 30.
    uint32_t sig = (uint32_t)(a->m >> 33) | ((a->m & ((1ull << 33) - 1)) != 0);
    int e = a->e + 33 + 156;
    e = e > 1000 ? 1000 : e < -1000 ? -1000 : e;
    return sf_round_pack(a->neg ? SF_SIGN : 0, e, sig);
}
