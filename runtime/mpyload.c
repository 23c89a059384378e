// SPDX-License-Identifier: MIT
// mpyload.c: reads a .mpy v6.3 file in place and checks it (mpy-format.md sections 3, 4, 7).
#include <string.h>

#include "runtime/frozenload.h"
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
#define MAX_DEPTH 32  // nesting of constant tuples (raw codes: bounded by the C stack only)

NORETURN static void corrupt(void) {
    rt_raise_msg(&type_ValueError, "corrupt .mpy file");
}

// A reader's own message for truncated or malformed fields, else the .mpy one.
NORETURN static void reader_corrupt(const reader_t *r) {
    if (r->what != NULL) {
        rt_raise_msg(&type_ValueError, r->what);
    }
    corrupt();
}

NORETURN static void incompatible(void) {
    rt_raise_msg(&type_ValueError, "incompatible .mpy file");
}

static byte rd_byte(reader_t *r) {
    if (r->p >= r->end) {
        reader_corrupt(r);
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
            reader_corrupt(r);  // more than 32 bits
        }
        v = (v << 7) | (b & 0x7f);
    } while (b & 0x80);
    return v;
}

static const byte *rd_bytes(reader_t *r, size_t n) {
    if ((size_t)(r->end - r->p) < n) {
        reader_corrupt(r);
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

obj_t mpyload_const(reader_t *r, int depth) {
    if (depth > MAX_DEPTH) {
        reader_corrupt(r);
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
                reader_corrupt(r);  // each item takes at least one byte
            }
            obj_t t = obj_new_tuple(n, NULL);
            for (size_t i = 0; i < n; i++) {
                ((obj_tuple_t *)t)->items[i] = mpyload_const(r, depth + 1);
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
            reader_corrupt(r);
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
                reader_corrupt(r);
            }
            return obj_new_complex(0, obj_get_float(obj_new_float_from_str(s, len - 1)));
        default:
            reader_corrupt(r);
    }
}

/* ------------------------------------------------------------------------------------
 * Preludes (mpy-format.md 4.1, 4.2).
 */
// Bytes of a field of continuation bytes (bit 7: another follows) at r->p, at most max.
static size_t cont_bytes(const reader_t *r, const byte *p, size_t max) {
    for (size_t n = 1; n <= max && p < r->end; n++, p++) {
        if (!(*p & 0x80)) {
            return n;
        }
    }
    reader_corrupt(r);
}

void mpyload_prelude(reader_t *r, raw_code_t *rc) {
    // Check that the head's bytes exist before it is decoded, then its fields.
    size_t n_sig = cont_bytes(r, r->p, BC_PRELUDE_SIG_MAX);
    cont_bytes(r, r->p + n_sig, BC_PRELUDE_SIZE_MAX);
    bc_prelude_head_t h;
    const byte *info = bc_decode_prelude_head(r->p, &h);
    r->p = info;
    size_t n_slots_args = h.n_pos_args + h.n_kwonly_args + ((h.scope_flags & MP_SCOPE_FLAG_VARARGS) != 0)
        + ((h.scope_flags & MP_SCOPE_FLAG_VARKEYWORDS) != 0);
    if (h.n_state_1 + 1 > 0xffff || h.n_exc_stack > 0xff || h.n_pos_args > 0xffff
            || h.n_kwonly_args > 0xffff || h.n_def_pos_args > h.n_pos_args || h.scope_flags > 0xf
            || n_slots_args > h.n_state_1 + 1 || h.n_cell > 0xffff) {
        reader_corrupt(r);
    }
    reader_t name = {rd_bytes(r, h.n_info), NULL, r->what};
    name.end = name.p + h.n_info;
    rd_bytes(r, h.n_cell);
    if (rd_uint(&name) >= rc_n_qstr(rc->ctx)) {
        reader_corrupt(r);
    }
    rc_fill_prelude(rc);
    r->p = rc->bytecode;
}

void mpyload_check_prelude(reader_t *r, const raw_code_t *rc) {
    reader_t info = {rc_arg_names(rc), rc->info_end, r->what};
    size_t n_qstr = rc_n_qstr(rc->ctx);
    for (size_t i = 0; i < (size_t)rc->n_pos_args + rc->n_kwonly_args; i++) {
        if (rd_uint(&info) >= n_qstr) {
            reader_corrupt(r);
        }
    }
    for (size_t i = 0; i < rc->n_cell; i++) {
        if (rc->cells[i] >= rc->n_state) {
            reader_corrupt(r);
        }
    }
    if (rc->bytecode >= rc->code_end) {
        reader_corrupt(r);  // a code block ends with at least a return
    }
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

static void check_uint_operand(const raw_code_t *rc, byte op, size_t v, size_t n_obj) {
    size_t n_locals = rc->n_state;
    switch (op) {
        case MP_BC_LOAD_CONST_OBJ:
            if (v >= n_obj) {
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

// The distinct names rc's STORE_NAMEs store (its record's names field).
static size_t count_store_names(const raw_code_t *rc) {
    size_t n_qstr = rc_n_qstr(rc->ctx), n = 0;
    byte *seen = gc_alloc((n_qstr + 7) / 8 + 1);  // zeroed
    const byte *p = rc->bytecode;
    while (p < rc->code_end) {
        byte op = *p++;
        switch (opcode_arg[op] - 1) {
            case OPARG_QSTR: {
                size_t q = bc_read_uint(&p);
                if (op == MP_BC_STORE_NAME && q < n_qstr && !(seen[q / 8] & (1 << (q % 8)))) {
                    seen[q / 8] |= (byte)(1 << (q % 8));
                    n++;
                }
                break;
            }
            case OPARG_UINT:
            case OPARG_SINT:
                bc_read_uint(&p);
                break;
            case OPARG_SOFF:
            case OPARG_UOFF:
                p += (*p & 0x80) ? 2 : 1;
                break;
            default:
                break;
        }
        if (MP_BC_HAS_EXTRA_BYTE(op)) {
            p++;
        }
    }
    gc_free(seen);
    return n;
}

// Checks rc's instructions; returns whether one is a STORE_NAME.
static bool check_bytecode(const raw_code_t *rc) {
    reader_t r = {rc->bytecode, rc->code_end, NULL};
    size_t n_qstr = rc_n_qstr(rc->ctx), n_obj = rc_n_obj(rc->ctx);
    bool store_name = false;
    while (r.p < r.end) {
        byte op = rd_byte(&r);
        store_name |= op == MP_BC_STORE_NAME;
        byte kind = opcode_arg[op];
        if (kind == 0) {
            corrupt();
        }
        switch (kind - 1) {
            case OPARG_QSTR:
                if (rd_uint(&r) >= n_qstr) {
                    corrupt();
                }
                break;
            case OPARG_UINT:
                check_uint_operand(rc, op, rd_uint(&r), n_obj);
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
    return store_name;
}

/* ------------------------------------------------------------------------------------
 * Stack check: an abstract run over the bytecode that keeps, for each instruction, the
 * range [lo, hi] of value-stack depths it can start with, and refuses code that could pop
 * an empty stack or grow past n_state. Ranges only widen, so the walk ends. Exception
 * handlers start at the depth saved by their SETUP_* plus 1 (the exception or None) or 2
 * (a pending return or jump for a finally).
 */
// An entry of the block stack: the depth left once the block is unwound, and whether
// its finally (or with) handler is the code running.
#define BLOCK_DEPTH 0x3fff
#define BLOCK_RUNNING 0x4000

typedef struct depth_t {
    int16_t lo, hi;  // hi < 0: not reached yet
} depth_t;

typedef struct verify_t {
    const raw_code_t *rc;
    depth_t *depth;      // per bytecode offset
    uint32_t *work;      // offsets to (re)visit
    byte *flags;         // per offset: 1 = an instruction starts here, 2 = queued
    int16_t *blocks;     // per offset: count, then the saved depth of each exception block
    size_t stride;       // n_exc_stack + 1
    size_t n_work;
    size_t len;
} verify_t;

// Records that off can start with depth lo..hi and exception blocks b[0..nb).
static void reach(verify_t *v, size_t off, int lo, int hi, const int16_t *b, int nb) {
    if (off > v->len || lo < -BC_GUARD_SLOTS || hi > (int)v->rc->n_state || nb < 0 || (size_t)nb >= v->stride) {
        corrupt();
    }
    if (off == v->len) {
        return;  // falling off the end is refused by the walk itself
    }
    if (!(v->flags[off] & 1)) {
        corrupt();  // a jump into the middle of an instruction
    }
    depth_t *d = &v->depth[off];
    int16_t *blk = &v->blocks[off * v->stride];
    if (d->hi >= 0) {
        // Structured code reaches an instruction with one block stack only (the body of
        // a try/finally falls into its handler, so the running marks are merged).
        if (blk[0] != nb) {
            corrupt();
        }
        bool grew = false;
        for (int i = 0; i < nb; i++) {
            if ((blk[1 + i] & BLOCK_DEPTH) != (b[i] & BLOCK_DEPTH)) {
                corrupt();
            }
            if ((b[i] & BLOCK_RUNNING) && !(blk[1 + i] & BLOCK_RUNNING)) {
                blk[1 + i] |= BLOCK_RUNNING;
                grew = true;
            }
        }
        if (!grew && lo >= d->lo && hi <= d->hi) {
            return;
        }
        d->lo = (int16_t)(lo < d->lo ? lo : d->lo);
        d->hi = (int16_t)(hi > d->hi ? hi : d->hi);
    } else {
        d->lo = (int16_t)lo;
        d->hi = (int16_t)hi;
        blk[0] = (int16_t)nb;
        mem_copy(blk + 1, b, (size_t)nb * sizeof(int16_t));
    }
    if (!(v->flags[off] & 2)) {
        v->flags[off] |= 2;
        v->work[v->n_work++] = (uint32_t)off;
    }
}

// Pops and pushes of opcode op with argument arg (run-time effect, opcodes.tsv).
static void effect(byte op, size_t arg, int *pops, int *pushes) {
    size_t np = arg & 0xff, nk = (arg >> 8) & 0xff;
    *pops = 0;
    *pushes = 0;
    if (op >= 0x70 && op <= 0xbf) {
        *pushes = 1;  // small ints and LOAD_FAST_MULTI
    } else if (op >= MP_BC_STORE_FAST_MULTI && op <= MP_BC_STORE_FAST_MULTI + 15) {
        *pops = 1;
    } else if (op >= MP_BC_UNARY_OP_MULTI && op <= MP_BC_UNARY_OP_MULTI + 3) {
        *pops = *pushes = 1;
    } else if (op >= MP_BC_BINARY_OP_MULTI) {
        *pops = 2;
        *pushes = 1;
    }
    switch (op) {
        case MP_BC_LOAD_CONST_STRING: case MP_BC_LOAD_NAME: case MP_BC_LOAD_GLOBAL:
        case MP_BC_LOAD_CONST_SMALL_INT: case MP_BC_LOAD_CONST_OBJ: case MP_BC_LOAD_FAST_N:
        case MP_BC_LOAD_DEREF: case MP_BC_BUILD_MAP: case MP_BC_MAKE_FUNCTION:
        case MP_BC_LOAD_CONST_FALSE: case MP_BC_LOAD_CONST_NONE: case MP_BC_LOAD_CONST_TRUE:
        case MP_BC_LOAD_NULL: case MP_BC_LOAD_BUILD_CLASS:
            *pushes = 1;
            break;
        case MP_BC_LOAD_ATTR: case MP_BC_GET_ITER:
            *pops = *pushes = 1;
            break;
        case MP_BC_LOAD_METHOD: case MP_BC_DUP_TOP: case MP_BC_IMPORT_FROM:
            *pops = 1;
            *pushes = 2;
            break;
        case MP_BC_LOAD_SUPER_METHOD:
            *pops = 3;
            *pushes = 2;
            break;
        case MP_BC_STORE_NAME: case MP_BC_STORE_GLOBAL: case MP_BC_STORE_FAST_N:
        case MP_BC_STORE_DEREF: case MP_BC_POP_TOP: case MP_BC_RETURN_VALUE:
        case MP_BC_RAISE_OBJ: case MP_BC_IMPORT_STAR: case MP_BC_POP_JUMP_IF_TRUE:
        case MP_BC_POP_JUMP_IF_FALSE:
            *pops = 1;
            break;
        case MP_BC_STORE_ATTR: case MP_BC_RAISE_FROM:
            *pops = 2;
            break;
        case MP_BC_STORE_SUBSCR:
            *pops = 3;
            break;
        case MP_BC_IMPORT_NAME: case MP_BC_LOAD_SUBSCR: case MP_BC_MAKE_FUNCTION_DEFARGS:
        case MP_BC_YIELD_FROM:
            *pops = 2;
            *pushes = 1;
            break;
        case MP_BC_STORE_MAP:
            *pops = 3;
            *pushes = 1;
            break;
        case MP_BC_MAKE_CLOSURE:
            *pops = (int)(arg >> 8);  // the extra byte is passed in bits 8..15
            *pushes = 1;
            break;
        case MP_BC_MAKE_CLOSURE_DEFARGS:
            *pops = (int)(arg >> 8) + 2;
            *pushes = 1;
            break;
        case MP_BC_BUILD_TUPLE: case MP_BC_BUILD_LIST: case MP_BC_BUILD_SET: case MP_BC_BUILD_SLICE:
            *pops = (int)arg;
            *pushes = 1;
            break;
        case MP_BC_STORE_COMP:
            *pops = (arg & 3) == 1 ? 2 : 1;
            break;
        case MP_BC_UNPACK_SEQUENCE:
            *pops = 1;
            *pushes = (int)arg;
            break;
        case MP_BC_UNPACK_EX:
            *pops = 1;
            *pushes = (int)((arg & 0xff) + (arg >> 8) + 1);
            break;
        case MP_BC_CALL_FUNCTION:
            *pops = (int)(np + 2 * nk + 1);
            *pushes = 1;
            break;
        case MP_BC_CALL_FUNCTION_VAR_KW: case MP_BC_CALL_METHOD:
            *pops = (int)(np + 2 * nk + 2);
            *pushes = 1;
            break;
        case MP_BC_CALL_METHOD_VAR_KW:
            *pops = (int)(np + 2 * nk + 3);
            *pushes = 1;
            break;
        case MP_BC_DUP_TOP_TWO:
            *pops = 2;
            *pushes = 4;
            break;
        case MP_BC_ROT_TWO:
            *pops = *pushes = 2;
            break;
        case MP_BC_ROT_THREE:
            *pops = *pushes = 3;
            break;
        case MP_BC_YIELD_VALUE:
            *pops = *pushes = 1;
            break;
        case MP_BC_GET_ITER_STACK:
            *pops = 1;
            *pushes = 4;
            break;
        case MP_BC_SETUP_WITH:
            *pops = 1;
            *pushes = 3;
            break;
        default:
            break;
    }
}

// Visits the instruction at off; queues its successors.
static void verify_insn(verify_t *v, size_t off) {
    const raw_code_t *rc = v->rc;
    const byte *ip = rc->bytecode + off;
    const byte *start = ip;
    byte op = *ip++;
    size_t arg = 0;
    ptrdiff_t jump = 0;
    bool has_jump = false;
    byte kind = opcode_arg[op] - 1;
    if (kind == OPARG_QSTR || kind == OPARG_UINT || kind == OPARG_SINT) {
        arg = bc_read_uint(&ip);
    } else if (kind == OPARG_SOFF || kind == OPARG_UOFF) {
        jump = ip[0] & 0x7f;
        if (ip[0] & 0x80) {
            jump |= (ptrdiff_t)ip[1] << 7;
            ip += 2;
            jump -= kind == OPARG_SOFF ? 0x4000 : 0;
        } else {
            ip += 1;
            jump -= kind == OPARG_SOFF ? 0x40 : 0;
        }
        has_jump = true;
    }
    byte extra = 0;
    const byte *target = ip + jump;
    if (kind == OPARG_QSTR || kind == OPARG_SINT || MP_BC_HAS_EXTRA_BYTE(op)) {
        arg = 0;  // only counts matter below, not names, values or child indices
    }
    if (MP_BC_HAS_EXTRA_BYTE(op)) {
        // MAKE_CLOSURE*: the count of closed-over cells; it replaces the child index,
        // which can exceed 255 and would otherwise mix into the count.
        extra = *ip++;
        arg = (size_t)extra << 8;
    }
    size_t next = (size_t)(ip - rc->bytecode), toff = (size_t)(target - rc->bytecode);
    int lo = v->depth[off].lo, hi = v->depth[off].hi, pops, pushes;
    int16_t b[256];
    int nb = v->blocks[off * v->stride];
    mem_copy(b, &v->blocks[off * v->stride + 1], (size_t)nb * sizeof(int16_t));
    UNUSED(start);
    effect(op, arg, &pops, &pushes);
    // A finally handler branches on the state it was entered with (None or exception:
    // one slot; a pending return or jump: two), so inside one only the deepest case must
    // have the items. Elsewhere every path must.
    bool in_finally = false;
    for (int i = 0; i < nb; i++) {
        in_finally |= (b[i] & BLOCK_RUNNING) != 0;
    }
    // Inside a handler the shallower state may dip into the frame's two guard slots below
    // state[0] (code_state_t.guard: NULL words), which is harmless; elsewhere not at all.
    int floor = in_finally ? -BC_GUARD_SLOTS : 0;
    if (lo - pops < floor || hi < pops) {
        corrupt();  // pops an empty stack
    }
    int nlo = lo - pops + pushes, nhi = hi - pops + pushes;
    if ((op == MP_BC_YIELD_VALUE || op == MP_BC_YIELD_FROM) && !(rc->scope_flags & MP_SCOPE_FLAG_GENERATOR)) {
        corrupt();  // only a generator's frame can be suspended
    }
    int pop4 = (extra & 0x80) ? 4 : 0;
    int k = extra & 0x7f;
    switch (op) {
        case MP_BC_JUMP:
            reach(v, toff, nlo, nhi, b, nb);
            return;
        case MP_BC_POP_EXCEPT_JUMP:
            reach(v, toff, nlo, nhi, b, nb - 1);
            return;
        case MP_BC_UNWIND_JUMP:
            // Unwinding k blocks leaves the depth below the outermost of them.
            if (hi + 1 > (int)rc->n_state || k > nb) {
                corrupt();
            }
            if (k > 0) {
                lo = hi = b[nb - k] & BLOCK_DEPTH;
            }
            reach(v, toff, lo - pop4, hi - pop4, b, nb - k);
            return;
        case MP_BC_RETURN_VALUE: case MP_BC_RAISE_LAST: case MP_BC_RAISE_OBJ: case MP_BC_RAISE_FROM:
            return;
        case MP_BC_JUMP_IF_TRUE_OR_POP: case MP_BC_JUMP_IF_FALSE_OR_POP:
            if (lo - 1 < floor || hi < 1) {
                corrupt();
            }
            reach(v, toff, lo, hi, b, nb);
            reach(v, next, lo - 1, hi - 1, b, nb);
            return;
        case MP_BC_FOR_ITER:
            if (lo - 4 < floor || hi < 4) {
                corrupt();
            }
            reach(v, toff, lo - 4, hi - 4, b, nb);
            reach(v, next, lo + 1, hi + 1, b, nb);
            return;
        case MP_BC_SETUP_EXCEPT:
        case MP_BC_SETUP_FINALLY:
        case MP_BC_SETUP_WITH: {
            // The handler starts with the block still pushed and one more slot (the
            // exception or None) or, for finally and with, two (a pending return or jump).
            int with = op == MP_BC_SETUP_WITH;
            if ((size_t)nb + 1 >= v->stride) {
                corrupt();
            }
            b[nb++] = (int16_t)(with ? lo - 1 : lo);  // the depth left once unwound
            reach(v, next, nlo, nhi, b, nb);
            if (op != MP_BC_SETUP_EXCEPT) {
                b[nb - 1] |= BLOCK_RUNNING;
            }
            reach(v, toff, lo + with + 1, hi + with + (op == MP_BC_SETUP_EXCEPT ? 1 : 2), b, nb);
            return;
        }
        case MP_BC_WITH_CLEANUP:
            // (exit, mgr, X) -> X, or (exit, mgr, data, int) -> (data, int); the call
            // uses 2 slots above X, or 1 above the pair.
            if (lo - 3 < floor || hi < 3 || lo + 2 > (int)rc->n_state || hi + 1 > (int)rc->n_state) {
                corrupt();
            }
            nlo = lo - 2;
            nhi = hi - 2;
            break;
        case MP_BC_END_FINALLY:
            // Only the None state (the lowest depth a handler starts with) falls through.
            if (lo - 1 < floor || hi < 1 || nb < 1) {
                corrupt();
            }
            nlo = nhi = lo - 1;
            nb--;
            break;
        default:
            break;
    }
    if (has_jump) {
        reach(v, toff, nlo, nhi, b, nb);  // POP_JUMP_IF_*
    }
    if (next >= v->len) {
        corrupt();  // execution would run off the end of the code
    }
    reach(v, next, nlo, nhi, b, nb);
}

static void verify_stack(const raw_code_t *rc) {
    verify_t v;
    v.rc = rc;
    v.len = (size_t)(rc->code_end - rc->bytecode);
    if (v.len == 0) {
        corrupt();
    }
    v.depth = m_new(depth_t, v.len);
    v.work = m_new(uint32_t, v.len);
    v.flags = m_new(byte, v.len);
    v.stride = (size_t)rc->n_exc_stack + 1;
    v.blocks = m_new(int16_t, v.len * v.stride);
    v.n_work = 0;
    for (size_t i = 0; i < v.len; i++) {
        v.depth[i].hi = -1;
    }
    // Instruction starts (check_bytecode has shown the linear decode stays in bounds).
    for (const byte *ip = rc->bytecode; ip < rc->code_end;) {
        v.flags[ip - rc->bytecode] = 1;
        byte op = *ip++;
        byte kind = opcode_arg[op] - 1;
        if (kind == OPARG_QSTR || kind == OPARG_UINT || kind == OPARG_SINT) {
            bc_read_uint(&ip);
        } else if (kind == OPARG_SOFF || kind == OPARG_UOFF) {
            ip += (ip[0] & 0x80) ? 2 : 1;
        }
        ip += MP_BC_HAS_EXTRA_BYTE(op) ? 1 : 0;
    }
    reach(&v, 0, 0, 0, NULL, 0);
    while (v.n_work > 0) {
        size_t off = v.work[--v.n_work];
        v.flags[off] &= (byte)~2;
        verify_insn(&v, off);
    }
    gc_free(v.blocks);
    gc_free(v.flags);
    gc_free(v.work);
    gc_free(v.depth);
}

/* ------------------------------------------------------------------------------------
 * Raw codes.
 */
// The records being built (0: the module's top level; a block's children consecutive,
// numbered when their parent's count is read), grown as the loader goes.
typedef struct loader_t {
    const module_context_t *ctx;   // qstrs and constants (the prelude names index them)
    const byte *base;              // the .mpy buffer: code offsets count from here
    byte *records;
    size_t n_rc, rc_alloc;
    size_t n_defs;                 // words of the defaults store given out
} loader_t;

// Makes room for n more entries of size bytes in *buf; returns the first one's number.
static size_t grow(byte **buf, size_t *used, size_t *alloc, size_t n, size_t size) {
    if (*used + n > 0xffff) {
        rt_raise_msg(&type_ValueError, ".mpy file has more than 65535 code blocks");
    }
    if (*used + n > *alloc) {
        size_t a = *alloc == 0 ? 8 : *alloc;
        while (a < *used + n) {
            a *= 2;
        }
        *buf = gc_realloc(*buf, a * size);
        *alloc = a;
    }
    size_t first = *used;
    *used += n;
    return first;
}

// Loads the raw code at r as record idx. Its children get consecutive records, numbered
// when their count is read. Children nest as deep as the source's defs (MicroPython sets
// no limit), so the recursion is bounded by the C stack budget: RuntimeError("maximum
// recursion depth exceeded").
static void load_raw_code(reader_t *r, loader_t *l, uint32_t idx) {
    rt_stack_check();
    size_t kind_len = rd_uint(r);
    if ((kind_len & 3) != MPY_CODE_BYTECODE) {
        incompatible();
    }
    raw_code_t rc = {.ctx = l->ctx, .idx = idx};
    size_t first = 0;  // its first child's record
    size_t code_len = kind_len >> 3;
    rc.code = rd_bytes(r, code_len);
    rc.code_end = rc.code + code_len;
    if (kind_len & 4) {
        size_t n = rd_uint(r);
        if (n > (size_t)(r->end - r->p)) {
            corrupt();
        }
        first = grow(&l->records, &l->n_rc, &l->rc_alloc, n, RC_MPY_RECORD);
        rc.n_children = (uint32_t)n;
        for (size_t i = 0; i < n; i++) {
            load_raw_code(r, l, (uint32_t)(first + i));
        }
    }
    reader_t code = {rc.code, rc.code_end, NULL};
    mpyload_prelude(&code, &rc);
    mpyload_check_prelude(&code, &rc);
    if ((uint64_t)(rc.code_end - l->base) > UINT32_MAX) {
        rt_raise_msg(&type_ValueError, ".mpy file has more than 4 GiB of code");
    }
    // The record's aux field: the block's room in the defaults store if it has positional
    // defaults, else the names its STORE_NAMEs store (bc.h, image.h).
    uint32_t aux = 0;
    bool stores_names = check_bytecode(&rc);
    if (rc.n_def_pos_args > 0) {
        if (l->n_defs + rc.n_def_pos_args < IMAGE_FRC_DEFS_LIMIT) {
            aux = (uint32_t)l->n_defs + 1;
            l->n_defs += rc.n_def_pos_args;
        }
    } else if (stores_names) {
        size_t names = count_store_names(&rc);
        aux = (uint32_t)(names < IMAGE_FRC_NAMES_MAX ? names : IMAGE_FRC_NAMES_MAX);
    }
    verify_stack(&rc);
    byte *f = l->records + (size_t)rc.idx * RC_MPY_RECORD;
    image_wr32(f, (uint32_t)(rc.code - l->base));
    image_wr16(f + RC_MPY_AUX, aux);
    image_wr16(f + RC_MPY_FIRST_CHILD, (uint32_t)first);
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

const module_context_t *mpyload_load(const byte *buf, size_t len, obj_dict_t *globals) {
    if (frozenload_is(buf, len)) {
        return frozenload_load(buf, len, globals);  // an image module in the frozen form
    }
    reader_t r = {buf, buf + len, NULL};
    check_header(&r);
    size_t n_qstr = rd_uint(&r);
    size_t n_obj = rd_uint(&r);
    if (n_qstr > len || n_obj > len) {
        corrupt();
    }
    module_context_t tmp = {.globals = globals, .data = buf};
    uint16_t *qstrs = m_new(uint16_t, n_qstr + 1);
    tmp.qstrs = qstrs;
    for (size_t i = 0; i < n_qstr; i++) {
        qstrs[i] = (uint16_t)load_qstr(&r);
    }
    if (n_qstr == 0) {
        corrupt();  // the first qstr is the source file's name
    }
    obj_t *consts = m_new(obj_t, n_obj + 1);
    tmp.consts = consts;
    for (size_t i = 0; i < n_obj; i++) {
        consts[i] = mpyload_const(&r, 0);
    }
    loader_t l = {.ctx = &tmp, .base = buf};
    load_raw_code(&r, &l, (uint32_t)grow(&l.records, &l.n_rc, &l.rc_alloc, 1, RC_MPY_RECORD));
    if (r.p != r.end) {
        corrupt();  // nothing may follow the module's raw code
    }
    byte *records = gc_realloc(l.records, l.n_rc * RC_MPY_RECORD);  // trimmed to its size
    module_context_t *ctx = rc_new_context(l.n_rc, l.n_defs);
    ctx->globals = globals;
    ctx->qstrs = tmp.qstrs;
    ctx->consts = tmp.consts;
    ctx->data = buf;
    ctx->records = records;
    return ctx;
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

void obj_module_exec(obj_t module, const module_context_t *ctx);

obj_t mpyload_run_module(qstr_t name, const byte *buf, size_t len) {
    obj_dict_t *g = obj_module_new_globals(name);
    const module_context_t *ctx = mpyload_load(buf, len, g);
    obj_t m = (obj_t)(uintptr_t)ctx;  // the module itself
    obj_dict_store(g, OBJ_NEW_QSTR(MP_QSTR___file__), OBJ_NEW_QSTR(ctx->qstrs[0]));
    obj_dict_store(vm_state.modules, OBJ_NEW_QSTR(name), m);
    obj_module_exec(m, ctx);
    return m;
}
