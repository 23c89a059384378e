// SPDX-License-Identifier: MIT
// trigf.c: sinf, cosf and tanf: exact argument reduction by 2/pi (Payne-Hanek), then
// Taylor series in 64-bit fixed point; rounded once.
#include <math.h>

#include "runtime/ports/xtensa-qemu/libc/explog.h"
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

/*
 * |x| = m * 2^k (m 24 bits). x * 2/pi = n + f, n an integer, |f| <= 1/2, and
 * x = n * pi/2 + r with r = f * pi/2, |r| <= pi/4; sin and cos of x are +-sin or +-cos
 * of r as n mod 4 says. m times 320 bits of 2/pi gives n mod 4 and 126 bits of f
 * for every float, enough for the floats closest to a multiple of pi/2.
 * On |r| <= pi/4, with u = r^2 <= 0.62:
 *   sin r = r * (1 - u/3! + u^2/5! - ...)   cos r = 1 - u/2! + u^2/4! - ...
 * 9 and 10 terms reach 2^-62; each partial sum stays positive, so unsigned Horner
 * steps p = c_k - u * p suffice.
 */

// floor(2/pi * 2^320), most significant word first.
static const uint32_t TWO_OVER_PI[10] = {
    0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599,
    0x3c439041, 0xfe5163ab, 0xdebbc561, 0xb7246e3a, 0x424dd2e0,
};
static const explog_num_t HALF_PI = {0xc90fdaa22168c235ull, -63, 0};  // pi/2, rounded
#define BELOW_QUARTER_PI 0x3f490fdau  // the largest float below pi/4

typedef struct {
    explog_num_t r;  // the reduced argument
    int n;           // the quadrant, n mod 4
} reduced_t;

// Bits [pos, pos + 64) of the little-endian 11-word number p.
static uint64_t bits_at(const uint32_t *p, int pos) {
    int w = pos / 32, off = pos % 32;
    uint64_t lo = p[w] | (w + 1 < 11 ? (uint64_t)p[w + 1] << 32 : 0);
    uint32_t hi = w + 2 < 11 ? p[w + 2] : 0;
    return off == 0 ? lo : (lo >> off) | ((uint64_t)hi << (64 - off));
}

static void reduce(uint32_t ax, reduced_t *out) {
    if (ax <= BELOW_QUARTER_PI) {
        out->n = 0;
        explog_from_float(ax, &out->r);
        return;
    }
    uint32_t m, p[11];
    int e;
    sf_unpack_norm(ax, &m, &e);
    uint64_t carry = 0;
    for (int i = 0; i < 10; i++) {
        uint64_t t = wide_mul32(m, TWO_OVER_PI[9 - i]) + carry;
        p[i] = (uint32_t)t;
        carry = t >> 32;
    }
    p[10] = (uint32_t)carry;
    // x * 2/pi = p * 2^(k - 320), k = e - 150: the binary point is bit 320 - k of p.
    int point = 320 - (e - 150);
    uint64_t w = bits_at(p, point - 62), w2 = bits_at(p, point - 126);
    uint64_t hi = w << 2 | w2 >> 62, lo = w2 << 2;  // f in [0, 1) as 128 bits
    int n = (int)(w >> 62), neg = 0;
    if (hi >> 63) {  // f >= 1/2: round n up, f - 1 < 0
        n++;
        neg = 1;
        hi = ~hi + (lo == 0);
        lo = 0u - lo;
    }
    explog_num_t f;
    if (hi == 0 && lo == 0) {  // no float is a multiple of pi/2, but be safe
        lo = 1;
    }
    int z = hi != 0 ? wide_clz64(hi) : 64 + wide_clz64(lo);
    f.m = z == 0 ? hi : z < 64 ? hi << z | lo >> (64 - z) : lo << (z - 64);
    f.e = -64 - z;
    f.neg = neg;
    explog_mul(&f, &HALF_PI, &out->r);
    out->n = n & 3;
}

// Horner's rule for sum (-1)^i c[first + 2i] u^i, i < terms, in Q62 (u in Q64).
static uint64_t alternating(uint64_t u, int first, int terms) {
    uint64_t acc = explog_inv_factorial[first + 2 * (terms - 1)];
    for (int i = terms - 2; i >= 0; i--) {
        acc = explog_inv_factorial[first + 2 * i] - wide_mulhi64(acc, u);
    }
    return acc;
}

static void sin_cos(const explog_num_t *r, explog_num_t *s, explog_num_t *c) {
    int shift = -(r->e + 64);  // r in Q64 (|r| < 1)
    uint64_t rq = r->m == 0 || shift >= 64 ? 0 : r->m >> shift;
    uint64_t u = wide_mulhi64(rq, rq);
    explog_num_t poly = {alternating(u, 1, 9), -62, 0};
    explog_mul(r, &poly, s);  // explog_mul normalises poly's product
    c->m = alternating(u, 0, 10);
    c->e = -62;
    c->neg = 0;
    int z = wide_clz64(c->m);
    c->m <<= z;
    c->e -= z;
}

// NaN stays NaN; the infinities have no sine, cosine or tangent.
static int special(uint32_t x, float *out) {
    if ((x & SF_EXP_MASK) != SF_EXP_MASK) {
        return 0;
    }
    *out = sf_float(sf_is_nan(x) ? x | SF_QUIET : SF_DEFAULT_NAN);
    return 1;
}

// sin(x) for which = 0, cos(x) for which = 1: the quadrant picks +-sin r or +-cos r.
static float sin_or_cos(float fx, int which) {
    uint32_t x = sf_bits(fx);
    float sp;
    if (special(x, &sp)) {
        return sp;
    }
    reduced_t red;
    reduce(x & ~SF_SIGN, &red);
    explog_num_t s, c;
    sin_cos(&red.r, &s, &c);
    int n = (red.n + which) & 3;  // cos x = sin(x + pi/2)
    explog_num_t *v = (n & 1) ? &c : &s;
    v->neg ^= (n & 2) != 0;
    if (which == 0 && (x & SF_SIGN)) {
        v->neg ^= 1;  // sin is odd, cos even
    }
    return sf_float(explog_to_float(v));
}

float sinf(float x) {
    return sin_or_cos(x, 0);
}

float cosf(float x) {
    return sin_or_cos(x, 1);
}

// tan x = sin r / cos r in even quadrants, -cos r / sin r in odd ones.
float tanf(float fx) {
    uint32_t x = sf_bits(fx);
    float sp;
    if (special(x, &sp)) {
        return sp;
    }
    if ((x & ~SF_SIGN) == 0) {
        return fx;  // tan(+-0) = +-0
    }
    reduced_t red;
    reduce(x & ~SF_SIGN, &red);
    explog_num_t s, c, t;
    sin_cos(&red.r, &s, &c);
    if (red.n & 1) {
        explog_div(&c, &s, &t);
        t.neg ^= 1;
    } else {
        explog_div(&s, &c, &t);
    }
    t.neg ^= (x & SF_SIGN) != 0;
    return sf_float(explog_to_float(&t));
}
