// SPDX-License-Identifier: MIT
// disasm.c: a readable listing of a .mpy file: tables, preludes, line numbers, bytecode.
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/disasm.h"
#include "runtime/mpy.h"
#include "runtime/opcodes.h"
#include "runtime/qstrdefs.h"

/*
 * Decodes the layout of shared/spec/mpy-format.md sections 3 and 4. The input is
 * untrusted: every read is bounds-checked and the first malformed field ends the
 * listing through one longjmp to disasm_mpy, which reports it.
 */

#define MAX_QSTRS 4096
#define MAX_DEPTH 32

typedef struct {
    FILE *out;
    const uint8_t *p, *end;
    jmp_buf fail;
    const char *why;
    const uint8_t *qstr[MAX_QSTRS];  // inline qstrs: their bytes; static ones: NULL
    size_t qstr_len[MAX_QSTRS];
    size_t qstr_static[MAX_QSTRS];
    size_t n_qstr;
    int indent;                      // of the code block being listed: 2 per nesting level
} dis_t;

static const char *const static_qstrs[] = {
    "",
#define QSTR_STR(id, str) str,
    QSTR_STATIC_LIST(QSTR_STR)
#undef QSTR_STR
};

static const char *const unary_names[] = {
#define OP_NAME(name, meth) #name,
    UNARY_OP_LIST(OP_NAME)
#undef OP_NAME
};

static const char *const binary_names[] = {
#define OP_NAME(name, meth) #name,
    BINARY_OP_LIST(OP_NAME)
#undef OP_NAME
};

static void fail(dis_t *D, const char *why) {
    D->why = why;
    longjmp(D->fail, 1);
}

static uint8_t byte(dis_t *D) {
    if (D->p >= D->end) {
        fail(D, "truncated .mpy file");
    }
    return *D->p++;
}

static size_t vuint(dis_t *D) {
    size_t v = 0;
    uint8_t b;
    do {
        if (v >> (sizeof v * 8 - 8)) {
            fail(D, "vuint too large");
        }
        b = byte(D);
        v = (v << 7) | (b & 0x7f);
    } while (b & 0x80);
    return v;
}

static const uint8_t *take(dis_t *D, size_t n) {
    if ((size_t)(D->end - D->p) < n) {
        fail(D, "truncated .mpy file");
    }
    const uint8_t *s = D->p;
    D->p += n;
    return s;
}

static void print_text(dis_t *D, const uint8_t *s, size_t n, char quote) {
    fputc(quote, D->out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == quote || s[i] == '\\') {
            fprintf(D->out, "\\%c", s[i]);
        } else if (s[i] < 0x20 || s[i] == 0x7f) {
            fprintf(D->out, "\\x%02x", s[i]);
        } else {
            fputc(s[i], D->out);
        }
    }
    fputc(quote, D->out);
}

static void print_qstr(dis_t *D, size_t i) {
    if (i >= D->n_qstr) {
        fail(D, "qstr index out of range");
    }
    if (D->qstr[i] == NULL) {
        fputs(static_qstrs[D->qstr_static[i]], D->out);
    } else {
        fwrite(D->qstr[i], 1, D->qstr_len[i], D->out);
    }
}

static void read_qstrs(dis_t *D, size_t n) {
    if (n > MAX_QSTRS) {
        fail(D, "too many qstrs for the listing");
    }
    for (size_t i = 0; i < n; i++) {
        size_t v = vuint(D);
        D->n_qstr = i + 1;
        if (MPY_QSTR_IS_STATIC(v)) {
            if ((v >> 1) == 0 || (v >> 1) >= MP_QSTR_NUM_STATIC) {
                fail(D, "static qstr out of range");
            }
            D->qstr[i] = NULL;
            D->qstr_static[i] = v >> 1;
        } else {
            D->qstr_len[i] = v >> 1;
            D->qstr[i] = take(D, (v >> 1) + 1);
        }
        fprintf(D->out, "  qstr %zu: ", i);
        print_qstr(D, i);
        fputc('\n', D->out);
    }
}

static void print_obj(dis_t *D, int depth) {
    uint8_t t = byte(D);
    if (depth > MAX_DEPTH) {
        fail(D, "constant tuples nest too deep");
    }
    switch (t) {
    case MPY_CONST_NONE: fputs("None", D->out); return;
    case MPY_CONST_FALSE: fputs("False", D->out); return;
    case MPY_CONST_TRUE: fputs("True", D->out); return;
    case MPY_CONST_ELLIPSIS: fputs("Ellipsis", D->out); return;
    case MPY_CONST_STR:
    case MPY_CONST_BYTES: {
        size_t n = vuint(D);
        const uint8_t *s = take(D, n + 1);
        if (t == MPY_CONST_BYTES) {
            fputc('b', D->out);
        }
        print_text(D, s, n, '\'');
        return;
    }
    case MPY_CONST_INT:
    case MPY_CONST_FLOAT:
    case MPY_CONST_COMPLEX: {
        size_t n = vuint(D);
        fwrite(take(D, n), 1, n, D->out);
        return;
    }
    case MPY_CONST_TUPLE: {
        size_t n = vuint(D);
        fputc('(', D->out);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ", " : "", D->out);
            print_obj(D, depth + 1);
        }
        fputs(n == 1 ? ",)" : ")", D->out);
        return;
    }
    default:
        fail(D, "unknown constant object type");
    }
}

