// SPDX-License-Identifier: MIT
// objfun.c: functions: bytecode functions and their argument binding, closures, builtins, cells.
#include <string.h>

#include "runtime/bc.h"
#include "runtime/mpy.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/* ------------------------------------------------------------------------------------
 * Argument binding (mpy-format.md 5.4). Local slot i is state[n_state - 1 - i].
 */
#define LOCAL(cs, i) ((cs)->state[(cs)->n_state - 1 - (i)])

size_t bc_state_size(const raw_code_t *rc) {
    return sizeof(code_state_t) + rc->n_state * sizeof(obj_t) + rc->n_exc_stack * sizeof(exc_block_t);
}

static qstr_t arg_name(const raw_code_t *rc, size_t i) {
    const byte *p = rc_arg_names(rc);
    size_t v = 0;
    for (size_t j = 0; j <= i; j++) {
        v = bc_read_uint(&p);
    }
    return rc->ctx->qstrs[v];  // in range: both loaders check argument names
}

NORETURN static void raise_arg_count(const raw_code_t *rc, size_t expected, size_t given) {
    rt_raise_msg(&type_TypeError, "%q() takes %d positional arguments but %d were given", rc_name(rc),
        (int)expected, (int)given);
}

static void bind_keywords(code_state_t *cs, const raw_code_t *rc, size_t n_kw, const obj_t *kws,
                          obj_t kwdict) {
    size_t n_named = rc->n_pos_args + rc->n_kwonly_args;
    for (size_t i = 0; i < n_kw; i++) {
        qstr_t name = obj_str_get_qstr(kws[2 * i]);
        size_t j = 0;
        for (; j < n_named; j++) {
            if (arg_name(rc, j) == name) {
                break;
            }
        }
        if (j < n_named) {
            if (LOCAL(cs, j) != OBJ_NULL) {
                rt_raise_msg(&type_TypeError, "function got multiple values for argument '%q'", name);
            }
            LOCAL(cs, j) = kws[2 * i + 1];
        } else if (kwdict != OBJ_NULL) {
            obj_dict_store(kwdict, kws[2 * i], kws[2 * i + 1]);
        } else {
            rt_raise_msg(&type_TypeError, "unexpected keyword argument '%q'", name);
        }
    }
}

static void fill_defaults(code_state_t *cs, const fun_bc_t *fun, const raw_code_t *rc) {
    size_t n_def = rc->n_def_pos_args;
    size_t n_have;
    const obj_t *defs = fun_bc_defaults(fun, n_def, &n_have);
    for (size_t i = rc->n_pos_args; i-- > 0;) {
        if (LOCAL(cs, i) != OBJ_NULL) {
            continue;
        }
        size_t d = i + n_def;  // default index + n_pos_args
        if (d >= rc->n_pos_args && d - rc->n_pos_args < n_have) {
            LOCAL(cs, i) = rc_flash_obj(rc->ctx, defs[d - rc->n_pos_args]);
        } else {
            rt_raise_msg(&type_TypeError, "function missing required positional argument #%d", (int)i);
        }
    }
    for (size_t i = rc->n_pos_args; i < (size_t)rc->n_pos_args + rc->n_kwonly_args; i++) {
        if (LOCAL(cs, i) != OBJ_NULL) {
            continue;
        }
        obj_t v = OBJ_NULL;
        if (fun->kwdefaults != OBJ_NULL) {
            v = obj_dict_get(fun->kwdefaults, OBJ_NEW_QSTR(arg_name(rc, i)));
        }
        if (v == OBJ_NULL) {
            rt_raise_msg(&type_TypeError, "function missing required keyword argument '%q'", arg_name(rc, i));
        }
        LOCAL(cs, i) = v;
    }
}

