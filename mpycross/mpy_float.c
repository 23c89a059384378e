// SPDX-License-Identifier: MIT
// mpy_float.c: the float text of a .mpy constant and the lexer's float digits, via runtime/formatfloat.
#include <string.h>

#include "mpycross/mpy.h"
#include "runtime/formatfloat.h"

/*
 * compiler.md appendix A: the text mpy-cross writes for a float constant is MicroPython's
 * repr of the double that MicroPython's own parser read, so both directions are
 * runtime/formatfloat's (the one implementation, shared with the VM's repr and float()).
 * On x86-64 that file scales in x87 long double (FORMATFLOAT_DOUBLE_EXACT), as the reference
 * mpy-cross does; the golden .mpy files depend on it. What is the compiler's own: a complex
 * constant is its imaginary part without repr's ".0", then 'j' (A.4).
 */

size_t mpy_float_text(char *out, double x, bool imag) {
    char buf[FORMATFLOAT_BUF_SIZE];
    unsigned flags = imag ? 0 : FORMATFLOAT_ALWAYS_DECIMAL;
    size_t len = formatfloat_format(buf, x, 'g', FORMATFLOAT_REPR, '\0', flags);
    memcpy(out, buf, len);
    if (imag) {
        out[len++] = 'j';
    }
    return len;
}

bool mpy_float_parse(const char *s, size_t len, double *out) {
    return formatfloat_parse_decimal(s, len, out) != NULL;
}
