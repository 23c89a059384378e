// SPDX-License-Identifier: MIT
// mathround.c: floorf, ceilf, truncf, roundf, rintf, nearbyintf and modff on the bits.
#include <math.h>

#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

typedef enum { TO_FLOOR, TO_CEIL, TO_ZERO, TO_AWAY, TO_EVEN } round_mode_t;

// Whether |x|, truncated, must grow by one unit in this mode. half: the fraction is
// at least one half; above: more than one half; odd: the truncated value is odd.
static int round_up(round_mode_t mode, int neg, int half, int above, int odd) {
    switch (mode) {
    case TO_FLOOR: return neg;
    case TO_CEIL: return !neg;
    case TO_ZERO: return 0;
    case TO_AWAY: return half;
    default: return above || (half && odd);
    }
}

/*
 * With e = exponent - 127, the fraction bits below the units bit are the low 23 - e.
 * |x| >= 2^23 (and inf) is integral; NaN comes back quiet. |x| < 1 becomes 0 or 1 with
 * x's sign (floor(-0.5) = -1, ceil(-0.5) = -0). Otherwise the fraction is cleared and
 * one unit added to the magnitude if needed; a carry into the exponent is right.
 */
static float round_bits(float f, round_mode_t mode) {
    uint32_t x = sf_bits(f);
    uint32_t sign = x & SF_SIGN;
    int e = sf_exp(x) - 127;
    if (e >= 23) {
        return sf_float(sf_is_nan(x) ? x | SF_QUIET : x);
    }
    if (e < 0) {
        uint32_t mag = x & ~SF_SIGN;
        if (mag == 0) {
            return f;
        }
        int up = round_up(mode, sign != 0, mag >= 0x3f000000u, mag > 0x3f000000u, 0);
        return sf_float(sign | (up ? 0x3f800000u : 0));
    }
    uint32_t frac_mask = SF_FRAC_MASK >> e;
    if ((x & frac_mask) == 0) {
        return f;
    }
    uint32_t unit = frac_mask + 1, half_bit = unit >> 1;
    uint32_t frac = x & frac_mask;
    int up = round_up(mode, sign != 0, frac >= half_bit, frac > half_bit, (x & unit) != 0);
    return sf_float((x & ~frac_mask) + (up ? unit : 0));
}

float floorf(float x) {
    return round_bits(x, TO_FLOOR);
}

float ceilf(float x) {
    return round_bits(x, TO_CEIL);
}

float truncf(float x) {
    return round_bits(x, TO_ZERO);
}

float roundf(float x) {
    return round_bits(x, TO_AWAY);
}

float rintf(float x) {
    return round_bits(x, TO_EVEN);
}

float nearbyintf(float x) {
    return round_bits(x, TO_EVEN);
}

// The fraction keeps x's sign (modff(-3, &i) is -0) and is 0 for infinities.
float modff(float x, float *ip) {
    uint32_t b = sf_bits(x);
    *ip = truncf(x);
    if (sf_is_nan(b)) {
        return *ip;
    }
    if ((b & ~SF_SIGN) == SF_INF) {
        return sf_float(b & SF_SIGN);
    }
    float frac = x - *ip;  // exact: both have x's sign and exponent range
    return sf_float((sf_bits(frac) & ~SF_SIGN) | (b & SF_SIGN));
}
