// SPDX-License-Identifier: MIT
// logf.c: natural, binary and decimal logarithms through explog.c's log2 kernel,
// correctly rounded but for values within about 2^-54 of a rounding boundary.
#include <math.h>
#include <stddef.h>

#include "runtime/ports/xtensa-qemu/libc/explog.h"
#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

// log2(x) * scale (scale NULL for 1), with C99's special cases: log(+-0) = -inf,
// log(x < 0) = NaN, log(+inf) = inf, log(1) = +0.
static float log2_scaled(float fx, const explog_num_t *scale) {
    uint32_t x = sf_bits(fx);
    if (sf_is_nan(x)) {
        return sf_float(x | SF_QUIET);
    }
    if ((x & ~SF_SIGN) == 0) {
        return sf_float(SF_SIGN | SF_INF);
    }
    if (x & SF_SIGN) {
        return sf_float(SF_DEFAULT_NAN);
    }
    if (x == SF_INF) {
        return fx;
    }
    explog_num_t l;
    explog_log2(x, &l);
    if (scale != NULL) {
        explog_mul(&l, scale, &l);
    }
    return sf_float(explog_to_float(&l));
}

float log2f(float x) {
    return log2_scaled(x, NULL);
}

float logf(float x) {
    return log2_scaled(x, &explog_ln2);
}

float log10f(float x) {
    return log2_scaled(x, &explog_log10_2);
}
