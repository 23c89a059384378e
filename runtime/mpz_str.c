// SPDX-License-Identifier: MIT
// mpz_str.c: big integers to and from text, with MicroPython's int() parsing rules.
#include <string.h>

#include "runtime/mpz.h"
#include "runtime/mpz_impl.h"

// The largest power of base that fits a digit (the chunk converted per pass), and its
// exponent: 10^4 for decimal, so a pass over the number yields four decimal digits.
static mpz_ddig_t chunk_of(int base, int *k) {
    mpz_ddig_t p = (mpz_ddig_t)base;
    *k = 1;
    while (p * (mpz_ddig_t)base <= 0xffff) {
        p *= (mpz_ddig_t)base;
        ++*k;
    }
    return p;
}

// ---- parsing ----------------------------------------------------------------------------

static bool is_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// The value of c as a digit (36 or more for anything else).
static unsigned digit_value(char c) {
    unsigned u = (unsigned char)c;
    if (u >= '0' && u <= '9') {
        return u - '0';
    }
    u |= 0x20;
    return u >= 'a' && u <= 'z' ? u - 'a' + 10 : 36;
}

// The 0x/0o/0b prefix at s for *base; updates *base and returns the prefix length. In base
// 0 a leading 0 without a prefix sets *base to 1: only zeros may follow (and the message
// says base 0).
static size_t read_prefix(const char *s, const char *top, int *base) {
    if (top - s >= 2 && s[0] == '0') {
        char c = (char)(s[1] | 0x20);
        if ((*base == 0 || *base == 16) && c == 'x') {
            *base = 16;
            return 2;
        }
        if ((*base == 0 || *base == 8) && c == 'o') {
            *base = 8;
            return 2;
        }
        if ((*base == 0 || *base == 2) && c == 'b') {
            *base = 2;
            return 2;
        }
        if (*base == 0) {
            *base = 1;
        }
    }
    if (*base == 0) {
        *base = 10;
    }
    return 0;
}

// The big-int reader (mpz_set_from_str): digits of base from s, no '_'; returns the end.
static const char *read_big(const mpz_alloc_t *al, mpz_t *r, const char *s, const char *top,
                            int base, bool neg, bool underscores, mpz_err_t *err) {
    size_t cap = (size_t)(top - s) * 6 / 16 + 2;  // log2(36) < 6 bits per character
    mpz_dig_t *t = mpz_dig_alloc(al, cap);
    if (t == NULL) {
        *err = MPZ_ERR_NOMEM;
        return s;
    }
    int k;
    mpz_ddig_t full = chunk_of(base, &k);
    size_t len = 0;
    mpz_ddig_t acc = 0, mul = 1;
    for (; s < top; s++) {
        if (underscores && *s == '_') {
            continue;
        }
        unsigned d = digit_value(*s);
        if (d >= (unsigned)base) {
            break;
        }
        acc = acc * (mpz_ddig_t)base + d;
        mul *= (mpz_ddig_t)base;
        if (mul == full) {
            len = mpz_mag_mul_add_small(t, len, mul, acc);
            acc = 0;
            mul = 1;
        }
    }
    if (mul > 1) {
        len = mpz_mag_mul_add_small(t, len, mul, acc);
    }
    *err = mpz_install(al, r, t, cap, len, neg);
    return s;
}

static const char *skip_space(const char *s, const char *top) {
    while (s < top && is_space(*s)) {
        s++;
    }
    return s;
}

// The small-int pass (mp_parse_num_integer's loop): digits and '_' from s into *v until one
// would make it reach limit (then *big is set and the big-int reader takes over).
static const char *read_small(const char *s, const char *top, int base, uint64_t limit,
                              uint64_t *v, bool *big) {
    *v = 0;
    *big = false;
    for (; s < top; s++) {
        if (*s == '_') {
            continue;
        }
        unsigned d = digit_value(*s);
        if (d >= (unsigned)base) {
            break;
        }
        if (*v > (limit - 1 - d) / (uint64_t)base) {
            *big = true;
            break;
        }
        *v = *v * (uint64_t)base + d;
    }
    return s;
}

