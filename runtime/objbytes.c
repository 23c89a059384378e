// SPDX-License-Identifier: MIT
// objbytes.c: bytes (immutable, obj_str_t) and bytearray (mutable, obj_array_t of 'B').
#include <string.h>

#include "runtime/objstr.h"
#include "runtime/runtime.h"

obj_t str_binary_op(int op, obj_t lhs, obj_t rhs);  // objstr.c: shared by str and bytes

const obj_str_t obj_empty_bytes = {{&type_bytes}, 0, 0, (const byte *)""};

obj_t obj_new_bytearray(size_t len, const void *items) {
    obj_array_t *a = m_new_obj(obj_array_t);
    a->base.type = &type_bytearray;
    a->typecode = 'B';
    a->free = 0;
    a->len = len;
    a->items = m_new(byte, len + 1);
    if (items != NULL && len > 0) {
        memcpy(a->items, items, len);
    }
    return a;
}

// Appends the bytes of src (a buffer, an int count of zeros, or an iterable of ints) to v.
static void collect_bytes(vstr_t *v, obj_t src) {
    size_t len;
    const byte *d = str_data_maybe(src, &len);
    if (d != NULL && !obj_is_str(src)) {
        vstr_add_strn(v, (const char *)d, len);
        return;
    }
    if (obj_is_str(src)) {
        rt_raise_msg(&type_TypeError, "string argument without an encoding");
    }
    obj_t it = rt_getiter(src);
    for (obj_t x; (x = rt_iternext(it)) != OBJ_STOP_ITERATION;) {
        mp_int_t b = obj_get_int(x);
        if (b < 0 || b > 255) {
            rt_raise_msg(&type_ValueError, "bytes value out of range");
        }
        vstr_add_char(v, (char)b);
    }
}

// The contents bytes(...) / bytearray(...) are made from, into v.
static void constructor_bytes(vstr_t *v, size_t n_args, const obj_t *args) {
    if (n_args == 0) {
        return;
    }
    if (obj_is_str(args[0])) {
        if (n_args < 2) {
            rt_raise_msg(&type_TypeError, "string argument without an encoding");
        }
        size_t len;
        const char *d = obj_str_get_data(args[0], &len);
        vstr_add_strn(v, d, len);
        return;
    }
    mp_int_t n;
    if (obj_is_int(args[0]) && obj_get_int_maybe(args[0], &n)) {
        if (n < 0) {
            rt_raise_msg(&type_ValueError, "negative count");
        }
        memset(vstr_extend(v, (size_t)n), 0, (size_t)n);
        return;
    }
    collect_bytes(v, args[0]);
}

/* ------------------------------------------------------------------------------------
 * bytes.
 */
static void bytes_print(const print_t *p, obj_t self, print_kind_t kind) {
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    if (kind == PRINT_JSON) {
        str_print_json(p, d, len);
        return;
    }
    str_print_quoted(p, d, len, true);
}

static obj_t bytes_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 3, false);
    if (n_args == 1 && obj_is_type(args[0], &type_bytes)) {
        return args[0];
    }
    vstr_t v;
    vstr_init(&v, 16);
    constructor_bytes(&v, n_args, args);
    return obj_str_from_vstr(&type_bytes, &v);
}

static obj_t bytes_unary_op(int op, obj_t self) {
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(len != 0);
        case MP_UNARY_OP_LEN:
            return OBJ_NEW_SMALL_INT(len);
        case MP_UNARY_OP_HASH:
            if (obj_is_type(self, &type_bytes)) {
                return OBJ_NEW_SMALL_INT((mp_int_t)(qstr_compute_hash(d, len) & (size_t)SMALL_INT_MAX));
            }
            return OBJ_NULL;
        default:
            return OBJ_NULL;
    }
}

