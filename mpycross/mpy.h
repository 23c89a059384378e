// SPDX-License-Identifier: MIT
// mpy.h: the .mpy v6.3 writer: module tables (qstrs, constants), prelude encodings, raw code tree.
#ifndef MPYCROSS_MPY_H
#define MPYCROSS_MPY_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A module's output is built in three parts that the compiler fills as it runs:
 *   - the qstr table: strings in order of first use, entry 0 = source name;
 *   - the constant table: objects in order of first use, de-duplicated by strict equality;
 *   - one mpy_code_t per code object, linked into a tree by child index.
 * mpy_write serialises them (mpy-format.md sections 2-4). Every allocation failure
 * longjmps to *oom, so callers never check for NULL.
 */

// Growable byte buffer.
typedef struct {
    uint8_t *data;
    size_t len, cap;
    jmp_buf *oom;
} mpy_buf_t;

void mpy_buf_init(mpy_buf_t *b, jmp_buf *oom);
void mpy_buf_free(mpy_buf_t *b);
void mpy_buf_byte(mpy_buf_t *b, uint8_t v);
void mpy_buf_bytes(mpy_buf_t *b, const void *p, size_t n);
void mpy_buf_vuint(mpy_buf_t *b, size_t v);

// Encoders write into out[] (at least MPY_ENC_MAX bytes) and return the byte count.
#define MPY_ENC_MAX 16
size_t mpy_enc_vuint(uint8_t *out, size_t v);
size_t mpy_enc_sint(uint8_t *out, intmax_t v);  // LOAD_CONST_SMALL_INT argument

typedef struct {
    size_t n_state, n_exc_stack, scope_flags, n_pos_args, n_kwonly_args, n_def_pos_args;
} mpy_sig_t;
size_t mpy_enc_signature(uint8_t *out, const mpy_sig_t *sig);
size_t mpy_enc_size(uint8_t *out, size_t n_info, size_t n_cell);

// Constant objects (the constant table and tuple items).
typedef struct mpy_const mpy_const_t;
struct mpy_const {
    int kind;             // MPY_CONST_* of runtime/mpy.h
    const char *data;     // STR/BYTES: content; INT: decimal text
    size_t len;
    double f;             // FLOAT value, COMPLEX imaginary part
    size_t n_items;       // TUPLE
    const mpy_const_t *const *items;
};

// Text of a float constant (compiler.md appendix A.3; imag: A.4 without the ".0", then 'j'):
// runtime/formatfloat's repr. out holds MPY_FLOAT_TEXT_SIZE bytes; returns the length.
#define MPY_FLOAT_TEXT_SIZE 40
size_t mpy_float_text(char *out, double x, bool imag);
// A.2: parse a decimal float literal (no sign, no 'j'); returns false on a syntax error.
bool mpy_float_parse(const char *s, size_t len, double *out);

// One code object as written to the file.
typedef struct mpy_code mpy_code_t;
struct mpy_code {
    mpy_sig_t sig;
    size_t simple_name;        // qstr table index
    size_t *arg_names;         // n_pos_args + n_kwonly_args qstr indices
    mpy_buf_t lines;           // line table bytes
    mpy_buf_t cells;           // one slot number per cell
    mpy_buf_t bytecode;
    mpy_code_t **children;     // in child-index order
    size_t n_children, children_cap;
};

typedef struct {
    char *s;
    size_t len;
    uint32_t hash;
} mpy_qstr_entry_t;

typedef struct {
    jmp_buf *oom;
    int small_int_bits;
    // qstr table: entries in order, plus an open-addressing index over them
    mpy_qstr_entry_t *qstrs;
    size_t n_qstrs, qstrs_cap;
    size_t *qindex;            // slot -> entry + 1 (0 = empty)
    size_t qindex_cap;
    // constant table
    const mpy_const_t **consts;
    size_t n_consts, consts_cap;
} mpy_tables_t;

void mpy_tables_init(mpy_tables_t *t, jmp_buf *oom, const char *source_name, int small_int_bits);
void mpy_tables_free(mpy_tables_t *t);
// Index of the string in the qstr table, adding it at the end if new.
size_t mpy_qstr(mpy_tables_t *t, const char *s, size_t len);
size_t mpy_qstr_cstr(mpy_tables_t *t, const char *s);
// Index of an object strictly equal to c in the constant table, adding c if none.
// c must outlive the tables (it is stored, not copied).
size_t mpy_const(mpy_tables_t *t, const mpy_const_t *c);
bool mpy_const_equal(const mpy_const_t *a, const mpy_const_t *b);

// Static qstr number (1..165) of a string, or 0 if it is not static.
int mpy_static_qstr(const char *s, size_t len);

mpy_code_t *mpy_code_new(jmp_buf *oom);
void mpy_code_free(mpy_code_t *c);  // frees the tree below c too
void mpy_code_add_child(mpy_code_t *c, mpy_code_t *child, jmp_buf *oom);

// Serialise the whole module into out (appended).
void mpy_write(mpy_buf_t *out, const mpy_tables_t *t, const mpy_code_t *module);

#endif // MPYCROSS_MPY_H