typedef struct {
    size_t n_state, n_exc, flags, n_pos, n_kwonly, n_def;
} sig_t;

// The signature of mpy-format.md 4.1: bits of six quantities spread over the bytes.
static void read_signature(dis_t *D, sig_t *s) {
    uint8_t z = byte(D);
    size_t S = (z >> 3) & 0xf, E = (z >> 2) & 1, A = z & 3, F = 0, K = 0, Df = 0;
    for (int n = 0; z & 0x80; n++) {
        if (n > 12) {
            fail(D, "signature too long");
        }
        z = byte(D);
        F |= (size_t)((z >> 6) & 1) << n;
        S |= (size_t)((z >> 4) & 3) << (4 + 2 * n);
        K |= (size_t)((z >> 3) & 1) << n;
        A |= (size_t)((z >> 2) & 1) << (2 + n);
        E |= (size_t)((z >> 1) & 1) << (1 + n);
        Df |= (size_t)(z & 1) << n;
    }
    *s = (sig_t){ S + 1, E, F, A, K, Df };
}

static void read_size(dis_t *D, size_t *n_info, size_t *n_cell) {
    *n_info = *n_cell = 0;
    uint8_t z;
    int n = 0;
    do {
        if (n > 8) {
            fail(D, "prelude size too long");
        }
        z = byte(D);
        *n_info |= (size_t)((z >> 1) & 0x3f) << (6 * n);
        *n_cell |= (size_t)(z & 1) << n;
        n++;
    } while (z & 0x80);
}

static void print_lines(dis_t *D, const uint8_t *p, const uint8_t *end) {
    size_t off = 0, line = 1;
    fprintf(D->out, "%*s  lines:", D->indent, "");
    while (p < end) {
        uint8_t c = *p++;
        if (c & 0x80) {
            if (p >= end) {
                fail(D, "truncated line table");
            }
            off += c & 0x0f;
            line += ((size_t)(c << 4) & 0x700) | *p++;
        } else {
            off += c & 0x1f;
            line += c >> 5;
        }
        fprintf(D->out, " %zu:%zu", off, line);
    }
    fputc('\n', D->out);
}

static void print_arg(dis_t *D, uint8_t op, int arg, const uint8_t *code) {
    switch (arg) {
    case OPARG_QSTR:
        fputc(' ', D->out);
        print_qstr(D, vuint(D));
        break;
    case OPARG_UINT:
        fprintf(D->out, " %zu", vuint(D));
        break;
    case OPARG_SINT: {
        uint8_t b = byte(D);
        long long v = (b & 0x40) ? -1 : 0;
        int n = 0;
        for (;;) {
            v = (long long)((unsigned long long)v << 7) | (b & 0x7f);
            if (!(b & 0x80)) {
                break;
            }
            if (++n > 9) {
                fail(D, "small int too long");
            }
            b = byte(D);
        }
        fprintf(D->out, " %lld", v);
        break;
    }
    case OPARG_SOFF:
    case OPARG_UOFF: {
        uint8_t b0 = byte(D);
        long off = b0 & 0x7f;
        if (b0 & 0x80) {
            off |= (long)byte(D) << 7;
        }
        if (arg == OPARG_SOFF) {
            off -= (b0 & 0x80) ? 0x4000 : 0x40;
        }
        fprintf(D->out, " -> %ld", (long)(D->p - code) + off);
        break;
    }
    default:
        break;
    }
    if (arg != OPARG_NONE && MP_BC_HAS_EXTRA_BYTE(op)) {
        fprintf(D->out, " %u", byte(D));
    }
}

static void print_multi(dis_t *D, uint8_t op, int first) {
    if (first == MP_BC_LOAD_CONST_SMALL_INT_MULTI) {
        fprintf(D->out, " %d", op - MP_BC_SMALL_INT_MULTI_ZERO);
    } else if (first == MP_BC_UNARY_OP_MULTI) {
        fprintf(D->out, " %s", unary_names[op - first]);
    } else if (first == MP_BC_BINARY_OP_MULTI) {
        fprintf(D->out, " %s", binary_names[op - first]);
    } else {
        fprintf(D->out, " %d", op - first);
    }
}

