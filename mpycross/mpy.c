// SPDX-License-Identifier: MIT
// mpy.c: the .mpy v6.3 writer: varints, prelude fields, qstr and constant tables, raw code tree.
#include "mpycross/mpy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/mpy.h"
#include "runtime/qstrdefs.h"

static void *xrealloc(jmp_buf *oom, void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (q == NULL) {
        longjmp(*oom, 1);
    }
    return q;
}

// ---- buffers ----

void mpy_buf_init(mpy_buf_t *b, jmp_buf *oom) {
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = oom;
}

void mpy_buf_free(mpy_buf_t *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static void buf_reserve(mpy_buf_t *b, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n) {
            cap *= 2;
        }
        b->data = xrealloc(b->oom, b->data, cap);
        b->cap = cap;
    }
}

void mpy_buf_byte(mpy_buf_t *b, uint8_t v) {
    buf_reserve(b, 1);
    b->data[b->len++] = v;
}

void mpy_buf_bytes(mpy_buf_t *b, const void *p, size_t n) {
    if (n == 0) {
        return;
    }
    buf_reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void mpy_buf_vuint(mpy_buf_t *b, size_t v) {
    uint8_t tmp[MPY_ENC_MAX];
    mpy_buf_bytes(b, tmp, mpy_enc_vuint(tmp, v));
}

// ---- encodings (mpy-format.md 2.1, 2.2, 4.1, 4.2) ----

// 7-bit groups, most significant first, bit 7 set on all but the last.
size_t mpy_enc_vuint(uint8_t *out, size_t v) {
    uint8_t tmp[MPY_ENC_MAX];
    size_t n = 0;
    do {
        tmp[n++] = v & 0x7f;
        v >>= 7;
    } while (v != 0);
    for (size_t i = 0; i < n; i++) {
        out[i] = tmp[n - 1 - i] | (i + 1 < n ? 0x80 : 0);
    }
    return n;
}

// Two's complement in 7-bit groups; bit 6 of the first group carries the sign.
size_t mpy_enc_sint(uint8_t *out, intmax_t v) {
    uint8_t tmp[MPY_ENC_MAX];
    size_t n = 0;
    do {
        tmp[n++] = (uint8_t)(v & 0x7f);
        v >>= 7;  // arithmetic shift on every supported compiler
    } while (v != 0 && v != -1);
    if (v == -1 && (tmp[n - 1] & 0x40) == 0) {
        tmp[n++] = 0x7f;
    } else if (v == 0 && (tmp[n - 1] & 0x40) != 0) {
        tmp[n++] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        out[i] = tmp[n - 1 - i] | (i + 1 < n ? 0x80 : 0);
    }
    return n;
}

size_t mpy_enc_signature(uint8_t *out, const mpy_sig_t *sig) {
    size_t S = sig->n_state - 1, E = sig->n_exc_stack, F = sig->scope_flags;
    size_t A = sig->n_pos_args, K = sig->n_kwonly_args, D = sig->n_def_pos_args;
    size_t n = 0;
    uint8_t z = (uint8_t)((S & 0xf) << 3 | (E & 1) << 2 | (A & 3));
    S >>= 4;
    E >>= 1;
    A >>= 2;
    while (S | E | F | A | K | D) {
        out[n++] = 0x80 | z;
        z = (uint8_t)((F & 1) << 6 | (S & 3) << 4 | (K & 1) << 3 | (A & 1) << 2 | (E & 1) << 1 | (D & 1));
        S >>= 2;
        E >>= 1;
        F >>= 1;
        A >>= 1;
        K >>= 1;
        D >>= 1;
    }
    out[n++] = z;
    return n;
}

size_t mpy_enc_size(uint8_t *out, size_t n_info, size_t n_cell) {
    size_t n = 0;
    do {
        uint8_t z = (uint8_t)((n_info & 0x3f) << 1 | (n_cell & 1));
        n_cell >>= 1;
        n_info >>= 6;
        if (n_cell | n_info) {
            z |= 0x80;
        }
        out[n++] = z;
    } while (n_cell | n_info);
    return n;
}

// ---- qstr table ----

static const char *const static_qstrs[] = {
    NULL,
#define QSTR_STR(id, str) str,
    QSTR_STATIC_LIST(QSTR_STR)
#undef QSTR_STR
};

int mpy_static_qstr(const char *s, size_t len) {
    for (int i = 1; i < MP_QSTR_NUM_STATIC; i++) {
        const char *q = static_qstrs[i];
        if (strlen(q) == len && memcmp(q, s, len) == 0) {
            return i;
        }
    }
    return 0;
}

static uint32_t str_hash(const char *s, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    }
    return h;
}

