// SPDX-License-Identifier: MIT
// mathf.c: prints the port's libc/ math functions on edge and pseudo-random floats;
// built for the host (glibc's libm: the truth) and for xtensa-qemu, whose outputs
// run.sh requires to be identical. Every function here is exact or correctly
// rounded, so the bits must agree (NaNs print as "nan", as in helpers.c). For powf and the
// exp, log, trigonometric and hyperbolic families the host's truth is the long double function
// (64-bit significand) rounded to float.
#include <math.h>

#include "tests/ports/xtensa-qemu/out.h"

int main(void);

// The functions computed to 2^-54 and rounded once, against long double on the host.
#ifdef __XTENSA__
#define TRUTH(fn, ...) fn##f(__VA_ARGS__)
#else
#define TRUTH(fn, ...) ((float)fn##l(__VA_ARGS__))
#endif

static float pow_truth(float x, float y) {
    return TRUTH(pow, x, y);
}

static void put_transcendental(float x) {
    put_f(TRUTH(exp, x));
    put_f(TRUTH(exp2, x));
    put_f(TRUTH(log, x));
    put_f(TRUTH(log2, x));
    put_f(TRUTH(log10, x));
    put_f(TRUTH(sin, x));
    put_f(TRUTH(cos, x));
    put_f(TRUTH(tan, x));
    put_f(TRUTH(asin, x));
    put_f(TRUTH(acos, x));
    put_f(TRUTH(atan, x));
    put_f(TRUTH(sinh, x));
    put_f(TRUTH(cosh, x));
    put_f(TRUTH(tanh, x));
    put_f(TRUTH(expm1, x));
    put_f(TRUTH(asinh, x));
    put_f(TRUTH(acosh, x));
    put_f(TRUTH(atanh, x));
}

static volatile float vx, vy;

// The bits of (float)i for 0 <= i < 2^24 (an exact conversion on both builds).
static uint32_t sf_bits_of_int(uint32_t i) {
    volatile float f = (float)i;
    return bits_of(f);
}
static volatile int vn;

static void unary(uint32_t a) {
    vx = f_of(a);
    float ip;
    int e;
    put_s("u");
    put_u32(a);
    put_s(" :");
    put_f(floorf(vx));
    put_f(ceilf(vx));
    put_f(truncf(vx));
    put_f(roundf(vx));
    put_f(rintf(vx));
    put_f(nearbyintf(vx));
    put_f(modff(vx, &ip));
    put_f(ip);
    put_f(sqrtf(vx));
    put_f(frexpf(vx, &e));
    put_u32((uint32_t)e);
    put_f(fabsf(vx));
    put_transcendental(vx);
    put_c(' ');
    put_c('0' + (isnan(vx) != 0));
    put_c('0' + (isinf(vx) != 0));
    put_c('0' + (isfinite(vx) != 0));
    put_c('0' + (signbit(vx) != 0));
    put_c('\n');
}

static void binary(uint32_t a, uint32_t b, int n) {
    vx = f_of(a);
    vy = f_of(b);
    vn = n;
    put_s("b");
    put_u32(a);
    put_u32(b);
    put_u32((uint32_t)n);
    put_s(" :");
    put_f(fmodf(vx, vy));
    put_f(copysignf(vx, vy));
    put_f(hypotf(vx, vy));
    put_f(pow_truth(vx, vy));
    put_f(TRUTH(atan2, vx, vy));
    put_f(ldexpf(vx, vn));
    put_f(scalbnf(vy, -vn));
    put_c('\n');
}

static const uint32_t edges[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x00800000, 0x3e800000,
    0x3effffff, 0x3f000000, 0xbf000000, 0x3f000001, 0x3f400000, 0x3f7fffff, 0x3f800000,
    0xbf800000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000, 0x40400000, 0x40600000,
    0x4afffffe, 0x4affffff, 0xcaffffff, 0x4b000000, 0x4b000001, 0x4b7fffff, 0x4b800000,
    0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0x40800000,
    0x40490fdb, 0xc0490fdb, 0x3fb504f3, 0x33800000, 0x1a000000,
};
#define N_EDGES (sizeof edges / sizeof edges[0])

// Floats near integers, of every size from 2^-4 to 2^30: the rounding functions'
// interesting cases.
static uint32_t rnd_near_int(void) {
    uint32_t exp = 123 + rnd() % 32;
    uint32_t frac = rnd() & 0x7fffff;
    if (rnd() % 2) {
        frac &= ~0u << (rnd() % 23);  // few fraction bits: halves and integers
    }
    return (rnd() & 0x80000000u) | exp << 23 | frac;
}

