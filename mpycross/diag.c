// SPDX-License-Identifier: MIT
// diag.c: the first error of a compilation, raised by one longjmp and kept as data.
#include "mpycross/diag.h"

#include <stdarg.h>
#include <string.h>

void diag_init(diag_t *d, mpyc_diag_t *out) {
    d->out = out;
    if (out != NULL) {
        memset(out, 0, sizeof(*out));
    }
}

_Noreturn void diag_raise(diag_t *d, const char *exc_type, int line, int col, bool traceback,
                          const char *fmt, ...) {
    mpyc_diag_t *o = d->out;
    if (o != NULL) {
        snprintf(o->exc_type, sizeof(o->exc_type), "%s", exc_type);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(o->message, sizeof(o->message), fmt, ap);
        va_end(ap);
        o->line = line;
        o->col = col;
        o->traceback = traceback;
    }
    longjmp(d->jb, 1);
}

void diag_print(FILE *f, const mpyc_diag_t *d, const char *file, const char *scope) {
    if (d->traceback) {
        fprintf(f, "Traceback (most recent call last):\n");
        fprintf(f, "  File \"%s\", line %d", file, d->line);
        if (scope != NULL) {
            fprintf(f, ", in %s", scope);
        }
        fprintf(f, "\n");
    }
    fprintf(f, "%s: %s\n", d->exc_type, d->message);
}
