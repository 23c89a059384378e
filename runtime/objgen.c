// SPDX-License-Identifier: MIT
// objgen.c: generator objects: next/send/throw/close and the resume used by yield from.
#include <string.h>

#include "runtime/bc.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * A generator owns a heap frame. States: not started (sp below state[0], ip at the first
 * instruction), suspended (ip after a YIELD_VALUE, or at a YIELD_FROM that resumes
 * itself), running, finished (ip NULL). No finalisation happens when a generator is
 * dropped (MicroPython's behaviour).
 */
typedef struct obj_gen_t {
    obj_base_t base;
    obj_dict_t *globals;
    bool running;
    code_state_t *cs;
} obj_gen_t;

obj_t obj_new_gen(const fun_bc_t *fun, const raw_code_t *rc, size_t n_args, size_t n_kw,
                  const obj_t *args) {
    obj_gen_t *g = m_new_obj(obj_gen_t);
    g->base.type = &type_gen;
    g->globals = fun->ctx->globals;
    g->cs = (code_state_t *)gc_alloc(bc_state_size(rc));
    bc_setup_frame(g->cs, fun, rc, n_args, n_kw, args);
    return g;
}

vm_return_kind_t obj_gen_resume(obj_t gen, obj_t send_value, obj_t throw_val, obj_t *ret) {
    obj_gen_t *g = (obj_gen_t *)gen;
    code_state_t *cs = g->cs;
    if (cs->ip == NULL) {
        *ret = obj_none;
        return VM_RETURN_NORMAL;
    }
    if (g->running) {
        rt_raise_msg(&type_ValueError, "generator already executing");
    }
    rt_stack_check();  // yield from chains resume recursively
    if (cs->sp == cs->state - 1) {
        if (send_value != obj_none && throw_val == OBJ_NULL) {
            rt_raise_msg(&type_TypeError, "can't send non-None value to a just-started generator");
        }
    } else if (send_value != OBJ_NULL) {
        *cs->sp = send_value;
    }
    obj_dict_t *old_globals = vm_state.globals;
    vm_state.globals = g->globals;
    g->running = true;
    vm_return_kind_t kind = vm_execute(cs, throw_val);
    g->running = false;
    vm_state.globals = old_globals;
    switch (kind) {
        case VM_RETURN_YIELD:
            *ret = *cs->sp;
            break;
        case VM_RETURN_NORMAL:
            *ret = *cs->sp;
            cs->ip = NULL;
            break;
        default:
            *ret = cs->state[0];
            cs->ip = NULL;
            break;
    }
    return kind;
}

static obj_t resume_and_raise(obj_t gen, obj_t send, obj_t throw_val, bool raise_stop) {
    obj_t ret;
    switch (obj_gen_resume(gen, send, throw_val, &ret)) {
        case VM_RETURN_YIELD:
            return ret;
        case VM_RETURN_NORMAL:
            if (raise_stop) {
                rt_raise_StopIteration(ret == obj_none ? OBJ_NULL : ret);
            }
            return OBJ_STOP_ITERATION;  // for loops drop the return value
        default:
            nlr_jump(ret);
    }
}

static obj_t gen_iternext(obj_t self) {
    return resume_and_raise(self, obj_none, OBJ_NULL, false);
}

obj_t obj_gen_send(obj_t self, obj_t value) {
    return resume_and_raise(self, value, OBJ_NULL, true);
}
static FUN_OBJ_2(gen_send_obj, obj_gen_send);

static obj_t gen_throw(size_t n_args, const obj_t *args) {
    obj_t exc = args[1];
    if (n_args > 2 && args[2] != obj_none) {
        exc = args[2];
    }
    return resume_and_raise(args[0], obj_none, exc, true);
}
static FUN_OBJ_VAR_BETWEEN(gen_throw_obj, 2, 4, gen_throw);

static obj_t gen_close(obj_t self) {
    obj_t ret;
    switch (obj_gen_resume(self, obj_none, (obj_t)&type_GeneratorExit, &ret)) {
        case VM_RETURN_YIELD:
            rt_raise_msg(&type_RuntimeError, "generator ignored GeneratorExit");
        case VM_RETURN_EXCEPTION:
            if (obj_isinstance(ret, &type_GeneratorExit)) {
                return obj_none;
            }
            nlr_jump(ret);
        default:
            return obj_none;
    }
}
static FUN_OBJ_1(gen_close_obj, gen_close);

static void gen_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(kind);
    obj_gen_t *g = (obj_gen_t *)self;
    raw_code_t rc;
    rc_decode(g->cs->ctx, g->cs->idx, &rc);
    print_printf(p, "<generator object '%q' at %p>", rc_name(&rc), self);
}

static const map_elem_t gen_locals_table[] = {
    {ROM_QSTR(MP_QSTR_close), ROM_PTR(&gen_close_obj)},
    {ROM_QSTR(MP_QSTR_send), ROM_PTR(&gen_send_obj)},
    {ROM_QSTR(MP_QSTR_throw), ROM_PTR(&gen_throw_obj)},
};
static DEFINE_CONST_DICT(gen_locals_dict, gen_locals_table);

const obj_type_t type_gen = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF | TYPE_FLAG_EQ_BY_IDENTITY,
    .name = MP_QSTR_generator,
    .slots = &(const obj_type_slots_t){
        .print = gen_print,
        .iternext = gen_iternext,
    },
    .locals_dict = &gen_locals_dict,
};
