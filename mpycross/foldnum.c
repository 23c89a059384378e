// SPDX-License-Identifier: MIT
// foldnum.c: numbers of constant folding, with MicroPython's int and float semantics.
#include "mpycross/foldnum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/opcodes.h"

#define AL (&mpz_malloc)

void foldnum_int(foldnum_t *n, int64_t v) {
    memset(n, 0, sizeof(*n));
    n->i = v;
}

void foldnum_float(foldnum_t *n, double f) {
    memset(n, 0, sizeof(*n));
    n->is_float = true;
    n->f = f;
}

void foldnum_clear(foldnum_t *n) {
    if (n->big) {
        mpz_clear(AL, &n->z);
    }
    memset(n, 0, sizeof(*n));
}

// Back to an int64 when the value fits.
static void normalise(foldnum_t *n) {
    int64_t v;
    if (n->big && mpz_to_int64(&n->z, &v) == MPZ_OK) {
        mpz_clear(AL, &n->z);
        n->big = false;
        n->i = v;
    }
}

bool foldnum_from_dec(foldnum_t *n, const char *s, size_t len) {
    memset(n, 0, sizeof(*n));
    mpz_init(&n->z);
    n->big = true;
    if (mpz_set_str(AL, &n->z, s, len, 10, MPZ_STR_ANY_UNDERSCORE, NULL) != MPZ_OK) {
        foldnum_clear(n);
        return false;
    }
    normalise(n);
    return true;
}

bool foldnum_get_int64(const foldnum_t *n, int64_t *v) {
    if (n->is_float || n->big) {
        return false;
    }
    *v = n->i;
    return true;
}

char *foldnum_big_text(const foldnum_t *n, size_t *len) {
    size_t size = mpz_str_size(&n->z, 10, 0);
    char *buf = malloc(size);
    if (buf != NULL && mpz_to_str(AL, &n->z, 10, 0, buf, size, len) != MPZ_OK) {
        free(buf);
        buf = NULL;
    }
    return buf;
}

// int -> float as MicroPython does it: a C conversion for small ints (63-bit
// on the reference's host), else base-2^16 digits accumulated in a double.
static double digits_to_double(const mpz_dig_t *dig, size_t len, bool neg) {
    double v = 0;
    for (size_t i = len; i > 0; i--) {
        v = v * 65536.0 + dig[i - 1];
    }
    return neg ? -v : v;
}

static double to_double(const foldnum_t *n) {
    if (n->is_float) {
        return n->f;
    }
    if (n->big) {
        return digits_to_double(n->z.dig, n->z.len, n->z.neg);
    }
    int64_t v = n->i;
    int64_t lim = (int64_t)1 << 62;
    if (v >= -lim && v < lim) {
        return (double)v;
    }
    uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    mpz_dig_t dig[4];
    for (int k = 0; k < 4; k++) {
        dig[k] = (mpz_dig_t)(m >> (16 * k));
    }
    return digits_to_double(dig, 4, v < 0);
}

// ---- floats --------------------------------------------------------------------------

// Python's x // y and x % y for doubles, the reference's way (y != 0).
static void float_divmod(double x, double y, double *q, double *m) {
    double mod = fmod(x, y);
    double div = (x - mod) / y;
    if (mod == 0) {
        mod = copysign(0.0, y);
    } else if ((mod < 0) != (y < 0)) {
        mod += y;
        div -= 1;
    }
    double fq;
    if (div == 0) {
        fq = copysign(0.0, x / y);
    } else {
        fq = floor(div);
        if (div - fq > 0.5) {
            fq += 1;
        }
    }
    *q = fq;
    *m = mod;
}

static bool float_binary(int op, double x, double y, double *r) {
    switch (op) {
        case MP_BINARY_OP_ADD:
            *r = x + y;
            return true;
        case MP_BINARY_OP_SUBTRACT:
            *r = x - y;
            return true;
        case MP_BINARY_OP_MULTIPLY:
            *r = x * y;
            return true;
        case MP_BINARY_OP_TRUE_DIVIDE:
            if (y == 0) {
                return false;
            }
            *r = x / y;
            return true;
        case MP_BINARY_OP_FLOOR_DIVIDE:
        case MP_BINARY_OP_MODULO: {
            if (y == 0) {
                return false;
            }
            double q, m;
            if (op == MP_BINARY_OP_MODULO) {
                m = fmod(x, y);
                if (m == 0) {
                    m = copysign(0.0, y);
                } else if ((m < 0) != (y < 0)) {
                    m += y;
                }
                *r = m;
            } else {
                float_divmod(x, y, &q, &m);
                *r = q;
            }
            return true;
        }
        case MP_BINARY_OP_POWER:
            if (x == 0 && y < 0 && !isinf(y)) {
                return false;  // ZeroDivisionError
            }
            if (x < 0 && y != floor(y) && !isnan(y)) {
                return false;  // a complex result
            }
            *r = pow(x, y);
            return true;
        default:
            return false;
    }
}

