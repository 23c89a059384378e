// SPDX-License-Identifier: MIT
// bc.h: bytecode functions: raw code, the prelude decoder, frames (code_state) and the VM entry.
#ifndef RUNTIME_BC_H
#define RUNTIME_BC_H

#include "runtime/image.h"
#include "runtime/obj.h"
#include "runtime/state.h"

/*
 * A module's code blocks are described by records (code offset, defaults or names, first
 * child; a block's children are consecutive records), and their prelude and bytecode are
 * used where they lie. For a frozen module the records are in the image, in flash
 * (IMAGE_FRC_SIZE bytes each, runtime/image.h: the code offset, and a parent flag; the
 * defaults or names and the first child are in the tail after the block's code); for a
 * .mpy the loader writes them into one small heap table, RC_MPY_RECORD bytes each, all
 * three fields in the record, with a 32-bit code offset. So a
 * loaded module costs the heap one context (which is the module object too: seven words
 * and its made bits, 32 bytes on a 32-bit MCU, and its globals dict) and nothing per
 * code block: a raw_code_t is a record decoded on demand (at a call, a def, a
 * traceback), never stored.
 * Facts: shared/spec/mpy-format.md sections 4 and 5.
 */
typedef struct module_context_t {
    obj_base_t base;           // &type_module: a loaded module is its own context, an
    obj_dict_t *globals;       // obj_module_t with more fields
    const uint16_t *qstrs;     // file qstr index -> run-time qstr (all qstrs are < 0x10000:
                               // a frozen module's table is in the image as u16s); never
                               // empty (entry 0 is the source file's name)
    const obj_t *consts;       // the constant table
    const byte *data;          // code offsets count from here: the frozen module (its header
                               // first, image.h) or the .mpy; rc_n_qstr and rc_n_obj read it
    const byte *records;       // n_rc records (record 0: the module's top level)
    uint16_t n_rc;
    uint16_t slot;             // number in the context table (rawcode.c), or RC_NO_SLOT
    uint32_t made[];           // bit i: a function of record i exists (rc_make_function);
                               // the defaults store follows (rc_defaults_store)
} module_context_t;

// Where the defaults store of a context of n_rc records starts, and the size of one
// with n_defs words in it (word-aligned after the made bits).
#define RC_STORE_OFFSET(n_rc) \
    ((offsetof(module_context_t, made) + 4 * (((size_t)(n_rc) + 31) / 32) + sizeof(obj_t) - 1) \
     / sizeof(obj_t) * sizeof(obj_t))
#define RC_CONTEXT_SIZE(n_rc, n_defs) (RC_STORE_OFFSET(n_rc) + (size_t)(n_defs) * sizeof(obj_t))

// The defaults store of ctx: the words records' defaults fields point into (image.h).
static inline obj_t *rc_defaults_store(const module_context_t *ctx) {
    return (obj_t *)(void *)((byte *)(uintptr_t)ctx + RC_STORE_OFFSET(ctx->n_rc));
}

// Sizes of ctx's qstr and constant tables (cold paths: read from its data's header).
size_t rc_n_qstr(const module_context_t *ctx);
size_t rc_n_obj(const module_context_t *ctx);

#define RC_NO_SLOT 0xffffu
#define RC_MAX_RECORDS IMAGE_FRC_MAX_RECORDS  // a module with more code blocks is refused

// A code block decoded from its record and prelude (a view: nothing here is stored).
typedef struct raw_code_t {
    const module_context_t *ctx;
    uint32_t idx;              // record number
    const byte *code;          // prelude followed by bytecode
    const byte *bytecode;      // first instruction
    // Set by the loaders only, for their checks (a record does not hold them; rc_decode
    // leaves them unset).
    const byte *code_end;
    // Word-sized fields (a raw_code_t lives on the stack): no partial stores when filled.
    uint32_t n_children;
    // From the prelude.
    uint32_t n_state;
    uint32_t n_exc_stack;
    uint32_t scope_flags;
    uint32_t n_pos_args;       // variable-length in the prelude: more than 255 is valid
    uint32_t n_kwonly_args;
    uint32_t n_def_pos_args;
    uint32_t n_cell;
    const byte *info;          // the simple name (a vuint file qstr index; rc_name), the
                               // n_pos_args + n_kwonly_args argument names (rc_arg_names,
                               // the same), then the line table
    const byte *info_end;      // end of the line table
    const byte *cells;         // n_cell slot numbers
} raw_code_t;

