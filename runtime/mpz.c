// SPDX-License-Identifier: MIT
// mpz.c: arbitrary-precision integers: storage, arithmetic, division, powers and bit operations.
#include <limits.h>
#include <string.h>
#if __STDC_HOSTED__
#include <stdlib.h>
#endif

#include "runtime/mpz.h"
#include "runtime/mpz_impl.h"

#define DIG_MASK 0xffffu
#define DIG_BASE 0x10000u

// ---- storage ----------------------------------------------------------------------------

#if __STDC_HOSTED__
static mpz_dig_t *malloc_alloc(void *ctx, size_t n) {
    (void)ctx;
    return malloc(n * sizeof(mpz_dig_t));
}

static void malloc_free(void *ctx, mpz_dig_t *p, size_t n) {
    (void)ctx;
    (void)n;
    free(p);
}

const mpz_alloc_t mpz_malloc = {malloc_alloc, malloc_free, NULL};
#endif

mpz_dig_t *mpz_dig_alloc(const mpz_alloc_t *al, size_t n) {
    if (n > SIZE_MAX / sizeof(mpz_dig_t) / 2 || n > MPZ_CAP_MAX) {
        return NULL;  // more digits than mpz_t's cap holds: out of memory, as it would be
    }
    return al->alloc(al->ctx, n == 0 ? 1 : n);
}

void mpz_dig_free(const mpz_alloc_t *al, mpz_dig_t *p, size_t n) {
    if (p != NULL) {
        al->free(al->ctx, p, n == 0 ? 1 : n);
    }
}

size_t mpz_normalise(const mpz_dig_t *d, size_t n) {
    while (n > 0 && d[n - 1] == 0) {
        n--;
    }
    return n;
}

// Makes t (capacity cap, len digits, owned by the library) the value of r, freeing r's old
// digits; a fixed r gets a copy instead.
mpz_err_t mpz_install(const mpz_alloc_t *al, mpz_t *r, mpz_dig_t *t, size_t cap, size_t len,
                      bool neg) {
    len = mpz_normalise(t, len);
    if (r->fixed) {
        mpz_err_t err = MPZ_OK;
        if (len > (size_t)r->cap) {
            err = MPZ_ERR_NOMEM;
            len = 0;
        }
        if (len > 0) {
            memmove(r->dig, t, len * sizeof *t);
        }
        mpz_dig_free(al, t, cap);
        r->len = len;
        r->neg = neg && len > 0;
        return err;
    }
    mpz_dig_free(al, r->dig, r->cap);
    r->dig = t;
    r->cap = (uint32_t)cap & MPZ_CAP_MAX;  // cap <= MPZ_CAP_MAX: mpz_dig_alloc's limit
    r->len = len;
    r->neg = neg && len > 0;
    return MPZ_OK;
}

// A fresh block of n digits for a result, zeroed.
mpz_dig_t *mpz_dig_zalloc(const mpz_alloc_t *al, size_t n) {
    mpz_dig_t *t = mpz_dig_alloc(al, n);
    if (t != NULL) {
        memset(t, 0, (n == 0 ? 1 : n) * sizeof *t);
    }
    return t;
}

void mpz_init(mpz_t *z) {
    z->dig = NULL;
    z->len = 0;
    z->cap = 0;
    z->neg = false;
    z->fixed = false;
}

void mpz_init_fixed(mpz_t *z, mpz_dig_t *buf, size_t cap) {
    mpz_init(z);
    z->dig = buf;
    z->cap = (uint32_t)cap & MPZ_CAP_MAX;  // a caller's buffer of a few digits
    z->fixed = true;
}

void mpz_clear(const mpz_alloc_t *al, mpz_t *z) {
    if (!z->fixed) {
        mpz_dig_free(al, z->dig, z->cap);
        z->dig = NULL;
        z->cap = 0;
    }
    z->len = 0;
    z->neg = false;
}

// r = (neg ? -1 : 1) * d[0..n), copying first so that d may be r's own digits.
static mpz_err_t set_mag(const mpz_alloc_t *al, mpz_t *r, const mpz_dig_t *d, size_t n,
                         bool neg) {
    mpz_dig_t *t = mpz_dig_alloc(al, n);
    if (t == NULL) {
        return MPZ_ERR_NOMEM;
    }
    if (n > 0) {
        memcpy(t, d, n * sizeof *t);
    }
    return mpz_install(al, r, t, n, n, neg);
}

