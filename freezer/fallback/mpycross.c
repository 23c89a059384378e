// SPDX-License-Identifier: MIT
// fallback/mpycross.c: stand-ins for compiler API functions mpycross/ does not define yet.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpycross/mpycross.h"

/*
 * Built into an archive that the freeze link names after libmpycross.a, so the linker
 * takes a function from here only while the compiler library still lacks it. Once
 * mpycross/ defines all four, nothing here is linked and this file can go.
 */

void mpyc_options_init(mpyc_options_t *opts) {
    opts->source_name = "<stdin>";
    opts->opt = 0;
    opts->small_int_bits = 0;
}

int mpyc_compile(const char *src, size_t len, const mpyc_options_t *opts, mpyc_output_t *out,
                 mpyc_diag_t *diag) {
    (void)src;
    (void)len;
    (void)opts;
    out->data = NULL;
    out->len = 0;
    memset(diag, 0, sizeof *diag);
    snprintf(diag->exc_type, sizeof diag->exc_type, "NotImplementedError");
    snprintf(diag->message, sizeof diag->message, "the compiler is not built in yet");
    return 1;
}

void mpyc_free(mpyc_output_t *out) {
    free(out->data);
    out->data = NULL;
    out->len = 0;
}

const char *mpyc_version(void) {
    return "MicroPython v1.29 mpy-cross emitting mpy v6.3 (compiler not built in)";
}
