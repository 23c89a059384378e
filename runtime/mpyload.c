// SPDX-License-Identifier: MIT
// mpyload.c: reads a .mpy v6.3 file in place and checks it (mpy-format.md sections 3, 4, 7).
#include <string.h>

#include "runtime/image.h"
#include "runtime/mpy.h"
#include "runtime/mpyload.h"
#include "runtime/opcodes.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * The reader never reads past end: every field goes through rd_byte/rd_uint, which raise
 * ValueError("corrupt .mpy file") on truncation. Header problems give MicroPython's
 * "incompatible .mpy file". After a raw code's prelude is decoded, its bytecode is walked
 * once: every opcode must be defined, every qstr/constant/child/local index in range and
 * every jump target inside the code, so the VM can trust those without checks.
 */
#define MAX_DEPTH 32  // nesting of raw codes and of constant tuples

typedef struct reader_t {
    const byte *p;
    const byte *end;
} reader_t;

NORETURN static void corrupt(void) {
    rt_raise_msg(&type_ValueError, "corrupt .mpy file");
}

NORETURN static void incompatible(void) {
    rt_raise_msg(&type_ValueError, "incompatible .mpy file");
}

static byte rd_byte(reader_t *r) {
    if (r->p >= r->end) {
        corrupt();
    }
    return *r->p++;
}

static size_t rd_uint(reader_t *r) {
    size_t v = 0;
    byte b;
    int n = 0;
    do {
        b = rd_byte(r);
        if (++n > 5) {
            corrupt();  // more than 32 bits
        }
        v = (v << 7) | (b & 0x7f);
    } while (b & 0x80);
    return v;
}

static const byte *rd_bytes(reader_t *r, size_t n) {
    if ((size_t)(r->end - r->p) < n) {
        corrupt();
    }
    const byte *s = r->p;
    r->p += n;
    return s;
}

/* ------------------------------------------------------------------------------------
 * Qstrs and constants.
 */
static qstr_t load_qstr(reader_t *r) {
    size_t v = rd_uint(r);
    if (MPY_QSTR_IS_STATIC(v)) {
        size_t q = v >> 1;
        if (q == 0 || q >= MP_QSTR_NUM_STATIC) {
            corrupt();
        }
        return q;
    }
    size_t len = v >> 1;
    const byte *s = rd_bytes(r, len + 1);
    if (s[len] != 0) {
        corrupt();
    }
    return qstr_from_strn_static((const char *)s, len);
}

static obj_t load_obj(reader_t *r, int depth) {
    if (depth > MAX_DEPTH) {
        corrupt();
    }
    byte kind = rd_byte(r);
    switch (kind) {
        case MPY_CONST_NONE:
            return obj_none;
        case MPY_CONST_FALSE:
            return obj_false;
        case MPY_CONST_TRUE:
            return obj_true;
        case MPY_CONST_ELLIPSIS:
            return obj_const_ellipsis;
        case MPY_CONST_TUPLE: {
            size_t n = rd_uint(r);
            if (n > (size_t)(r->end - r->p)) {
                corrupt();  // each item takes at least one byte
            }
            obj_t t = obj_new_tuple(n, NULL);
            for (size_t i = 0; i < n; i++) {
                ((obj_tuple_t *)t)->items[i] = load_obj(r, depth + 1);
            }
            return t;
        }
        default:
            break;
    }
    size_t len = rd_uint(r);
    if (kind == MPY_CONST_STR || kind == MPY_CONST_BYTES) {
        const byte *s = rd_bytes(r, len + 1);
        if (s[len] != 0) {
            corrupt();
        }
        return kind == MPY_CONST_STR ? obj_new_str_static((const char *)s, len) : obj_new_bytes_static(s, len);
    }
    const char *s = (const char *)rd_bytes(r, len);
    switch (kind) {
        case MPY_CONST_INT:
            return obj_new_int_from_str(s, len, 10);
        case MPY_CONST_FLOAT:
            return obj_new_float_from_str(s, len);
        case MPY_CONST_COMPLEX:
            if (len == 0 || s[len - 1] != 'j') {
                corrupt();
            }
            return obj_new_complex(0, obj_get_float(obj_new_float_from_str(s, len - 1)));
        default:
            corrupt();
    }
}