mpz_err_t mpz_set(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a) {
    if (r == a) {
        return MPZ_OK;
    }
    return set_mag(al, r, a->dig, a->len, a->neg);
}

// ---- C integers -------------------------------------------------------------------------

static mpz_err_t set_u64(const mpz_alloc_t *al, mpz_t *r, uint64_t v, bool neg) {
    mpz_dig_t d[4];
    size_t n = 0;
    for (; v != 0; v >>= MPZ_DIG_BITS) {
        d[n++] = (mpz_dig_t)(v & DIG_MASK);
    }
    return set_mag(al, r, d, n, neg);
}

mpz_err_t mpz_set_int64(const mpz_alloc_t *al, mpz_t *r, int64_t v) {
    return set_u64(al, r, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
}

mpz_err_t mpz_set_uint64(const mpz_alloc_t *al, mpz_t *r, uint64_t v) {
    return set_u64(al, r, v, false);
}

// |a| as a uint64_t, or false if it needs more than 64 bits.
static bool mag_u64(const mpz_t *a, uint64_t *out) {
    if (a->len > 4) {
        return false;
    }
    uint64_t v = 0;
    for (size_t i = a->len; i-- > 0;) {
        v = v << MPZ_DIG_BITS | a->dig[i];
    }
    *out = v;
    return true;
}

mpz_err_t mpz_to_int64(const mpz_t *a, int64_t *out) {
    uint64_t m;
    if (!mag_u64(a, &m) || m > (uint64_t)INT64_MAX + a->neg) {
        return MPZ_ERR_OVERFLOW;
    }
    *out = a->neg ? (int64_t)(0 - m) : (int64_t)m;
    return MPZ_OK;
}

mpz_err_t mpz_to_uint64(const mpz_t *a, uint64_t *out) {
    uint64_t m;
    if (a->neg || !mag_u64(a, &m)) {
        return MPZ_ERR_OVERFLOW;
    }
    *out = m;
    return MPZ_OK;
}

// ---- doubles ----------------------------------------------------------------------------

// Doubles are taken apart by their bits, so that no libm is needed (MCU ports have
// single-precision libraries only).
#define DBL_FRAC_BITS 52
#define DBL_EXP_MASK 0x7ff

mpz_err_t mpz_set_double(const mpz_alloc_t *al, mpz_t *r, double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    bool neg = bits >> 63;
    int field = (int)(bits >> DBL_FRAC_BITS & DBL_EXP_MASK);
    uint64_t frac = bits & (((uint64_t)1 << DBL_FRAC_BITS) - 1);
    if (field == DBL_EXP_MASK) {
        return frac != 0 ? MPZ_ERR_VALUE : MPZ_ERR_OVERFLOW;  // NaN, inf
    }
    // |d| = m * 2^shift; subnormals and anything below 1 truncate to 0
    int shift = field - 1023 - DBL_FRAC_BITS;
    uint64_t m = frac | (uint64_t)1 << DBL_FRAC_BITS;
    if (field == 0 || shift < -DBL_FRAC_BITS) {
        return set_mag(al, r, NULL, 0, false);
    }
    if (shift <= 0) {
        return set_u64(al, r, m >> -shift, neg);
    }
    mpz_err_t err = set_u64(al, r, m, neg);
    return err != MPZ_OK ? err : mpz_shl(al, r, r, (size_t)shift);
}

static bool dbl_is_inf(double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return (bits << 1) == (uint64_t)DBL_EXP_MASK << (DBL_FRAC_BITS + 1);
}

mpz_err_t mpz_to_double_mp(const mpz_t *a, unsigned dig_bits, double *out) {
    // MicroPython's digit i of dig_bits bits is our digits [i*k, i*k + k), k = dig_bits / 16
    size_t k = dig_bits / MPZ_DIG_BITS;
    double v = 0;
    for (size_t i = (a->len + k - 1) / k; i-- > 0;) {
        uint64_t d = 0;
        for (size_t j = k; j-- > 0;) {
            size_t at = i * k + j;
            d = d << MPZ_DIG_BITS | (at < a->len ? a->dig[at] : 0);
        }
        v = v * (dig_bits == 32 ? 4294967296.0 : 65536.0) + (double)d;
    }
    *out = a->neg ? -v : v;
    return dbl_is_inf(v) ? MPZ_ERR_OVERFLOW : MPZ_OK;
}

mpz_err_t mpz_to_float(const mpz_t *a, float *out) {
    float v = 0;
    for (size_t i = a->len; i-- > 0;) {
        v = v * 65536.0f + (float)a->dig[i];
    }
    *out = a->neg ? -v : v;
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits);
    return (bits << 1) == 0xff000000u ? MPZ_ERR_OVERFLOW : MPZ_OK;
}

