// SPDX-License-Identifier: MIT
// out.h: what the differential test programs share: buffered output to stdout (the
// host's write or the port's console), values as bits, and a pseudo-random source that
// gives the same sequence on both.
#ifndef XQ_TEST_OUT_H
#define XQ_TEST_OUT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __XTENSA__
#include "runtime/ports/xtensa-qemu/xqport.h"
static inline void sink(const char *s, size_t n) {
    port_console_write(s, n);
}
#else
#include <unistd.h>
static inline void sink(const char *s, size_t n) {
    while (n > 0) {
        ssize_t w = write(1, s, n);
        if (w <= 0) {
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}
#endif


// ---- output, buffered (each target write is one semihosting call) ----

static char obuf[4096];
static size_t olen;

static inline void flush(void) {
    sink(obuf, olen);
    olen = 0;
}

static inline void put_c(char c) {
    if (olen == sizeof obuf) {
        flush();
    }
    obuf[olen++] = c;
}

static inline void put_s(const char *s) {
    while (*s != '\0') {
        put_c(*s++);
    }
}

static inline void put_hex(uint64_t v, int digits) {
    put_c(' ');
    for (int i = digits - 1; i >= 0; i--) {
        put_c("0123456789abcdef"[(v >> (4 * i)) & 0xf]);
    }
}

static inline void put_u32(uint32_t v) {
    put_hex(v, 8);
}

static inline void put_u64(uint64_t v) {
    put_hex(v, 16);
}

// ---- bits <-> values ----

typedef union {
    float f;
    uint32_t u;
} fbits_t;

typedef union {
    double d;
    uint64_t u;
} dbits_t;

static inline float f_of(uint32_t u) {
    fbits_t v;
    v.u = u;
    return v.f;
}

static inline uint32_t bits_of(float f) {
    fbits_t v;
    v.f = f;
    return v.u;
}

static inline int is_nan_bits(uint32_t u) {
    return (u & 0x7fffffffu) > 0x7f800000u;
}

static inline void put_f(float f) {
    uint32_t u = bits_of(f);
    if (is_nan_bits(u)) {
        put_s(" nan");
    } else {
        put_u32(u);
    }
}

static inline void put_d(double d) {
    dbits_t v;
    v.d = d;
    if ((v.u & 0x7fffffffffffffffull) > 0x7ff0000000000000ull) {
        put_s(" nan");
    } else {
        put_u64(v.u);
    }
}

// ---- pseudo-random operands (xorshift32: 32-bit operations only) ----

static uint32_t rng = 0x2545f491u;

static inline uint32_t rnd(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static inline uint64_t rnd64(void) {
    uint64_t hi = rnd();
    return hi << 32 | rnd();
}

// A 64-bit value of random width, so quotients of every size occur.
static inline uint64_t rnd64_width(void) {
    uint64_t v = rnd64();
    return v >> (rnd() & 63);
}

// A 32-bit value of random width.
static inline uint32_t rnd_width(void) {
    uint32_t v = rnd();
    return v >> (rnd() & 31);
}

#endif // XQ_TEST_OUT_H
