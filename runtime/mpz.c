// SPDX-License-Identifier: MIT
// mpz.c: arbitrary-precision integers (stub: in progress).
#include "runtime/mpz.h"

void mpz_init(mpz_t *z) {
    
}

void mpz_init_fixed(mpz_t *z, mpz_dig_t *buf, size_t cap) {
    
}

void mpz_clear(const mpz_alloc_t *al, mpz_t *z) {
    
}

mpz_err_t mpz_set(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_set_int64(const mpz_alloc_t *al, mpz_t *r, int64_t v) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_set_uint64(const mpz_alloc_t *al, mpz_t *r, uint64_t v) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_to_int64(const mpz_t *a, int64_t *out) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_to_uint64(const mpz_t *a, uint64_t *out) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_set_double(const mpz_alloc_t *al, mpz_t *r, double d) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_to_double(const mpz_t *a, double *out) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_set_str(const mpz_alloc_t *al, mpz_t *r, const char *text, size_t len, int base) {
    return MPZ_ERR_NOMEM;
}

size_t mpz_str_size(const mpz_t *a, int base, unsigned flags) {
    return 0;
}

mpz_err_t mpz_to_str(const mpz_alloc_t *al, const mpz_t *a, int base, unsigned flags, char *buf, size_t size, size_t *len) {
    return MPZ_ERR_NOMEM;
}

int mpz_cmp(const mpz_t *a, const mpz_t *b) {
    return 0;
}

int mpz_cmp_int64(const mpz_t *a, int64_t v) {
    return 0;
}

size_t mpz_bit_length(const mpz_t *a) {
    return 0;
}

uint64_t mpz_hash(const mpz_t *a) {
    return 0;
}

mpz_err_t mpz_neg(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_abs(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_add(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_sub(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_mul(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_divmod(const mpz_alloc_t *al, mpz_t *q, mpz_t *m, const mpz_t *a, const mpz_t *b) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_floordiv(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_mod(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_pow(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *e) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_powmod(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *e, const mpz_t *m) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_shl(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, size_t n) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_shr(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, size_t n) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_and(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_or(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_xor(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_invert(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_from_bytes(const mpz_alloc_t *al, mpz_t *r, const uint8_t *buf, size_t n, bool big_endian, bool is_signed) {
    return MPZ_ERR_NOMEM;
}

mpz_err_t mpz_to_bytes(const mpz_t *a, uint8_t *buf, size_t n, bool big_endian, bool is_signed) {
    return MPZ_ERR_NOMEM;
}

const mpz_alloc_t mpz_malloc = {0};