mpz_err_t mpz_to_double(const mpz_t *a, double *out) {
    return mpz_to_double_mp(a, MPZ_MP_DIG_BITS, out);
}

// ---- comparison and properties ----------------------------------------------------------

int mpz_cmp_mag(const mpz_dig_t *a, size_t na, const mpz_dig_t *b, size_t nb) {
    if (na != nb) {
        return na < nb ? -1 : 1;
    }
    while (na-- > 0) {
        if (a[na] != b[na]) {
            return a[na] < b[na] ? -1 : 1;
        }
    }
    return 0;
}

int mpz_cmp(const mpz_t *a, const mpz_t *b) {
    if (a->neg != b->neg) {
        return a->neg ? -1 : 1;
    }
    int c = mpz_cmp_mag(a->dig, a->len, b->dig, b->len);
    return a->neg ? -c : c;
}

int mpz_cmp_int64(const mpz_t *a, int64_t v) {
    mpz_dig_t buf[4];
    mpz_t b;
    uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
    mpz_init_fixed(&b, buf, 4);
    for (; m != 0; m >>= MPZ_DIG_BITS) {
        buf[b.len++] = (mpz_dig_t)(m & DIG_MASK);
    }
    b.neg = v < 0;
    return mpz_cmp(a, &b);
}

size_t mpz_bit_length(const mpz_t *a) {
    if (a->len == 0) {
        return 0;
    }
    size_t bits = (a->len - 1) * MPZ_DIG_BITS;
    for (mpz_dig_t top = a->dig[a->len - 1]; top != 0; top >>= 1) {
        bits++;
    }
    return bits;
}

uint64_t mpz_hash(const mpz_t *a) {
    uint64_t v = 0;
    for (size_t i = a->len < 4 ? a->len : 4; i-- > 0;) {
        v = v << MPZ_DIG_BITS | a->dig[i];
    }
    return a->neg ? 0 - v : v;
}

int64_t mpz_hash_small(const mpz_t *a, unsigned small_bits) {
    unsigned keep = small_bits + 1 < 64 ? small_bits + 1 : 64;
    uint64_t h = mpz_hash(a);
    if (keep == 64) {
        return (int64_t)h;
    }
    uint64_t sign = (uint64_t)1 << (keep - 1);
    h &= (sign << 1) - 1;
    return (int64_t)(h ^ sign) - (int64_t)sign;
}

// ---- magnitude arithmetic ---------------------------------------------------------------

// r[0..na] = a + b, na >= nb; returns na + 1 (r may alias a).
static size_t mag_add(mpz_dig_t *r, const mpz_dig_t *a, size_t na, const mpz_dig_t *b, size_t nb) {
    mpz_ddig_t carry = 0;
    for (size_t i = 0; i < na; i++) {
        carry += (mpz_ddig_t)a[i] + (i < nb ? b[i] : 0);
        r[i] = (mpz_dig_t)(carry & DIG_MASK);
        carry >>= MPZ_DIG_BITS;
    }
    r[na] = (mpz_dig_t)carry;
    return na + 1;
}

// r[0..na) = a - b, |a| >= |b| (r may alias a).
void mpz_mag_sub(mpz_dig_t *r, const mpz_dig_t *a, size_t na, const mpz_dig_t *b, size_t nb) {
    int32_t borrow = 0;
    for (size_t i = 0; i < na; i++) {
        int32_t t = (int32_t)a[i] - (i < nb ? b[i] : 0) - borrow;
        borrow = t < 0;
        r[i] = (mpz_dig_t)(t & DIG_MASK);
    }
}

// r[0..na+nb) = a * b; r is zeroed by the caller and aliases neither.
void mpz_mag_mul(mpz_dig_t *r, const mpz_dig_t *a, size_t na, const mpz_dig_t *b, size_t nb) {
    for (size_t i = 0; i < na; i++) {
        mpz_ddig_t carry = 0, ai = a[i];
        if (ai == 0) {
            continue;
        }
        for (size_t j = 0; j < nb; j++) {
            carry += ai * b[j] + r[i + j];
            r[i + j] = (mpz_dig_t)(carry & DIG_MASK);
            carry >>= MPZ_DIG_BITS;
        }
        r[i + nb] = (mpz_dig_t)carry;
    }
}