// The fixed head of a prelude (mpy-format.md 4.1, 4.2): the signature and size fields.
typedef struct bc_prelude_head_t {
    size_t n_state_1;          // n_state - 1 (S)
    size_t n_exc_stack;        // E
    size_t scope_flags;        // F
    size_t n_pos_args;         // A
    size_t n_kwonly_args;      // K
    size_t n_def_pos_args;     // D
    size_t n_info;             // bytes of name, argument names and line table
    size_t n_cell;
} bc_prelude_head_t;

#define BC_PRELUDE_SIG_MAX 14   // bytes a signature can take (S needs at most 16 bits)
#define BC_PRELUDE_SIZE_MAX 17  // bytes the size field can take (n_cell: one bit a byte)

// Decodes the head at p; returns where the name follows. Unchecked: the loader checks the
// bytes exist (mpyload_prelude) before anything decodes them. Inline for the common case
// of one byte each; bc_decode_prelude_head_long (rawcode.c) does the general one.
const byte *bc_decode_prelude_head_long(const byte *p, bc_prelude_head_t *h);
// The fields of the signature's first byte z, the others zero.
static inline void bc_prelude_head_first(byte z, bc_prelude_head_t *h) {
    h->n_state_1 = (z >> 3) & 0xf;
    h->n_exc_stack = (z >> 2) & 1;
    h->scope_flags = 0;
    h->n_pos_args = z & 3;
    h->n_kwonly_args = 0;
    h->n_def_pos_args = 0;
}
static inline const byte *bc_decode_prelude_head(const byte *p, bc_prelude_head_t *h) {
    byte z = p[0], y = p[1];
    if ((z | y) & 0x80) {
        return bc_decode_prelude_head_long(p, h);
    }
    bc_prelude_head_first(z, h);
    h->n_info = (y >> 1) & 0x3f;
    h->n_cell = y & 1;
    return p + 2;
}

// Fills rc (ctx and code set) from its prelude. Unchecked, as above.
static inline void rc_fill_prelude(raw_code_t *rc) {
    bc_prelude_head_t h;
    const byte *p = bc_decode_prelude_head(rc->code, &h);
    rc->n_state = (uint32_t)(h.n_state_1 + 1);
    rc->n_exc_stack = (uint32_t)h.n_exc_stack;
    rc->scope_flags = (uint32_t)h.scope_flags;
    rc->n_pos_args = (uint32_t)h.n_pos_args;
    rc->n_kwonly_args = (uint32_t)h.n_kwonly_args;
    rc->n_def_pos_args = (uint32_t)h.n_def_pos_args;
    rc->n_cell = (uint32_t)h.n_cell;
    rc->info = p;
    rc->info_end = p + h.n_info;
    rc->cells = rc->info_end;
    rc->bytecode = rc->cells + h.n_cell;
}

// A .mpy-loaded module's records: code_off u32 (from the .mpy's first byte), aux u16
// (as a frozen block's aux field, image.h, always 2 bytes) and first_child u16.
#define RC_MPY_RECORD 8
#define RC_MPY_AUX 4
#define RC_MPY_FIRST_CHILD 6

// Whether ctx's data are a frozen module (else a .mpy, which starts with 'M').
static inline bool rc_is_frozen(const module_context_t *ctx) {
    return ctx->data[0] == IMAGE_FMOD_TAG;
}
// Where a frozen module's code blocks start: right after its records.
static inline const byte *rc_code_base(const module_context_t *ctx) {
    return ctx->records + ((size_t)ctx->n_rc + 1) * IMAGE_FRC_SIZE;
}
// Where the tail of frozen block idx ends (image.h): the next record's start (the last
// record, n_rc, is code_end).
static inline const byte *rc_frozen_end(const module_context_t *ctx, uint32_t idx) {
    return rc_code_base(ctx) + (image_rd16(ctx->records + ((size_t)idx + 1) * IMAGE_FRC_SIZE) & ~IMAGE_FRC_PARENT);
}

