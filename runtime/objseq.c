// SPDX-License-Identifier: MIT
// objseq.c: sequence helpers shared by tuple and list.
#include "runtime/objseq.h"
#include "runtime/runtime.h"

const char *json_item_sep = ", ";
const char *json_key_sep = ": ";
size_t json_item_sep_len = 2, json_key_sep_len = 2;

void seq_items(obj_t seq, size_t *n, obj_t **items) {
    if (obj_is_type(seq, &type_list)) {
        obj_list_t *l = seq;
        *n = l->len;
        *items = l->items;
    } else {
        obj_tuple_t *t = seq;
        *n = t->len;
        *items = t->items;
    }
}

void seq_print(const print_t *p, const obj_t *items, size_t n, print_kind_t kind,
               const char *open, const char *close) {
    print_kind_t item_kind = kind == PRINT_JSON ? PRINT_JSON : PRINT_REPR;
    print_str(p, open);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && kind == PRINT_JSON) {
            print_strn(p, json_item_sep, json_item_sep_len);
        } else if (i > 0) {
            print_strn(p, ", ", 2);
        }
        obj_print(p, items[i], item_kind);
    }
    print_str(p, close);
}

obj_t seq_compare(int op, const obj_t *a, size_t alen, const obj_t *b, size_t blen) {
    if (op == MP_BINARY_OP_EQUAL || op == MP_BINARY_OP_NOT_EQUAL) {
        bool eq = alen == blen;
        for (size_t i = 0; eq && i < alen; i++) {
            eq = obj_equal(a[i], b[i]);
        }
        return obj_bool(eq == (op == MP_BINARY_OP_EQUAL));
    }
    size_t n = alen < blen ? alen : blen;
    for (size_t i = 0; i < n; i++) {
        if (!obj_equal(a[i], b[i])) {
            return rt_binary_op(op, a[i], b[i]);
        }
    }
    switch (op) {
        case MP_BINARY_OP_LESS:
            return obj_bool(alen < blen);
        case MP_BINARY_OP_LESS_EQUAL:
            return obj_bool(alen <= blen);
        case MP_BINARY_OP_MORE:
            return obj_bool(alen > blen);
        default:
            return obj_bool(alen >= blen);
    }
}

bool seq_contains(const obj_t *items, size_t n, obj_t value) {
    for (size_t i = 0; i < n; i++) {
        if (obj_equal(items[i], value)) {
            return true;
        }
    }
    return false;
}

obj_t seq_index(const obj_t *items, size_t n, size_t n_args, const obj_t *args) {
    const obj_type_t *type = obj_get_type(args[0]);
    size_t start = n_args > 2 ? obj_get_index(type, n, args[2], true) : 0;
    size_t stop = n_args > 3 ? obj_get_index(type, n, args[3], true) : n;
    for (size_t i = start; i < stop && i < n; i++) {
        if (obj_equal(items[i], args[1])) {
            return OBJ_NEW_SMALL_INT(i);
        }
    }
    rt_raise_msg(&type_ValueError, "object not in sequence");
}

obj_t seq_count(const obj_t *items, size_t n, obj_t value) {
    mp_int_t count = 0;
    for (size_t i = 0; i < n; i++) {
        count += obj_equal(items[i], value);
    }
    return OBJ_NEW_SMALL_INT(count);
}

size_t seq_repeat_len(size_t n, size_t times, size_t item_size) {
    if (n != 0 && times > SIZE_MAX / item_size / n) {
        rt_raise_type(&type_MemoryError);
    }
    return n * times;
}

void seq_repeat(obj_t *dst, const obj_t *items, size_t n, size_t times) {
    for (size_t t = 0; t < times; t++) {
        for (size_t i = 0; i < n; i++) {
            *dst++ = items[i];
        }
    }
}

size_t seq_hash(const obj_t *items, size_t n) {
    size_t h = 0x345678;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ obj_hash(items[i])) * 1000003;
    }
    return h ^ n;
}

typedef struct seq_iter_t {
    obj_base_t base;
    obj_t seq;
    size_t pos;
} seq_iter_t;

static obj_t seq_iter_next(obj_t self) {
    seq_iter_t *it = self;
    size_t n;
    obj_t *items;
    seq_items(it->seq, &n, &items);
    if (it->pos >= n) {
        return OBJ_STOP_ITERATION;
    }
    return items[it->pos++];
}

static const obj_type_t type_seq_iterator = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_iterator,
    .slots = &(const obj_type_slots_t){
        .iternext = seq_iter_next,
    },
};

obj_t seq_iter_new(obj_t seq) {
    seq_iter_t *it = m_new_obj(seq_iter_t);
    it->base.type = &type_seq_iterator;
    it->seq = seq;
    it->pos = 0;
    return it;
}
