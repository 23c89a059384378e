// SPDX-License-Identifier: MIT
// objiter.c: the iterator builtins enumerate, zip, map, filter and reversed.
#include <string.h>

#include "runtime/runtime.h"

typedef struct obj_enumerate_t {
    obj_base_t base;
    obj_t iter;
    obj_t index;
} obj_enumerate_t;

static obj_t enumerate_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    static const qstr_t names[] = {MP_QSTR_iterable, MP_QSTR_start};
    obj_t vals[2];
    map_t kw;
    map_init_fixed(&kw, (const map_elem_t *)(args + n_args), n_kw);
    rt_arg_parse(n_args, args, &kw, 2, names, (const obj_t[]){OBJ_NULL, ROM_INT(0)}, vals);
    if (vals[0] == OBJ_NULL) {
        rt_raise_msg(&type_TypeError, "function missing 1 required positional arguments");
    }
    obj_enumerate_t *e = m_new_obj(obj_enumerate_t);
    e->base.type = type;
    e->iter = rt_getiter(vals[0]);
    e->index = vals[1];
    return e;
}

static obj_t enumerate_iternext(obj_t self_in) {
    obj_enumerate_t *self = (obj_enumerate_t *)self_in;
    obj_t v = rt_iternext(self->iter);
    if (v == OBJ_STOP_ITERATION) {
        return v;
    }
    obj_t pair[2] = {self->index, v};
    self->index = rt_binary_op(MP_BINARY_OP_ADD, self->index, OBJ_NEW_SMALL_INT(1));
    return obj_new_tuple(2, pair);
}

const obj_type_t type_enumerate = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_enumerate,
    .slots = &(const obj_type_slots_t){
        .make_new = enumerate_make_new,
        .iternext = enumerate_iternext,
    },
};

// zip and map share one layout: a function (map only) and n iterators.
typedef struct obj_multi_t {
    obj_base_t base;
    obj_t fun;
    size_t n;
    obj_t iters[];
} obj_multi_t;

static obj_t multi_new(const obj_type_t *type, obj_t fun, size_t n, const obj_t *iterables) {
    obj_multi_t *m = m_new_obj_var(obj_multi_t, obj_t, n);
    m->base.type = type;
    m->fun = fun;
    m->n = n;
    for (size_t i = 0; i < n; i++) {
        m->iters[i] = rt_getiter(iterables[i]);
    }
    return m;
}

// Next item of every iterator into out; false when one is exhausted.
static bool multi_next(obj_multi_t *m, obj_t *out) {
    for (size_t i = 0; i < m->n; i++) {
        out[i] = rt_iternext(m->iters[i]);
        if (out[i] == OBJ_STOP_ITERATION) {
            return false;
        }
    }
    return true;
}

static obj_t zip_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 0xffff, false);
    return multi_new(type, OBJ_NULL, n_args, args);
}

static obj_t zip_iternext(obj_t self_in) {
    obj_multi_t *self = (obj_multi_t *)self_in;
    if (self->n == 0) {
        return OBJ_STOP_ITERATION;
    }
    obj_t t = obj_new_tuple(self->n, NULL);
    if (!multi_next(self, ((obj_tuple_t *)t)->items)) {
        return OBJ_STOP_ITERATION;
    }
    return t;
}

const obj_type_t type_zip = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_zip,
    .slots = &(const obj_type_slots_t){
        .make_new = zip_make_new,
        .iternext = zip_iternext,
    },
};

static obj_t map_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 2, 0xffff, false);
    return multi_new(type, args[0], n_args - 1, args + 1);
}

static obj_t map_iternext(obj_t self_in) {
    obj_multi_t *self = (obj_multi_t *)self_in;
    obj_t on_stack[4];
    obj_t *items = self->n <= 4 ? on_stack : m_new(obj_t, self->n);
    if (!multi_next(self, items)) {
        return OBJ_STOP_ITERATION;
    }
    return rt_call_function_n_kw(self->fun, self->n, 0, items);
}

const obj_type_t type_map = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_map,
    .slots = &(const obj_type_slots_t){
        .make_new = map_make_new,
        .iternext = map_iternext,
    },
};

static obj_t filter_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 2, 2, false);
    return multi_new(type, args[0], 1, args + 1);
}

static obj_t filter_iternext(obj_t self_in) {
    obj_multi_t *self = (obj_multi_t *)self_in;
    obj_t v;
    while ((v = rt_iternext(self->iters[0])) != OBJ_STOP_ITERATION) {
        obj_t keep = self->fun == obj_none ? v : rt_call_function_1(self->fun, v);
        if (obj_is_true(keep)) {
            return v;
        }
    }
    return OBJ_STOP_ITERATION;
}

const obj_type_t type_filter = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_filter,
    .slots = &(const obj_type_slots_t){
        .make_new = filter_make_new,
        .iternext = filter_iternext,
    },
};

typedef struct obj_reversed_t {
    obj_base_t base;
    obj_t seq;
    size_t index;  // items left
} obj_reversed_t;

static obj_t reversed_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 1, 1, false);
    obj_t meth = rt_load_attr_maybe(args[0], MP_QSTR___reversed__);
    if (meth != OBJ_NULL) {
        return rt_call_function_0(meth);
    }
    obj_reversed_t *r = m_new_obj(obj_reversed_t);
    r->base.type = type;
    r->seq = args[0];
    r->index = obj_get_len(args[0]);
    return r;
}

static obj_t reversed_iternext(obj_t self_in) {
    obj_reversed_t *self = (obj_reversed_t *)self_in;
    if (self->index == 0) {
        return OBJ_STOP_ITERATION;
    }
    self->index--;
    return obj_subscr(self->seq, OBJ_NEW_SMALL_INT(self->index), OBJ_SENTINEL);
}

const obj_type_t type_reversed = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_reversed,
    .slots = &(const obj_type_slots_t){
        .make_new = reversed_make_new,
        .iternext = reversed_iternext,
    },
};