static obj_t bytes_subscr(obj_t self, obj_t index, obj_t value) {
    if (value != OBJ_SENTINEL) {
        return OBJ_NULL;
    }
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    if (obj_is_type(index, &type_slice)) {
        size_t begin, end;
        if (!obj_slice_get_range(index, len, &begin, &end)) {
            rt_raise_msg(&type_NotImplementedError,
                         "only slices with step=1 (aka None) are supported");
        }
        return str_new_of_type(str_result_type(self), d + begin, end - begin);
    }
    return OBJ_NEW_SMALL_INT(d[obj_get_index(obj_get_type(self), len, index, false)]);
}

typedef struct bytes_iter_t {
    obj_base_t base;
    obj_t seq;
    size_t pos;
} bytes_iter_t;

static obj_t bytes_iter_next(obj_t self) {
    bytes_iter_t *it = self;
    size_t len;
    const byte *d = str_data_maybe(it->seq, &len);
    if (it->pos >= len) {
        return OBJ_STOP_ITERATION;
    }
    return OBJ_NEW_SMALL_INT(d[it->pos++]);
}

static const obj_type_t type_bytes_iterator = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_iterator,
    .slots = &(const obj_type_slots_t){
        .iternext = bytes_iter_next,
    },
};

// An iterator of ints over a bytes, bytearray or memoryview.
obj_t bytes_getiter(obj_t self);
obj_t bytes_getiter(obj_t self) {
    bytes_iter_t *it = m_new_obj(bytes_iter_t);
    it->base.type = &type_bytes_iterator;
    it->seq = self;
    it->pos = 0;
    return it;
}

// The buffer protocol of bytes, bytearray and memoryview.
bool bytes_get_buffer(obj_t self, buffer_info_t *info, int flags);
bool bytes_get_buffer(obj_t self, buffer_info_t *info, int flags) {
    if ((flags & BUFFER_WRITE) && obj_is_type(self, &type_bytes)) {
        return false;
    }
    size_t len;
    info->buf = (void *)str_data_maybe(self, &len);
    info->len = len;
    info->typecode = 'B';
    return true;
}

static const map_elem_t bytes_locals_table[] = {
    STR_SHARED_METHODS(STR_METHOD_ENTRY)
    { ROM_QSTR(MP_QSTR_decode), ROM_PTR(&bytes_decode_obj) },
    { ROM_QSTR(MP_QSTR_hex), ROM_PTR(&bytes_hex_obj) },
    { ROM_QSTR(MP_QSTR_fromhex), ROM_PTR(&bytes_fromhex_obj) },
};
static DEFINE_CONST_DICT(bytes_locals_dict, bytes_locals_table);

const obj_type_t type_bytes = {
    .base = {&type_type},
    .name = MP_QSTR_bytes,
    .slots = &(const obj_type_slots_t){
        .print = bytes_print,
        .make_new = bytes_make_new,
        .unary_op = bytes_unary_op,
        .binary_op = str_binary_op,
        .subscr = bytes_subscr,
        .getiter = bytes_getiter,
        .buffer = bytes_get_buffer,
    },
    .locals_dict = &bytes_locals_dict,
};

/* ------------------------------------------------------------------------------------
 * bytearray.
 */
static void bytearray_print(const print_t *p, obj_t self, print_kind_t kind) {
    const obj_array_t *a = self;
    print_str(p, "bytearray(");
    str_print_quoted(p, a->items, a->len, true);
    print_str(p, ")");
}

static obj_t bytearray_make_new(const obj_type_t *type, size_t n_args, size_t n_kw,
                                const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 3, false);
    vstr_t v;
    vstr_init(&v, 16);
    constructor_bytes(&v, n_args, args);
    obj_t a = obj_new_bytearray(v.len, v.buf);
    gc_free(v.buf);  // a copy was made: a stale word on the stack must not keep this alive
    return a;
}

// Replaces a[begin:end] with src[0..n).
static void bytearray_splice(obj_array_t *a, size_t begin, size_t end, const byte *src, size_t n) {
    size_t old = end - begin;
    size_t new_len = a->len - old + n;
    if (new_len > a->len + a->free) {
        size_t alloc = new_len + new_len / 2 + 8;
        a->items = m_renew(byte, a->items, alloc + 1);
        a->free = alloc - a->len;
    }
    byte *items = a->items;
    memmove(items + begin + n, items + end, a->len - end);
    memcpy(items + begin, src, n);
    a->free = a->free + a->len - new_len;
    a->len = new_len;
}