// d[0..n) = d * m + add; returns the new length (d has room for n + 1 digits).
size_t mpz_mag_mul_add_small(mpz_dig_t *d, size_t n, mpz_ddig_t m, mpz_ddig_t add) {
    mpz_ddig_t carry = add;
    for (size_t i = 0; i < n; i++) {
        carry += d[i] * m;
        d[i] = (mpz_dig_t)(carry & DIG_MASK);
        carry >>= MPZ_DIG_BITS;
    }
    if (carry != 0) {
        d[n++] = (mpz_dig_t)carry;
    }
    return n;
}

// q[0..n) = d / div (q may alias d); returns the remainder.
mpz_ddig_t mpz_mag_div_small(mpz_dig_t *q, const mpz_dig_t *d, size_t n, mpz_ddig_t div) {
    mpz_ddig_t rem = 0;
    for (size_t i = n; i-- > 0;) {
        mpz_ddig_t cur = rem << MPZ_DIG_BITS | d[i];
        q[i] = (mpz_dig_t)(cur / div);
        rem = cur % div;
    }
    return rem;
}

// ---- add, sub, mul ----------------------------------------------------------------------

// r = a + (negate_b ? -b : b).
static mpz_err_t add_signed(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b,
                            bool negate_b) {
    const mpz_dig_t *x = a->dig, *y = b->dig;
    size_t nx = a->len, ny = b->len;
    bool xn = a->neg, yn = b->neg != negate_b;
    if (mpz_cmp_mag(x, nx, y, ny) < 0) {
        const mpz_dig_t *td = x;
        x = y;
        y = td;
        size_t tn = nx;
        nx = ny;
        ny = tn;
        bool ts = xn;
        xn = yn;
        yn = ts;
    }
    // now |x| >= |y|, so the result has x's sign
    mpz_dig_t *t = mpz_dig_alloc(al, nx + 1);
    if (t == NULL) {
        return MPZ_ERR_NOMEM;
    }
    size_t n = nx;
    if (xn == yn) {
        n = mag_add(t, x, nx, y, ny);
    } else {
        mpz_mag_sub(t, x, nx, y, ny);
    }
    return mpz_install(al, r, t, nx + 1, n, xn);
}

mpz_err_t mpz_add(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return add_signed(al, r, a, b, false);
}

mpz_err_t mpz_sub(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return add_signed(al, r, a, b, true);
}

mpz_err_t mpz_mul(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    size_t n = a->len + b->len;
    mpz_dig_t *t = mpz_dig_zalloc(al, n);
    if (t == NULL) {
        return MPZ_ERR_NOMEM;
    }
    if (a->len < b->len) {
        mpz_mag_mul(t, a->dig, a->len, b->dig, b->len);
    } else {
        mpz_mag_mul(t, b->dig, b->len, a->dig, a->len);
    }
    return mpz_install(al, r, t, n, n, a->neg != b->neg);
}

mpz_err_t mpz_neg(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a) {
    mpz_err_t err = mpz_set(al, r, a);
    r->neg = err == MPZ_OK && r->len > 0 && !a->neg;
    return err;
}

mpz_err_t mpz_abs(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a) {
    mpz_err_t err = mpz_set(al, r, a);
    r->neg = false;
    return err;
}

// ---- division ---------------------------------------------------------------------------

// dst[0..n] = src[0..n) << s (0 <= s < 16): dst has one digit more.
static void shl_digits(mpz_dig_t *dst, const mpz_dig_t *src, size_t n, int s) {
    dst[n] = (mpz_dig_t)(s == 0 ? 0 : src[n - 1] >> (16 - s));
    for (size_t i = n; i-- > 0;) {
        mpz_ddig_t w = (mpz_ddig_t)src[i] << s | (i > 0 ? (mpz_ddig_t)src[i - 1] >> (16 - s) : 0);
        dst[i] = (mpz_dig_t)(w & DIG_MASK);
    }
}