// Decodes record idx of ctx (checked when the module was loaded). Inline: every call runs it.
static inline void rc_decode(const module_context_t *ctx, uint32_t idx, raw_code_t *rc) {
    rc->ctx = ctx;
    rc->idx = idx;
    if (rc_is_frozen(ctx)) {
        rc->code = rc_code_base(ctx) + (image_rd16(ctx->records + (size_t)idx * IMAGE_FRC_SIZE) & ~IMAGE_FRC_PARENT);
    } else {
        rc->code = ctx->data + image_rd32_aligned(ctx->records + (size_t)idx * RC_MPY_RECORD);
    }
    rc_fill_prelude(rc);  // code_end and n_children: the loaders' only
}

// Bytes of the aux field of block rc (image_frc_aux_bytes of its prelude).
static inline unsigned rc_aux_bytes(const raw_code_t *rc) {
    return image_frc_aux_bytes(rc->n_pos_args, rc->n_kwonly_args, rc->n_def_pos_args, rc->scope_flags);
}
// The aux field of record idx, whose aux field takes aux_bytes (0: none, read as 0); a
// frozen block's comes before its first_child, if it has one.
static inline uint32_t rc_record_aux(const module_context_t *ctx, uint32_t idx, unsigned aux_bytes) {
    if (!rc_is_frozen(ctx)) {
        return image_rd16(ctx->records + (size_t)idx * RC_MPY_RECORD + RC_MPY_AUX);
    }
    bool parent = (image_rd16(ctx->records + (size_t)idx * IMAGE_FRC_SIZE) & IMAGE_FRC_PARENT) != 0;
    const byte *aux = rc_frozen_end(ctx, idx) - (parent ? 2 : 0) - aux_bytes;
    return aux_bytes == 2 ? image_rd16(aux) : aux_bytes == 1 ? aux[0] : 0;
}

// The simple name of rc (a run-time qstr); where its argument names start.
qstr_t rc_name(const raw_code_t *rc);
const byte *rc_arg_names(const raw_code_t *rc);
// A new context (a module object, its globals to be set) for a module of n_rc code
// blocks with a defaults store of n_defs words, entered in the context table.
module_context_t *rc_new_context(size_t n_rc, size_t n_defs);
// The names record idx's STORE_NAMEs store (a size hint for its namespace; image.h): its
// aux field, a names count for a block that takes no arguments (a module or class
// body); at most 255, and 0 for a block with positional defaults.
static inline size_t rc_store_names(const module_context_t *ctx, uint32_t idx) {
    raw_code_t rc;
    rc_decode(ctx, idx, &rc);
    return rc.n_def_pos_args > 0 ? 0 : rc_record_aux(ctx, idx, rc_aux_bytes(&rc)) & IMAGE_FRC_NAMES_MAX;
}
// Record number of child k of record idx (a frozen block's first_child ends its tail).
uint32_t rc_child(const module_context_t *ctx, uint32_t idx, size_t k);
// A function of record idx (MAKE_FUNCTION). defaults: tuple or OBJ_NULL; kwdefaults: dict
// or OBJ_NULL. The first function made of a record is an immediate word (OBJ_IS_FUN_IMM)
// that costs no heap, if it has no kwdefaults and its positional defaults fit what its
// record keeps (rc_kept_defaults: equal to its flash defaults, or stored in its room in
// the defaults store); later ones are heap objects, so that every def run still makes a
// distinct function.
obj_t rc_make_function(const module_context_t *ctx, uint32_t idx, obj_t defaults, obj_t kwdefaults);

/*
 * A bytecode function is either an immediate word (payload: context slot, record number
 * and a generator bit; see obj.h) or a heap object of one GC block. fun_bc_get reads
 * either into a fun_bc_t.
 */
