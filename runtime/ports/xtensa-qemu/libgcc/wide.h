// SPDX-License-Identifier: MIT
// wide.h: word-level helpers the libgcc replacements share (no 64-bit libcalls inside).
#ifndef XQ_WIDE_H
#define XQ_WIDE_H

#include <stdint.h>

/*
 * These files replace libgcc routines, so they must not make GCC call those routines:
 * no 64-bit `*`, `/` or `%` here (they become __muldi3, __udivdi3, __umoddi3) and no
 * float arithmetic in the soft-float files. 64-bit add, subtract, compare and constant
 * shifts are inline on Xtensa; variable 64-bit shifts call libgcc's own __ashldi3 /
 * __lshrdi3, which Debian's lx106 libgcc does have.
 */

// The full 64-bit product of two 32-bit words from four 16x16 MULL products
// (the lx106 has MUL32 but no MULUH for the high word).
static inline uint64_t wide_mul32(uint32_t a, uint32_t b) {
    uint32_t al = a & 0xffff, ah = a >> 16;
    uint32_t bl = b & 0xffff, bh = b >> 16;
    uint32_t p0 = al * bl, p1 = al * bh, p2 = ah * bl, p3 = ah * bh;
    uint32_t mid = (p0 >> 16) + (p1 & 0xffff) + (p2 & 0xffff);
    uint32_t lo = (p0 & 0xffff) | (mid << 16);
    uint32_t hi = p3 + (p1 >> 16) + (p2 >> 16) + (mid >> 16);
    return (uint64_t)hi << 32 | lo;
}

// Leading zeros of a nonzero 64-bit word (NSAU on each half).
static inline int wide_clz64(uint64_t x) {
    uint32_t hi = (uint32_t)(x >> 32);
    return hi != 0 ? __builtin_clz(hi) : 32 + __builtin_clz((uint32_t)x);
}

// The full 128-bit product a * b as *hi:*lo.
static inline void wide_mul64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo) {
    uint32_t a0 = (uint32_t)a, a1 = (uint32_t)(a >> 32);
    uint32_t b0 = (uint32_t)b, b1 = (uint32_t)(b >> 32);
    uint64_t p00 = wide_mul32(a0, b0), p01 = wide_mul32(a0, b1);
    uint64_t p10 = wide_mul32(a1, b0), p11 = wide_mul32(a1, b1);
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    *lo = (mid << 32) | (uint32_t)p00;
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

// The high 64 bits of a * b: fixed-point multiplication for libc/'s kernels.
static inline uint64_t wide_mulhi64(uint64_t a, uint64_t b) {
    uint64_t hi, lo;
    wide_mul64(a, b, &hi, &lo);
    return hi;
}

// floor(sqrt(hi:lo)) of a 128-bit number, one root bit per step; the remainder (below
// 2^66) is kept in two words.
static inline uint64_t wide_isqrt128(uint64_t hi, uint64_t lo) {
    uint64_t root = 0, rem_hi = 0, rem_lo = 0;
    for (int i = 0; i < 64; i++) {
        uint64_t top = hi >> 62;
        hi = (hi << 2) | (lo >> 62);
        lo <<= 2;
        rem_hi = (rem_hi << 2) | (rem_lo >> 62);
        rem_lo = (rem_lo << 2) | top;
        uint64_t t_hi = root >> 62, t_lo = (root << 2) | 1;  // 4 root + 1
        root <<= 1;
        if (rem_hi > t_hi || (rem_hi == t_hi && rem_lo >= t_lo)) {
            rem_hi -= t_hi + (rem_lo < t_lo);
            rem_lo -= t_lo;
            root |= 1;
        }
    }
    return root;
}

// floor(sqrt(m)), one result bit per step (shifts and compares only); *inexact says
// whether a remainder was left. For libc/'s sqrtf and hypotf.
static inline uint32_t wide_isqrt64(uint64_t m, int *inexact) {
    uint64_t rem = 0, root = 0;
    for (int i = 0; i < 32; i++) {
        rem = (rem << 2) | (m >> 62);
        m <<= 2;
        root <<= 1;
        uint64_t trial = (root << 1) | 1;
        if (rem >= trial) {
            rem -= trial;
            root |= 1;
        }
    }
    *inexact = rem != 0;
    return (uint32_t)root;
}

#endif // XQ_WIDE_H