static void print_insn(dis_t *D, const uint8_t *code) {
    uint8_t op = byte(D);
    fprintf(D->out, "%*s  %4zu  ", D->indent, "", (size_t)(D->p - 1 - code));
#define DIS_CASE(name, first, last, arg, cdelta) \
    if (op >= (first) && op <= (last)) { \
        fputs(#name, D->out); \
        if ((first) != (last)) { \
            print_multi(D, op, first); \
        } \
        print_arg(D, op, arg, code); \
        fputc('\n', D->out); \
        return; \
    }
    OPCODE_LIST(DIS_CASE)
#undef DIS_CASE
    fail(D, "unknown opcode");
}

static void print_code(dis_t *D, const uint8_t *end, int depth) {
    sig_t s;
    size_t n_info, n_cell;
    read_signature(D, &s);
    read_size(D, &n_info, &n_cell);
    const uint8_t *info_end = take(D, 0) + n_info;
    if (info_end > end || (size_t)(end - info_end) < n_cell) {
        fail(D, "prelude larger than its code");
    }
    D->indent = depth * 2;
    fprintf(D->out, "%*scode ", D->indent, "");
    print_qstr(D, vuint(D));
    fprintf(D->out, ": n_state %zu, n_exc_stack %zu, flags 0x%zx, args %zu+%zu kw, %zu defaults\n",
            s.n_state, s.n_exc, s.flags, s.n_pos, s.n_kwonly, s.n_def);
    if (s.n_pos + s.n_kwonly > 0) {
        fprintf(D->out, "%*s  params:", D->indent, "");
        for (size_t i = 0; i < s.n_pos + s.n_kwonly; i++) {
            fputc(' ', D->out);
            print_qstr(D, vuint(D));
        }
        fputc('\n', D->out);
    }
    if (D->p > info_end) {
        fail(D, "names overrun the source info");
    }
    print_lines(D, D->p, info_end);
    D->p = info_end;
    if (n_cell > 0) {
        fprintf(D->out, "%*s  cells:", D->indent, "");
        for (size_t i = 0; i < n_cell; i++) {
            fprintf(D->out, " %u", byte(D));
        }
        fputc('\n', D->out);
    }
    const uint8_t *code = D->p, *outer_end = D->end;
    D->end = end;
    while (D->p < end) {
        print_insn(D, code);
    }
    D->end = outer_end;
}

static void print_raw_code(dis_t *D, int depth) {
    if (depth > MAX_DEPTH) {
        fail(D, "raw code nests too deep");
    }
    size_t kind_len = vuint(D);
    size_t len = kind_len >> 3;
    const uint8_t *code = take(D, len);
    if ((kind_len & 3) != MPY_CODE_BYTECODE) {
        fprintf(D->out, "%*snative code (kind %zu), %zu bytes\n", depth * 2, "", kind_len & 3,
                len);
        fail(D, "native code is not listed");
    }
    const uint8_t *after = D->p;
    D->p = code;
    print_code(D, code + len, depth);
    D->p = after;
    if (kind_len & 4) {
        size_t n = vuint(D);
        for (size_t i = 0; i < n; i++) {
            fprintf(D->out, "%*schild %zu of %zu:\n", depth * 2 + 2, "", i, n);
            print_raw_code(D, depth + 1);
        }
    }
}

static void print_file(dis_t *D) {
    const uint8_t *h = take(D, 4);
    if (h[0] != MPY_MAGIC || h[1] != MPY_VERSION) {
        fail(D, "incompatible .mpy file");
    }
    fprintf(D->out, ".mpy v%d, features 0x%02x, %d-bit small ints\n", h[1], h[2], h[3]);
    if (h[2] & MPY_FEATURE_ARCH_FLAGS) {
        fprintf(D->out, "arch flags 0x%zx\n", vuint(D));
    }
    size_t n_qstr = vuint(D), n_obj = vuint(D);
    fprintf(D->out, "qstrs: %zu\n", n_qstr);
    read_qstrs(D, n_qstr);
    fprintf(D->out, "objects: %zu\n", n_obj);
    for (size_t i = 0; i < n_obj; i++) {
        fprintf(D->out, "  obj %zu: ", i);
        print_obj(D, 0);
        fputc('\n', D->out);
    }
    print_raw_code(D, 0);
    if (D->p != D->end) {
        fail(D, "bytes after the module's raw code");
    }
}

int disasm_mpy(FILE *out, const uint8_t *d, size_t n, const char **why) {
    dis_t *D = calloc(1, sizeof *D);  // the qstr tables are too big for a thread's stack
    if (D == NULL) {
        *why = "out of memory";
        return -1;
    }
    D->out = out;
    D->p = d;
    D->end = d + n;
    int rc = 0;
    if (setjmp(D->fail) == 0) {
        print_file(D);
    } else {
        *why = D->why;
        rc = -1;
    }
    free(D);
    return rc;
}