// powf's hard cases: bases near 1 with large exponents, small integer exponents
// (exact results and ties), negative bases, results near overflow and underflow.
static void pow_cases(void) {
    for (int i = 0; i < 3000; i++) {
        uint32_t a, b;
        switch (rnd() % 6) {
        case 5:  // ties: odd x with x^2 or x^3 of exactly 25 bits
            if (rnd() % 2) {
                a = sf_bits_of_int(4097 + 2 * (rnd() % 848));
                b = sf_bits_of_int(2);
            } else {
                a = sf_bits_of_int(203 + 2 * (rnd() % 60));
                b = sf_bits_of_int(3);
            }
            break;
        case 0:  // x = 1 +- a few ulps, y up to 2^30
            a = 0x3f800000u + (rnd() % 64) - 32;
            b = (rnd() & 0x807fffffu) | (120 + rnd() % 30) << 23;
            break;
        case 1:  // small integers to integer powers
            a = ((rnd() % 2 ? 0x80000000u : 0) | sf_bits_of_int(rnd() % 5000));
            b = sf_bits_of_int(1 + rnd() % 40);
            break;
        case 2:  // any x in (1/16, 16), any y in (-64, 64)
            a = (rnd() & 0x007fffffu) | (123 + rnd() % 8) << 23;
            b = (rnd() & 0x807fffffu) | (110 + rnd() % 23) << 23;
            break;
        case 3:  // results near the ends of the range
            a = (rnd() & 0x007fffffu) | (100 + rnd() % 60) << 23;
            b = (rnd() & 0x807fffffu) | (127 + rnd() % 4) << 23;
            break;
        default:
            a = rnd();
            b = rnd();
            break;
        }
        vx = f_of(a);
        vy = f_of(b);
        put_s("p");
        put_u32(a);
        put_u32(b);
        put_s(" :");
        put_f(pow_truth(vx, vy));
    put_f(TRUTH(atan2, vx, vy));
        put_c('\n');
    }
}

// The floats nearest multiples of pi/2 (and their neighbours): where reducing the
// argument cancels the most bits.
static void trig_cases(void) {
    for (int i = 0; i < 1500; i++) {
        uint32_t k = rnd() % 4 == 0 ? rnd() : rnd() % 100000;
        vx = (float)k;
        vx = vx * 1.57079637f;  // one rounding, the same on both builds
        uint32_t a = bits_of(vx) + (rnd() % 7) - 3;
        vx = f_of(a);
        put_s("t");
        put_u32(a);
        put_s(" :");
        put_f(TRUTH(sin, vx));
        put_f(TRUTH(cos, vx));
        put_f(TRUTH(tan, vx));
        // and in [-1, 1], dense next to +-1 and 0: asin, acos, atan
        uint32_t u = rnd() % 3 == 0 ? 0x3f800000u - rnd() % 4096 : rnd() % 0x3f800001u;
        vy = f_of(u | (rnd() & 0x80000000u));
        put_f(TRUTH(asin, vy));
        put_f(TRUTH(acos, vy));
        put_f(TRUTH(atan, vy));
        put_f(TRUTH(atanh, vy));
        put_f(TRUTH(acosh, f_of(bits_of(vy) ^ 0x80000000u) + 2.0f));
        put_c('\n');
    }
}

int main(void) {
    for (size_t i = 0; i < N_EDGES; i++) {
        unary(edges[i]);
    }
    for (int i = 0; i < 3000; i++) {
        uint32_t a = rnd() % 2 ? rnd() : rnd_near_int();
        unary(a);
    }
    static const int ns[] = {0, 1, -1, 23, -23, 127, -126, -149, -150, 254, -277, 300};
    for (size_t i = 0; i < N_EDGES; i++) {
        for (size_t j = 0; j < N_EDGES; j++) {
            binary(edges[i], edges[j], ns[(i + j) % (sizeof ns / sizeof ns[0])]);
        }
    }
    for (int i = 0; i < 3000; i++) {
        uint32_t a = rnd();
        uint32_t b = rnd() % 2 ? rnd() : rnd_near_int();
        int n = (int)(rnd() % 601) - 300;
        binary(a, b, n);
    }
    pow_cases();
    trig_cases();
    put_s("end\n");
    flush();
    return 0;
}