// Inline in fun_bc_call, the hot path: rc stays in registers instead of memory.
static inline __attribute__((always_inline)) void setup_frame(code_state_t *cs, const fun_bc_t *fun,
        const raw_code_t *rc, size_t n_args, size_t n_kw, const obj_t *args) {
    cs->ctx = rc->ctx;
    cs->idx = rc->idx;
    cs->bytecode = rc->bytecode;
    cs->ip = rc->bytecode;
    cs->n_state = rc->n_state;
    cs->n_exc_stack = rc->n_exc_stack;
    cs->sp = cs->state - 1;
    cs->exc_stack = (exc_block_t *)(cs->state + rc->n_state);
    cs->exc_sp = cs->exc_stack - 1;
    memset(cs->guard, 0, sizeof(cs->guard) + rc->n_state * sizeof(obj_t) + rc->n_exc_stack * sizeof(exc_block_t));
    size_t n_pos = rc->n_pos_args;
    size_t varargs_slot = n_pos + rc->n_kwonly_args;
    bool has_varargs = rc->scope_flags & MP_SCOPE_FLAG_VARARGS;
    if (n_args > n_pos) {
        if (!has_varargs) {
            raise_arg_count(rc, n_pos, n_args);
        }
        LOCAL(cs, varargs_slot) = obj_new_tuple(n_args - n_pos, args + n_pos);
    } else if (has_varargs) {
        LOCAL(cs, varargs_slot) = obj_const_empty_tuple;
    }
    size_t n_copy = n_args < n_pos ? n_args : n_pos;
    obj_t kwdict = OBJ_NULL;
    if (rc->scope_flags & MP_SCOPE_FLAG_VARKEYWORDS) {
        kwdict = obj_new_dict(0);
        LOCAL(cs, varargs_slot + has_varargs) = kwdict;
    }
    if (n_kw == 0 && !(rc->scope_flags & MP_SCOPE_FLAG_DEFKWARGS)) {
        if (n_args < n_pos) {
            size_t n_def = rc->n_def_pos_args;
            if (n_args + n_def < n_pos) {
                raise_arg_count(rc, n_pos - n_def, n_args);
            }
            size_t n_have;
            const obj_t *defs = fun_bc_defaults(fun, n_def, &n_have);
            for (size_t i = n_args; i < n_pos; i++) {
                size_t d = i - (n_pos - n_def);
                LOCAL(cs, i) = d < n_have ? rc_flash_obj(rc->ctx, defs[d]) : obj_none;
            }
        }
        for (size_t i = 0; i < n_copy; i++) {
            LOCAL(cs, i) = args[i];
        }
        if (rc->n_kwonly_args != 0) {
            rt_raise_msg(&type_TypeError, "function missing keyword-only argument");
        }
    } else {
        for (size_t i = 0; i < n_copy; i++) {
            LOCAL(cs, i) = args[i];
        }
        bind_keywords(cs, rc, n_kw, args + n_args, kwdict);
        fill_defaults(cs, fun, rc);
    }
    for (size_t i = 0; i < rc->n_cell; i++) {
        size_t slot = rc->cells[i];
        if (slot < rc->n_state) {
            LOCAL(cs, slot) = obj_new_cell(LOCAL(cs, slot));
        }
    }
}

void bc_setup_frame(code_state_t *cs, const fun_bc_t *fun, const raw_code_t *rc, size_t n_args,
                    size_t n_kw, const obj_t *args) {
    setup_frame(cs, fun, rc, n_args, n_kw, args);
}

size_t bc_source_line(const raw_code_t *rc, const byte *ip) {
    size_t bc = (size_t)(ip - rc->bytecode);
    size_t line = 1;
    const byte *p = rc_arg_names(rc);
    for (size_t i = 0; i < (size_t)rc->n_pos_args + rc->n_kwonly_args; i++) {
        bc_read_uint(&p);
    }
    const byte *end = rc->info_end;
    while (p < end) {
        size_t c = *p, b, l;
        if ((c & 0x80) == 0) {
            b = c & 0x1f;
            l = c >> 5;
            p += 1;
        } else {
            b = c & 0xf;
            l = ((c << 4) & 0x700) | (p + 1 < end ? p[1] : 0);
            p += 2;
        }
        if (bc < b) {
            break;
        }
        bc -= b;
        line += l;
    }
    return line;
}

