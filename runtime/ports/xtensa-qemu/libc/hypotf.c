// SPDX-License-Identifier: MIT
// hypotf.c: sqrt(x*x + y*y), correctly rounded and without intermediate overflow.
#include <math.h>

#include "runtime/ports/xtensa-qemu/libgcc/sf.h"
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

/*
 * With |x| >= |y|, x = mx * 2^(ex - 150) and y likewise, the squares are exact 48-bit
 * integers. S = mx^2 * 2^14 + my^2 * 2^(14 - 2d), d = ex - ey, the second term shifted
 * with sticky, lies in [2^60, 2^63); sqrt(x^2 + y^2) = sqrt(S) * 2^(ex - 157), and the
 * integer root of S with the lost bits as sticky rounds as the exact value would
 * (S's floor root is that of the exact sum: see sqrtf.c for the packing).
 */
float hypotf(float fx, float fy) {
    uint32_t x = sf_bits(fx) & ~SF_SIGN, y = sf_bits(fy) & ~SF_SIGN;
    // An infinity wins even over a quiet NaN (C99 F.9.4.3), not over a signalling one.
    int signalling = (sf_is_nan(x) && !(x & SF_QUIET)) || (sf_is_nan(y) && !(y & SF_QUIET));
    if ((x == SF_INF || y == SF_INF) && !signalling) {
        return sf_float(SF_INF);
    }
    if (sf_is_nan(x) || sf_is_nan(y)) {
        return sf_float(sf_nan2(x, y));
    }
    if (x < y) {
        uint32_t t = x;
        x = y;
        y = t;
    }
    if (y == 0) {
        return sf_float(x);
    }
    uint32_t mx, my;
    int ex, ey;
    sf_unpack_norm(x, &mx, &ex);
    sf_unpack_norm(y, &my, &ey);
    int shift = 2 * (ex - ey) - 14;  // right shift of my^2 (negative: left)
    uint64_t a = wide_mul32(mx, mx) << 14, b = wide_mul32(my, my);
    int lost = 0;
    if (shift >= 64) {
        lost = 1;
        b = 0;
    } else if (shift > 0) {
        lost = (b & ((1ull << shift) - 1)) != 0;
        b >>= shift;
    } else {
        b <<= -shift;
    }
    int inexact;
    uint32_t r = wide_isqrt64(a + b, &inexact);
    return sf_float(sf_round_pack(0, ex - 1, r | (uint32_t)(inexact | lost)));
}
