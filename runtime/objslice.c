// SPDX-License-Identifier: MIT
// objslice.c: the slice type and the resolution of slice bounds against a length.
#include "runtime/runtime.h"

obj_t obj_new_slice(obj_t start, obj_t stop, obj_t step) {
    obj_slice_t *s = m_new_obj(obj_slice_t);
    s->base.type = &type_slice;
    s->start = start;
    s->stop = stop;
    s->step = step;
    return s;
}

// One bound, normalised as CPython's slice.indices does: lo..hi is the valid range.
static mp_int_t resolve(obj_t v, mp_int_t dflt, mp_int_t len, mp_int_t lo, mp_int_t hi) {
    if (v == obj_none) {
        return dflt;
    }
    mp_int_t i = obj_get_int(v);
    if (i < 0) {
        i += len;
    }
    return i < lo ? lo : i > hi ? hi : i;
}

void obj_slice_indices(obj_t slice, size_t len, slice_bounds_t *out) {
    const obj_slice_t *s = slice;
    mp_int_t n = (mp_int_t)len;
    mp_int_t step = s->step == obj_none ? 1 : obj_get_int(s->step);
    if (step == 0) {
        rt_raise_msg(&type_ValueError, "slice step can't be zero");
    }
    if (step > 0) {
        out->start = resolve(s->start, 0, n, 0, n);
        out->stop = resolve(s->stop, n, n, 0, n);
    } else {
        out->start = resolve(s->start, n - 1, n, -1, n - 1);
        out->stop = resolve(s->stop, -1, n, -1, n - 1);
    }
    out->step = step;
}

bool obj_slice_get_range(obj_t slice, size_t len, size_t *begin, size_t *end) {
    const obj_slice_t *s = slice;
    if (s->step != obj_none && !(OBJ_IS_SMALL_INT(s->step) && OBJ_SMALL_INT_VALUE(s->step) == 1)) {
        return false;
    }
    slice_bounds_t b;
    obj_slice_indices(slice, len, &b);
    *begin = (size_t)b.start;
    *end = b.stop < b.start ? (size_t)b.start : (size_t)b.stop;
    return true;
}

static void slice_print(const print_t *p, obj_t self, print_kind_t kind) {
    const obj_slice_t *s = self;
    print_printf(p, "slice(%r, %r, %r)", s->start, s->stop, s->step);
}

static void slice_attr(obj_t self, qstr_t attr, obj_t *dest) {
    if (dest[0] != OBJ_NULL) {
        return;
    }
    const obj_slice_t *s = self;
    if (attr == MP_QSTR_start) {
        dest[0] = s->start;
    } else if (attr == MP_QSTR_stop) {
        dest[0] = s->stop;
    } else if (attr == MP_QSTR_step) {
        dest[0] = s->step;
    }
}

static obj_t slice_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 1, 3, false);
    if (n_args == 1) {
        return obj_new_slice(obj_none, args[0], obj_none);
    }
    return obj_new_slice(args[0], args[1], n_args == 3 ? args[2] : obj_none);
}

const obj_type_t type_slice = {
    .base = {&type_type},
    .flags = TYPE_FLAG_EQ_BY_IDENTITY,
    .name = MP_QSTR_slice,
    .slots = &(const obj_type_slots_t){
        .print = slice_print,
        .make_new = slice_make_new,
        .attr = slice_attr,
    },
};
