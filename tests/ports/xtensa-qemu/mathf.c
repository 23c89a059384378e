// SPDX-License-Identifier: MIT
// mathf.c: prints the port's libc/ math functions on edge and pseudo-random floats;
// built for the host (glibc's libm: the truth) and for xtensa-qemu, whose outputs
// run.sh requires to be identical. Every function here is exact or correctly
// rounded, so the bits must agree (NaNs print as "nan", as in helpers.c).
#include <math.h>

#include "tests/ports/xtensa-qemu/out.h"

int main(void);

static volatile float vx, vy;
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
    put_s("end\n");
    flush();
    return 0;
}
