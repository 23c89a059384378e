// SPDX-License-Identifier: MIT
// foldnum.h: numbers of constant folding, with MicroPython's int and float semantics.
#ifndef MPYCROSS_FOLDNUM_H
#define MPYCROSS_FOLDNUM_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/mpz.h"

/*
 * An int is an int64_t while it fits, else an mpz (runtime/mpz.h, malloc'ed);
 * a float is a double. Every operation returns false where MicroPython's
 * would raise (ZeroDivisionError, ValueError for negative shifts, TypeError,
 * complex results, MemoryError for huge results): the caller then leaves the
 * expression unfolded (compiler.md §4.1). foldnum_clear frees an mpz.
 */
typedef struct {
    bool is_float;
    bool big;     // int held in z
    int64_t i;
    double f;
    mpz_t z;
} foldnum_t;

// Results with more bits than this are treated as MemoryError (the reference
// runs in a 2 MiB heap).
#define FOLDNUM_MAX_BITS (8u * 1024u * 1024u)

void foldnum_int(foldnum_t *n, int64_t v);
void foldnum_float(foldnum_t *n, double f);
// From decimal text (optional '-'); false if out of memory.
bool foldnum_from_dec(foldnum_t *n, const char *s, size_t len);
void foldnum_clear(foldnum_t *n);
// MP_BINARY_OP_* / MP_UNARY_OP_* of runtime/opcodes.h; r must not alias a or b
// (it is overwritten, not cleared).
bool foldnum_binary(int op, const foldnum_t *a, const foldnum_t *b, foldnum_t *r);
bool foldnum_unary(int op, const foldnum_t *a, foldnum_t *r);
// true and *v if the int fits int64.
bool foldnum_get_int64(const foldnum_t *n, int64_t *v);
// Decimal text of a big int into a malloc'ed string (*len); NULL on failure.
char *foldnum_big_text(const foldnum_t *n, size_t *len);

#endif // MPYCROSS_FOLDNUM_H
