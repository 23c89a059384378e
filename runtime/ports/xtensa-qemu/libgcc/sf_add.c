// SPDX-License-Identifier: MIT
// sf_add.c: single-precision addition and subtraction (__addsf3, __subsf3).
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

float __addsf3(float a, float b);
float __subsf3(float a, float b);

// Significand with 7 rounding bits (hidden bit at 30) and its exponent in sf.h's
// scale; a denormal keeps exponent 0 and no hidden bit, which aligns it exactly.
static uint32_t unpack_sig(uint32_t a, int *exp) {
    int e = sf_exp(a);
    uint32_t frac = a & SF_FRAC_MASK;
    *exp = e == 0 ? 0 : e - 1;
    return (e == 0 ? frac : frac | SF_HIDDEN) << 7;
}

// a + b for a and b not NaN or infinite. The smaller operand is shifted with sticky:
// 7 rounding bits are enough, since a subtraction that cancels many bits comes from
// close exponents, where the shift loses nothing.
static uint32_t add_finite(uint32_t a, uint32_t b) {
    int ea, eb;
    uint32_t sa = unpack_sig(a, &ea), sb = unpack_sig(b, &eb);
    uint32_t sign = a & SF_SIGN;
    if (ea < eb || (ea == eb && sa < sb)) {
        uint32_t ts = sa;
        int te = ea;
        sa = sb;
        ea = eb;
        sb = ts;
        eb = te;
        sign = b & SF_SIGN;
    }
    sb = sf_shift_right_jam(sb, ea - eb);
    if (((a ^ b) & SF_SIGN) == 0) {
        return sf_round_pack(sign, ea, sa + sb);
    }
    if (sa == sb) {
        return 0;  // x - x is +0 when rounding to nearest
    }
    return sf_round_pack(sign, ea, sa - sb);
}

static uint32_t add_bits(uint32_t a, uint32_t b) {
    if (sf_is_nan(a) || sf_is_nan(b)) {
        return sf_nan2(a, b);
    }
    if ((a & SF_EXP_MASK) == SF_EXP_MASK) {
        // inf + -inf is invalid; inf + anything else is that inf.
        return (b & ~SF_SIGN) == SF_INF && ((a ^ b) & SF_SIGN) ? SF_DEFAULT_NAN : a;
    }
    if ((b & SF_EXP_MASK) == SF_EXP_MASK) {
        return b;
    }
    if (((a | b) & ~SF_SIGN) == 0) {
        return a & b;  // zeros: -0 only when both are -0
    }
    return add_finite(a, b);
}

float __addsf3(float a, float b) {
    return sf_float(add_bits(sf_bits(a), sf_bits(b)));
}

float __subsf3(float a, float b) {
    uint32_t nb = sf_bits(b);
    // Flipping the sign of a NaN would show in the result's payload; keep it.
    return sf_float(add_bits(sf_bits(a), sf_is_nan(nb) ? nb : nb ^ SF_SIGN));
}
