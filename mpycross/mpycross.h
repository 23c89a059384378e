// SPDX-License-Identifier: MIT
// mpycross.h: the compiler as a library: Python source in, .mpy v6.3 bytes out.
#ifndef MPYCROSS_MPYCROSS_H
#define MPYCROSS_MPYCROSS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The library keeps no global state: every call owns its arena, so several
 * modules can be compiled at once from different threads.
 */

typedef struct {
    const char *source_name;  // name embedded in the .mpy (qstr 0) and in diagnostics
    int opt;                  // optimisation level 0..3, as mpy-cross -O
    int small_int_bits;       // as -msmall-int-bits; 0 means the default (31)
    int no_source_lines;      // as -X no-source-lines: empty line tables (also implied by opt >= 3)
    const char *input_path;   // the input file's path as given, or NULL (stdin, no file):
                              // interned before source_name (compiler.md section 4.7 rule 2)
} mpyc_options_t;

typedef struct {
    char exc_type[32];  // "SyntaxError", "IndentationError", ... as MicroPython raises it
    char message[256];  // MicroPython's message, word for word
    int line;           // 1-based; 0 if unknown
    int col;            // 1-based; 0 if unknown
    int traceback;      // 1 if mpy-cross prints a "Traceback" header before the message
    char scope[64];     // compile errors: the scope's name ("<module>", "f", ...) for the
                        // traceback's "in <scope>"; empty for lexer/parser errors
} mpyc_diag_t;

typedef struct {
    uint8_t *data;  // malloc'ed .mpy bytes; the caller frees with mpyc_free
    size_t len;
} mpyc_output_t;

// Default options: opt 0, 31-bit small ints, line tables, source name "<stdin>".
void mpyc_options_init(mpyc_options_t *opts);

// Compile src[0..len) to .mpy. Returns 0 on success and fills *out; on a
// syntax or compile error returns 1 and fills *diag (out is left empty).
int mpyc_compile(const char *src, size_t len, const mpyc_options_t *opts,
                 mpyc_output_t *out, mpyc_diag_t *diag);

void mpyc_free(mpyc_output_t *out);

// The version string printed by --version ("MicroPython v1.29 mpy-cross emitting mpy v6.3" form).
const char *mpyc_version(void);

#endif // MPYCROSS_MPYCROSS_H