// ---- ints ----------------------------------------------------------------------------

static size_t bit_len64(int64_t v) {
    uint64_t m = v < 0 ? ~(uint64_t)v : (uint64_t)v;
    size_t n = 0;
    while (m != 0) {
        n++;
        m >>= 1;
    }
    return n;
}

static size_t bit_len(const foldnum_t *n) {
    return n->big ? mpz_bit_length(&n->z) : bit_len64(n->i);
}

// Fast path on int64s; false with *done = false if the result needs an mpz.
static bool int64_binary(int op, int64_t a, int64_t b, int64_t *r, bool *done) {
    *done = true;
    switch (op) {
        case MP_BINARY_OP_ADD:
            *done = !__builtin_add_overflow(a, b, r);
            return true;
        case MP_BINARY_OP_SUBTRACT:
            *done = !__builtin_sub_overflow(a, b, r);
            return true;
        case MP_BINARY_OP_MULTIPLY:
            *done = !__builtin_mul_overflow(a, b, r);
            return true;
        case MP_BINARY_OP_FLOOR_DIVIDE:
        case MP_BINARY_OP_MODULO:
            if (b == 0) {
                return false;
            }
            if (a == INT64_MIN && b == -1) {
                *done = false;
                return true;
            }
            if (op == MP_BINARY_OP_FLOOR_DIVIDE) {
                *r = a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
            } else {
                int64_t m = a % b;
                *r = (m != 0 && ((m < 0) != (b < 0))) ? m + b : m;
            }
            return true;
        case MP_BINARY_OP_AND:
            *r = a & b;
            return true;
        case MP_BINARY_OP_OR:
            *r = a | b;
            return true;
        case MP_BINARY_OP_XOR:
            *r = a ^ b;
            return true;
        case MP_BINARY_OP_RSHIFT:
            if (b < 0) {
                return false;
            }
            *r = b >= 63 ? (a < 0 ? -1 : 0) : (a >> b);
            return true;
        case MP_BINARY_OP_LSHIFT:
            if (b < 0) {
                return false;
            }
            if (a == 0) {
                *r = 0;
            } else if (b < 62 && bit_len64(a) + (size_t)b < 63) {
                *r = (int64_t)((uint64_t)a << b);
            } else {
                *done = false;
            }
            return true;
        case MP_BINARY_OP_POWER: {
            // b >= 0 here
            int64_t acc = 1, base = a;
            for (int64_t e = b; e > 0; e >>= 1) {
                if ((e & 1) && __builtin_mul_overflow(acc, base, &acc)) {
                    *done = false;
                    return true;
                }
                if (e > 1 && __builtin_mul_overflow(base, base, &base)) {
                    *done = false;
                    return true;
                }
            }
            *r = acc;
            return true;
        }
        default:
            return false;
    }
}

// The value of n as an mpz: n->z itself, or tmp filled from the int64.
static const mpz_t *as_mpz(const foldnum_t *n, mpz_t *tmp, bool *ok) {
    if (n->big) {
        return &n->z;
    }
    mpz_init(tmp);
    *ok = *ok && mpz_set_int64(AL, tmp, n->i) == MPZ_OK;
    return tmp;
}

