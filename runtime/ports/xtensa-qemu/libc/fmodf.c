// SPDX-License-Identifier: MIT
// fmodf.c: the exact floating-point remainder, x - n*y with n = trunc(x / y).
#include <math.h>

#include "runtime/ports/xtensa-qemu/libgcc/sf.h"

// Long division of the significands, one exponent step at a time, keeping only the
// remainder: it stays below 2*my < 2^25 and is exact, so packing it rounds nothing.
float fmodf(float fx, float fy) {
    uint32_t x = sf_bits(fx), y = sf_bits(fy);
    uint32_t sign = x & SF_SIGN, ax = x & ~SF_SIGN, ay = y & ~SF_SIGN;
    if (sf_is_nan(x) || sf_is_nan(y)) {
        return sf_float(sf_nan2(x, y));
    }
    if (ax == SF_INF || ay == 0) {
        return sf_float(SF_DEFAULT_NAN);
    }
    if (ax < ay) {  // includes y infinite and x zero
        return fx;
    }
    uint32_t mx, my;
    int ex, ey;
    sf_unpack_norm(x, &mx, &ex);
    sf_unpack_norm(y, &my, &ey);
    for (; ex > ey; ex--) {
        if (mx >= my) {
            mx -= my;
        }
        mx <<= 1;
    }
    if (mx >= my) {
        mx -= my;
    }
    // value = mx * 2^(ey - 150) = (mx << 7) * 2^((ey - 1) - 156)
    return sf_float(sf_round_pack(sign, ey - 1, mx << 7));
}
