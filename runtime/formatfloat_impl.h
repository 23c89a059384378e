// SPDX-License-Identifier: MIT
// formatfloat_impl.h: the float algorithms of formatfloat.c, written once for both precisions.
//
// formatfloat.c includes this file once per precision after defining:
//   FT        the float type (double, float)       LT   the wider "large float" for scaling
//   UT        the unsigned decimal mantissa type   FF_EXACT  1 for the EXACT method
//   FF(name)  the name with its precision suffix   FF_POW    pow or powf
//   FF_MAX_DIGITS, FF_SAFE_DIGITS   19/16 (double), 9/6 (float): digits tried by formatting
//   FF_MIN_BUF   7 / 6: room for an exponent ("+9e+199"), as FPMIN_BUF_SIZE
//   FF_MANT_MAX  the parser's mantissa limit      FF_POW5_MAX  22 / 10 (5^k exact in FT)
//   FF_EXP_BITS, FF_FRAC_BITS, FF_BITS_T   the IEEE layout of FT
// Each step follows compiler.md Appendix A; the comments name the step.

// A.1: x * 10^k. EXACT: square-and-multiply in LT. APPROX (LT == FT): add k to the binary
// exponent field (wrapping, as MicroPython's bit-field store does), then scale by 5^k.
static LT FF(scale10)(LT x, int k) {
    if (k == 0 || x == 0) {
        return x;
    }
#if FF_EXACT
    bool neg = k < 0;
    unsigned n = neg ? -(unsigned)k : (unsigned)k;
    LT r = x, p = 10;
    while (n != 0) {
        if (n & 1) {
            r = neg ? r / p : r * p;
        }
        n >>= 1;
        if (n != 0) {
            p = p * p;
        }
    }
    return r;
#else
    FT f = (FT)x;
    FF_BITS_T bits;
    memcpy(&bits, &f, sizeof bits);
    const FF_BITS_T field_mask = ((FF_BITS_T)1 << FF_EXP_BITS) - 1;
    FF_BITS_T field = (bits >> FF_FRAC_BITS) & field_mask;
    field = (field + (FF_BITS_T)(int64_t)k) & field_mask;
    bits = (bits & ~(field_mask << FF_FRAC_BITS)) | (field << FF_FRAC_BITS);
    memcpy(&f, &bits, sizeof f);
    if (k < 0 && k >= -FF_POW5_MAX) {
        f /= FF_POW(5, -k);
    } else {
        f *= FF_POW(5, k);
    }
    return f;
#endif
}

// A.2: one digit into the mantissa, or counted in the exponent when the mantissa is full.
static UT FF(accept_digit)(UT mant, unsigned d, int *adjust, int mode) {
    if (mant < FF_MANT_MAX) {
        if (mode == PARSE_FRAC) {
            --*adjust;
        }
        return 10 * mant + d;
    }
    if (mode == PARSE_INT) {
        ++*adjust;
    }
    return mant;
}

// A.2: the unsigned decimal parser (mp_parse_float_internal).
static const char *FF(parse_dec)(const char *s, size_t len, FT *out) {
    const char *top = s + len;
    int mode = PARSE_INT;
    bool exp_neg = false;
    UT mant = 0;
    int exp10 = 0, adjust = 0, zeros_int = 0, zeros_frac = 0;
    while (s < top) {
        unsigned c = (unsigned char)*s++;
        if (c >= '0' && c <= '9') {
            unsigned d = c - '0';
            if (mode == PARSE_EXP) {
                if (exp10 < (INT_MAX / 2 - 9) / 10) {
                    exp10 = 10 * exp10 + (int)d;
                }
            } else if (d == 0 || mant >= FF_MANT_MAX) {
                // zeros wait until a non-zero digit shows they are significant
                if (mode == PARSE_INT) {
                    zeros_int++;
                } else {
                    zeros_frac++;
                }
            } else {
                for (; zeros_int > 0; zeros_int--) {
                    mant = FF(accept_digit)(mant, 0, &adjust, PARSE_INT);
                }
                for (; zeros_frac > 0; zeros_frac--) {
                    mant = FF(accept_digit)(mant, 0, &adjust, PARSE_FRAC);
                }
                mant = FF(accept_digit)(mant, d, &adjust, mode);
            }
        } else if (mode == PARSE_INT && c == '.') {
            mode = PARSE_FRAC;
        } else if (mode != PARSE_EXP && (c | 0x20) == 'e') {
            mode = PARSE_EXP;
            if (s < top && (*s == '+' || *s == '-')) {
                exp_neg = *s++ == '-';
            }
            if (s == top) {
                return NULL;
            }
        } else if (c != '_') {
            s--;
            break;
        }
    }
    int e = (exp_neg ? -exp10 : exp10) + adjust + zeros_int;
    *out = (FT)FF(scale10)((LT)mant, e);
    return s;
}

