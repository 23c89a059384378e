// SPDX-License-Identifier: MIT
// objrange.c: the range type (lazy arithmetic progression) and its iterator.
#include "runtime/runtime.h"

typedef struct obj_range_t {
    obj_base_t base;
    mp_int_t start, stop, step;
} obj_range_t;

static obj_t range_new(mp_int_t start, mp_int_t stop, mp_int_t step) {
    obj_range_t *r = m_new_obj(obj_range_t);
    r->base.type = &type_range;
    r->start = start;
    r->stop = stop;
    r->step = step;
    return r;
}

static mp_int_t range_len(const obj_range_t *r) {
    mp_int_t n;
    if (r->step > 0) {
        n = r->stop > r->start ? (r->stop - r->start + r->step - 1) / r->step : 0;
    } else {
        n = r->stop < r->start ? (r->start - r->stop - r->step - 1) / -r->step : 0;
    }
    return n;
}

static void range_print(const print_t *p, obj_t self, print_kind_t kind) {
    const obj_range_t *r = self;
    if (r->step == 1) {
        print_printf(p, "range(%ld, %ld)", (long)r->start, (long)r->stop);
    } else {
        print_printf(p, "range(%ld, %ld, %ld)", (long)r->start, (long)r->stop, (long)r->step);
    }
}

static obj_t range_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 1, 3, false);
    mp_int_t start = 0, stop, step = 1;
    if (n_args == 1) {
        stop = obj_get_int(args[0]);
    } else {
        start = obj_get_int(args[0]);
        stop = obj_get_int(args[1]);
        if (n_args == 3) {
            step = obj_get_int(args[2]);
            if (step == 0) {
                rt_raise_msg(&type_ValueError, "zero step");
            }
        }
    }
    return range_new(start, stop, step);
}

static obj_t range_unary_op(int op, obj_t self) {
    const obj_range_t *r = self;
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(range_len(r) > 0);
        case MP_UNARY_OP_LEN:
            return obj_new_int(range_len(r));
        default:
            return OBJ_NULL;
    }
}

static bool range_has(const obj_range_t *r, obj_t value) {
    mp_int_t v;
    if (!obj_get_int_maybe(value, &v) || obj_is_type(value, &type_int)) {
        return false;
    }
    if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) {
        return false;
    }
    return (v - r->start) % r->step == 0;
}

static obj_t range_binary_op(int op, obj_t lhs, obj_t rhs) {
    const obj_range_t *a = lhs;
    if (op == MP_BINARY_OP_CONTAINS) {
        if (obj_is_float(rhs)) {
            return OBJ_NULL;  // fall back to iteration (2.0 in range(3))
        }
        return obj_bool(range_has(a, rhs));
    }
    return OBJ_NULL;  // MicroPython compares ranges by identity: range(3) != range(0, 3)
}

static obj_t range_subscr(obj_t self, obj_t index, obj_t value) {
    if (value != OBJ_SENTINEL) {
        return OBJ_NULL;
    }
    const obj_range_t *r = self;
    size_t len = (size_t)range_len(r);
    if (obj_is_type(index, &type_slice)) {
        slice_bounds_t b;
        obj_slice_indices(index, len, &b);
        return range_new(r->start + b.start * r->step, r->start + b.stop * r->step,
                         r->step * b.step);
    }
    size_t i = obj_get_index(&type_range, len, index, false);
    return obj_new_int(r->start + (mp_int_t)i * r->step);
}

static void range_attr(obj_t self, qstr_t attr, obj_t *dest) {
    if (dest[0] != OBJ_NULL) {
        return;
    }
    const obj_range_t *r = self;
    if (attr == MP_QSTR_start) {
        dest[0] = obj_new_int(r->start);
    } else if (attr == MP_QSTR_stop) {
        dest[0] = obj_new_int(r->stop);
    } else if (attr == MP_QSTR_step) {
        dest[0] = obj_new_int(r->step);
    }
}

typedef struct range_iter_t {
    obj_base_t base;
    mp_int_t cur, stop, step;
} range_iter_t;

static obj_t range_iter_next(obj_t self) {
    range_iter_t *it = self;
    if (it->step > 0 ? it->cur >= it->stop : it->cur <= it->stop) {
        return OBJ_STOP_ITERATION;
    }
    mp_int_t v = it->cur;
    it->cur += it->step;
    return obj_new_int(v);
}

static const obj_type_t type_range_iterator = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_iterator,
    .slots = &(const obj_type_slots_t){
        .iternext = range_iter_next,
    },
};

static obj_t range_getiter(obj_t self) {
    const obj_range_t *r = self;
    range_iter_t *it = m_new_obj(range_iter_t);
    it->base.type = &type_range_iterator;
    it->cur = r->start;
    it->stop = r->stop;
    it->step = r->step;
    return it;
}

const obj_type_t type_range = {
    .base = {&type_type},
    .name = MP_QSTR_range,
    .slots = &(const obj_type_slots_t){
        .print = range_print,
        .make_new = range_make_new,
        .unary_op = range_unary_op,
        .binary_op = range_binary_op,
        .subscr = range_subscr,
        .getiter = range_getiter,
        .attr = range_attr,
    },
};
