// SPDX-License-Identifier: MIT
// expf.c: e^x and 2^x through explog.c's exp2 kernel, correctly rounded but for
// values within about 2^-54 of a rounding boundary.
#include <math.h>
#include <stddef.h>

#include "runtime/ports/xtensa-qemu/libc/explog.h"
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

// 2^(x * scale), scale NULL for 1: NaN stays NaN, +inf gives inf, -inf gives 0.
static float exp2_scaled(float fx, const explog_num_t *scale) {
    uint32_t x = sf_bits(fx);
    if (sf_is_nan(x)) {
        return sf_float(x | SF_QUIET);
    }
    if ((x & ~SF_SIGN) == SF_INF) {
        return sf_float((x & SF_SIGN) ? 0 : SF_INF);
    }
    explog_num_t t;
    explog_from_float(x, &t);
    if (scale != NULL) {
        explog_mul(&t, scale, &t);
    }
    int range;
    int64_t tf = explog_to_q54(&t, &range);
    if (range != 0) {
        return sf_float(range > 0 ? SF_INF : 0);
    }
    return sf_float(explog_exp2(tf, 0));
}

float exp2f(float x) {
    return exp2_scaled(x, NULL);
}

float expf(float x) {
    return exp2_scaled(x, &explog_inv_ln2);  // e^x = 2^(x / ln 2)
}
