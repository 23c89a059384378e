// SPDX-License-Identifier: MIT
// divdi.c: 64-bit division and modulo (__udivdi3, __umoddi3, __divdi3, __moddi3,
// __udivmoddi4, __divmoddi4).
#include <stddef.h>

#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

/*
 * Debian's lx106 libgcc has __moddi3, __divmoddi4 and __udivmoddi4, but they need
 * __udivsi3, __divsi3 and __umulsidi3, and the last exists nowhere; defining the whole
 * family here keeps the linker from ever taking those objects. As in intdiv.c: x / 0
 * gives 0 remainder x, and INT64_MIN / -1 wraps to INT64_MIN.
 */

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

uint32_t __udivsi3(uint32_t n, uint32_t d);
uint32_t __umodsi3(uint32_t n, uint32_t d);

// Shift-and-subtract, as intdiv.c; operands that fit 32 bits (ticks / 40, most
// bigint digits) take the 32-bit routine.
uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem) {
    uint64_t r = n, q = 0;
    if ((n >> 32) == 0 && (d >> 32) == 0 && d != 0) {
        q = __udivsi3((uint32_t)n, (uint32_t)d);
        r = __umodsi3((uint32_t)n, (uint32_t)d);
    } else if (d != 0 && d <= n) {
        int shift = wide_clz64(d) - wide_clz64(n);
        d <<= shift;
        for (int i = 0; i <= shift; i++) {
            q <<= 1;
            if (r >= d) {
                r -= d;
                q |= 1;
            }
            d >>= 1;
        }
    }
    if (rem != NULL) {
        *rem = r;
    }
    return q;
}

static uint64_t mag(int64_t x) {
    return x < 0 ? 0u - (uint64_t)x : (uint64_t)x;
}

// Truncating division: the quotient's sign is the XOR of the operands', the
// remainder's is the dividend's.
int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem) {
    uint64_t r;
    uint64_t q = __udivmoddi4(mag(n), mag(d), &r);
    if (rem != NULL) {
        *rem = (int64_t)(n < 0 ? 0u - r : r);
    }
    return (int64_t)((n < 0) != (d < 0) ? 0u - q : q);
}

uint64_t __udivdi3(uint64_t n, uint64_t d) {
    return __udivmoddi4(n, d, NULL);
}

uint64_t __umoddi3(uint64_t n, uint64_t d) {
    uint64_t r;
    __udivmoddi4(n, d, &r);
    return r;
}

int64_t __divdi3(int64_t n, int64_t d) {
    return __divmoddi4(n, d, NULL);
}

int64_t __moddi3(int64_t n, int64_t d) {
    int64_t r;
    __divmoddi4(n, d, &r);
    return r;
}