static bool mpz_binary(int op, const foldnum_t *a, const foldnum_t *b, mpz_t *r) {
    int64_t sb = 0;
    bool b_small = foldnum_get_int64(b, &sb);
    if (op == MP_BINARY_OP_MULTIPLY && bit_len(a) + bit_len(b) > FOLDNUM_MAX_BITS) {
        return false;
    }
    if (op == MP_BINARY_OP_LSHIFT || op == MP_BINARY_OP_RSHIFT || op == MP_BINARY_OP_POWER) {
        if (b->big ? b->z.neg : sb < 0) {
            return false;
        }
        if (!b_small || (op != MP_BINARY_OP_RSHIFT && (uint64_t)sb > FOLDNUM_MAX_BITS)) {
            return false;  // would not fit in memory (or a needless huge shift)
        }
        if (op == MP_BINARY_OP_LSHIFT && bit_len(a) + (size_t)sb > FOLDNUM_MAX_BITS) {
            return false;
        }
        if (op == MP_BINARY_OP_POWER && bit_len(a) > 1
            && (uint64_t)bit_len(a) * (uint64_t)sb > FOLDNUM_MAX_BITS) {
            return false;
        }
    }
    bool ok = true;
    mpz_t ta, tb;
    const mpz_t *za = as_mpz(a, &ta, &ok), *zb = as_mpz(b, &tb, &ok);
    mpz_err_t err = MPZ_ERR_NOMEM;
    if (ok) {
        switch (op) {
            case MP_BINARY_OP_ADD: err = mpz_add(AL, r, za, zb); break;
            case MP_BINARY_OP_SUBTRACT: err = mpz_sub(AL, r, za, zb); break;
            case MP_BINARY_OP_MULTIPLY: err = mpz_mul(AL, r, za, zb); break;
            case MP_BINARY_OP_FLOOR_DIVIDE: err = mpz_floordiv(AL, r, za, zb); break;
            case MP_BINARY_OP_MODULO: err = mpz_mod(AL, r, za, zb); break;
            case MP_BINARY_OP_AND: err = mpz_and(AL, r, za, zb); break;
            case MP_BINARY_OP_OR: err = mpz_or(AL, r, za, zb); break;
            case MP_BINARY_OP_XOR: err = mpz_xor(AL, r, za, zb); break;
            case MP_BINARY_OP_LSHIFT: err = mpz_shl(AL, r, za, (size_t)sb); break;
            case MP_BINARY_OP_RSHIFT: err = mpz_shr(AL, r, za, (size_t)sb); break;
            case MP_BINARY_OP_POWER: err = mpz_pow(AL, r, za, zb); break;
            default: break;
        }
    }
    if (!a->big) {
        mpz_clear(AL, &ta);
    }
    if (!b->big) {
        mpz_clear(AL, &tb);
    }
    return err == MPZ_OK;
}

static bool int_binary(int op, const foldnum_t *a, const foldnum_t *b, foldnum_t *r) {
    if (op == MP_BINARY_OP_TRUE_DIVIDE) {
        if (b->big ? b->z.len == 0 : b->i == 0) {
            return false;
        }
        foldnum_float(r, to_double(a) / to_double(b));
        return true;
    }
    if (op == MP_BINARY_OP_POWER && (b->big ? b->z.neg : b->i < 0)) {
        double f;
        if (!float_binary(op, to_double(a), to_double(b), &f)) {
            return false;
        }
        foldnum_float(r, f);
        return true;
    }
    if (!a->big && !b->big) {
        int64_t v;
        bool done;
        if (!int64_binary(op, a->i, b->i, &v, &done)) {
            return false;
        }
        if (done) {
            foldnum_int(r, v);
            return true;
        }
    }
    mpz_t z;
    memset(&z, 0, sizeof(z));
    mpz_init(&z);
    if (!mpz_binary(op, a, b, &z)) {
        mpz_clear(AL, &z);
        return false;
    }
    memset(r, 0, sizeof(*r));
    r->big = true;
    r->z = z;
    normalise(r);
    return true;
}

bool foldnum_binary(int op, const foldnum_t *a, const foldnum_t *b, foldnum_t *r) {
    foldnum_t res;
    bool ok;
    if (a->is_float || b->is_float) {
        double f;
        ok = float_binary(op, to_double(a), to_double(b), &f);
        if (ok) {
            foldnum_float(&res, f);
        }
    } else {
        ok = int_binary(op, a, b, &res);
    }
    if (ok) {
        *r = res;
    }
    return ok;
}

bool foldnum_unary(int op, const foldnum_t *a, foldnum_t *r) {
    if (a->is_float) {
        if (op == MP_UNARY_OP_INVERT) {
            return false;
        }
        foldnum_float(r, op == MP_UNARY_OP_NEGATIVE ? -a->f : a->f);
        return true;
    }
    if (!a->big && (op != MP_UNARY_OP_NEGATIVE || a->i != INT64_MIN)) {
        int64_t v = a->i;
        foldnum_int(r, op == MP_UNARY_OP_NEGATIVE ? -v : op == MP_UNARY_OP_INVERT ? ~v : v);
        return true;
    }
    bool ok = true;
    mpz_t t, z;
    const mpz_t *za = as_mpz(a, &t, &ok);
    memset(&z, 0, sizeof(z));
    mpz_init(&z);
    if (ok) {
        mpz_err_t err = op == MP_UNARY_OP_NEGATIVE ? mpz_neg(AL, &z, za)
                        : op == MP_UNARY_OP_INVERT ? mpz_invert(AL, &z, za)
                                                   : mpz_set(AL, &z, za);
        ok = err == MPZ_OK;
    }
    if (!a->big) {
        mpz_clear(AL, &t);
    }
    if (!ok) {
        mpz_clear(AL, &z);
        return false;
    }
    memset(r, 0, sizeof(*r));
    r->big = true;
    r->z = z;
    normalise(r);
    return true;
}
