// SPDX-License-Identifier: MIT
// formatfloat.h: float <-> text exactly as MicroPython v1.29 does it (repr, %-formats, parsing).
#ifndef RUNTIME_FORMATFLOAT_H
#define RUNTIME_FORMATFLOAT_H

/*
 * Design
 * ------
 * MicroPython does not use libc for floats: it has its own decimal parser and formatter, and
 * the text the compiler writes into a .mpy for a float constant is that formatter's output
 * applied to that parser's double (shared/spec/compiler.md Appendix A). The results are
 * not always correctly rounded, and the quirks are part of the contract, so this file
 * reproduces the algorithms step for step:
 *   - scaling by 10^k is a square-and-multiply loop in a wider float ("large float"), and
 *     formatting verifies each candidate by parsing it back (up to 19 digits for double);
 *   - with double that wider float is the C long double (x87 80-bit on x86-64 Linux, the
 *     reference) and the search is MicroPython's EXACT one; where long double is no wider
 *     than double (Xtensa, ARM) MicroPython falls back to its APPROX method (exponent-field
 *     scaling plus pow(5, k), then a dichotomic search), and so do we;
 *   - single precision (the MCU ports) always uses the APPROX method in float.
 * FORMATFLOAT_DOUBLE_EXACT (0/1) overrides the choice for double.
 *
 * Output depends on the buffer MicroPython formats into (mp_print_float gives
 * mp_format_float 33 bytes of a 36-byte buffer, keeping 3 for ".0" or '%'): large precisions
 * are cut to fit it ('%.50f' % 1.5 has 29 decimals, '%.50f' % 123.0 is "123"). Every
 * formatting function here behaves as if with that buffer, so the caller's buffer must hold
 * FORMATFLOAT_BUF_SIZE bytes; nothing is ever written beyond that.
 */

#include <stdbool.h>
#include <stddef.h>

// Which precisions to build (0/1). Freestanding (MCU) builds default to float only: their
// libm is single precision, and the double APPROX method needs pow().
#ifndef FORMATFLOAT_WITH_DOUBLE
#define FORMATFLOAT_WITH_DOUBLE __STDC_HOSTED__
#endif
#ifndef FORMATFLOAT_WITH_FLOAT
#define FORMATFLOAT_WITH_FLOAT 1
#endif

#ifndef FORMATFLOAT_DOUBLE_EXACT
#if defined(__SIZEOF_LONG_DOUBLE__) && __SIZEOF_LONG_DOUBLE__ > 8
#define FORMATFLOAT_DOUBLE_EXACT 1
#else
#define FORMATFLOAT_DOUBLE_EXACT 0
#endif
#endif

#define FORMATFLOAT_BUF_SIZE 36

// prec value asking for repr's shortest round-tripping text (mp_format_float's
// MP_FLOAT_REPR_PREC); any prec < 0 other than this means the default, 6.
#define FORMATFLOAT_REPR (-99)

// flags for formatfloat_format
#define FORMATFLOAT_ALWAYS_DECIMAL 0x1  // add ".0" when the text has no '.', 'e' or 'n' (str/repr)
#define FORMATFLOAT_PERCENT 0x2         // the '%' format: x * 100 in 'f' style, then '%'

// Formats x as mp_print_float does before padding: fmt is one of e E f F g G % (uppercase
// gives INF/NAN/E; '%' is 'f' with FORMATFLOAT_PERCENT), prec the precision (< 0: default
// 6, or FORMATFLOAT_REPR), sign '\0', '+' or ' ' (the sign written for non-negative x; '-'
// is always written, also for -0.0). Width, fill and alignment are the caller's; so is
// "pad after sign" ('=' or a 0 fill: the sign is the first character when it is not a
// digit). buf must hold FORMATFLOAT_BUF_SIZE bytes; the text is NUL-terminated and its
// length returned.
// Facts for the callers (MicroPython, checked with the oracle): '#' has no effect on floats
// ('%#.0f' % 1.0 is "1"); str.format with no type is 'g' with the default precision unless
// there is no spec at all ('{:10}'.format(1.0) is "         1", '{}'.format(1.0) is "1.0",
// '{:.0}'.format(2.5) is "3"); '%s' and '%r' use repr.
#if FORMATFLOAT_WITH_DOUBLE
size_t formatfloat_format(char *buf, double x, char fmt, int prec, char sign, unsigned flags);
// str(x) and repr(x): 91.4 -> "91.40000000000001", 1e16 -> "1e+16", 3.0 -> "3.0".
size_t formatfloat_repr(char *buf, double x);

// Parses an unsigned decimal (digits, '.', exponent, '_' ignored) as MicroPython's
// mp_parse_float_internal (Appendix A.2) and returns the end of what it read, or NULL for
// an exponent marker with nothing after it. Stops at the first character it does not take.
const char *formatfloat_parse_decimal(const char *s, size_t len, double *out);

// float(text) and the lexer's float tokens: whitespace, sign, inf/infinity/nan (any case),
// the decimal, and with allow_imag a trailing j/J (then *imag is set; "j" alone is 1j).
// The whole text must be used. Returns false for invalid text.
bool formatfloat_parse(const char *s, size_t len, bool allow_imag, double *out, bool *imag);
#endif

// The same in single precision, for ports whose float is binary32 (repr tries 6..9 digits).
#if FORMATFLOAT_WITH_FLOAT
size_t formatfloat_format_f(char *buf, float x, char fmt, int prec, char sign, unsigned flags);
size_t formatfloat_repr_f(char *buf, float x);
const char *formatfloat_parse_decimal_f(const char *s, size_t len, float *out);
bool formatfloat_parse_f(const char *s, size_t len, bool allow_imag, float *out, bool *imag);
#endif

#endif // RUNTIME_FORMATFLOAT_H
