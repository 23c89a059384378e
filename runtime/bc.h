// SPDX-License-Identifier: MIT
// bc.h: bytecode functions: raw code, the prelude decoder, frames (code_state) and the VM entry.
#ifndef RUNTIME_BC_H
#define RUNTIME_BC_H

#include "runtime/obj.h"

/*
 * A raw code points into the .mpy buffer (its prelude and bytecode are used in place);
 * the loader allocates one per code block with the module's context (qstr map and
 * constant table) and its children. Facts: shared/spec/mpy-format.md sections 4 and 5.
 */
typedef struct module_context_t {
    obj_dict_t *globals;
    const uint16_t *qstrs;     // file qstr index -> run-time qstr (all qstrs are < 0x10000:
                               // a frozen module's table is in the image as u16s)
    size_t n_qstr;
    const obj_t *consts;       // the constant table
    size_t n_obj;
} module_context_t;

typedef struct raw_code_t {
    const byte *code;          // prelude followed by bytecode (in the .mpy buffer)
    size_t code_len;
    const byte *bytecode;      // first instruction
    const byte *code_end;
    const module_context_t *ctx;
    struct raw_code_t **children;
    size_t n_children;
    // From the prelude.
    uint16_t n_state;
    uint16_t n_exc_stack;
    uint8_t scope_flags;
    uint16_t n_pos_args;       // variable-length in the prelude: more than 255 is valid
    uint16_t n_kwonly_args;
    uint16_t n_def_pos_args;
    qstr_t name;               // simple name (run-time qstr)
    const byte *arg_names;     // n_pos_args + n_kwonly_args vuints (file qstr indices)
    const byte *line_info;     // line table
    const byte *line_info_end;
    const byte *cells;         // n_cell slot numbers
    uint16_t n_cell;
} raw_code_t;

// A bytecode function (MAKE_FUNCTION*). Closures wrap one of these with their cells.
typedef struct obj_fun_bc_t {
    obj_base_t base;
    const raw_code_t *rc;
    obj_dict_t *globals;
    obj_t defaults;            // tuple of positional defaults, or OBJ_NULL
    obj_t kwdefaults;          // dict, or OBJ_NULL
} obj_fun_bc_t;

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
    const obj_fun_bc_t *fun;
    const byte *ip;            // next instruction; at the faulting one after an exception
    obj_t *sp;                 // top of the value stack (state - 1 when empty)
    exc_block_t *exc_sp;       // innermost block (exc_stack - 1 when none)
    exc_block_t *exc_stack;
    size_t n_state;
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
void bc_setup_frame(code_state_t *cs, const obj_fun_bc_t *fun, size_t n_args, size_t n_kw,
                    const obj_t *args);
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

obj_t obj_new_fun_bc(const raw_code_t *rc, obj_dict_t *globals, obj_t defaults, obj_t kwdefaults);
obj_t obj_new_closure(obj_t fun, size_t n, const obj_t *cells);
obj_t obj_new_gen(const obj_fun_bc_t *fun, size_t n_args, size_t n_kw, const obj_t *args);
// Resumes a generator with send_value (or throws throw_val); *ret gets the value.
vm_return_kind_t obj_gen_resume(obj_t gen, obj_t send_value, obj_t throw_val, obj_t *ret);
// gen.send(value): the next yielded value; StopIteration(return value) when it finishes.
obj_t obj_gen_send(obj_t gen, obj_t value);

#endif // RUNTIME_BC_H