// u[0..nb] -= qhat * v[0..nb); if that went below zero, adds v back and returns qhat - 1.
static mpz_ddig_t sub_mul(mpz_dig_t *u, const mpz_dig_t *v, size_t nb, mpz_ddig_t qhat) {
    mpz_ddig_t carry = 0;
    int32_t borrow = 0;
    for (size_t i = 0; i < nb; i++) {
        mpz_ddig_t p = qhat * v[i] + carry;
        carry = p >> MPZ_DIG_BITS;
        int32_t t = (int32_t)u[i] - (int32_t)(p & DIG_MASK) - borrow;
        borrow = t < 0;
        u[i] = (mpz_dig_t)(t & DIG_MASK);
    }
    int32_t t = (int32_t)u[nb] - (int32_t)carry - borrow;
    u[nb] = (mpz_dig_t)(t & DIG_MASK);
    if (t >= 0) {
        return qhat;
    }
    mpz_ddig_t c = 0;
    for (size_t i = 0; i < nb; i++) {
        c += (mpz_ddig_t)u[i] + v[i];
        u[i] = (mpz_dig_t)(c & DIG_MASK);
        c >>= MPZ_DIG_BITS;
    }
    u[nb] = (mpz_dig_t)((u[nb] + c) & DIG_MASK);
    return qhat - 1;
}

// Knuth's algorithm D on magnitudes: q[0..na-nb+1) = a / b, rem[0..nb) = a % b, for
// na >= nb >= 2 and b normalised. u (na + 1 digits) and v (nb + 1) are scratch.
static void mag_divmod(mpz_dig_t *q, mpz_dig_t *rem, const mpz_dig_t *a, size_t na,
                       const mpz_dig_t *b, size_t nb, mpz_dig_t *u, mpz_dig_t *v) {
    // shift both so that the divisor's top bit is set: each estimate is then off by <= 2
    int s = 0;
    for (mpz_dig_t top = b[nb - 1]; !(top & 0x8000); top <<= 1) {
        s++;
    }
    shl_digits(v, b, nb, s);
    shl_digits(u, a, na, s);
    mpz_ddig_t vtop = v[nb - 1], vnext = v[nb - 2];
    for (size_t j = na - nb + 1; j-- > 0;) {
        mpz_ddig_t num = (mpz_ddig_t)u[j + nb] << MPZ_DIG_BITS | u[j + nb - 1];
        uint64_t qhat = num / vtop, rhat = num % vtop;
        while (qhat >= DIG_BASE || qhat * vnext > (rhat << MPZ_DIG_BITS | u[j + nb - 2])) {
            qhat--;
            rhat += vtop;
            if (rhat >= DIG_BASE) {
                break;
            }
        }
        q[j] = (mpz_dig_t)sub_mul(u + j, v, nb, (mpz_ddig_t)qhat);
    }
    for (size_t i = 0; i < nb; i++) {
        mpz_ddig_t w = (mpz_ddig_t)u[i] >> s | ((mpz_ddig_t)u[i + 1] << (16 - s));
        rem[i] = (mpz_dig_t)(s == 0 ? u[i] : w & DIG_MASK);
    }
}

// Truncating division of magnitudes into fresh blocks *qd (na + 1 digits) and *rd (nb).
static mpz_err_t mag_divmod_alloc(const mpz_alloc_t *al, const mpz_t *a, const mpz_t *b,
                                  mpz_dig_t **qd, mpz_dig_t **rd) {
    size_t na = a->len, nb = b->len;
    *qd = mpz_dig_zalloc(al, na + 1);
    *rd = mpz_dig_zalloc(al, nb);
    if (*qd == NULL || *rd == NULL) {
        return MPZ_ERR_NOMEM;
    }
    if (mpz_cmp_mag(a->dig, na, b->dig, nb) < 0) {
        memcpy(*rd, a->dig, na * sizeof **rd);
    } else if (nb == 1) {
        (*rd)[0] = (mpz_dig_t)mpz_mag_div_small(*qd, a->dig, na, b->dig[0]);
    } else {
        mpz_dig_t *u = mpz_dig_alloc(al, na + nb + 2);
        if (u == NULL) {
            return MPZ_ERR_NOMEM;
        }
        mag_divmod(*qd, *rd, a->dig, na, b->dig, nb, u, u + na + 1);
        mpz_dig_free(al, u, na + nb + 2);
    }
    return MPZ_OK;
}