/* ------------------------------------------------------------------------------------
 * Preludes (mpy-format.md 4.1, 4.2).
 */
static void load_prelude(reader_t *r, raw_code_t *rc) {
    byte z = rd_byte(r);
    size_t S = (z >> 3) & 0xf, E = (z >> 2) & 1, F = 0, A = z & 3, K = 0, D = 0;
    for (int n = 0; z & 0x80; n++) {
        if (n > 12) {
            corrupt();
        }
        z = rd_byte(r);
        F |= (size_t)((z >> 6) & 1) << n;
        S |= (size_t)((z >> 4) & 3) << (4 + 2 * n);
        K |= (size_t)((z >> 3) & 1) << n;
        A |= (size_t)((z >> 2) & 1) << (2 + n);
        E |= (size_t)((z >> 1) & 1) << (1 + n);
        D |= (size_t)(z & 1) << n;
    }
    size_t n_info = 0, n_cell = 0;
    for (int n = 0;; n++) {
        if (n > 8) {
            corrupt();
        }
        z = rd_byte(r);
        n_info |= (size_t)((z >> 1) & 0x3f) << (6 * n);
        n_cell |= (size_t)(z & 1) << n;
        if (!(z & 0x80)) {
            break;
        }
    }
    if (S + 1 > 0xffff || E > 0xff || A > 0xff || K > 0xff || D > A || F > 0xf) {
        corrupt();
    }
    rc->n_state = (uint16_t)(S + 1);
    rc->n_exc_stack = (uint16_t)E;
    rc->scope_flags = (uint8_t)F;
    rc->n_pos_args = (uint8_t)A;
    rc->n_kwonly_args = (uint8_t)K;
    rc->n_def_pos_args = (uint8_t)D;
    size_t n_slots_args = A + K + ((F & MP_SCOPE_FLAG_VARARGS) != 0) + ((F & MP_SCOPE_FLAG_VARKEYWORDS) != 0);
    if (n_slots_args > rc->n_state) {
        corrupt();
    }
    reader_t info = {rd_bytes(r, n_info), NULL};
    info.end = info.p + n_info;
    size_t name = rd_uint(&info);
    if (name >= rc->ctx->n_qstr) {
        corrupt();
    }
    rc->name = rc->ctx->qstrs[name];
    rc->arg_names = info.p;
    for (size_t i = 0; i < A + K; i++) {
        if (rd_uint(&info) >= rc->ctx->n_qstr) {
            corrupt();
        }
    }
    rc->line_info = info.p;
    rc->line_info_end = info.end;
    rc->cells = rd_bytes(r, n_cell);
    rc->n_cell = (uint16_t)n_cell;
    for (size_t i = 0; i < n_cell; i++) {
        if (rc->cells[i] >= rc->n_state) {
            corrupt();
        }
    }
    rc->bytecode = r->p;
}

