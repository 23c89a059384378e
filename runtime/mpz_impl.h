// SPDX-License-Identifier: MIT
// mpz_impl.h: digit-level helpers shared by mpz.c and mpz_str.c (not for other users).
#ifndef RUNTIME_MPZ_IMPL_H
#define RUNTIME_MPZ_IMPL_H

#include "runtime/mpz.h"

// n digits from al (n == 0 allocates one), or NULL; zalloc zeroes them.
mpz_dig_t *mpz_dig_alloc(const mpz_alloc_t *al, size_t n);
mpz_dig_t *mpz_dig_zalloc(const mpz_alloc_t *al, size_t n);
void mpz_dig_free(const mpz_alloc_t *al, mpz_dig_t *p, size_t n);
// The length of d[0..n) without its leading zero digits.
size_t mpz_normalise(const mpz_dig_t *d, size_t n);
// Hands the block t (capacity cap, first len digits meaningful) to r as its value.
mpz_err_t mpz_install(const mpz_alloc_t *al, mpz_t *r, mpz_dig_t *t, size_t cap, size_t len,
                      bool neg);
int mpz_cmp_mag(const mpz_dig_t *a, size_t na, const mpz_dig_t *b, size_t nb);
void mpz_mag_sub(mpz_dig_t *r, const mpz_dig_t *a, size_t na, const mpz_dig_t *b, size_t nb);
void mpz_mag_mul(mpz_dig_t *r, const mpz_dig_t *a, size_t na, const mpz_dig_t *b, size_t nb);
// d = d * m + add over n digits (room for n + 1); m, add < 2^16. Returns the new length.
size_t mpz_mag_mul_add_small(mpz_dig_t *d, size_t n, mpz_ddig_t m, mpz_ddig_t add);
// q = d / div over n digits (q may be d), 0 < div < 2^16; returns the remainder.
mpz_ddig_t mpz_mag_div_small(mpz_dig_t *q, const mpz_dig_t *d, size_t n, mpz_ddig_t div);

#endif // RUNTIME_MPZ_IMPL_H
