// SPDX-License-Identifier: MIT
// sf_cmp.c: single-precision comparisons (__eqsf2 ... __unordsf2, __cmpsf2).
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

/*
 * libgcc's contract: GCC tests each result against 0 with the operator at hand
 * (a < b becomes __ltsf2(a, b) < 0, a >= b becomes __gesf2(a, b) >= 0, ...), so
 * each routine returns -1, 0 or 1 for less, equal, greater and, when an operand is
 * NaN, the value that makes its own test false: 1 for eq/ne/lt/le (ne is then
 * true), -1 for gt/ge. Debian's lx106 libgcc has these, all in one object with
 * __unordsf2; all seven are defined here so that object is never linked beside ours.
 */

int __eqsf2(float a, float b);
int __nesf2(float a, float b);
int __ltsf2(float a, float b);
int __lesf2(float a, float b);
int __gtsf2(float a, float b);
int __gesf2(float a, float b);
int __cmpsf2(float a, float b);
int __unordsf2(float a, float b);

static int compare(float fa, float fb, int unordered) {
    uint32_t a = sf_bits(fa), b = sf_bits(fb);
    if (sf_is_nan(a) || sf_is_nan(b)) {
        return unordered;
    }
    if (a == b || ((a | b) & ~SF_SIGN) == 0) {
        return 0;  // equal bits, or +0 against -0
    }
    if ((a ^ b) & SF_SIGN) {
        return (a & SF_SIGN) ? -1 : 1;
    }
    // Same sign: magnitudes order as their bits do; negatives reverse it.
    int less = (a < b) != ((a & SF_SIGN) != 0);
    return less ? -1 : 1;
}

int __eqsf2(float a, float b) {
    return compare(a, b, 1);
}

int __nesf2(float a, float b) {
    return compare(a, b, 1);
}

int __ltsf2(float a, float b) {
    return compare(a, b, 1);
}

int __lesf2(float a, float b) {
    return compare(a, b, 1);
}

int __cmpsf2(float a, float b) {
    return compare(a, b, 1);
}

int __gtsf2(float a, float b) {
    return compare(a, b, -1);
}

int __gesf2(float a, float b) {
    return compare(a, b, -1);
}

int __unordsf2(float a, float b) {
    return sf_is_nan(sf_bits(a)) || sf_is_nan(sf_bits(b));
}