/* ------------------------------------------------------------------------------------
 * Bytecode functions.
 */
static obj_t fun_bc_call(obj_t self_in, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_stack_check();
    fun_bc_t fun;
    fun_bc_get(self_in, &fun);
    raw_code_t rcv, *rc = &rcv;
    rc_decode(fun.ctx, fun.idx, rc);
    if (rc->scope_flags & MP_SCOPE_FLAG_GENERATOR) {
        return obj_new_gen(&fun, rc, n_args, n_kw, args);
    }
    // A frame of up to CONFIG_STATE_ON_STACK_MAX words lives on the C stack, in a VLA of
    // its own size (as MicroPython's alloca), so deep recursion costs only what it uses.
    size_t size = bc_state_size(rc);
    bool in_c_stack = size <= CONFIG_STATE_ON_STACK_MAX * sizeof(obj_t);
    obj_t on_stack[in_c_stack ? (size + sizeof(obj_t) - 1) / sizeof(obj_t) : 1];
    code_state_t *cs = in_c_stack ? (code_state_t *)on_stack : (code_state_t *)gc_alloc(size);
    setup_frame(cs, &fun, rc, n_args, n_kw, args);
    obj_dict_t *old_globals = vm_state.globals;
    vm_state.globals = fun.ctx->globals;
    vm_return_kind_t kind = vm_execute(cs, OBJ_NULL);
    vm_state.globals = old_globals;
    if (kind == VM_RETURN_YIELD) {
        rt_raise_msg(&type_ValueError, "corrupt .mpy file");  // the loader refuses this
    }
    if (kind == VM_RETURN_NORMAL) {
        obj_t ret = *cs->sp;
        if ((void *)cs != (void *)on_stack) {
            gc_free(cs);
        }
        return ret;
    }
    nlr_jump(cs->state[0]);
}

// The function under a closure, as a fun_bc_t.
static void fun_of(obj_t f, fun_bc_t *out) {
    if (obj_is_type(f, &type_closure)) {
        f = ((obj_closure_t *)f)->fun;
    }
    fun_bc_get(f, out);
}

static qstr_t fun_name(obj_t f) {
    fun_bc_t fun;
    fun_of(f, &fun);
    raw_code_t rc;
    rc_decode(fun.ctx, fun.idx, &rc);
    return rc_name(&rc);
}

static void fun_bc_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(kind);
    print_printf(p, "<function %q at 0x%p>", fun_name(self), self);
}

static void fun_bc_attr(obj_t self, qstr_t attr, obj_t *dest) {
    if (dest[0] != OBJ_NULL) {
        return;
    }
    if (attr == MP_QSTR___name__ || attr == MP_QSTR___qualname__) {
        dest[0] = OBJ_NEW_QSTR(fun_name(self));
    } else if (attr == MP_QSTR___module__) {
        fun_bc_t fun;
        fun_of(self, &fun);
        dest[0] = obj_dict_get(fun.ctx->globals, OBJ_NEW_QSTR(MP_QSTR___name__));
    }
}

// A generator function is called like any other (objgen.c makes the generator).
static const obj_type_slots_t fun_bc_slots = {
    .print = fun_bc_print,
    .call = fun_bc_call,
    .attr = fun_bc_attr,
};

const obj_type_t type_fun_bc = {
    .base = {&type_type},
    .flags = TYPE_FLAG_BINDS_SELF | TYPE_FLAG_EQ_BY_IDENTITY,
    .name = MP_QSTR_function,
    .slots = &fun_bc_slots,
};

const obj_type_t type_gen_wrap = {
    .base = {&type_type},
    .flags = TYPE_FLAG_BINDS_SELF | TYPE_FLAG_EQ_BY_IDENTITY,
    .name = MP_QSTR_generator,
    .slots = &fun_bc_slots,
};

