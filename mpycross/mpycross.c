// SPDX-License-Identifier: MIT
// mpycross.c: the library entry point: parse, compile, write .mpy bytes.
#include "mpycross/mpycross.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpycross/compile.h"
#include "mpycross/mpy.h"
#include "mpycross/parse.h"
#include "runtime/mpy.h"

#ifndef FREEZE_VERSION
#define FREEZE_VERSION "0"
#endif

void mpyc_options_init(mpyc_options_t *opts) {
    opts->source_name = "<stdin>";
    opts->opt = 0;
    opts->small_int_bits = 0;
    opts->no_source_lines = 0;
    opts->input_path = NULL;
}

static void set_memory_error(mpyc_diag_t *diag) {
    memset(diag, 0, sizeof(*diag));
    snprintf(diag->exc_type, sizeof(diag->exc_type), "MemoryError");
    snprintf(diag->message, sizeof(diag->message), "memory allocation failed");
}

// Compile the parsed module and serialise it; 0 on success.
static int compile_and_write(parse_t *p, const mpyc_options_t *opts, mpyc_output_t *out,
                             mpyc_diag_t *diag) {
    jmp_buf oom;
    mpy_tables_t tab;
    mpy_code_t *module = NULL;
    mpy_buf_t buf;
    mpy_buf_init(&buf, &oom);
    volatile bool tables_live = false;
    if (setjmp(oom)) {
        if (tables_live) {
            mpy_tables_free(&tab);
        }
        mpy_code_free(module);
        mpy_buf_free(&buf);
        set_memory_error(diag);
        return 1;
    }
    mpy_tables_init(&tab, &oom, opts->source_name, opts->small_int_bits);
    tables_live = true;
    if (compile_module(p, opts, &tab, &oom, &module, diag) != 0) {
        mpy_tables_free(&tab);
        return 1;
    }
    mpy_write(&buf, &tab, module);
    mpy_code_free(module);
    module = NULL;
    tables_live = false;
    mpy_tables_free(&tab);
    out->data = buf.data;
    out->len = buf.len;
    return 0;
}

int mpyc_compile(const char *src, size_t len, const mpyc_options_t *opts_in,
                 mpyc_output_t *out, mpyc_diag_t *diag) {
    mpyc_options_t opts = *opts_in;
    if (opts.small_int_bits == 0) {
        opts.small_int_bits = MPY_DEFAULT_SMALL_INT_BITS;
    }
    if (opts.source_name == NULL) {
        opts.source_name = "<stdin>";
    }
    out->data = NULL;
    out->len = 0;
    memset(diag, 0, sizeof(*diag));
    parse_t *p = parse_new();
    if (p == NULL) {
        set_memory_error(diag);
        return 1;
    }
    // mpy-cross interns the input path before lexing, so a long literal equal to it is a
    // qstr (compiler.md section 4.7 rule 2); parse_module interns the source name itself.
    int r = 0;
    if (opts.input_path != NULL && parse_intern(p, opts.input_path, strlen(opts.input_path)) == 0) {
        set_memory_error(diag);
        r = 1;
    }
    if (r == 0) {
        r = parse_module(p, src, len, &opts, diag);
    }
    if (r == 0) {
        r = compile_and_write(p, &opts, out, diag);
    }
    parse_delete(p);
    return r != 0;
}

void mpyc_free(mpyc_output_t *out) {
    free(out->data);
    out->data = NULL;
    out->len = 0;
}

const char *mpyc_version(void) {
    return "MicroPython v1.29 (freeze mpycross " FREEZE_VERSION "); mpy-cross emitting mpy v6.3";
}
