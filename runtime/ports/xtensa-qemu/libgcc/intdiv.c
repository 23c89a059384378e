// SPDX-License-Identifier: MIT
// intdiv.c: 32-bit division and modulo (__divsi3, __modsi3, __udivsi3, __umodsi3).
#include <stdint.h>

/*
 * The lx106 has no divide instruction. Division by zero is undefined in C and the VM
 * checks for it first; here it gives quotient 0 and remainder n, never a trap.
 * INT_MIN / -1 wraps to INT_MIN (remainder 0), as two's complement hardware does.
 */

int32_t __divsi3(int32_t n, int32_t d);
int32_t __modsi3(int32_t n, int32_t d);
uint32_t __udivsi3(uint32_t n, uint32_t d);
uint32_t __umodsi3(uint32_t n, uint32_t d);

// Shift-and-subtract, one quotient bit per step, starting from the divisor aligned
// under the dividend's top bit (so small quotients take few steps).
static uint32_t udivmod(uint32_t n, uint32_t d, uint32_t *rem) {
    if (d == 0 || d > n) {
        *rem = n;
        return 0;
    }
    int shift = __builtin_clz(d) - __builtin_clz(n);
    uint32_t q = 0;
    d <<= shift;
    for (int i = 0; i <= shift; i++) {
        q <<= 1;
        if (n >= d) {
            n -= d;
            q |= 1;
        }
        d >>= 1;
    }
    *rem = n;
    return q;
}

// Magnitude as unsigned: right for INT_MIN too.
static uint32_t mag(int32_t x) {
    return x < 0 ? 0u - (uint32_t)x : (uint32_t)x;
}

uint32_t __udivsi3(uint32_t n, uint32_t d) {
    uint32_t r;
    return udivmod(n, d, &r);
}

uint32_t __umodsi3(uint32_t n, uint32_t d) {
    uint32_t r;
    udivmod(n, d, &r);
    return r;
}

// C truncates toward zero: the quotient is negative when the signs differ.
int32_t __divsi3(int32_t n, int32_t d) {
    uint32_t r;
    uint32_t q = udivmod(mag(n), mag(d), &r);
    return (int32_t)((n < 0) != (d < 0) ? 0u - q : q);
}

// The remainder takes the dividend's sign.
int32_t __modsi3(int32_t n, int32_t d) {
    uint32_t r;
    udivmod(mag(n), mag(d), &r);
    return (int32_t)(n < 0 ? 0u - r : r);
}