/* ------------------------------------------------------------------------------------
 * Closures: the cells become the leading arguments.
 */
obj_t obj_new_closure(obj_t fun, size_t n, const obj_t *cells) {
    obj_closure_t *c = m_new_obj_var(obj_closure_t, obj_t, n);
    c->base.type = &type_closure;
    c->fun = fun;
    c->n_closed = n;
    mem_copy(c->closed, cells, n * sizeof(obj_t));
    return c;
}

static obj_t closure_call(obj_t self_in, size_t n_args, size_t n_kw, const obj_t *args) {
    obj_closure_t *self = (obj_closure_t *)self_in;
    size_t n = self->n_closed + n_args + 2 * n_kw;
    obj_t on_stack[16];
    obj_t *all = n <= 16 ? on_stack : m_new(obj_t, n);
    mem_copy(all, self->closed, self->n_closed * sizeof(obj_t));
    mem_copy(all + self->n_closed, args, (n_args + 2 * n_kw) * sizeof(obj_t));
    return rt_call_function_n_kw(self->fun, self->n_closed + n_args, n_kw, all);
}

static void closure_print(const print_t *p, obj_t self, print_kind_t kind) {
    print_str(p, "<closure ");
    fun_bc_print(p, ((obj_closure_t *)self)->fun, kind);
    print_printf(p, " at 0x%p>", self);
}

const obj_type_t type_closure = {
    .base = {&type_type},
    .flags = TYPE_FLAG_BINDS_SELF | TYPE_FLAG_EQ_BY_IDENTITY,
    .name = MP_QSTR_closure,
    .slots = &(const obj_type_slots_t){
        .print = closure_print,
        .call = closure_call,
        .attr = fun_bc_attr,
    },
};

/* ------------------------------------------------------------------------------------
 * Builtin functions: one type per calling form.
 */
static void fun_builtin_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(kind);
    print_printf(p, "<function>");
    UNUSED(self);
}

NORETURN static void raise_builtin_count(size_t expected, size_t given) {
    rt_raise_msg(&type_TypeError, "function takes %d positional arguments but %d were given",
        (int)expected, (int)given);
}

static void check_fixed(size_t n_args, size_t n_kw, size_t expected) {
    if (n_kw != 0) {
        rt_raise_msg(&type_TypeError, "function doesn't take keyword arguments");
    }
    if (n_args != expected) {
        raise_builtin_count(expected, n_args);
    }
}

static obj_t fun_builtin_0_call(obj_t self, size_t n_args, size_t n_kw, const obj_t *args) {
    UNUSED(args);
    check_fixed(n_args, n_kw, 0);
    return ((const obj_fun_builtin_t *)self)->fun._0();
}

static obj_t fun_builtin_1_call(obj_t self, size_t n_args, size_t n_kw, const obj_t *args) {
    check_fixed(n_args, n_kw, 1);
    return ((const obj_fun_builtin_t *)self)->fun._1(args[0]);
}

static obj_t fun_builtin_2_call(obj_t self, size_t n_args, size_t n_kw, const obj_t *args) {
    check_fixed(n_args, n_kw, 2);
    return ((const obj_fun_builtin_t *)self)->fun._2(args[0], args[1]);
}

static obj_t fun_builtin_3_call(obj_t self, size_t n_args, size_t n_kw, const obj_t *args) {
    check_fixed(n_args, n_kw, 3);
    return ((const obj_fun_builtin_t *)self)->fun._3(args[0], args[1], args[2]);
}

static obj_t fun_builtin_var_call(obj_t self_in, size_t n_args, size_t n_kw, const obj_t *args) {
    const obj_fun_builtin_t *self = (const obj_fun_builtin_t *)self_in;
    rt_arg_check_num(n_args, n_kw, self->n_args_min, self->n_args_max, false);
    return self->fun.var(n_args, args);
}