typedef struct obj_fun_bc_t {
    obj_base_t base;
    const module_context_t *ctx;
    uintptr_t code;            // record number << 16 | positional defaults << 1 | 1 if the
                               // kwdefaults dict follows them in extra[]
    obj_t extra[];             // the positional defaults, then the kwdefaults dict if any
} obj_fun_bc_t;

#define FUN_BC_MAX_DEFAULTS 0x7fff

typedef struct fun_bc_t {
    const module_context_t *ctx;
    uint32_t idx;
    size_t n_defaults;
    const obj_t *defaults;     // n_defaults positional defaults; NULL: fun_bc_defaults
    obj_t kwdefaults;          // dict, or OBJ_NULL
} fun_bc_t;

#define RC_IMM_RECORD_BITS 16  // an immediate's record number field
// Contexts an immediate can name (slot + 1 must fit above the record and generator bits);
// modules loaded beyond that make heap functions only.
#define RC_IMM_MAX_SLOTS_WORD ((uintptr_t)-1 >> (5 + 1 + RC_IMM_RECORD_BITS))
#define RC_IMM_MAX_SLOTS (RC_IMM_MAX_SLOTS_WORD < RC_NO_SLOT ? RC_IMM_MAX_SLOTS_WORD : RC_NO_SLOT)

// The context slot an immediate's payload names (its first field is slot + 1).
#define RC_IMM_SLOT(payload) (((payload) >> (1 + RC_IMM_RECORD_BITS)) - 1)

// Reads a bytecode function of either form (inline: every call runs it).
static inline void fun_bc_get(obj_t f, fun_bc_t *out) {
    out->n_defaults = 0;
    out->defaults = NULL;
    out->kwdefaults = OBJ_NULL;
    if (OBJ_IS_FUN_IMM(f)) {
        uintptr_t p = OBJ_FUN_IMM_PAYLOAD(f);
        out->ctx = ((module_context_t **)vm_state.contexts)[RC_IMM_SLOT(p)];
        out->idx = (uint32_t)(p >> 1) & (((uint32_t)1 << RC_IMM_RECORD_BITS) - 1);
        return;  // defaults NULL: in the defaults store, if any (fun_bc_defaults)
    }
    const obj_fun_bc_t *h = (const obj_fun_bc_t *)f;
    out->ctx = h->ctx;
    out->idx = (uint32_t)(h->code >> 16);
    out->n_defaults = (h->code >> 1) & FUN_BC_MAX_DEFAULTS;
    out->defaults = h->extra;
    if (h->code & 1) {
        out->kwdefaults = h->extra[out->n_defaults];
    }
}

// Where the first function (an immediate) of record idx, a block of n_def positional
// defaults, has them: the record's words in the flash defaults (*in_flash set) or in the
// defaults store, or NULL for a record without kept defaults (image.h, the block's aux
// field).
static inline const obj_t *rc_kept_defaults(const module_context_t *ctx, uint32_t idx,
                                            size_t n_def, bool *in_flash) {
    *in_flash = false;
    if (n_def == 0) {
        return NULL;
    }
    uint32_t at = rc_record_aux(ctx, idx, 2);  // a block with defaults: a u16 aux
    *in_flash = (at & IMAGE_FRC_FLASH_DEFS) != 0;
    if (*in_flash) {  // only a frozen module's: its flash defaults end at its records
        return (const obj_t *)(const void *)ctx->records - (at & ~IMAGE_FRC_FLASH_DEFS);
    }
    return at != 0 ? rc_defaults_store(ctx) + at - 1 : NULL;
}

// A word of a frozen module's constant table or flash defaults as the object it names:
// an object in the image's flash (IMAGE_ROM_REF) is at its offset from the module's data;
// a constant built at import (IMAGE_COLD_REF, frozen modules only) is kept in the context
// after its defaults store (frozenload.c).
static inline obj_t rc_flash_obj(const module_context_t *ctx, obj_t w) {
    uintptr_t u = (uintptr_t)w;
    if ((u & 7) == 6 && u > 0x1f) {  // an immediate above the small ones
        if (IMAGE_IS_ROM_REF(u)) {
            return (obj_t)(ctx->data + IMAGE_ROM_REF_OFF(u));
        }
        if (IMAGE_IS_COLD_REF(u)) {
            return rc_defaults_store(ctx)[IMAGE_COLD_REF_INDEX(u)];
        }
    }
    return w;
}

