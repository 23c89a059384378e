// SPDX-License-Identifier: MIT
// objmemoryview.c: memoryview over a bytes, bytearray or other buffer (bytes items only).
#include <string.h>

#include "runtime/objstr.h"
#include "runtime/runtime.h"

/*
 * A memoryview starts as an obj_array_t (so code that reads bytearrays reads it too) with
 * items pointing into the owner's buffer, plus the owner itself, which keeps the buffer
 * alive for the collector. The array's spare-capacity field holds the read-only flag.
 */
typedef struct obj_memoryview_t {
    obj_base_t base;
    size_t typecode : 8;
    size_t readonly : (8 * sizeof(size_t) - 8);
    size_t len;
    void *items;
    obj_t owner;
} obj_memoryview_t;

obj_t bytes_getiter(obj_t self);                                      // objbytes.c
bool bytes_get_buffer(obj_t self, buffer_info_t *info, int flags);   // objbytes.c

static obj_t memoryview_new(obj_t owner, byte *items, size_t len, bool readonly) {
    obj_memoryview_t *m = m_new_obj(obj_memoryview_t);
    m->base.type = &type_memoryview;
    m->typecode = 'B';
    m->readonly = readonly;
    m->len = len;
    m->items = items;
    m->owner = owner;
    return m;
}

static obj_t memoryview_make_new(const obj_type_t *type, size_t n_args, size_t n_kw,
                                 const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 1, 1, false);
    obj_t src = args[0];
    if (obj_is_type(src, &type_memoryview)) {
        const obj_memoryview_t *m = src;
        return memoryview_new(m->owner, m->items, m->len, m->readonly);
    }
    buffer_info_t info;
    const obj_type_t *t = obj_get_type(src);
    if (t->slots->buffer == NULL || !t->slots->buffer(src, &info, BUFFER_READ)) {
        rt_raise_msg(&type_TypeError, "object with buffer protocol required");
    }
    buffer_info_t winfo;
    bool writable = t->slots->buffer(src, &winfo, BUFFER_WRITE);
    return memoryview_new(src, info.buf, info.len, !writable);
}

static obj_t memoryview_unary_op(int op, obj_t self) {
    const obj_memoryview_t *m = self;
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(m->len != 0);
        case MP_UNARY_OP_LEN:
            return OBJ_NEW_SMALL_INT(m->len);
        default:
            return OBJ_NULL;
    }
}

static obj_t memoryview_binary_op(int op, obj_t lhs, obj_t rhs) {
    const obj_memoryview_t *m = lhs;
    size_t len;
    const byte *d = str_data_maybe(rhs, &len);
    if (op == MP_BINARY_OP_EQUAL && d != NULL && !obj_is_str(rhs)) {
        return obj_bool(len == m->len && memcmp(d, m->items, len) == 0);
    }
    return OBJ_NULL;
}

static obj_t memoryview_subscr(obj_t self, obj_t index, obj_t value) {
    obj_memoryview_t *m = self;
    byte *items = m->items;
    if (obj_is_type(index, &type_slice)) {
        size_t begin, end;
        if (!obj_slice_get_range(index, m->len, &begin, &end)) {
            rt_raise_msg(&type_NotImplementedError,
                         "only slices with step=1 (aka None) are supported");
        }
        if (value == OBJ_SENTINEL) {
            return memoryview_new(m->owner, items + begin, end - begin, m->readonly);
        }
        if (value == OBJ_NULL || m->readonly) {
            return OBJ_NULL;
        }
        size_t len;
        const byte *d = str_data_maybe(value, &len);
        if (d == NULL || obj_is_str(value)) {
            rt_raise_msg(&type_TypeError, "object with buffer protocol required");
        }
        if (len != end - begin) {
            rt_raise_msg(&type_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
        }
        memmove(items + begin, d, len);
        return obj_none;
    }
    size_t i = obj_get_index(&type_memoryview, m->len, index, false);
    if (value == OBJ_SENTINEL) {
        return OBJ_NEW_SMALL_INT(items[i]);
    }
    if (value == OBJ_NULL) {
        return OBJ_NULL;
    }
    if (m->readonly) {
        rt_raise_msg(&type_TypeError, "'memoryview' object doesn't support item assignment");
    }
    mp_int_t b = obj_get_int(value);
    if (b < 0 || b > 255) {
        rt_raise_msg(&type_ValueError, "value out of range");
    }
    items[i] = (byte)b;
    return obj_none;
}

static bool memoryview_get_buffer(obj_t self, buffer_info_t *info, int flags) {
    const obj_memoryview_t *m = self;
    if ((flags & BUFFER_WRITE) && m->readonly) {
        return false;
    }
    info->buf = m->items;
    info->len = m->len;
    info->typecode = 'B';
    return true;
}

static void memoryview_print(const print_t *p, obj_t self, print_kind_t kind) {
    print_printf(p, "<memoryview at %p>", self);
}

static const map_elem_t memoryview_locals_table[] = {
    { ROM_QSTR(MP_QSTR_hex), ROM_PTR(&bytes_hex_obj) },
};
static DEFINE_CONST_DICT(memoryview_locals_dict, memoryview_locals_table);

const obj_type_t type_memoryview = {
    .base = {&type_type},
    .name = MP_QSTR_memoryview,
    .slots = &(const obj_type_slots_t){
        .print = memoryview_print,
        .make_new = memoryview_make_new,
        .unary_op = memoryview_unary_op,
        .binary_op = memoryview_binary_op,
        .subscr = memoryview_subscr,
        .getiter = bytes_getiter,
        .buffer = memoryview_get_buffer,
    },
    .locals_dict = &memoryview_locals_dict,
};
