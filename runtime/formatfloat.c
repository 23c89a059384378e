// SPDX-License-Identifier: MIT
// formatfloat.c: float <-> text exactly as MicroPython v1.29 does it (repr, %-formats, parsing).
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "runtime/formatfloat.h"

// The size mp_print_float hands to mp_format_float (of its 36-byte buffer).
#define MP_FORMAT_SIZE 33
// write_mantissa's dec when no decimal point is to be inserted.
#define NO_POINT 255

enum { PARSE_INT, PARSE_FRAC, PARSE_EXP };
// Formatting modes; MODE_LOWER is the 0x20 case bit of the format character.
enum { MODE_E = 0x01, MODE_G = 0x02, MODE_F = 0x04, MODE_LOWER = 0x20 };

static const char *skip_space(const char *s, const char *top) {
    while (s < top && (*s == ' ' || (*s >= '\t' && *s <= '\r'))) {
        s++;
    }
    return s;
}

// Whether s starts with word (lowercase ASCII), ignoring case; the caller checked the length.
static bool word_at(const char *s, const char *top, const char *word) {
    for (; *word != '\0'; s++, word++) {
        if (s >= top || (*s | 0x20) != *word) {
            return false;
        }
    }
    return true;
}

// "0." then n zeros.
static char *prepend_zeros(char *s, int n) {
    *s++ = '0';
    *s++ = '.';
    for (; n > 0; n--) {
        *s++ = '0';
    }
    return s;
}

// e+05, e-123: a sign and at least two digits.
static char *write_exponent(char *s, int e, char letter) {
    *s++ = letter;
    *s++ = e < 0 ? '-' : '+';
    if (e < 0) {
        e = -e;
    }
    if (e >= 100) {
        *s++ = (char)('0' + e / 100);
    }
    *s++ = (char)('0' + e / 10 % 10);
    *s++ = (char)('0' + e % 10);
    return s;
}

// What mp_print_float adds after mp_format_float: ".0" for str/repr, '%' for the % format.
static size_t finish_text(char *buf, size_t len, unsigned flags) {
    if ((flags & FORMATFLOAT_ALWAYS_DECIMAL) && memchr(buf, '.', len) == NULL &&
        memchr(buf, 'e', len) == NULL && memchr(buf, 'n', len) == NULL) {
        buf[len++] = '.';
        buf[len++] = '0';
    }
    if (flags & FORMATFLOAT_PERCENT) {
        buf[len++] = '%';
    }
    buf[len] = '\0';
    return len;
}

// What mp_format_float fixes before producing digits.
typedef struct {
    int mode;           // MODE_* (after a possible 'f' -> 'g' switch)
    int e;              // the value's decimal exponent
    int max_exp_zeros;  // 'g': exponents 0 < e < this are written out as zeros
    int max_digits;     // significant digits wanted
    int lead_zeros;     // 'f' below 0.001: zeros after "0." that are not mantissa digits
    int trail_zeros;    // zeros written after the mantissa's digits
} plan_t;

// The digit budget of plan p for precision prec, at most max_mant mantissa digits and
// exp_room bytes kept for an exponent.
static void plan_digits(plan_t *p, int size, int prec, int max_mant, int exp_room) {
    int max_digits = prec;
    p->lead_zeros = 0;
    p->trail_zeros = 0;
    if (p->mode & MODE_F) {
        if (max_digits > size - 3) {
            max_digits = size - 3;
        }
        if (p->e < 0) {
            if (max_digits > 2 && p->e < -2) {
                p->lead_zeros = (-p->e < max_digits ? -p->e : max_digits) - 2;
                max_digits -= p->lead_zeros;
            } else {
                max_digits++;
            }
        } else {
            max_digits += p->e + 1;
        }
    } else if (!(p->mode & MODE_G) || max_digits == 0) {
        max_digits++;
    }
    if (max_digits > max_mant) {
        p->trail_zeros = max_digits - max_mant;
        max_digits = max_mant;
    }
    int overhead = (p->mode & MODE_F) ? 3 : exp_room + 1;
    if (p->trail_zeros > size - max_digits - overhead) {
        p->trail_zeros = size - max_digits - overhead;
    }
    p->max_digits = max_digits;
}

// One candidate text of n_digits digits: where they go, where the point goes, and the power
// of ten that turns the value into its mantissa.
typedef struct {
    char *buf;        // the start of the unsigned text
    char *s;          // where the mantissa's digits start
    int n_digits;
    int dec;          // the point follows digit dec (NO_POINT: none)
    int decexp;
    int extra_zeros;  // trailing zeros, with those of digits not produced
} layout_t;

static void lay_out(const plan_t *p, char *buf, bool zero, int n_digits, layout_t *l) {
    l->buf = buf;
    l->s = buf;
    l->n_digits = n_digits;
    l->dec = 0;
    l->extra_zeros = p->trail_zeros + (p->max_digits - n_digits);
    if (zero) {
        l->decexp = 0;
    } else if (p->mode & MODE_F) {
        l->decexp = n_digits - 1;
        if (p->e >= 0) {
            l->decexp -= p->e;
            l->dec = p->e;
        } else if (p->lead_zeros > 0) {
            l->s = prepend_zeros(buf, p->lead_zeros);
            l->decexp += p->lead_zeros + 1;
            l->dec = NO_POINT;
        }
    } else {
        l->decexp = n_digits - p->e - 1;
    }
}

// ---- double -----------------------------------------------------------------------------
#if FORMATFLOAT_WITH_DOUBLE
#define FT double
#define FF_EXACT FORMATFLOAT_DOUBLE_EXACT
#if FF_EXACT
// the reference's long double; tests substitute binary128 to mimic the wasm oracle
#ifndef FORMATFLOAT_LARGE_T
#define FORMATFLOAT_LARGE_T long double
#endif
#define LT FORMATFLOAT_LARGE_T
#else
#define LT double
#endif
#define UT uint64_t
#define FF(name) name
#define FF_POW pow
#define FF_MAX_DIGITS 19
#define FF_SAFE_DIGITS 16
#define FF_MIN_BUF 7
#define FF_MANT_MAX 0x1999999999999998ull
#define FF_POW5_MAX 22
#define FF_EXP_BITS 11
#define FF_FRAC_BITS 52
#define FF_BITS_T uint64_t
#include "runtime/formatfloat_impl.h"
#undef FT
#undef FF_EXACT
#undef LT
#undef UT
#undef FF
#undef FF_POW
#undef FF_MAX_DIGITS
#undef FF_SAFE_DIGITS
#undef FF_MIN_BUF
#undef FF_MANT_MAX
#undef FF_POW5_MAX
#undef FF_EXP_BITS
#undef FF_FRAC_BITS
#undef FF_BITS_T
#endif

// ---- float (binary32): MicroPython's default for single precision is APPROX --------------
#if FORMATFLOAT_WITH_FLOAT
#define FT float
#define FF_EXACT 0
#define LT float
#define UT uint32_t
#define FF(name) name##_f
#define FF_POW powf
#define FF_MAX_DIGITS 9
#define FF_SAFE_DIGITS 6
#define FF_MIN_BUF 6
#define FF_MANT_MAX 0x19999998u
#define FF_POW5_MAX 10
#define FF_EXP_BITS 8
#define FF_FRAC_BITS 23
#define FF_BITS_T uint32_t
#include "runtime/formatfloat_impl.h"
#endif