// The unbiased binary exponent from the bit pattern (subnormals give the bias's negative).
static int FF(binary_exponent)(FT f) {
    FF_BITS_T bits;
    memcpy(&bits, &f, sizeof bits);
    int field = (int)((bits >> FF_FRAC_BITS) & (((FF_BITS_T)1 << FF_EXP_BITS) - 1));
    return field - ((1 << (FF_EXP_BITS - 1)) - 1);
}

// A.3 step 2: e with 10^e <= f < 10^(e+1), against powers of ten rounded to FT.
static int FF(decimal_exponent)(FT f) {
    if (f == 0) {
        return 0;
    }
    int e = (int)((FT)FF(binary_exponent)(f) * (FT)0.3010299956639812);
    int up = !(f < 1);
    FT base = (FT)FF(scale10)(1, e + up);
    while ((f >= base) == up) {
        e += up ? 1 : -1;
        base = (FT)FF(scale10)(1, e + up);
    }
    return e;
}

// A.3 step 4: the text of a decimal mantissa at s (buf is where the unsigned text starts);
// returns the length from buf. dec is the index of the digit the point follows (NO_POINT:
// none), e the exponent to write.
static int FF(write_mantissa)(UT mant, UT cap, char *buf, char *s, int n_digits,
                              int max_exp_zeros, int trail_zeros, int dec, int e, int mode) {
    if (mant != 0 && mant >= cap) {
        // rounding produced an extra digit
        if (mode & MODE_F) {
            n_digits++;
            dec++;
        } else {
            mant /= 10;
            e++;
        }
    }
    if ((mode & MODE_G) && e != 0) {
        if (e > 0 && e < max_exp_zeros) {
            dec += e;
            if (dec >= n_digits) {
                trail_zeros = dec - (n_digits - 1);
            }
            e = 0;
        } else if (e < 0 && e >= -4) {
            int cut = 0;
            while (e < 0 && mant % 10 == 0) {
                mant /= 10;
                cut++;
                e++;
            }
            n_digits -= cut;
            s = prepend_zeros(s, cut - e - 1);
            dec = NO_POINT;
            e = 0;
        }
    }
    for (int i = n_digits - 1; i >= 0; i--) {
        s[i > dec ? i + 1 : i] = (char)('0' + (int)(mant % 10));
        mant /= 10;
    }
    bool dot = dec >= NO_POINT;
    if (dec + 1 < n_digits) {
        dot = true;
        s[dec + 1] = '.';
        s++;
    }
    s += n_digits;
    if (trail_zeros > 0) {
        int k = dec - (n_digits - 1);
        while (trail_zeros-- > 0) {
            if (k-- == 0) {
                *s++ = '.';
                dot = true;
            }
            *s++ = '0';
        }
    }
    if ((mode & MODE_G) && dot) {
        while (s[-1] == '0') {
            s--;
        }
        if (s[-1] == '.') {
            s--;
        }
    }
    if ((e != 0 || (mode & MODE_E)) && !(mode & MODE_F)) {
        s = write_exponent(s, e, (char)('E' | (mode & MODE_LOWER)));
    }
    *s = '\0';
    return (int)(s - buf);
}