mpz_err_t mpz_set_str(const mpz_alloc_t *al, mpz_t *r, const char *text, size_t len, int base,
                      int small_bits, mpz_str_info_t *info) {
    mpz_str_info_t dummy;
    if (info == NULL) {
        info = &dummy;
    }
    info->base = base;
    info->start = 0;
    if ((base != 0 && base < 2) || base > 36) {
        return MPZ_ERR_BASE;
    }
    const char *top = text + len, *s = skip_space(text, top);
    bool neg = false;
    if (s < top && (*s == '+' || *s == '-')) {
        neg = *s++ == '-';
    }
    s += read_prefix(s, top, &base);
    const char *start = s;
    info->start = (size_t)(s - text);
    info->base = base == 1 ? 0 : base;
    uint64_t v;
    bool big;
    int bits = small_bits < 0 || small_bits > 62 ? 62 : small_bits;
    s = read_small(s, top, base, (uint64_t)1 << bits, &v, &big);
    mpz_err_t err;
    if (big) {
        s = read_big(al, r, start, top, base, neg, small_bits < 0, &err);
    } else {
        err = mpz_set_uint64(al, r, v);
        r->neg = err == MPZ_OK && neg && r->len > 0;
    }
    if (err != MPZ_OK) {
        return err;
    }
    if (s == start) {
        return MPZ_ERR_SYNTAX;
    }
    return skip_space(s, top) == top ? MPZ_OK : MPZ_ERR_SYNTAX;
}

// ---- writing ----------------------------------------------------------------------------

// floor(log2(base)): a lower bound of the bits each output digit carries.
static size_t bits_per_digit(int base) {
    size_t b = 0;
    for (int x = base; x > 1; x >>= 1) {
        b++;
    }
    return b;
}

size_t mpz_str_size(const mpz_t *a, int base, unsigned flags) {
    if (base < 2 || base > 36) {
        return 1;
    }
    size_t digits = mpz_bit_length(a) / bits_per_digit(base) + 1;
    return digits + 4;  // sign, two prefix characters, NUL
}

static const char *prefix_of(int base, unsigned flags) {
    bool up = flags & MPZ_STR_UPPER;
    switch (base) {
    case 16: return up ? "0X" : "0x";
    case 8: return up ? "0O" : "0o";
    case 2: return up ? "0B" : "0b";
    default: return "";
    }
}

// The digits of |a| in base, written backwards from end; returns where they start.
static char *write_digits(mpz_dig_t *t, size_t n, int base, bool upper, char *end) {
    const char *alphabet = upper ? "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 : "0123456789abcdefghijklmnopqrstuvwxyz";
    int k;
    mpz_ddig_t chunk = chunk_of(base, &k);
    char *p = end;
    n = mpz_normalise(t, n);
    if (n == 0) {
        *--p = '0';
        return p;
    }
    while (n > 0) {
        mpz_ddig_t rem = mpz_mag_div_small(t, t, n, chunk);
        n = mpz_normalise(t, n);
        for (int i = 0; i < k && (n > 0 || rem != 0); i++) {
            *--p = alphabet[rem % (mpz_ddig_t)base];
            rem /= (mpz_ddig_t)base;
        }
    }
    return p;
}

mpz_err_t mpz_to_str(const mpz_alloc_t *al, const mpz_t *a, int base, unsigned flags,
                     char *buf, size_t size, size_t *len) {
    if (base < 2 || base > 36) {
        return MPZ_ERR_BASE;
    }
    size_t need = mpz_str_size(a, base, flags);
    if (size < need) {
        return MPZ_ERR_NOMEM;
    }
    mpz_dig_t *t = mpz_dig_alloc(al, a->len);
    if (t == NULL) {
        return MPZ_ERR_NOMEM;
    }
    if (a->len > 0) {
        memcpy(t, a->dig, a->len * sizeof *t);
    }
    // digits go to the end of buf first, then move behind the sign and prefix
    char *end = buf + size - 1;
    char *p = write_digits(t, a->len, base, flags & MPZ_STR_UPPER, end);
    mpz_dig_free(al, t, a->len);
    char *out = buf;
    if (a->neg) {
        *out++ = '-';
    }
    if (flags & MPZ_STR_PREFIX) {
        for (const char *pre = prefix_of(base, flags); *pre != '\0'; pre++) {
            *out++ = *pre;
        }
    }
    size_t n = (size_t)(end - p);
    memmove(out, p, n);
    out[n] = '\0';
    *len = (size_t)(out + n - buf);
    return MPZ_OK;
}