static void bytearray_extend_from(obj_array_t *a, obj_t src) {
    vstr_t v;
    vstr_init(&v, 16);
    collect_bytes(&v, src);
    bytearray_splice(a, a->len, a->len, (const byte *)v.buf, v.len);
}

static obj_t bytearray_binary_op(int op, obj_t lhs, obj_t rhs) {
    if (op == MP_BINARY_OP_INPLACE_ADD) {
        bytearray_extend_from(lhs, rhs);
        return lhs;
    }
    return str_binary_op(op, lhs, rhs);
}

static mp_int_t byte_value(obj_t v) {
    mp_int_t b = obj_get_int(v);
    if (b < 0 || b > 255) {
        rt_raise_msg(&type_ValueError, "bytes value out of range");
    }
    return b;
}

static obj_t bytearray_subscr(obj_t self, obj_t index, obj_t value) {
    obj_array_t *a = self;
    if (value == OBJ_SENTINEL) {
        return bytes_subscr(self, index, value);
    }
    byte *items = a->items;
    if (obj_is_type(index, &type_slice)) {
        size_t begin, end;
        if (!obj_slice_get_range(index, a->len, &begin, &end)) {
            rt_raise_msg(&type_NotImplementedError,
                         "only slices with step=1 (aka None) are supported");
        }
        if (value == OBJ_NULL) {
            bytearray_splice(a, begin, end, NULL, 0);
        } else {
            vstr_t v;
            vstr_init(&v, 16);
            collect_bytes(&v, value);
            bytearray_splice(a, begin, end, (const byte *)v.buf, v.len);
        }
        return obj_none;
    }
    size_t i = obj_get_index(&type_bytearray, a->len, index, false);
    if (value == OBJ_NULL) {
        bytearray_splice(a, i, i + 1, NULL, 0);
    } else {
        items[i] = (byte)obj_get_int(value);  // MicroPython truncates: ba[0] = 256 stores 0
    }
    return obj_none;
}

static obj_t bytearray_append(obj_t self, obj_t value) {
    byte b = (byte)byte_value(value);
    obj_array_t *a = self;
    bytearray_splice(a, a->len, a->len, &b, 1);
    return obj_none;
}
static FUN_OBJ_2(bytearray_append_obj, bytearray_append);

static obj_t bytearray_extend(obj_t self, obj_t src) {
    bytearray_extend_from(self, src);
    return obj_none;
}
static FUN_OBJ_2(bytearray_extend_obj, bytearray_extend);

static const map_elem_t bytearray_locals_table[] = {
    { ROM_QSTR(MP_QSTR_append), ROM_PTR(&bytearray_append_obj) },
    { ROM_QSTR(MP_QSTR_extend), ROM_PTR(&bytearray_extend_obj) },
    STR_SHARED_METHODS(STR_METHOD_ENTRY)
    { ROM_QSTR(MP_QSTR_decode), ROM_PTR(&bytes_decode_obj) },
    { ROM_QSTR(MP_QSTR_hex), ROM_PTR(&bytes_hex_obj) },
    { ROM_QSTR(MP_QSTR_fromhex), ROM_PTR(&bytes_fromhex_obj) },
};
static DEFINE_CONST_DICT(bytearray_locals_dict, bytearray_locals_table);

const obj_type_t type_bytearray = {
    .base = {&type_type},
    .name = MP_QSTR_bytearray,
    .slots = &(const obj_type_slots_t){
        .print = bytearray_print,
        .make_new = bytearray_make_new,
        .unary_op = bytes_unary_op,
        .binary_op = bytearray_binary_op,
        .subscr = bytearray_subscr,
        .getiter = bytes_getiter,
        .buffer = bytes_get_buffer,
    },
    .locals_dict = &bytearray_locals_dict,
};
