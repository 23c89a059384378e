// SPDX-License-Identifier: MIT
// sqrtf.c: the correctly rounded square root.
#include <math.h>

#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

/*
 * x = m * 2^t with m's top bit at 23. Shifting m left by s = 37 or 38, whichever
 * makes t - s even, puts it in [2^60, 2^62), so its root has its top bit at 30:
 * sf.h's rounding form, with the remainder as sticky. sqrt(x) = r * 2^((t - s) / 2).
 */
float sqrtf(float fx) {
    uint32_t x = sf_bits(fx);
    if (sf_is_nan(x)) {
        return sf_float(x | SF_QUIET);
    }
    if ((x & ~SF_SIGN) == 0 || x == SF_INF) {
        return fx;  // +-0 and +inf are their own roots
    }
    if (x & SF_SIGN) {
        return sf_float(SF_DEFAULT_NAN);
    }
    uint32_t m;
    int e;
    sf_unpack_norm(x, &m, &e);
    int t = e - 150;
    int s = (t & 1) ? 37 : 38;  // t - s even (t odd: 37)
    int inexact;
    uint32_t r = wide_isqrt64((uint64_t)m << s, &inexact);
    return sf_float(sf_round_pack(0, (t - s) / 2 + 156, r | (uint32_t)inexact));
}