/* ------------------------------------------------------------------------------------
 * Bytecode check.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
static const byte opcode_arg[256] = {
#define OPCODE_ARG(name, first, last, arg, cdelta) [first ... last] = (byte)(arg + 1),
    OPCODE_LIST(OPCODE_ARG)
#undef OPCODE_ARG
};
#pragma GCC diagnostic pop

static void check_jump(const raw_code_t *rc, const byte *from, ptrdiff_t off) {
    ptrdiff_t target = (from - rc->bytecode) + off;
    if (target < 0 || target > rc->code_end - rc->bytecode) {
        corrupt();
    }
}

static void check_uint_operand(const raw_code_t *rc, byte op, size_t v) {
    size_t n_locals = rc->n_state;
    switch (op) {
        case MP_BC_LOAD_CONST_OBJ:
            if (v >= rc->ctx->n_obj) {
                corrupt();
            }
            break;
        case MP_BC_MAKE_FUNCTION:
        case MP_BC_MAKE_FUNCTION_DEFARGS:
        case MP_BC_MAKE_CLOSURE:
        case MP_BC_MAKE_CLOSURE_DEFARGS:
            if (v >= rc->n_children) {
                corrupt();
            }
            break;
        case MP_BC_LOAD_FAST_N:
        case MP_BC_STORE_FAST_N:
        case MP_BC_LOAD_DEREF:
        case MP_BC_STORE_DEREF:
        case MP_BC_DELETE_FAST:
        case MP_BC_DELETE_DEREF:
            if (v >= n_locals) {
                corrupt();
            }
            break;
        case MP_BC_BUILD_TUPLE:
        case MP_BC_BUILD_LIST:
        case MP_BC_BUILD_SET:
        case MP_BC_UNPACK_SEQUENCE:
            if (v > rc->n_state) {
                corrupt();
            }
            break;
        case MP_BC_BUILD_SLICE:
            if (v != 2 && v != 3) {
                corrupt();
            }
            break;
        case MP_BC_STORE_COMP:
            if ((v & 3) == 3 || (v >> 2) >= rc->n_state) {
                corrupt();
            }
            break;
        case MP_BC_UNPACK_EX:
            if ((v & 0xff) + (v >> 8) + 1 > rc->n_state) {
                corrupt();
            }
            break;
        default:
            break;
    }
}

static void check_bytecode(const raw_code_t *rc) {
    reader_t r = {rc->bytecode, rc->code_end};
    while (r.p < r.end) {
        byte op = rd_byte(&r);
        byte kind = opcode_arg[op];
        if (kind == 0) {
            corrupt();
        }
        switch (kind - 1) {
            case OPARG_QSTR:
                if (rd_uint(&r) >= rc->ctx->n_qstr) {
                    corrupt();
                }
                break;
            case OPARG_UINT:
                check_uint_operand(rc, op, rd_uint(&r));
                break;
            case OPARG_SINT:
                rd_uint(&r);
                break;
            case OPARG_SOFF:
            case OPARG_UOFF: {
                byte b0 = rd_byte(&r);
                ptrdiff_t off = b0 & 0x7f;
                if (b0 & 0x80) {
                    off |= (ptrdiff_t)rd_byte(&r) << 7;
                    if (kind - 1 == OPARG_SOFF) {
                        off -= 0x4000;
                    }
                } else if (kind - 1 == OPARG_SOFF) {
                    off -= 0x40;
                }
                check_jump(rc, r.p, off);
                break;
            }
            default:
                if (op >= MP_BC_LOAD_FAST_MULTI && op < MP_BC_LOAD_FAST_MULTI + 32
                        && (size_t)(op & 0xf) >= rc->n_state) {
                    corrupt();  // LOAD_FAST_MULTI / STORE_FAST_MULTI slot
                }
                break;
        }
        if (MP_BC_HAS_EXTRA_BYTE(op)) {
            rd_byte(&r);
        }
    }
}

/* ------------------------------------------------------------------------------------
 * Raw codes.
 */
