// SPDX-License-Identifier: MIT
// math.h: the single-precision math the runtime uses; the lx106 toolchain ships no libm.
#ifndef XQ_LIBC_MATH_H
#define XQ_LIBC_MATH_H

/*
 * Everything here is exact or correctly rounded (powf, expf and logf families:
 * computed to about 2^-54 and rounded once, exact powers exactly), so the results
 * equal the correctly rounded ones bit for bit; tests/ports/xtensa-qemu/mathf.c checks
 * them against glibc (the transcendental ones against its long double functions).
 * The special functions erff, erfcf, tgammaf and lgammaf (specialf.c) are within a
 * float's last bit, not always correctly rounded. Classification and sign functions are GCC builtins,
 * inline or through the port's libgcc/ comparisons.
 */

#define INFINITY (__builtin_inff())
#define NAN (__builtin_nanf(""))
#define HUGE_VALF (__builtin_huge_valf())
#define HUGE_VAL (__builtin_huge_val())

#define isnan(x) __builtin_isnan(x)
#define isinf(x) __builtin_isinf(x)
#define isfinite(x) __builtin_isfinite(x)
#define signbit(x) __builtin_signbit(x)

#define fabsf(x) __builtin_fabsf(x)
#define fabs(x) __builtin_fabs(x)
#define copysignf(x, y) __builtin_copysignf(x, y)

// Rounding to an integral value (mathround.c); roundf rounds halves away from zero,
// rintf and nearbyintf to even (the only rounding mode here).
float floorf(float x);
float ceilf(float x);
float truncf(float x);
float roundf(float x);
float rintf(float x);
float nearbyintf(float x);
float modff(float x, float *ip);

float fmodf(float x, float y);
float sqrtf(float x);
float hypotf(float x, float y);
float powf(float x, float y);
float expf(float x);
float exp2f(float x);
float logf(float x);
float log2f(float x);
float log10f(float x);
float sinf(float x);
float cosf(float x);
float tanf(float x);
float asinf(float x);
float acosf(float x);
float atanf(float x);
float atan2f(float y, float x);
float sinhf(float x);
float coshf(float x);
float tanhf(float x);
float expm1f(float x);
float asinhf(float x);
float acoshf(float x);
float atanhf(float x);

// The special functions (specialf.c).
float erff(float x);
float erfcf(float x);
float tgammaf(float x);
float lgammaf(float x);

// Powers of two (ldexpf.c).
float frexpf(float x, int *exp);
float ldexpf(float x, int exp);
float scalbnf(float x, int exp);

#endif // XQ_LIBC_MATH_H
