// SPDX-License-Identifier: MIT
// objint.h: the big-int object and the int helpers that formatting and the builtins share.
#ifndef RUNTIME_OBJINT_H
#define RUNTIME_OBJINT_H

#include "runtime/mpz.h"
#include "runtime/obj.h"

/*
 * An int is a small int word while its value fits one (SMALL_INT_FITS), else an
 * obj_int_t holding an mpz. Results are always normalised: a big int never holds a value
 * that fits a small int, so equal values have equal representations.
 */
typedef struct obj_int_t {
    obj_base_t base;
    mpz_t mpz;
} obj_int_t;

extern const mpz_alloc_t int_mpz_alloc;  // digits on the GC heap

// An int (small or big) or a bool, as an mpz: into the caller's fixed buffer for a small
// value (buf of 5 digits), or the big int's own mpz (read-only).
const mpz_t *int_as_mpz(obj_t o, mpz_t *tmp, mpz_dig_t *buf);
// A new int object from an mpz (taken over: z's digits belong to the result).
obj_t int_from_mpz(mpz_t *z);
bool int_is_neg(obj_t o);
// The digits of |o| in base 2..36 (lowercase unless upper), no sign nor prefix; a GC
// buffer, NUL-terminated.
char *int_abs_digits(obj_t o, int base, bool upper, size_t *len);
// int(x) for any x: int, bool, float, str/bytes (base 10), or __int__; base used for text.
obj_t int_from_obj(obj_t x, int base);
// pow(a, b, m) for ints.
obj_t int_powmod(obj_t a, obj_t b, obj_t m);
// The int a float holds, truncated (OverflowError for inf, ValueError for NaN).
obj_t int_from_float(mp_float_t f);
int int_compare(obj_t a, obj_t b);  // both ints or bools: <0, 0, >0
obj_t int_binary_op(int op, obj_t lhs, obj_t rhs);

#endif // RUNTIME_OBJINT_H