mpz_err_t mpz_divmod(const mpz_alloc_t *al, mpz_t *q, mpz_t *m, const mpz_t *a, const mpz_t *b) {
    if (b->len == 0) {
        return MPZ_ERR_ZERODIV;
    }
    size_t na = a->len, nb = b->len;
    bool bneg = b->neg;
    mpz_dig_t *qd, *rd;
    mpz_err_t err = mag_divmod_alloc(al, a, b, &qd, &rd);
    if (err != MPZ_OK) {
        mpz_dig_free(al, qd, na + 1);
        mpz_dig_free(al, rd, nb);
        return err;
    }
    bool rem_nonzero = mpz_normalise(rd, nb) > 0;
    bool diff = a->neg != b->neg;
    if (diff && rem_nonzero) {
        // floor: q = -(|q| + 1), m = b - r carries b's sign
        mpz_mag_mul_add_small(qd, na, 1, 1);
        mpz_mag_sub(rd, b->dig, nb, rd, nb);
    }
    // b is read for the last time above, so q or m may alias it
    if (q != NULL) {
        err = mpz_install(al, q, qd, na + 1, na + 1, diff);
    } else {
        mpz_dig_free(al, qd, na + 1);
    }
    mpz_err_t err2 = MPZ_OK;
    if (m != NULL) {
        err2 = mpz_install(al, m, rd, nb, nb, bneg);
    } else {
        mpz_dig_free(al, rd, nb);
    }
    return err != MPZ_OK ? err : err2;
}

mpz_err_t mpz_floordiv(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return mpz_divmod(al, r, NULL, a, b);
}

mpz_err_t mpz_mod(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return mpz_divmod(al, NULL, r, a, b);
}

// ---- powers -----------------------------------------------------------------------------

// Whether bit i of |a| is set.
static bool bit_at(const mpz_t *a, size_t i) {
    return i / MPZ_DIG_BITS < a->len && (a->dig[i / MPZ_DIG_BITS] >> (i % MPZ_DIG_BITS) & 1);
}

mpz_err_t mpz_pow(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *e) {
    if (e->neg) {
        return MPZ_ERR_NEGATIVE;
    }
    size_t ebits = mpz_bit_length(e), abits = mpz_bit_length(a);
    if (ebits == 0 || abits <= 1) {
        // a**0 == 1; 0, 1 and -1 keep their magnitude for any exponent
        bool one = ebits == 0 || abits == 1;
        mpz_dig_t d = 1;
        return set_mag(al, r, &d, one ? 1 : 0, one && a->neg && bit_at(e, 0));
    }
    uint64_t en;
    if (mpz_to_uint64(e, &en) != MPZ_OK || en > SIZE_MAX / abits) {
        return MPZ_ERR_NOMEM;  // the result would not fit in memory anyway
    }
    mpz_t acc, base;
    mpz_init(&acc);
    mpz_init(&base);
    mpz_err_t err = mpz_set_int64(al, &acc, 1);
    if (err == MPZ_OK) {
        err = mpz_set(al, &base, a);
    }
    for (size_t i = ebits; err == MPZ_OK && i-- > 0;) {
        err = mpz_mul(al, &acc, &acc, &acc);
        if (err == MPZ_OK && bit_at(e, i)) {
            err = mpz_mul(al, &acc, &acc, &base);
        }
    }
    if (err == MPZ_OK) {
        err = mpz_set(al, r, &acc);
    }
    mpz_clear(al, &acc);
    mpz_clear(al, &base);
    return err;
}

mpz_err_t mpz_powmod(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *e,
                     const mpz_t *m) {
    if (m->len == 0) {
        return MPZ_ERR_VALUE;
    }
    if (a->len == 0 || e->neg || (m->len == 1 && m->dig[0] == 1)) {
        return set_mag(al, r, NULL, 0, false);
    }
    mpz_t acc, base;
    mpz_init(&acc);
    mpz_init(&base);
    mpz_err_t err = mpz_set_int64(al, &acc, 1);
    if (err == MPZ_OK) {
        err = mpz_set(al, &base, a);
    }
    // right to left over e's bits, reducing (floor, so in m's sign) after each product
    size_t ebits = mpz_bit_length(e);
    for (size_t i = 0; err == MPZ_OK && i < ebits; i++) {
        if (bit_at(e, i)) {
            err = mpz_mul(al, &acc, &acc, &base);
            if (err == MPZ_OK) {
                err = mpz_mod(al, &acc, &acc, m);
            }
        }
        if (err == MPZ_OK && i + 1 < ebits) {
            err = mpz_mul(al, &base, &base, &base);
            if (err == MPZ_OK) {
                err = mpz_mod(al, &base, &base, m);
            }
        }
    }
    if (err == MPZ_OK) {
        err = mpz_set(al, r, &acc);
    }
    mpz_clear(al, &acc);
    mpz_clear(al, &base);
    return err;
}

