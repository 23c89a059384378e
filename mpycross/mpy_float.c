// SPDX-License-Identifier: MIT
// mpy_float.c: float literals as the reference reads them and the float text it writes to a .mpy.
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "mpycross/mpy.h"

/*
 * Both algorithms are MicroPython's, described in compiler.md appendix A, and both depend on
 * x87 80-bit long double arithmetic, in exactly this order of operations: the text written
 * for a float is the shortest of 16..19 significant digits that parses back (with the same
 * parser) to the same double, which is not always CPython's shortest repr.
 */

// A.1: x * 10^k by repeated squaring, in long double.
static long double scale10(long double x, int k) {
    if (k == 0 || x == 0) {
        return x;
    }
    int neg = k < 0;
    unsigned uk = neg ? (unsigned)-k : (unsigned)k;
    long double r = x, p = 10;
    while (uk != 0) {
        if (uk & 1) {
            r = neg ? r / p : r * p;
        }
        uk >>= 1;
        if (uk != 0) {
            p = p * p;
        }
    }
    return r;
}

enum { MODE_INT, MODE_FRAC, MODE_EXP };
#define MANT_LIMIT 0x1999999999999998ull

typedef struct {
    uint64_t mant;
    int mode, adjust;
} fparse_t;

static void accept_digit(fparse_t *p, int d, int mode) {
    if (p->mant < MANT_LIMIT) {
        p->mant = 10 * p->mant + (uint64_t)d;
        if (mode == MODE_FRAC) {
            p->adjust--;
        }
    } else if (mode == MODE_INT) {
        p->adjust++;
    }
}

bool mpy_float_parse(const char *s, size_t len, double *out) {
    fparse_t p = {0, MODE_INT, 0};
    int exp10 = 0, exp_neg = 0, zeros_int = 0, zeros_frac = 0;
    size_t i = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            int d = c - '0';
            if (p.mode == MODE_EXP) {
                if (exp10 < 107374181) {
                    exp10 = 10 * exp10 + d;
                }
            } else if (d == 0 || p.mant >= MANT_LIMIT) {
                if (p.mode == MODE_INT) {
                    zeros_int++;
                } else {
                    zeros_frac++;
                }
            } else {
                for (; zeros_int > 0; zeros_int--) {
                    accept_digit(&p, 0, MODE_INT);
                }
                for (; zeros_frac > 0; zeros_frac--) {
                    accept_digit(&p, 0, MODE_FRAC);
                }
                accept_digit(&p, d, p.mode);
            }
        } else if (c == '.' && p.mode == MODE_INT) {
            p.mode = MODE_FRAC;
        } else if ((c == 'e' || c == 'E') && p.mode != MODE_EXP) {
            p.mode = MODE_EXP;
            if (i + 1 >= len) {
                return false;
            }
            if (s[i + 1] == '+' || s[i + 1] == '-') {
                exp_neg = s[i + 1] == '-';
                i++;
                if (i + 1 >= len) {
                    return false;
                }
            }
        } else if (c != '_') {
            break;
        }
    }
    int e = (exp_neg ? -exp10 : exp10) + p.adjust + zeros_int;
    *out = (double)scale10((long double)p.mant, e);
    return true;
}

// A.3 step 2: the decimal exponent e with 10^e <= x < 10^(e+1) (powers rounded to double).
static int decimal_exponent(double x) {
    if (x == 0) {
        return 0;
    }
    uint64_t bits;
    memcpy(&bits, &x, sizeof(bits));
    int b = (int)((bits >> 52) & 0x7ff) - 1023;
    int e = (int)trunc((double)b * 0.3010299956639812);
    int up = x >= 1;
    double B = (double)scale10(1, e + up);
    while ((x >= B) == up) {
        e += up ? 1 : -1;
        B = (double)scale10(1, e + up);
    }
    return e;
}

// A.3 step 4: at most n significant digits of m, general format. Returns the length.
static size_t digits_text(char *out, uint64_t m, int n, int e) {
    uint64_t cap = 1;
    for (int i = 0; i < n; i++) {
        cap *= 10;
    }
    if (m >= cap) {
        m /= 10;
        e += 1;
    }
    int point = 0, extra = 19 - n, has_point_rule = 1;
    size_t len = 0;
    if (e > 0 && e < 16) {
        point = e;
        if (point >= n) {
            extra = point - (n - 1);
        }
        e = 0;
    } else if (e >= -4 && e < 0) {
        int c = 0;
        while (e < 0 && m % 10 == 0) {
            m /= 10;
            n--;
            e++;
            c++;
        }
        out[len++] = '0';
        out[len++] = '.';
        for (int i = 0; i < c - e - 1; i++) {
            out[len++] = '0';
        }
        has_point_rule = 0;
        point = -1000;
        e = 0;
    }
    char dig[24];
    for (int i = n - 1; i >= 0; i--) {
        dig[i] = (char)('0' + m % 10);
        m /= 10;
    }
    for (int i = 0; i < n; i++) {
        out[len++] = dig[i];
        if (has_point_rule && i == point && point + 1 < n) {
            out[len++] = '.';
        }
    }
    if (extra > 0) {
        int k = point - (n - 1);
        for (int i = 0; i < extra; i++) {
            if (k == 0) {
                out[len++] = '.';
            }
            k--;
            out[len++] = '0';
        }
    }
    if (memchr(out, '.', len) != NULL) {
        while (len > 0 && out[len - 1] == '0') {
            len--;
        }
        if (len > 0 && out[len - 1] == '.') {
            len--;
        }
    }
    if (e != 0) {
        int ae = e < 0 ? -e : e;
        out[len++] = 'e';
        out[len++] = e < 0 ? '-' : '+';
        if (ae >= 100) {
            out[len++] = (char)('0' + ae / 100);
        }
        out[len++] = (char)('0' + ae / 10 % 10);
        out[len++] = (char)('0' + ae % 10);
    }
    return len;
}

size_t mpy_float_text(char *out, double x, bool imag) {
    size_t len = 0;
    if (!isnan(x) && signbit(x)) {
        out[len++] = '-';
        x = -x;
    }
    if (isinf(x) || isnan(x)) {
        memcpy(out + len, isinf(x) ? "inf" : "nan", 3);
        len += 3;
    } else {
        int e = decimal_exponent(x);
        size_t body = 0;
        for (int n = 16; n <= 19; n++) {
            uint64_t m = x == 0 ? 0 : (uint64_t)(scale10((long double)x, n - 1 - e) + 0.5L);
            body = digits_text(out + len, m, n, e);
            double back;
            if (n == 19 || (mpy_float_parse(out + len, body, &back) && back == x)) {
                break;
            }
        }
        char *t = out + len;
        len += body;
        if (!imag && memchr(t, '.', body) == NULL && memchr(t, 'e', body) == NULL) {
            memcpy(out + len, ".0", 2);
            len += 2;
        }
    }
    if (imag) {
        out[len++] = 'j';
    }
    return len;
}
