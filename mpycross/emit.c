// SPDX-License-Identifier: MIT
// emit.c: the bytecode emitter: operand encodings, jump sizing, stack and exception depth, line table.
#include "mpycross/emit.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/opcodes.h"

/*
 * Jump sizing (compiler.md 9.2). A jump is 3 bytes in the STACK_SIZE pass. From CODE_SIZE on,
 * d = label - (pos + 2) is computed with the most recent position of the label: placed
 * earlier in this pass (backward) or in the previous pass (forward). Positions only move
 * down from pass to pass, so a jump only ever shrinks; the 2-byte form is used when d fits
 * (-64..63 signed, 0..127 unsigned), otherwise the 3-byte form stores d - 1. This reaches
 * the largest consistent layout, exactly as the reference does.
 */

#define NO_LABEL ((size_t)-1)

static void *xrealloc(jmp_buf *oom, void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (q == NULL) {
        longjmp(*oom, 1);
    }
    return q;
}

void emit_init(emit_t *e, mpy_tables_t *tab, bool no_lines) {
    memset(e, 0, sizeof(*e));
    e->tab = tab;
    e->oom = tab->oom;
    e->no_lines = no_lines;
    mpy_buf_init(&e->code, tab->oom);
    mpy_buf_init(&e->lines, tab->oom);
}

void emit_free(emit_t *e) {
    free(e->labels);
    mpy_buf_free(&e->code);
    mpy_buf_free(&e->lines);
    e->labels = NULL;
}

void emit_begin_scope(emit_t *e) {
    e->n_labels = 0;
    e->max_stack = 0;
    e->max_exc = 0;
    e->last_size = 0;
}

void emit_start_pass(emit_t *e, int pass) {
    e->pass = pass;
    e->suppress = false;
    e->overflow = false;
    e->stack = 0;
    e->exc_level = 0;
    e->offset = 0;
    e->next_label = 0;
    e->n_children = 0;
    e->code.len = 0;
    e->lines.len = 0;
    e->last_line = 1;
    e->last_line_offset = 0;
}

bool emit_end_pass(emit_t *e) {
    bool stable = true;
    if (e->pass == EMIT_PASS_EMIT) {
        stable = e->offset == e->last_size;
    }
    e->last_size = e->offset;
    return stable;
}

size_t emit_new_label(emit_t *e) {
    size_t l = e->next_label++;
    if (l >= e->n_labels) {
        if (l >= e->labels_cap) {
            e->labels_cap = e->labels_cap ? e->labels_cap * 2 : 32;
            e->labels = xrealloc(e->oom, e->labels, e->labels_cap * sizeof(size_t));
        }
        e->labels[l] = NO_LABEL;
        e->n_labels = l + 1;
    }
    return l;
}

void emit_label(emit_t *e, size_t label) {
    e->suppress = false;
    if (e->pass > EMIT_PASS_SCOPE) {
        e->labels[label] = e->offset;
    }
}

// The line-table entry encoder of compiler.md 11.4: bytes are skipped before lines.
static void write_line_entry(mpy_buf_t *b, size_t bytes, size_t lines) {
    while (bytes > 0 || lines > 0) {
        if (lines <= 6 || bytes > 15) {
            size_t cb = bytes < 31 ? bytes : 31;
            size_t cl = cb < bytes ? 0 : (lines < 3 ? lines : 3);
            mpy_buf_byte(b, (uint8_t)(cb | cl << 5));
            bytes -= cb;
            lines -= cl;
        } else {
            size_t cb = bytes < 15 ? bytes : 15;
            size_t cl = lines < 2047 ? lines : 2047;
            mpy_buf_byte(b, (uint8_t)(0x80 | cb | ((cl >> 4) & 0x70)));
            mpy_buf_byte(b, (uint8_t)(cl & 0xff));
            bytes -= cb;
            lines -= cl;
        }
    }
}

void emit_line(emit_t *e, int line) {
    if (e->no_lines || e->pass == EMIT_PASS_SCOPE || line <= e->last_line) {
        return;
    }
    if (e->pass == EMIT_PASS_EMIT) {
        write_line_entry(&e->lines, e->offset - e->last_line_offset, (size_t)(line - e->last_line));
    }
    e->last_line = line;
    e->last_line_offset = e->offset;
}

void emit_adjust(emit_t *e, int delta) {
    if (e->pass == EMIT_PASS_SCOPE) {
        return;
    }
    e->stack += delta;
    if (e->stack > e->max_stack) {
        e->max_stack = e->stack;
    }
}

void emit_exc(emit_t *e, int delta) {
    e->exc_level += delta;
    if (e->exc_level > e->max_exc) {
        e->max_exc = e->exc_level;
    }
}

// Reserve n bytes of bytecode; they are stored only in EMIT passes and outside dead code.
static void put(emit_t *e, const uint8_t *p, size_t n) {
    if (e->suppress || e->pass == EMIT_PASS_SCOPE) {
        return;
    }
    if (e->pass == EMIT_PASS_EMIT) {
        mpy_buf_bytes(&e->code, p, n);
    }
    e->offset += n;
}

static bool ends_block(uint8_t op) {
    return op == MP_BC_RETURN_VALUE || op == MP_BC_RAISE_LAST || op == MP_BC_RAISE_OBJ
           || op == MP_BC_RAISE_FROM;
}

