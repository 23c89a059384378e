// SPDX-License-Identifier: MIT
// diag.h: the first error of a compilation, raised by one longjmp and kept as data.
#ifndef MPYCROSS_DIAG_H
#define MPYCROSS_DIAG_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>

#include "mpycross/mpycross.h"

/*
 * The library entry point does `if (setjmp(d.jb) == 0) { work } else { error }`
 * after diag_init; deep code calls diag_raise, which fills *out and jumps back.
 * Only the first error is kept: the raise ends the work.
 */
typedef struct {
    jmp_buf jb;
    mpyc_diag_t *out;
} diag_t;

void diag_init(diag_t *d, mpyc_diag_t *out);

// Fill d->out (message from fmt, cut to fit) and longjmp to d->jb.
_Noreturn void diag_raise(diag_t *d, const char *exc_type, int line, int col, bool traceback,
                          const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

// Print a diagnostic as mpy-cross does on stderr:
//   Traceback (most recent call last):
//     File "<file>", line <N>[, in <scope>]
//   <ExceptionType>: <message>
// (only the last line when !d->traceback). scope is NULL for lexer/parser errors.
void diag_print(FILE *f, const mpyc_diag_t *d, const char *file, const char *scope);

#endif // MPYCROSS_DIAG_H