static raw_code_t *load_raw_code(reader_t *r, const module_context_t *ctx, int depth) {
    if (depth > MAX_DEPTH) {
        corrupt();
    }
    size_t kind_len = rd_uint(r);
    if ((kind_len & 3) != MPY_CODE_BYTECODE) {
        incompatible();
    }
    raw_code_t *rc = m_new_obj(raw_code_t);
    rc->ctx = ctx;
    rc->code_len = kind_len >> 3;
    rc->code = rd_bytes(r, rc->code_len);
    rc->code_end = rc->code + rc->code_len;
    if (kind_len & 4) {
        rc->n_children = rd_uint(r);
        if (rc->n_children > (size_t)(r->end - r->p)) {
            corrupt();
        }
        rc->children = m_new(raw_code_t *, rc->n_children);
        for (size_t i = 0; i < rc->n_children; i++) {
            rc->children[i] = load_raw_code(r, ctx, depth + 1);
        }
    }
    reader_t code = {rc->code, rc->code_end};
    load_prelude(&code, rc);
    check_bytecode(rc);
    return rc;
}

static void check_header(reader_t *r) {
    const byte *h = rd_bytes(r, 4);
    if (h[0] != MPY_MAGIC || h[1] != MPY_VERSION) {
        incompatible();
    }
    size_t arch = (h[2] >> 2) & 0x2f;
    if (arch != 0) {
        if ((h[2] & 3) != 3) {
            incompatible();
        }
        rt_raise_msg(&type_ValueError, "native code in .mpy unsupported");
    }
    if (h[3] > 8 * sizeof(mp_int_t) - 1) {
        incompatible();
    }
    if (h[2] & MPY_FEATURE_ARCH_FLAGS) {
        rd_uint(r);
        incompatible();
    }
}

const raw_code_t *mpyload_load(const byte *buf, size_t len, obj_dict_t *globals) {
    reader_t r = {buf, buf + len};
    check_header(&r);
    size_t n_qstr = rd_uint(&r);
    size_t n_obj = rd_uint(&r);
    if (n_qstr > len || n_obj > len) {
        corrupt();
    }
    module_context_t *ctx = m_new_obj(module_context_t);
    ctx->globals = globals;
    qstr_t *qstrs = m_new(qstr_t, n_qstr + 1);
    ctx->qstrs = qstrs;
    for (size_t i = 0; i < n_qstr; i++) {
        qstrs[i] = load_qstr(&r);
        ctx->n_qstr = i + 1;
    }
    obj_t *consts = m_new(obj_t, n_obj + 1);
    ctx->consts = consts;
    for (size_t i = 0; i < n_obj; i++) {
        consts[i] = load_obj(&r, 0);
        ctx->n_obj = i + 1;
    }
    raw_code_t *rc = load_raw_code(&r, ctx, 0);
    if (r.p != r.end) {
        corrupt();  // nothing may follow the module's raw code
    }
    return rc;
}

/* ------------------------------------------------------------------------------------
 * Finding and running modules.
 */
mpyload_finder_t mpyload_port_finder;

bool mpyload_find(const char *name, size_t len, mpyload_found_t *out) {
    memset(out, 0, sizeof(*out));
    if (vm_state.image != NULL) {
        image_t img;
        image_module_t m;
        if (image_open(&img, vm_state.image, vm_state.image_len) == IMAGE_OK
                && image_find(&img, name, len, &m)) {
            out->data = m.data_len > 0 ? m.data : NULL;
            out->len = m.data_len;
            out->is_package = (m.flags & IMAGE_MOD_PACKAGE) != 0;
            return true;
        }
    }
    return mpyload_port_finder != NULL && mpyload_port_finder(name, len, out);
}

void obj_module_exec(obj_t module, const raw_code_t *rc);

obj_t mpyload_run_module(qstr_t name, const byte *buf, size_t len) {
    obj_t m = obj_new_module(name);
    obj_dict_store(vm_state.modules, OBJ_NEW_QSTR(name), m);
    const raw_code_t *rc = mpyload_load(buf, len, ((obj_module_t *)m)->globals);
    if (rc->ctx->n_qstr > 0) {
        obj_dict_store(((obj_module_t *)m)->globals, OBJ_NEW_QSTR(MP_QSTR___file__),
            OBJ_NEW_QSTR(rc->ctx->qstrs[0]));
    }
    obj_module_exec(m, rc);
    return m;
}