// The positional defaults of fun, a block of n_def of them (its prelude's
// n_def_pos_args), *n of them (SIZE_MAX: n_def). An immediate of a record with defaults
// was made with the record's kept defaults (rc_make_function). Read only when a call
// leaves arguments out; a word read goes through rc_flash_obj (flash defaults may name
// objects in flash).
static inline const obj_t *fun_bc_defaults(const fun_bc_t *fun, size_t n_def, size_t *n) {
    if (fun->defaults != NULL) {
        *n = fun->n_defaults;
        return fun->defaults;
    }
    bool in_flash;
    const obj_t *kept = rc_kept_defaults(fun->ctx, fun->idx, n_def, &in_flash);
    *n = kept != NULL ? SIZE_MAX : 0;
    return kept;
}

typedef struct obj_closure_t {
    obj_base_t base;
    obj_t fun;
    size_t n_closed;
    obj_t closed[];
} obj_closure_t;

typedef struct exc_block_t {
    const byte *handler;
    obj_t *val_sp;             // stack pointer when the block was pushed
    uintptr_t is_finally;      // finally or with block (else except)
    obj_t prev_exc;            // the exception being handled (for bare raise)
} exc_block_t;

#define BC_GUARD_SLOTS 2

// A frame. state[] holds n_state slots: value stack from state[0] up, locals from
// state[n_state - 1] down; the exception blocks follow in the same allocation.
typedef struct code_state_t {
    const module_context_t *ctx;
    const byte *bytecode;      // first instruction: jump offsets and lines count from it
    const byte *ip;            // next instruction; at the faulting one after an exception
    obj_t *sp;                 // top of the value stack (state - 1 when empty)
    exc_block_t *exc_sp;       // innermost block (exc_stack - 1 when none)
    exc_block_t *exc_stack;
    uint32_t idx;              // record number of the code block
    uint16_t n_state;
    uint16_t n_exc_stack;
    obj_t guard[BC_GUARD_SLOTS];  // always NULL: what a corrupt finally handler can pop
    obj_t state[];
} code_state_t;

typedef enum {
    VM_RETURN_NORMAL,          // returned: the value is *sp
    VM_RETURN_YIELD,           // a generator yielded: the value is *sp
    VM_RETURN_EXCEPTION,       // raised: the exception is state[0]
} vm_return_kind_t;

// Bytes of a frame for rc.
size_t bc_state_size(const raw_code_t *rc);
// Binds the arguments of a call into a fresh frame (mpy-format.md 5.4); raises TypeError.
void bc_setup_frame(code_state_t *cs, const fun_bc_t *fun, const raw_code_t *rc, size_t n_args,
                    size_t n_kw, const obj_t *args);
// Runs cs until it returns, yields or raises. throw_val, if not NULL, is raised at ip first.
vm_return_kind_t vm_execute(code_state_t *cs, obj_t throw_val);
// Source line of the instruction at ip in rc.
size_t bc_source_line(const raw_code_t *rc, const byte *ip);

// Decoding helpers.
static inline size_t bc_read_uint(const byte **p) {
    size_t v = 0;
    byte b;
    do {
        b = *(*p)++;
        v = (v << 7) | (b & 0x7f);
    } while (b & 0x80);
    return v;
}

obj_t obj_new_closure(obj_t fun, size_t n, const obj_t *cells);
obj_t obj_new_gen(const fun_bc_t *fun, const raw_code_t *rc, size_t n_args, size_t n_kw, const obj_t *args);
// Resumes a generator with send_value (or throws throw_val); *ret gets the value.
vm_return_kind_t obj_gen_resume(obj_t gen, obj_t send_value, obj_t throw_val, obj_t *ret);
// gen.send(value): the next yielded value; StopIteration(return value) when it finishes.
obj_t obj_gen_send(obj_t gen, obj_t value);

#endif // RUNTIME_BC_H
