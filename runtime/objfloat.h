// SPDX-License-Identifier: MIT
// objfloat.h: float and complex arithmetic on C values, for the int and float types.
#ifndef RUNTIME_OBJFLOAT_H
#define RUNTIME_OBJFLOAT_H

#include "runtime/obj.h"

// The C math function of the port's float precision: MP_FLOAT(floor) is floor or floorf.
#if CONFIG_FLOAT_DOUBLE
#define MP_FLOAT(name) name
#else
#define MP_FLOAT(name) name##f
#endif

// lhs op rhs for two floats (ZeroDivisionError etc.); OBJ_NULL for an unsupported op.
obj_t float_binary_op_values(int op, mp_float_t a, mp_float_t b);
// The same for complex operands (a real operand has imaginary part 0).
obj_t complex_binary_op_values(int op, mp_float_t ar, mp_float_t ai, mp_float_t br,
                               mp_float_t bi);
// hash() of a float: equal to the int hash for integral values.
size_t float_hash(mp_float_t x);
// formatfloat_parse in the port's float precision.
bool float_parse(const char *s, size_t len, bool allow_imag, mp_float_t *out, bool *imag);
// formatfloat_format in the port's float precision (buf: FORMATFLOAT_BUF_SIZE bytes).
size_t float_format(char *buf, mp_float_t x, char fmt, int prec, char sign, unsigned flags);
// Writes x as repr() does (no ".0" with bare), into a FORMATFLOAT_BUF_SIZE buffer.
size_t float_repr(char *buf, mp_float_t x, bool bare);

#endif // RUNTIME_OBJFLOAT_H
