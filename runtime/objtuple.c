// SPDX-License-Identifier: MIT
// objtuple.c: the tuple type (immutable; tuple constants may live in flash).
#include <string.h>

#include "runtime/objseq.h"
#include "runtime/runtime.h"

const obj_tuple_t obj_empty_tuple = {{&type_tuple}, 0};

obj_t obj_new_tuple(size_t n, const obj_t *items) {
    if (n == 0) {
        return obj_const_empty_tuple;
    }
    obj_tuple_t *t = m_new_obj_var(obj_tuple_t, obj_t, n);
    t->base.type = &type_tuple;
    t->len = n;
    if (items != NULL) {
        memcpy(t->items, items, n * sizeof(obj_t));
    }
    return t;
}

static void tuple_print(const print_t *p, obj_t self, print_kind_t kind) {
    const obj_tuple_t *t = self;
    if (kind == PRINT_JSON) {
        seq_print(p, t->items, t->len, kind, "[", "]");
        return;
    }
    seq_print(p, t->items, t->len, kind, "(", t->len == 1 ? ",)" : ")");
}

static obj_t tuple_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 1, false);
    if (n_args == 0) {
        return obj_const_empty_tuple;
    }
    if (obj_is_type(args[0], &type_tuple)) {
        return args[0];
    }
    obj_list_t *l = rt_list_from_iterable(args[0]);
    return obj_new_tuple(l->len, l->items);
}

obj_t tuple_unary_op(int op, obj_t self) {
    size_t n;
    obj_t *items;
    seq_items(self, &n, &items);
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(n != 0);
        case MP_UNARY_OP_LEN:
            return OBJ_NEW_SMALL_INT(n);
        case MP_UNARY_OP_HASH:
            return OBJ_NEW_SMALL_INT((mp_int_t)(seq_hash(items, n) & (size_t)SMALL_INT_MAX));
        default:
            return OBJ_NULL;
    }
}

static bool is_tuple(obj_t o) {
    return obj_isinstance(o, &type_tuple);
}

obj_t tuple_binary_op(int op, obj_t lhs, obj_t rhs) {
    size_t an, bn;
    obj_t *a, *b;
    seq_items(lhs, &an, &a);
    switch (op) {
        case MP_BINARY_OP_ADD:
        case MP_BINARY_OP_INPLACE_ADD: {
            if (!is_tuple(rhs)) {
                return OBJ_NULL;
            }
            seq_items(rhs, &bn, &b);
            obj_tuple_t *t = obj_new_tuple(an + bn, NULL);
            memcpy(t->items, a, an * sizeof(obj_t));
            memcpy(t->items + an, b, bn * sizeof(obj_t));
            return t;
        }
        case MP_BINARY_OP_MULTIPLY:
        case MP_BINARY_OP_INPLACE_MULTIPLY:
        case MP_BINARY_OP_REVERSE_MULTIPLY: {
            mp_int_t times;
            if (!obj_get_int_maybe(rhs, &times)) {
                return OBJ_NULL;
            }
            if (times <= 0 || an == 0) {
                return obj_const_empty_tuple;
            }
            obj_tuple_t *t = obj_new_tuple(seq_repeat_len(an, (size_t)times, sizeof(obj_t)), NULL);
            seq_repeat(t->items, a, an, (size_t)times);
            return t;
        }
        case MP_BINARY_OP_CONTAINS:
            return obj_bool(seq_contains(a, an, rhs));
        case MP_BINARY_OP_EQUAL:
        case MP_BINARY_OP_NOT_EQUAL:
        case MP_BINARY_OP_LESS:
        case MP_BINARY_OP_LESS_EQUAL:
        case MP_BINARY_OP_MORE:
        case MP_BINARY_OP_MORE_EQUAL:
            if (!is_tuple(rhs)) {
                if (op == MP_BINARY_OP_EQUAL || op == MP_BINARY_OP_NOT_EQUAL) {
                    return obj_bool(op == MP_BINARY_OP_NOT_EQUAL);
                }
                return OBJ_NULL;
            }
            seq_items(rhs, &bn, &b);
            return seq_compare(op, a, an, b, bn);
        default:
            return OBJ_NULL;
    }
}

obj_t tuple_subscr(obj_t self, obj_t index, obj_t value) {
    if (value != OBJ_SENTINEL) {
        return OBJ_NULL;
    }
    size_t n;
    obj_t *items;
    seq_items(self, &n, &items);
    if (obj_is_type(index, &type_slice)) {
        size_t begin, end;
        if (!obj_slice_get_range(index, n, &begin, &end)) {
            rt_raise_msg(&type_NotImplementedError,
                         "only slices with step=1 (aka None) are supported");
        }
        return obj_new_tuple(end - begin, items + begin);
    }
    return items[obj_get_index(&type_tuple, n, index, false)];
}

obj_t tuple_getiter(obj_t self) {
    return seq_iter_new(self);
}

static obj_t tuple_count(obj_t self, obj_t value) {
    size_t n;
    obj_t *items;
    seq_items(self, &n, &items);
    return seq_count(items, n, value);
}
static FUN_OBJ_2(tuple_count_obj, tuple_count);

static obj_t tuple_index(size_t n_args, const obj_t *args) {
    size_t n;
    obj_t *items;
    seq_items(args[0], &n, &items);
    return seq_index(items, n, n_args, args);
}
static FUN_OBJ_VAR_BETWEEN(tuple_index_obj, 2, 4, tuple_index);

static const map_elem_t tuple_locals_table[] = {
    { ROM_QSTR(MP_QSTR_count), ROM_PTR(&tuple_count_obj) },
    { ROM_QSTR(MP_QSTR_index), ROM_PTR(&tuple_index_obj) },
};
static DEFINE_CONST_DICT(tuple_locals_dict, tuple_locals_table);

const obj_type_t type_tuple = {
    .base = {&type_type},
    .flags = TYPE_FLAG_SEQUENCE,
    .name = MP_QSTR_tuple,
    .slots = &(const obj_type_slots_t){
        .print = tuple_print,
        .make_new = tuple_make_new,
        .unary_op = tuple_unary_op,
        .binary_op = tuple_binary_op,
        .subscr = tuple_subscr,
        .getiter = tuple_getiter,
    },
    .locals_dict = &tuple_locals_dict,
};