static void qindex_rebuild(mpy_tables_t *t, size_t cap) {
    free(t->qindex);
    t->qindex = xrealloc(t->oom, NULL, cap * sizeof(size_t));
    memset(t->qindex, 0, cap * sizeof(size_t));
    t->qindex_cap = cap;
    for (size_t i = 0; i < t->n_qstrs; i++) {
        size_t slot = t->qstrs[i].hash & (cap - 1);
        while (t->qindex[slot] != 0) {
            slot = (slot + 1) & (cap - 1);
        }
        t->qindex[slot] = i + 1;
    }
}

void mpy_tables_init(mpy_tables_t *t, jmp_buf *oom, const char *source_name, int small_int_bits) {
    memset(t, 0, sizeof(*t));
    t->oom = oom;
    t->small_int_bits = small_int_bits;
    qindex_rebuild(t, 64);
    mpy_qstr_cstr(t, source_name);
}

void mpy_tables_free(mpy_tables_t *t) {
    for (size_t i = 0; i < t->n_qstrs; i++) {
        free(t->qstrs[i].s);
    }
    free(t->qstrs);
    free(t->qindex);
    free(t->consts);
    memset(t, 0, sizeof(*t));
}

size_t mpy_qstr(mpy_tables_t *t, const char *s, size_t len) {
    uint32_t h = str_hash(s, len);
    size_t mask = t->qindex_cap - 1;
    for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
        size_t e = t->qindex[slot];
        if (e == 0) {
            break;
        }
        const mpy_qstr_entry_t *q = &t->qstrs[e - 1];
        if (q->hash == h && q->len == len && memcmp(q->s, s, len) == 0) {
            return e - 1;
        }
    }
    if (t->n_qstrs == t->qstrs_cap) {
        t->qstrs_cap = t->qstrs_cap ? t->qstrs_cap * 2 : 32;
        t->qstrs = xrealloc(t->oom, t->qstrs, t->qstrs_cap * sizeof(*t->qstrs));
    }
    char *copy = xrealloc(t->oom, NULL, len + 1);
    memcpy(copy, s, len);
    copy[len] = 0;
    t->qstrs[t->n_qstrs] = (mpy_qstr_entry_t){copy, len, h};
    t->n_qstrs++;
    if (t->n_qstrs * 2 > t->qindex_cap) {
        qindex_rebuild(t, t->qindex_cap * 2);
    } else {
        size_t slot = h & mask;
        while (t->qindex[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        t->qindex[slot] = t->n_qstrs;
    }
    return t->n_qstrs - 1;
}

size_t mpy_qstr_cstr(mpy_tables_t *t, const char *s) {
    return mpy_qstr(t, s, strlen(s));
}

// ---- constant table ----

// Strict equality as the reference's de-duplication: same type, same value; floats compare
// bit-for-bit in sign (0.0 != -0.0) and a NaN only equals the very same object.
bool mpy_const_equal(const mpy_const_t *a, const mpy_const_t *b) {
    if (a == b) {
        return true;
    }
    if (a->kind != b->kind) {
        return false;
    }
    switch (a->kind) {
    case MPY_CONST_STR:
    case MPY_CONST_BYTES:
    case MPY_CONST_INT:
        return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
    case MPY_CONST_FLOAT:
    case MPY_CONST_COMPLEX:
        return a->f == b->f && signbit(a->f) == signbit(b->f);
    case MPY_CONST_TUPLE:
        if (a->n_items != b->n_items) {
            return false;
        }
        for (size_t i = 0; i < a->n_items; i++) {
            if (!mpy_const_equal(a->items[i], b->items[i])) {
                return false;
            }
        }
        return true;
    default:
        return true;  // None, False, True, Ellipsis
    }
}

size_t mpy_const(mpy_tables_t *t, const mpy_const_t *c) {
    for (size_t i = 0; i < t->n_consts; i++) {
        if (mpy_const_equal(t->consts[i], c)) {
            return i;
        }
    }
    if (t->n_consts == t->consts_cap) {
        t->consts_cap = t->consts_cap ? t->consts_cap * 2 : 16;
        t->consts = xrealloc(t->oom, t->consts, t->consts_cap * sizeof(*t->consts));
    }
    t->consts[t->n_consts] = c;
    return t->n_consts++;
}

// ---- code objects ----

mpy_code_t *mpy_code_new(jmp_buf *oom) {
    mpy_code_t *c = xrealloc(oom, NULL, sizeof(*c));
    memset(c, 0, sizeof(*c));
    mpy_buf_init(&c->lines, oom);
    mpy_buf_init(&c->cells, oom);
    mpy_buf_init(&c->bytecode, oom);
    return c;
}

void mpy_code_free(mpy_code_t *c) {
    if (c == NULL) {
        return;
    }
    for (size_t i = 0; i < c->n_children; i++) {
        mpy_code_free(c->children[i]);
    }
    free(c->children);
    free(c->arg_names);
    mpy_buf_free(&c->lines);
    mpy_buf_free(&c->cells);
    mpy_buf_free(&c->bytecode);
    free(c);
}

void mpy_code_add_child(mpy_code_t *c, mpy_code_t *child, jmp_buf *oom) {
    if (c->n_children == c->children_cap) {
        c->children_cap = c->children_cap ? c->children_cap * 2 : 4;
        c->children = xrealloc(oom, c->children, c->children_cap * sizeof(*c->children));
    }
    c->children[c->n_children++] = child;
}

// ---- writer ----

static void write_qstr(mpy_buf_t *out, const mpy_qstr_entry_t *q) {
    int st = mpy_static_qstr(q->s, q->len);
    if (st) {
        mpy_buf_vuint(out, (size_t)st << 1 | 1);
    } else {
        mpy_buf_vuint(out, q->len << 1);
        mpy_buf_bytes(out, q->s, q->len);
        mpy_buf_byte(out, 0);
    }
}

static void write_const(mpy_buf_t *out, const mpy_const_t *c) {
    char text[64];
    size_t n;
    mpy_buf_byte(out, (uint8_t)c->kind);
    switch (c->kind) {
    case MPY_CONST_STR:
    case MPY_CONST_BYTES:
        mpy_buf_vuint(out, c->len);
        mpy_buf_bytes(out, c->data, c->len);
        mpy_buf_byte(out, 0);
        break;
    case MPY_CONST_INT:
        mpy_buf_vuint(out, c->len);
        mpy_buf_bytes(out, c->data, c->len);
        break;
    case MPY_CONST_FLOAT:
    case MPY_CONST_COMPLEX:
        n = mpy_float_text(text, c->f, c->kind == MPY_CONST_COMPLEX);
        mpy_buf_vuint(out, n);
        mpy_buf_bytes(out, text, n);
        break;
    case MPY_CONST_TUPLE:
        mpy_buf_vuint(out, c->n_items);
        for (size_t i = 0; i < c->n_items; i++) {
            write_const(out, c->items[i]);
        }
        break;
    default:
        break;
    }
}

// prelude: signature, size, simple name, argument names, line table, cells; then bytecode.
static void write_code(mpy_buf_t *out, const mpy_code_t *c) {
    uint8_t sig[MPY_ENC_MAX * 2], size[MPY_ENC_MAX];
    uint8_t names[MPY_ENC_MAX];
    size_t n_sig = mpy_enc_signature(sig, &c->sig);
    size_t n_args = c->sig.n_pos_args + c->sig.n_kwonly_args;
    size_t n_info = mpy_enc_vuint(names, c->simple_name) + c->lines.len;
    for (size_t i = 0; i < n_args; i++) {
        n_info += mpy_enc_vuint(names, c->arg_names[i]);
    }
    size_t n_size = mpy_enc_size(size, n_info, c->cells.len);
    size_t code_len = n_sig + n_size + n_info + c->cells.len + c->bytecode.len;
    mpy_buf_vuint(out, code_len << 3 | (c->n_children ? 4 : 0) | MPY_CODE_BYTECODE);
    mpy_buf_bytes(out, sig, n_sig);
    mpy_buf_bytes(out, size, n_size);
    mpy_buf_vuint(out, c->simple_name);
    for (size_t i = 0; i < n_args; i++) {
        mpy_buf_vuint(out, c->arg_names[i]);
    }
    mpy_buf_bytes(out, c->lines.data, c->lines.len);
    mpy_buf_bytes(out, c->cells.data, c->cells.len);
    mpy_buf_bytes(out, c->bytecode.data, c->bytecode.len);
    if (c->n_children) {
        mpy_buf_vuint(out, c->n_children);
        for (size_t i = 0; i < c->n_children; i++) {
            write_code(out, c->children[i]);
        }
    }
}

void mpy_write(mpy_buf_t *out, const mpy_tables_t *t, const mpy_code_t *module) {
    mpy_buf_byte(out, MPY_MAGIC);
    mpy_buf_byte(out, MPY_VERSION);
    mpy_buf_byte(out, MPY_FEATURES_BYTECODE);
    mpy_buf_byte(out, (uint8_t)t->small_int_bits);
    mpy_buf_vuint(out, t->n_qstrs);
    mpy_buf_vuint(out, t->n_consts);
    for (size_t i = 0; i < t->n_qstrs; i++) {
        write_qstr(out, &t->qstrs[i]);
    }
    for (size_t i = 0; i < t->n_consts; i++) {
        write_const(out, t->consts[i]);
    }
    write_code(out, module);
}