// mp_format_float's budget for f (finite, >= 0) in a buffer of size bytes (what remains
// after the sign): the mode after a possible 'f' -> 'g' switch, and how many digits.
static void FF(make_plan)(plan_t *p, int size, FT f, int mode, int prec) {
    if (prec < 0 && prec != FORMATFLOAT_REPR) {
        prec = 6;
    }
    if (prec > 1000) {
        prec = 1000;  // the buffer caps far below this; it keeps the sums below from overflowing
    }
    p->max_exp_zeros = prec < size - 3 ? prec : size - 3;
    if (prec == FORMATFLOAT_REPR) {
        prec = FF_MAX_DIGITS;
        p->max_exp_zeros = 16;
    }
    p->e = FF(decimal_exponent)(f);
    if ((mode & MODE_F) && p->e > 0 && p->e + prec + 2 > size) {
        // too many integer digits for 'f': MicroPython switches to 'g'
        mode = (mode & ~MODE_F) | MODE_G;
        prec++;
    }
    p->mode = mode;
    plan_digits(p, size, prec, FF_MAX_DIGITS, FF_MIN_BUF);
}

// The mantissa of n digits for layout l, rounded half up (A.3 step 3).
static UT FF(first_guess)(FT f, const layout_t *l) {
    int decexp = l->decexp;
    UT mant = 1;
    if (sizeof(LT) == sizeof(FT) && l->n_digits > FF_SAFE_DIGITS && decexp > 1) {
        // without a wider float, the last digits come from an integer multiply
        if (l->n_digits > FF_SAFE_DIGITS + 1 && decexp > 2) {
            mant = 100;
            decexp -= 2;
        } else {
            mant = 10;
            decexp -= 1;
        }
    }
    return mant * (UT)(FF(scale10)((LT)f, decexp) + (LT)0.5);
}

// The text of mant laid out as l; returns its length from l->buf.
static int FF(write_text)(const plan_t *p, const layout_t *l, UT mant) {
    UT cap = 10;
    for (int i = 1; i < l->n_digits; i++) {
        cap *= 10;
    }
    return FF(write_mantissa)(mant, cap, l->buf, l->s, l->n_digits, p->max_exp_zeros,
                              l->extra_zeros, l->dec, p->e, p->mode);
}

#if FF_EXACT
static bool FF(reads_back)(const char *buf, int len, FT f) {
    FT check;
    FF(parse_dec)(buf, (size_t)len, &check);
    return check == f;
}
#else
// APPROX: a dichotomic search around the first guess for a text that reads back as f.
// Returns false when the digits are exhausted and one more digit is to be tried; otherwise
// the best text found is in the buffer, *len its length.
static bool FF(approx_search)(const plan_t *p, const layout_t *l, FT f, UT mant, int *len) {
    FT check;
    FF(parse_dec)(l->buf, (size_t)*len, &check);
    FT diff = check - f, best_diff = diff;
    UT best = mant;
    unsigned range = 1;
    if (l->n_digits > FF_SAFE_DIGITS) {
        range <<= 3 * (l->n_digits - FF_SAFE_DIGITS);
    }
    for (int runs = 3 + 3 * (FF_MAX_DIGITS - FF_SAFE_DIGITS); diff != 0 && runs > 0; runs--) {
        mant = signbit(diff) ? mant + range : mant - range;
        *len = FF(write_text)(p, l, mant);
        FF(parse_dec)(l->buf, (size_t)*len, &check);
        diff = check - f;
        if (diff == 0) {
            break;
        }
        FT delta = (FT)fabs((double)diff) - (FT)fabs((double)best_diff);
        if (signbit(delta) || (delta == 0 && mant % 10 == 0)) {
            best_diff = diff;
            best = mant;
        }
        if (range > 1) {
            range >>= 1;
            continue;
        }
        if (l->n_digits < p->max_digits) {
            return false;
        }
        if (mant != best) {
            *len = FF(write_text)(p, l, best);
        }
        break;
    }
    return true;
}
#endif

