// SPDX-License-Identifier: MIT
// helpers.c: prints integer and float operations on edge and pseudo-random operands;
// built for the host (native operations: the truth) and for xtensa-qemu (the port's
// libgcc helpers), whose outputs run.sh requires to be identical.
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every random operand is drawn in its own statement: the order in which C evaluates
 * a call's arguments is unspecified, and the two compilers differ.
 * Operands go through volatiles so that neither compiler folds an operation at
 * compile time: on the target every operation below is a call into libgcc/ or
 * Debian's libgcc. A NaN result prints as "nan": IEEE-754 leaves payloads and the
 * sign of a default NaN to the implementation (x86 gives 0xffc00000, we 0x7fc00000).
 * C leaves x / 0, INT_MIN / -1 and out-of-range float-to-int conversions undefined;
 * for the first two the port defines a result (libgcc/intdiv.c), which the host prints
 * from that definition and the target gets by calling the helper itself. Out-of-range
 * conversions print "-" on both.
 */

#include "tests/ports/xtensa-qemu/out.h"

#ifdef __XTENSA__
int32_t __divsi3(int32_t n, int32_t d);
int32_t __modsi3(int32_t n, int32_t d);
uint32_t __udivsi3(uint32_t n, uint32_t d);
uint32_t __umodsi3(uint32_t n, uint32_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
#endif

int main(void);

// ---- float arithmetic and comparisons ----

static volatile float vfa, vfb;

static void float_pair(uint32_t a, uint32_t b) {
    vfa = f_of(a);
    vfb = f_of(b);
    put_s("f");
    put_u32(a);
    put_u32(b);
    put_s(" :");
    put_f(vfa + vfb);
    put_f(vfa - vfb);
    put_f(vfa * vfb);
    put_f(vfa / vfb);
    put_c(' ');
    put_c('0' + (vfa == vfb));
    put_c('0' + (vfa != vfb));
    put_c('0' + (vfa < vfb));
    put_c('0' + (vfa <= vfb));
    put_c('0' + (vfa > vfb));
    put_c('0' + (vfa >= vfb));
    put_c('0' + (__builtin_isunordered(vfa, vfb) != 0));
    put_c('\n');
}

static const uint32_t float_edges[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x00000003, 0x007fffff, 0x807fffff,
    0x00400000, 0x00800000, 0x80800000, 0x00800001, 0x01000000, 0x0c800000, 0x33800000,
    0x34000000, 0x3eaaaaab, 0x3f000000, 0x3f800000, 0xbf800000, 0x3f800001, 0x3f7fffff,
    0x3fffffff, 0x40000000, 0x40400000, 0xc0400000, 0x4b7fffff, 0x4b800000, 0x4effffff,
    0x4f000000, 0xcf000000, 0x4f800000, 0x5f000000, 0x72800000, 0x7f000000, 0x7f7fffff,
    0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001, 0x7fbfffff,
};
#define N_FLOAT_EDGES (sizeof float_edges / sizeof float_edges[0])

// A neighbour of a: exponent within +-3 and a random fraction, for cancellation in
// subtraction and rounding ties in addition.
static uint32_t near(uint32_t a) {
    uint32_t exp = (a >> 23) & 0xff;
    exp = (exp + (rnd() % 7) + 253) & 0xff;  // exp - 3 .. exp + 3, mod 256
    uint32_t frac = rnd() % 4 == 0 ? (a & 0x7fffff) ^ (rnd() & 0xf) : rnd() & 0x7fffff;
    return (rnd() & 0x80000000u) | exp << 23 | frac;
}

static void test_float_ops(void) {
    for (size_t i = 0; i < N_FLOAT_EDGES; i++) {
        for (size_t j = 0; j < N_FLOAT_EDGES; j++) {
            float_pair(float_edges[i], float_edges[j]);
        }
    }
    for (int i = 0; i < 3000; i++) {
        uint32_t x = rnd();
        uint32_t y = rnd();
        float_pair(x, y);
        uint32_t a = rnd();
        float_pair(a, near(a));
    }
}

// ---- float <-> integer and float <-> double conversions ----

static volatile int32_t vi;
static volatile uint32_t vu;
static volatile int64_t vl;
static volatile uint64_t vul;
static volatile double vd;

// Float to each integer type, where the value is in that type's range.
static void float_to_int(uint32_t a) {
    vfa = f_of(a);
    float f = vfa;
    int ok = !is_nan_bits(a);
    put_s("fi");
    put_u32(a);
    put_s(" :");
    if (ok && f >= -2147483648.0f && f < 2147483648.0f) {
        put_u32((uint32_t)(int32_t)vfa);
    } else {
        put_s(" -");
    }
    if (ok && f > -1.0f && f < 4294967296.0f) {
        put_u32((uint32_t)vfa);
    } else {
        put_s(" -");
    }
    if (ok && f >= -9223372036854775808.0f && f < 9223372036854775808.0f) {
        put_u64((uint64_t)(int64_t)vfa);
    } else {
        put_s(" -");
    }
    if (ok && f > -1.0f && f < 18446744073709551616.0f) {
        put_u64((uint64_t)vfa);
    } else {
        put_s(" -");
    }
    put_d((double)vfa);
    put_c('\n');
}

static void int_to_float(uint32_t i, uint64_t l) {
    vi = (int32_t)i;
    vu = i;
    vl = (int64_t)l;
    vul = l;
    put_s("if");
    put_u32(i);
    put_u64(l);
    put_s(" :");
    put_f((float)vi);
    put_f((float)vu);
    put_f((float)vl);
    put_f((float)vul);
    put_c('\n');
}

static void double_to_float(uint64_t bits) {
    dbits_t v;
    v.u = bits;
    vd = v.d;
    put_s("df");
    put_u64(bits);
    put_s(" :");
    put_f((float)vd);
    put_c('\n');
}

static const uint32_t int_edges[] = {
    0, 1, 2, 3, 7, 10, 0xff, 0xffff, 0x10000, 0x00ffffff, 0x01000000, 0x01000001,
    0x01000003, 0x7fffffff, 0x7fffff80, 0x7fffffc0, 0x80000000, 0x80000001, 0xffffffff,
    0xfffffffe, 0xfffffff9, 0x12345678, 0xedcba988, 0x3b9aca07, 0xfffe0001,
};
#define N_INT_EDGES (sizeof int_edges / sizeof int_edges[0])

// Doubles around the float range's ends and ties: exponents -160..+140 about 1.0.
static uint64_t rnd_double_bits(void) {
    uint64_t exp = 1023 - 160 + rnd() % 300;
    uint64_t frac = rnd64() & 0x000fffffffffffffull;
    if (rnd() % 4 == 0) {
        frac &= ~0x1fffffffull;  // exactly representable in float, or a tie
        frac |= (uint64_t)(rnd() % 2) << 28;
    }
    return (uint64_t)(rnd() & 1) << 63 | exp << 52 | frac;
}

static void test_conversions(void) {
    for (size_t i = 0; i < N_FLOAT_EDGES; i++) {
        float_to_int(float_edges[i]);
    }
    static const uint32_t conv_edges[] = {
        0x3f7fffff, 0xbf7fffff, 0xbf800000, 0x4f7fffff, 0x4f800000, 0xcf000001,
        0x5effffff, 0xdf000000, 0xdf000001, 0x5f7fffff, 0x5f800000, 0x3fc00000,
        0xbfc00000, 0x40200000,
    };
    for (size_t i = 0; i < sizeof conv_edges / sizeof conv_edges[0]; i++) {
        float_to_int(conv_edges[i]);
    }
    for (int i = 0; i < 2000; i++) {
        // Exponents 100..190 cover fractions, every integer width and overflow.
        uint32_t a = rnd() & 0x807fffffu;
        a |= (100 + rnd() % 91) << 23;
        float_to_int(rnd() % 8 == 0 ? rnd() : a);
    }
    for (size_t i = 0; i < N_INT_EDGES; i++) {
        int_to_float(int_edges[i], (uint64_t)int_edges[i] << (i % 40));
    }
    for (int i = 0; i < 2000; i++) {
        uint32_t i32 = rnd_width();
        int_to_float(i32, rnd64_width());
    }
    static const uint64_t double_edges[] = {
        0, 0x8000000000000000ull, 1, 0x000fffffffffffffull, 0x3ff0000000000000ull,
        0x3ff0000010000000ull, 0x3ff0000030000000ull, 0x3ff0000010000001ull,
        0x47efffffe0000000ull, 0x47efffffefffffffull, 0x47effffff0000000ull,
        0x7fefffffffffffffull, 0x36a0000000000000ull, 0x3690000000000000ull,
        0x3690000000000001ull, 0x36b8000000000000ull, 0x380fffffe0000000ull,
        0x380ffffff0000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
        0x7ff8000000000000ull, 0x7ff0000000000001ull,
    };
    for (size_t i = 0; i < sizeof double_edges / sizeof double_edges[0]; i++) {
        double_to_float(double_edges[i]);
    }
    for (int i = 0; i < 2000; i++) {
        double_to_float(rnd_double_bits());
    }
}

// ---- 32-bit and 64-bit integer arithmetic ----

static volatile int32_t via, vib;
static volatile uint32_t vua, vub;
static volatile int64_t vla, vlb;
static volatile uint64_t vula, vulb;

// x / 0 and INT_MIN / -1 are undefined in C; the port defines them (libgcc/intdiv.c).
static void int32_pair(uint32_t a, uint32_t b) {
    via = (int32_t)a;
    vib = (int32_t)b;
    vua = a;
    vub = b;
    put_s("i");
    put_u32(a);
    put_u32(b);
    put_s(" :");
    put_u32((uint32_t)via * (uint32_t)vib);  // signed overflow is undefined
    if (b == 0 || (a == 0x80000000u && b == 0xffffffffu)) {
#ifdef __XTENSA__
        put_u32((uint32_t)__divsi3(via, vib));
        put_u32((uint32_t)__modsi3(via, vib));
#else
        put_u32(b == 0 ? 0 : a);
        put_u32(b == 0 ? a : 0);
#endif
    } else {
        put_u32((uint32_t)(via / vib));
        put_u32((uint32_t)(via % vib));
    }
    if (b == 0) {
#ifdef __XTENSA__
        put_u32(__udivsi3(vua, vub));
        put_u32(__umodsi3(vua, vub));
#else
        put_u32(0);
        put_u32(a);
#endif
    } else {
        put_u32(vua / vub);
        put_u32(vua % vub);
    }
    put_c('\n');
}

static void int64_pair(uint64_t a, uint64_t b) {
    vla = (int64_t)a;
    vlb = (int64_t)b;
    vula = a;
    vulb = b;
    put_s("l");
    put_u64(a);
    put_u64(b);
    put_s(" :");
    put_u64(vula * vulb);  // one __muldi3 serves signed and unsigned
    if (b == 0 || (a == 0x8000000000000000ull && b == ~0ull)) {
#ifdef __XTENSA__
        put_u64((uint64_t)__divdi3(vla, vlb));
        put_u64((uint64_t)__moddi3(vla, vlb));
#else
        put_u64(b == 0 ? 0 : a);
        put_u64(b == 0 ? a : 0);
#endif
    } else {
        put_u64((uint64_t)(vla / vlb));
        put_u64((uint64_t)(vla % vlb));
    }
    if (b == 0) {
#ifdef __XTENSA__
        put_u64(__udivdi3(vula, vulb));
        put_u64(__umoddi3(vula, vulb));
#else
        put_u64(0);
        put_u64(a);
#endif
    } else {
        put_u64(vula / vulb);
        put_u64(vula % vulb);
    }
    put_c('\n');
}

static const uint64_t long_edges[] = {
    0, 1, 2, 3, 7, 10, 0xffffffffull, 0x100000000ull, 0x100000001ull, 0x7fffffffull,
    0x80000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
    0xffffffffffffffffull, 0xfffffffffffffffeull, 0xfffffffffffffff9ull,
    0xffffffff00000000ull, 0x123456789abcdef0ull, 0xedcba98765432110ull,
    0x0de0b6b3a7640000ull, 0x00000001fffffffeull, 0x0000000100000000ull,
};
#define N_LONG_EDGES (sizeof long_edges / sizeof long_edges[0])

static void test_int_ops(void) {
    for (size_t i = 0; i < N_INT_EDGES; i++) {
        for (size_t j = 0; j < N_INT_EDGES; j++) {
            int32_pair(int_edges[i], int_edges[j]);
        }
    }
    for (int i = 0; i < 2000; i++) {
        uint32_t a = rnd_width();
        int32_pair(a, rnd_width());
    }
    for (size_t i = 0; i < N_LONG_EDGES; i++) {
        for (size_t j = 0; j < N_LONG_EDGES; j++) {
            int64_pair(long_edges[i], long_edges[j]);
        }
    }
    for (int i = 0; i < 2000; i++) {
        uint64_t a = rnd64_width();
        int64_pair(a, rnd64_width());
    }
}

int main(void) {
    test_int_ops();
    test_float_ops();
    test_conversions();
    put_s("end\n");
    flush();
    return 0;
}