void emit_op(emit_t *e, uint8_t op, int delta) {
    emit_adjust(e, delta);
    put(e, &op, 1);
    if (ends_block(op)) {
        e->suppress = true;
    }
}

void emit_op_uint(emit_t *e, uint8_t op, int delta, size_t arg) {
    uint8_t b[1 + MPY_ENC_MAX];
    b[0] = op;
    size_t n = 1 + mpy_enc_vuint(b + 1, arg);
    emit_adjust(e, delta);
    put(e, b, n);
}

void emit_op_qidx(emit_t *e, uint8_t op, int delta, size_t qidx) {
    emit_op_uint(e, op, delta, qidx);
}

void emit_op_qstr(emit_t *e, uint8_t op, int delta, const char *s, size_t len) {
    emit_op_uint(e, op, delta, mpy_qstr(e->tab, s, len));
}

void emit_op_const(emit_t *e, const mpy_const_t *c) {
    emit_op_uint(e, MP_BC_LOAD_CONST_OBJ, 1, mpy_const(e->tab, c));
}

void emit_small_int(emit_t *e, intmax_t v) {
    if (v >= MP_BC_SMALL_INT_MULTI_MIN && v <= MP_BC_SMALL_INT_MULTI_MAX) {
        emit_op(e, (uint8_t)(MP_BC_SMALL_INT_MULTI_ZERO + v), 1);
    } else {
        uint8_t b[1 + MPY_ENC_MAX];
        b[0] = MP_BC_LOAD_CONST_SMALL_INT;
        size_t n = 1 + mpy_enc_sint(b + 1, v);
        emit_adjust(e, 1);
        put(e, b, n);
    }
}

void emit_load_fast(emit_t *e, size_t slot) {
    if (slot < 16) {
        emit_op(e, (uint8_t)(MP_BC_LOAD_FAST_MULTI + slot), 1);
    } else {
        emit_op_uint(e, MP_BC_LOAD_FAST_N, 1, slot);
    }
}

void emit_store_fast(emit_t *e, size_t slot) {
    if (slot < 16) {
        emit_op(e, (uint8_t)(MP_BC_STORE_FAST_MULTI + slot), -1);
    } else {
        emit_op_uint(e, MP_BC_STORE_FAST_N, -1, slot);
    }
}

// Encode op and the offset to label into b; returns the length (2 or 3).
static size_t encode_jump(emit_t *e, uint8_t op, size_t label, uint8_t *b) {
    bool is_signed = op <= MP_BC_POP_JUMP_IF_FALSE;
    bool long_form = true;
    intmax_t d = 0;
    b[0] = op;
    if (e->pass >= EMIT_PASS_CODE_SIZE && e->labels[label] != NO_LABEL) {
        d = (intmax_t)e->labels[label] - (intmax_t)e->offset - 2;
        long_form = is_signed ? !(d >= -64 && d <= 63) : !(d >= 0 && d <= 127);
    }
    if (!long_form) {
        b[1] = (uint8_t)(is_signed ? d + 0x40 : d);
        return 2;
    }
    d -= 1;
    if (is_signed) {
        d += 0x4000;
    }
    if (e->pass == EMIT_PASS_EMIT && (d < 0 || d > 0x7fff)) {
        e->overflow = true;
    }
    b[1] = (uint8_t)(0x80 | (d & 0x7f));
    b[2] = (uint8_t)((d >> 7) & 0xff);
    return 3;
}

void emit_jump(emit_t *e, uint8_t op, int delta, size_t label) {
    uint8_t b[3];
    emit_adjust(e, delta);
    if (!e->suppress && e->pass != EMIT_PASS_SCOPE) {
        put(e, b, encode_jump(e, op, label, b));
    }
    if (op == MP_BC_JUMP || op == MP_BC_POP_EXCEPT_JUMP) {
        e->suppress = true;
    }
}

void emit_unwind_jump(emit_t *e, size_t label, int depth, bool from_for) {
    uint8_t b[4];
    if (depth == 0) {
        if (from_for) {
            // drop the 4-slot iterator; the model counts no stack change for these
            for (int i = 0; i < 4; i++) {
                emit_op(e, MP_BC_POP_TOP, 0);
            }
        }
        emit_jump(e, MP_BC_JUMP, 0, label);
        return;
    }
    if (!e->suppress && e->pass != EMIT_PASS_SCOPE) {
        size_t n = encode_jump(e, MP_BC_UNWIND_JUMP, label, b);
        b[n++] = (uint8_t)((from_for ? 0x80 : 0) | depth);
        put(e, b, n);
    }
    e->suppress = true;
}

size_t emit_make_function(emit_t *e, uint8_t op, int delta, size_t n_closed) {
    size_t child = e->n_children++;
    uint8_t b[2 + MPY_ENC_MAX];
    b[0] = op;
    size_t n = 1 + mpy_enc_vuint(b + 1, child);
    if (op == MP_BC_MAKE_CLOSURE || op == MP_BC_MAKE_CLOSURE_DEFARGS) {
        b[n++] = (uint8_t)n_closed;
    }
    emit_adjust(e, delta);
    put(e, b, n);
    return child;
}
