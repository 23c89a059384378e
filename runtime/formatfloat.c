// SPDX-License-Identifier: MIT
// formatfloat.c: float <-> text exactly as MicroPython v1.29 does it (stub: in progress).
#include <string.h>

#include "runtime/formatfloat.h"

size_t formatfloat_format(char *buf, double x, char fmt, int prec, char sign, unsigned flags) {
    buf[0] = '\0';
    return 0;
}

size_t formatfloat_repr(char *buf, double x) {
    return formatfloat_format(buf, x, 'g', FORMATFLOAT_REPR, '\0', FORMATFLOAT_ALWAYS_DECIMAL);
}

const char *formatfloat_parse_decimal(const char *s, size_t len, double *out) {
    *out = 0;
    return NULL;
}

bool formatfloat_parse(const char *s, size_t len, bool allow_imag, double *out, bool *imag) {
    *out = 0;
    return false;
}

size_t formatfloat_format_f(char *buf, float x, char fmt, int prec, char sign, unsigned flags) {
    buf[0] = '\0';
    return 0;
}

size_t formatfloat_repr_f(char *buf, float x) {
    return formatfloat_format_f(buf, x, 'g', FORMATFLOAT_REPR, '\0', FORMATFLOAT_ALWAYS_DECIMAL);
}

const char *formatfloat_parse_decimal_f(const char *s, size_t len, float *out) {
    *out = 0;
    return NULL;
}

bool formatfloat_parse_f(const char *s, size_t len, bool allow_imag, float *out, bool *imag) {
    *out = 0;
    return false;
}
