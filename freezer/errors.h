// SPDX-License-Identifier: MIT
// errors.h: the freezer's status classes (the exit codes) and its list of diagnostics.
#ifndef FREEZER_ERRORS_H
#define FREEZER_ERRORS_H

#include <stdarg.h>
#include <stdio.h>

// Status classes, numbered as the exit codes of design.md section 4 (main.c's table).
typedef enum {
    ST_OK = 0,
    ST_INPUT = 1,    // an error in the user's input: source, manifest, .mpy, image
    ST_USAGE = 2,    // wrong command line
    ST_BUDGET = 3,   // a budget exceeded
    ST_IO = 4,       // an I/O or system error
} status_t;

// One diagnostic: "path:line:col: error: msg" (path, line, col optional).
typedef struct {
    char *path;     // malloc'ed, or NULL
    int line, col;  // 1-based; 0 when unknown
    char *msg;      // malloc'ed
} errors_item_t;

// Diagnostics in the order they are to be printed, and the worst status among them.
typedef struct {
    errors_item_t *v;
    size_t n, cap;
    status_t status;
} errors_t;

// Appends a diagnostic of class st; returns st, so callers can `return errors_add(...)`.
status_t errors_add(errors_t *e, status_t st, const char *path, int line, int col,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
status_t errors_vadd(errors_t *e, status_t st, const char *path, int line, int col,
                     const char *fmt, va_list ap);
// Moves every diagnostic of src to the end of dst.
void errors_move(errors_t *dst, errors_t *src);
// Prints each diagnostic, with its source line and a caret where the file has that line.
void errors_print(const errors_t *e, FILE *out);
void errors_free(errors_t *e);

#endif // FREEZER_ERRORS_H
