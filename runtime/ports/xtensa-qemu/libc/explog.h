// SPDX-License-Identifier: MIT
// explog.h: the fixed-point kernels of libc/'s powf, expf and logf families.
#ifndef XQ_EXPLOG_H
#define XQ_EXPLOG_H

#include <stdint.h>

// A real number (-1)^neg * m * 2^e; m is normalised (bit 63 set) unless it is 0.
typedef struct {
    uint64_t m;
    int e;
    int neg;
} explog_num_t;

// Constants as explog numbers (explog.c gives their digits).
extern const explog_num_t explog_ln2, explog_inv_ln2, explog_log10_2;

// 2^62 / k!, rounded, for k = 0..18 (Taylor coefficients, shared with trigf.c).
extern const uint64_t explog_inv_factorial[19];

// 2^62 / (2k + 1), rounded, for k = 0..12 (atanh and atan series, shared with atanf.c).
extern const uint64_t explog_inv_odd[13];

// a / b for b != 0, to about 2^-62 relative.
void explog_div(const explog_num_t *a, const explog_num_t *b, explog_num_t *out);

// A finite float (its bits) as an explog number, exactly.
void explog_from_float(uint32_t x, explog_num_t *out);

// log2 of a positive, finite, nonzero float (its bits), to about 2^-55 relative.
void explog_log2(uint32_t x, explog_num_t *out);

// log2 of any positive number, to about 2^-60 absolute or 2^-58 relative.
void explog_log2_num(const explog_num_t *x, explog_num_t *out);

// 2^t for t = tf * 2^-54, |t| < 2^9, to about 2^-54 relative.
void explog_exp2_num(int64_t tf, explog_num_t *out);

// a + b, and the square root of a >= 0, to about 2^-62 relative (a sum that cancels
// keeps the absolute precision of its larger operand).
void explog_add(const explog_num_t *a, const explog_num_t *b, explog_num_t *out);
void explog_sqrt(const explog_num_t *a, explog_num_t *out);

// 2^t rounded to float bits (with an overflow to infinity, an underflow to a denormal
// or zero), for t = tf * 2^-54 with |t| < 2^9; about 2^-54 relative before rounding.
uint32_t explog_exp2(int64_t tf, uint32_t sign);

// a * b, to about 2^-62 relative (the low bits are dropped).
void explog_mul(const explog_num_t *a, const explog_num_t *b, explog_num_t *out);

// t as the Q54 fixed point explog_exp2 takes; 0 (*range set to 1 or -1) when
// |t| >= 2^9, where 2^t certainly overflows or underflows a float.
int64_t explog_to_q54(const explog_num_t *t, int *range);

// The number as float bits, rounded (its low bits act as sticky).
uint32_t explog_to_float(const explog_num_t *a);

#endif // XQ_EXPLOG_H