// ---- shifts -----------------------------------------------------------------------------

mpz_err_t mpz_shl(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, size_t n) {
    if (a->len == 0) {
        return set_mag(al, r, NULL, 0, false);
    }
    size_t whole = n / MPZ_DIG_BITS, part = n % MPZ_DIG_BITS;
    if (whole > SIZE_MAX / 4 - a->len) {
        return MPZ_ERR_NOMEM;
    }
    size_t len = a->len + whole + 1;
    mpz_dig_t *t = mpz_dig_zalloc(al, len);
    if (t == NULL) {
        return MPZ_ERR_NOMEM;
    }
    for (size_t i = 0; i < a->len; i++) {
        mpz_ddig_t w = (mpz_ddig_t)a->dig[i] << part;
        t[i + whole] |= (mpz_dig_t)(w & DIG_MASK);
        t[i + whole + 1] = (mpz_dig_t)(w >> MPZ_DIG_BITS);
    }
    return mpz_install(al, r, t, len, len, a->neg);
}

mpz_err_t mpz_shr(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, size_t n) {
    size_t whole = n / MPZ_DIG_BITS, part = n % MPZ_DIG_BITS;
    if (whole >= a->len) {
        // everything shifted out: 0, or -1 for a negative number (floor)
        mpz_dig_t one = 1;
        return set_mag(al, r, &one, a->neg ? 1 : 0, a->neg);
    }
    size_t len = a->len - whole + 1;
    mpz_dig_t *t = mpz_dig_zalloc(al, len);
    if (t == NULL) {
        return MPZ_ERR_NOMEM;
    }
    bool lost = (a->dig[whole] & ((1u << part) - 1)) != 0;
    for (size_t i = 0; i < whole && !lost; i++) {
        lost = a->dig[i] != 0;
    }
    for (size_t i = whole; i < a->len; i++) {
        mpz_ddig_t w = a->dig[i] | (i + 1 < a->len ? (mpz_ddig_t)a->dig[i + 1] << MPZ_DIG_BITS : 0);
        t[i - whole] = (mpz_dig_t)((w >> part) & DIG_MASK);
    }
    if (a->neg && lost) {
        // floor for negatives: -(|a| >> n) - 1 when bits were lost
        mpz_mag_mul_add_small(t, len - 1, 1, 1);
    }
    return mpz_install(al, r, t, len, len, a->neg);
}

// ---- bitwise operators on the two's-complement form -------------------------------------

enum { OP_AND, OP_OR, OP_XOR };

// Digit i of the infinite two's-complement form of (neg ? -d : d); *carry starts at 1.
static mpz_dig_t twos_digit(const mpz_dig_t *d, size_t n, size_t i, bool neg, mpz_ddig_t *carry) {
    mpz_dig_t x = i < n ? d[i] : 0;
    if (!neg) {
        return x;
    }
    mpz_ddig_t v = (mpz_ddig_t)(mpz_dig_t)~x + *carry;
    *carry = v >> MPZ_DIG_BITS;
    return (mpz_dig_t)(v & DIG_MASK);
}

static mpz_err_t bitwise(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b, int op) {
    bool rneg = op == OP_AND ? (a->neg && b->neg)
              : op == OP_OR ? (a->neg || b->neg) : (a->neg != b->neg);
    size_t len = (a->len > b->len ? a->len : b->len) + 1;
    mpz_dig_t *t = mpz_dig_alloc(al, len);
    if (t == NULL) {
        return MPZ_ERR_NOMEM;
    }
    mpz_ddig_t ca = 1, cb = 1, cr = 1;
    for (size_t i = 0; i < len; i++) {
        mpz_dig_t x = twos_digit(a->dig, a->len, i, a->neg, &ca);
        mpz_dig_t y = twos_digit(b->dig, b->len, i, b->neg, &cb);
        mpz_dig_t z = op == OP_AND ? x & y : op == OP_OR ? x | y : x ^ y;
        // back to sign + magnitude: a negative result's magnitude is ~z + 1
        t[i] = rneg ? twos_digit(&z, 1, 0, true, &cr) : z;
    }
    return mpz_install(al, r, t, len, len, rneg);
}

