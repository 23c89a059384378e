// SPDX-License-Identifier: MIT
// sf_mul.c: single-precision multiplication (__mulsf3).
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

float __mulsf3(float a, float b);

static uint32_t mul_bits(uint32_t a, uint32_t b) {
    uint32_t sign = (a ^ b) & SF_SIGN;
    if (sf_is_nan(a) || sf_is_nan(b)) {
        return sf_nan2(a, b);
    }
    uint32_t ma = a & ~SF_SIGN, mb = b & ~SF_SIGN;
    if (ma == SF_INF || mb == SF_INF) {
        return ma == 0 || mb == 0 ? SF_DEFAULT_NAN : sign | SF_INF;  // 0 * inf is invalid
    }
    if (ma == 0 || mb == 0) {
        return sign;
    }
    int ea, eb;
    sf_unpack_norm(a, &ma, &ea);
    sf_unpack_norm(b, &mb, &eb);
    // Two 24-bit significands give 47 or 48 bits; keep the top 32 with sticky.
    // value = p * 2^(ea + eb - 300) = (p >> 16) * 2^(ea + eb - 284).
    uint64_t p = wide_mul32(ma, mb);
    uint32_t sig = (uint32_t)(p >> 16) | ((p & 0xffff) != 0);
    return sf_round_pack(sign, ea + eb - 128, sig);
}

float __mulsf3(float a, float b) {
    return sf_float(mul_bits(sf_bits(a), sf_bits(b)));
}