static obj_t fun_builtin_kw_call(obj_t self_in, size_t n_args, size_t n_kw, const obj_t *args) {
    const obj_fun_builtin_t *self = (const obj_fun_builtin_t *)self_in;
    rt_arg_check_num(n_args, 0, self->n_args_min, self->n_args_max, false);
    map_t kw;
    map_init_fixed(&kw, (const map_elem_t *)(args + n_args), n_kw);
    return self->fun.kw(n_args, args, &kw);
}

#define BUILTIN_TYPE(form) \
    const obj_type_t type_fun_builtin_##form = { \
        .base = {&type_type}, \
        .flags = TYPE_FLAG_BINDS_SELF | TYPE_FLAG_EQ_BY_IDENTITY, \
        .name = MP_QSTR_function, \
        .slots = &(const obj_type_slots_t){ \
            .print = fun_builtin_print, \
            .call = fun_builtin_##form##_call, \
        }, \
    };
BUILTIN_TYPE(0)
BUILTIN_TYPE(1)
BUILTIN_TYPE(2)
BUILTIN_TYPE(3)
BUILTIN_TYPE(var)
BUILTIN_TYPE(kw)

/* ------------------------------------------------------------------------------------
 * Cells and bound methods.
 */
obj_t obj_new_cell(obj_t value) {
    obj_cell_t *c = m_new_obj(obj_cell_t);
    c->base.type = &type_cell;
    c->obj = value;
    return c;
}

const obj_type_t type_cell = {
    .base = {&type_type},
    .name = MP_QSTR_cell,
    .slots = &obj_type_no_slots,
};

obj_t obj_new_bound_meth(obj_t meth, obj_t self) {
    obj_bound_meth_t *b = m_new_obj(obj_bound_meth_t);
    b->base.type = &type_bound_meth;
    b->meth = meth;
    b->self = self;
    return b;
}

static obj_t bound_meth_call(obj_t self_in, size_t n_args, size_t n_kw, const obj_t *args) {
    obj_bound_meth_t *self = (obj_bound_meth_t *)self_in;
    size_t n = 1 + n_args + 2 * n_kw;
    obj_t on_stack[16];
    obj_t *all = n <= 16 ? on_stack : m_new(obj_t, n);
    all[0] = self->self;
    mem_copy(all + 1, args, (n - 1) * sizeof(obj_t));
    return rt_call_function_n_kw(self->meth, n_args + 1, n_kw, all);
}

static void bound_meth_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(kind);
    obj_bound_meth_t *b = (obj_bound_meth_t *)self;
    print_printf(p, "<bound_method %p ", self);
    obj_print(p, b->self, PRINT_REPR);
    print_str(p, ".");
    obj_print(p, b->meth, PRINT_REPR);
    print_str(p, ">");
}

static void bound_meth_attr(obj_t self, qstr_t attr, obj_t *dest) {
    if (dest[0] != OBJ_NULL) {
        return;
    }
    obj_bound_meth_t *b = (obj_bound_meth_t *)self;
    if (attr == MP_QSTR___self__) {
        dest[0] = b->self;
    } else if (attr == MP_QSTR___func__) {
        dest[0] = b->meth;
    } else {
        dest[0] = rt_load_attr_maybe(b->meth, attr);
    }
}

static obj_t bound_meth_binary_op(int op, obj_t lhs, obj_t rhs) {
    if (op != MP_BINARY_OP_EQUAL || !obj_is_type(rhs, &type_bound_meth)) {
        return OBJ_NULL;
    }
    obj_bound_meth_t *a = (obj_bound_meth_t *)lhs, *b = (obj_bound_meth_t *)rhs;
    return obj_bool(a->self == b->self && a->meth == b->meth);
}

const obj_type_t type_bound_meth = {
    .base = {&type_type},
    .name = MP_QSTR_bound_method,
    .slots = &(const obj_type_slots_t){
        .print = bound_meth_print,
        .call = bound_meth_call,
        .attr = bound_meth_attr,
        .binary_op = bound_meth_binary_op,
    },
};