mpz_err_t mpz_and(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return bitwise(al, r, a, b, OP_AND);
}

mpz_err_t mpz_or(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return bitwise(al, r, a, b, OP_OR);
}

mpz_err_t mpz_xor(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b) {
    return bitwise(al, r, a, b, OP_XOR);
}

mpz_err_t mpz_invert(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a) {
    // ~a == -a - 1 == -(a + 1)
    mpz_dig_t one = 1;
    mpz_t b;
    mpz_init_fixed(&b, &one, 1);
    b.len = 1;
    mpz_err_t err = mpz_add(al, r, a, &b);
    if (err == MPZ_OK) {
        r->neg = r->len > 0 && !r->neg;
    }
    return err;
}

// ---- bytes ------------------------------------------------------------------------------

mpz_err_t mpz_from_bytes(const mpz_alloc_t *al, mpz_t *r, const uint8_t *buf, size_t n,
                         bool big_endian, bool is_signed) {
    size_t len = (n + 1) / 2;
    mpz_dig_t *t = mpz_dig_zalloc(al, len);
    if (t == NULL) {
        return MPZ_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t byte = buf[big_endian ? n - 1 - i : i];
        t[i / 2] |= (mpz_dig_t)(byte << (8 * (i % 2)));
    }
    bool neg = is_signed && n > 0 && (buf[big_endian ? 0 : n - 1] & 0x80);
    if (neg) {
        // the magnitude of a negative two's-complement number is ~t + 1 (within n bytes)
        mpz_ddig_t carry = 1;
        for (size_t i = 0; i < len; i++) {
            mpz_dig_t mask = (i == len - 1 && n % 2) ? 0xff : DIG_MASK;
            mpz_ddig_t v = (mpz_ddig_t)((mpz_dig_t)~t[i] & mask) + carry;
            t[i] = (mpz_dig_t)(v & mask);
            carry = v > mask;
        }
    }
    return mpz_install(al, r, t, len, len, neg);
}

// Byte i of the two's-complement form of a, for i = 0, 1, 2, ... in order.
static uint8_t next_byte(const mpz_t *a, size_t i, mpz_ddig_t *carry, mpz_dig_t *d) {
    if (i % 2 == 0) {
        *d = twos_digit(a->dig, a->len, i / 2, a->neg, carry);
    }
    return (uint8_t)(*d >> (8 * (i % 2)));
}

mpz_err_t mpz_to_bytes(const mpz_t *a, uint8_t *buf, size_t n, bool big_endian, bool is_signed) {
    (void)is_signed;  // MicroPython's check ignores it (see the header)
    return mpz_to_bytes_mp(a, buf, n, big_endian, MPZ_MP_DIG_BITS);
}

mpz_err_t mpz_to_bytes_mp(const mpz_t *a, uint8_t *buf, size_t n, bool big_endian,
                          unsigned dig_bits) {
    mpz_ddig_t carry = 1;
    mpz_dig_t d = 0;
    size_t i = 0;
    for (; i < n; i++) {
        buf[big_endian ? n - 1 - i : i] = next_byte(a, i, &carry, &d);
    }
    // the bytes of MicroPython's digits that did not fit must all be zero
    size_t per = dig_bits / 8, nbytes = (2 * a->len + per - 1) / per * per;
    for (; i < nbytes; i++) {
        if (next_byte(a, i, &carry, &d) != 0) {
            return MPZ_ERR_OVERFLOW;
        }
    }
    return MPZ_OK;
}

mpz_err_t mpz_int_to_bytes(int64_t v, uint8_t *buf, size_t n, bool big_endian) {
    uint64_t u = (uint64_t)v;
    for (size_t i = 0; i < n; i++) {
        buf[big_endian ? n - 1 - i : i] = (uint8_t)(i < 8 ? u >> (8 * i) : (v < 0 ? 0xff : 0));
    }
    if (n >= 8) {
        return MPZ_OK;
    }
    // fits when -2^(8n-1) <= v < 2^(8n)
    int64_t lo = n == 0 ? 0 : -((int64_t)1 << (8 * n - 1));
    return v >= lo && (v < 0 || (uint64_t)v < ((uint64_t)1 << (8 * n))) ? MPZ_OK : MPZ_ERR_OVERFLOW;
}
