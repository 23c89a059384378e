// SPDX-License-Identifier: MIT
// sf_div.c: single-precision division (__divsf3).
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

float __divsf3(float a, float b);

// Special operands: NaN, infinities and zeros.
static uint32_t div_special(uint32_t a, uint32_t b, uint32_t sign) {
    uint32_t ma = a & ~SF_SIGN, mb = b & ~SF_SIGN;
    if (sf_is_nan(a) || sf_is_nan(b)) {
        return sf_nan2(a, b);
    }
    if (ma == SF_INF) {
        return mb == SF_INF ? SF_DEFAULT_NAN : sign | SF_INF;
    }
    if (mb == SF_INF) {
        return sign;
    }
    if (mb == 0) {
        return ma == 0 ? SF_DEFAULT_NAN : sign | SF_INF;
    }
    return sign;  // 0 / finite
}

static uint32_t div_bits(uint32_t a, uint32_t b) {
    uint32_t sign = (a ^ b) & SF_SIGN;
    uint32_t ma = a & ~SF_SIGN, mb = b & ~SF_SIGN;
    if (ma == 0 || mb == 0 || ma >= SF_INF || mb >= SF_INF) {
        return div_special(a, b, sign);
    }
    int ea, eb;
    sf_unpack_norm(a, &ma, &ea);
    sf_unpack_norm(b, &mb, &eb);
    // With ma in [mb, 2 mb), q = ma * 2^30 / mb lies in [2^30, 2^31): 31 quotient bits
    // by restoring division, then the remainder as sticky. a / b = q * 2^(ea-eb-30).
    int exp = ea - eb + 126;
    if (ma < mb) {
        ma <<= 1;
        exp -= 1;
    }
    uint32_t q = 0;
    for (int i = 0; i < 31; i++) {
        q <<= 1;
        if (ma >= mb) {
            ma -= mb;
            q |= 1;
        }
        ma <<= 1;
    }
    return sf_round_pack(sign, exp, q | (ma != 0));
}

float __divsf3(float a, float b) {
    return sf_float(div_bits(sf_bits(a), sf_bits(b)));
}