// A.3 step 3: the unsigned text of f (finite, >= 0): from FF_SAFE_DIGITS digits up, until
// the text reads back as f (or the digits run out).
static int FF(format_unsigned)(char *buf, int size, FT f, int mode, int prec) {
    plan_t p;
    FF(make_plan)(&p, size, f, mode, prec);
    for (int n = FF_SAFE_DIGITS < p.max_digits ? FF_SAFE_DIGITS : p.max_digits;; n++) {
        layout_t l;
        lay_out(&p, buf, f == 0, n, &l);
        UT mant = FF(first_guess)(f, &l);
        int len = FF(write_text)(&p, &l, mant);
#if FF_EXACT
        if (n >= p.max_digits || FF(reads_back)(buf, len, f)) {
            return len;
        }
#else
        if (FF(approx_search)(&p, &l, f, mant, &len)) {
            return len;
        }
#endif
    }
}

// mp_print_float before padding: sign, inf/nan, digits, then '%' or ".0".
size_t FF(formatfloat_format)(char *out, FT x, char fmt, int prec, char sign, unsigned flags) {
    char *buf = out;
    int size = MP_FORMAT_SIZE;
    if (fmt == '%') {
        flags |= FORMATFLOAT_PERCENT;
    }
    if (flags & FORMATFLOAT_PERCENT) {
        x = x * (FT)100;
        fmt = 'f';
    }
    if (signbit(x) && !isnan(x)) {
        x = -x;
        sign = '-';
    }
    if (sign) {
        *buf++ = sign;
        size--;
    }
    int lower = fmt & 0x20;
    int len;
    if (isinf(x) || isnan(x)) {
        const char *word = isinf(x) ? "INF" : "NAN";
        for (int i = 0; i < 3; i++) {
            buf[i] = (char)(word[i] ^ lower);
        }
        buf[3] = '\0';
        len = 3;
    } else {
        char lo = (char)(fmt | 0x20);
        int mode = lower | (lo == 'f' ? MODE_F : lo == 'g' ? MODE_G : MODE_E);
        len = FF(format_unsigned)(buf, size, x, mode, prec);
    }
    len += (int)(buf - out);
    return finish_text(out, (size_t)len, flags);
}

size_t FF(formatfloat_repr)(char *buf, FT x) {
    return FF(formatfloat_format)(buf, x, 'g', FORMATFLOAT_REPR, '\0', FORMATFLOAT_ALWAYS_DECIMAL);
}

const char *FF(formatfloat_parse_decimal)(const char *s, size_t len, FT *out) {
    return FF(parse_dec)(s, len, out);
}

// mp_parse_num_float without complex(): the number and what may surround it.
bool FF(formatfloat_parse)(const char *s, size_t len, bool allow_imag, FT *out, bool *imag) {
    const char *top = s + len;
    s = skip_space(s, top);
    bool neg = false;
    if (s < top && (*s == '+' || *s == '-')) {
        neg = *s++ == '-';
    }
    const char *start = s;
    FT v = 0;
    if (top - s >= 3 && word_at(s, top, "inf")) {
        v = (FT)INFINITY;
        s += 3;
        if (top - s >= 5 && word_at(s, top, "inity")) {
            s += 5;
        }
    } else if (top - s >= 3 && word_at(s, top, "nan")) {
        v = (FT)NAN;
        s += 3;
    } else {
        s = FF(parse_dec)(s, (size_t)(top - s), &v);
        if (s == NULL) {
            return false;
        }
    }
    if (imag != NULL) {
        *imag = false;
    }
    if (allow_imag && s < top && (*s | 0x20) == 'j') {
        if (s == start) {
            v = 1;  // "j" is 1j
        }
        s++;
        if (imag != NULL) {
            *imag = true;
        }
    }
    if (neg) {
        v = -v;
    }
    if (s == start) {
        return false;
    }
    s = skip_space(s, top);
    *out = v;
    return s == top;
}
