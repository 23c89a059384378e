// SPDX-License-Identifier: MIT
// sf_conv.c: conversions between float and 32-bit integers (__fixsfsi, __fixunssfsi,
// __floatsisf, __floatunsisf).
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

/*
 * Float to integer truncates toward zero. C leaves out-of-range values undefined (the
 * VM checks the range first); here they saturate and NaN gives 0, so no input traps.
 */

int32_t __fixsfsi(float f);
uint32_t __fixunssfsi(float f);
float __floatsisf(int32_t i);
float __floatunsisf(uint32_t u);

// |f| truncated, for |f| < 2^32 (exp < 159).
static uint32_t trunc_mag(uint32_t a) {
    int exp = sf_exp(a);
    if (exp < 127) {
        return 0;
    }
    uint32_t m = (a & SF_FRAC_MASK) | SF_HIDDEN;  // |f| = m * 2^(exp - 150)
    return exp >= 150 ? m << (exp - 150) : m >> (150 - exp);
}

int32_t __fixsfsi(float f) {
    uint32_t a = sf_bits(f);
    if (sf_is_nan(a)) {
        return 0;
    }
    if (sf_exp(a) >= 158) {  // |f| >= 2^31: only -2^31 fits, and saturation gives it
        return (a & SF_SIGN) ? INT32_MIN : INT32_MAX;
    }
    uint32_t m = trunc_mag(a);
    return (a & SF_SIGN) ? -(int32_t)m : (int32_t)m;
}

uint32_t __fixunssfsi(float f) {
    uint32_t a = sf_bits(f);
    if (sf_is_nan(a) || (a & SF_SIGN)) {
        return 0;  // negatives truncate to 0 (-0.5) or saturate to it
    }
    return sf_exp(a) >= 159 ? UINT32_MAX : trunc_mag(a);
}

// u = u * 2^0 = u * 2^(156 - 156): exponent 156 in sf.h's scale.
float __floatunsisf(uint32_t u) {
    return sf_float(sf_round_pack(0, 156, u));
}

float __floatsisf(int32_t i) {
    uint32_t m = i < 0 ? 0u - (uint32_t)i : (uint32_t)i;
    return sf_float(sf_round_pack(i < 0 ? SF_SIGN : 0, 156, m));
}
