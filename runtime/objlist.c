// SPDX-License-Identifier: MIT
// objlist.c: the list type: growth, slicing (with steps), slice assignment, stable sort.
#include <string.h>

#include "runtime/objseq.h"
#include "runtime/runtime.h"

obj_t obj_new_list(size_t n, const obj_t *items) {
    obj_list_t *l = m_new_obj(obj_list_t);
    l->base.type = &type_list;
    l->alloc = n < 4 ? 4 : n;
    l->len = n;
    l->items = m_new(obj_t, l->alloc);
    if (items != NULL && n > 0) {
        memcpy(l->items, items, n * sizeof(obj_t));
    }
    return l;
}

// Room for n more items.
static void list_reserve(obj_list_t *l, size_t n) {
    if (l->len + n <= l->alloc) {
        return;
    }
    size_t alloc = l->alloc * 2;
    if (alloc < l->len + n) {
        alloc = l->len + n;
    }
    l->items = m_renew(obj_t, l->items, alloc);
    memset(l->items + l->alloc, 0, (alloc - l->alloc) * sizeof(obj_t));
    l->alloc = alloc;
}

void obj_list_append(obj_t list, obj_t item) {
    obj_list_t *l = list;
    list_reserve(l, 1);
    l->items[l->len++] = item;
}

obj_t obj_list_pop(obj_t list, size_t index) {
    obj_list_t *l = list;
    obj_t item = l->items[index];
    memmove(l->items + index, l->items + index + 1, (l->len - index - 1) * sizeof(obj_t));
    l->items[--l->len] = OBJ_NULL;
    return item;
}

static void list_extend_items(obj_list_t *l, const obj_t *items, size_t n) {
    list_reserve(l, n);
    memmove(l->items + l->len, items, n * sizeof(obj_t));
    l->len += n;
}

static void list_extend_from(obj_list_t *l, obj_t iterable) {
    if (obj_is_type(iterable, &type_list) || obj_is_type(iterable, &type_tuple)) {
        size_t n;
        obj_t *items;
        seq_items(iterable, &n, &items);
        list_extend_items(l, items, n);
        return;
    }
    obj_t it = rt_getiter(iterable);
    obj_t x;
    while ((x = rt_iternext(it)) != OBJ_STOP_ITERATION) {
        obj_list_append(l, x);
    }
}

/* ------------------------------------------------------------------------------------
 * Sorting: a merge sort (stable), on keys computed once.
 */
typedef struct sort_item_t {
    obj_t key;
    obj_t value;
} sort_item_t;

typedef struct sort_ctx_t {
    bool reverse;
    obj_t lhs, rhs;  // the operands of the comparison being made
} sort_ctx_t;

static bool item_less(sort_ctx_t *c, const sort_item_t *a, const sort_item_t *b) {
    if (c->reverse) {
        const sort_item_t *t = a;
        a = b;
        b = t;
    }
    c->lhs = a->key;
    c->rhs = b->key;
    return obj_is_true(rt_binary_op(MP_BINARY_OP_LESS, a->key, b->key));
}

static void merge_sort(sort_ctx_t *c, sort_item_t *a, sort_item_t *tmp, size_t n) {
    if (n < 2) {
        return;
    }
    if (n <= 8) {
        // Insertion sort: stable, and fewest comparisons on short runs.
        for (size_t i = 1; i < n; i++) {
            sort_item_t x = a[i];
            size_t j = i;
            while (j > 0 && item_less(c, &x, &a[j - 1])) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
        return;
    }
    size_t half = n / 2;
    merge_sort(c, a, tmp, half);
    merge_sort(c, a + half, tmp, n - half);
    if (!item_less(c, &a[half], &a[half - 1])) {
        return;  // already in order
    }
    memcpy(tmp, a, half * sizeof(sort_item_t));
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n) {
        // Take from the right run only when strictly smaller: equal items keep their order.
        if (item_less(c, &a[j], &tmp[i])) {
            a[k++] = a[j++];
        } else {
            a[k++] = tmp[i++];
        }
    }
    while (i < half) {
        a[k++] = tmp[i++];
    }
}

// MicroPython's quicksort meets two incomparable items as (earlier, later), where the merge
// sort asks later < earlier: a TypeError from two plain values of different native types is
// raised again with the operands in MicroPython's order (an ascending sort; the others,
// user types and sequences compared item by item, raise what they raised).
static bool plain_value(obj_t o) {
    if (!OBJ_IS_PTR(o)) {
        return true;
    }
    const obj_type_t *t = obj_get_type(o);
    return (t->flags & TYPE_FLAG_INSTANCE) == 0 && t != &type_tuple && t != &type_list;
}

NORETURN static void raise_sort_error(const sort_ctx_t *c, obj_t exc) {
    if (!c->reverse && c->lhs != OBJ_NULL && obj_get_type(exc) == &type_TypeError
            && obj_get_type(c->lhs) != obj_get_type(c->rhs)
            && plain_value(c->lhs) && plain_value(c->rhs)) {
        rt_raise_TypeError_unsupported_binary(MP_BINARY_OP_LESS, c->rhs, c->lhs);
    }
    nlr_jump(exc);
}

void obj_list_sort(obj_t list, obj_t key, bool reverse) {
    obj_list_t *l = list;
    size_t n = l->len;
    if (n < 2) {
        return;
    }
    sort_item_t *items = m_new(sort_item_t, n);
    for (size_t i = 0; i < n; i++) {
        items[i].value = l->items[i];
        items[i].key = key == obj_none || key == OBJ_NULL
            ? l->items[i] : rt_call_function_1(key, l->items[i]);
    }
    sort_item_t *tmp = m_new(sort_item_t, n / 2 + 1);
    sort_ctx_t c = {reverse, OBJ_NULL, OBJ_NULL};
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        merge_sort(&c, items, tmp, n);
        nlr_pop();
    } else {
        raise_sort_error(&c, nlr.ret_val);
    }
    for (size_t i = 0; i < n && i < l->len; i++) {
        l->items[i] = items[i].value;
    }
    m_del(tmp);
    m_del(items);
}

/* ------------------------------------------------------------------------------------
 * The type.
 */
static void list_print(const print_t *p, obj_t self, print_kind_t kind) {
    const obj_list_t *l = self;
    seq_print(p, l->items, l->len, kind, "[", "]");
}

static obj_t list_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 1, false);
    obj_list_t *l = obj_new_list(0, NULL);
    if (n_args == 1) {
        list_extend_from(l, args[0]);
    }
    return l;
}

static obj_t list_unary_op(int op, obj_t self) {
    const obj_list_t *l = self;
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(l->len != 0);
        case MP_UNARY_OP_LEN:
            return OBJ_NEW_SMALL_INT(l->len);
        default:
            return OBJ_NULL;
    }
}

static obj_t list_repeat(obj_list_t *l, obj_t count, bool in_place) {
    mp_int_t times;
    if (!obj_get_int_maybe(count, &times)) {
        return OBJ_NULL;
    }
    size_t n = times <= 0 ? 0 : seq_repeat_len(l->len, (size_t)times, sizeof(obj_t));
    if (in_place) {
        list_reserve(l, n > l->len ? n - l->len : 0);
        if (n > 0) {
            seq_repeat(l->items + l->len, l->items, l->len, (size_t)times - 1);
        }
        memset(l->items + n, 0, (l->alloc - n) * sizeof(obj_t));
        l->len = n;
        return l;
    }
    obj_list_t *r = obj_new_list(n, NULL);
    seq_repeat(r->items, l->items, l->len, times <= 0 ? 0 : (size_t)times);
    return r;
}

static obj_t list_binary_op(int op, obj_t lhs, obj_t rhs) {
    obj_list_t *l = lhs;
    switch (op) {
        case MP_BINARY_OP_ADD: {
            if (!obj_is_type(rhs, &type_list)) {
                return OBJ_NULL;
            }
            obj_list_t *r = rhs;
            obj_list_t *out = obj_new_list(l->len + r->len, NULL);
            memcpy(out->items, l->items, l->len * sizeof(obj_t));
            memcpy(out->items + l->len, r->items, r->len * sizeof(obj_t));
            return out;
        }
        case MP_BINARY_OP_INPLACE_ADD:
            list_extend_from(l, rhs);
            return l;
        case MP_BINARY_OP_MULTIPLY:
        case MP_BINARY_OP_REVERSE_MULTIPLY:
            return list_repeat(l, rhs, false);
        case MP_BINARY_OP_INPLACE_MULTIPLY:
            return list_repeat(l, rhs, true);
        case MP_BINARY_OP_CONTAINS:
            return obj_bool(seq_contains(l->items, l->len, rhs));
        case MP_BINARY_OP_EQUAL:
        case MP_BINARY_OP_NOT_EQUAL:
        case MP_BINARY_OP_LESS:
        case MP_BINARY_OP_LESS_EQUAL:
        case MP_BINARY_OP_MORE:
        case MP_BINARY_OP_MORE_EQUAL: {
            if (!obj_is_type(rhs, &type_list)) {
                if (op == MP_BINARY_OP_EQUAL || op == MP_BINARY_OP_NOT_EQUAL) {
                    return obj_bool(op == MP_BINARY_OP_NOT_EQUAL);
                }
                return OBJ_NULL;
            }
            obj_list_t *r = rhs;
            return seq_compare(op, l->items, l->len, r->items, r->len);
        }
        default:
            return OBJ_NULL;
    }
}

// l[begin:end] = the items of value (any iterable).
static void list_assign_range(obj_list_t *l, size_t begin, size_t end, obj_t value) {
    obj_list_t *src = rt_list_from_iterable(value);  // a copy, so l[a:b] = l works
    size_t old = end - begin;
    size_t n = src->len;
    if (n > old) {
        list_reserve(l, n - old);
    }
    memmove(l->items + begin + n, l->items + end, (l->len - end) * sizeof(obj_t));
    memcpy(l->items + begin, src->items, n * sizeof(obj_t));
    size_t new_len = l->len - old + n;
    if (new_len < l->len) {
        memset(l->items + new_len, 0, (l->len - new_len) * sizeof(obj_t));
    }
    l->len = new_len;
}

static void list_delete_slice(obj_list_t *l, obj_t index) {
    slice_bounds_t b;
    obj_slice_indices(index, l->len, &b);
    size_t j = 0;
    for (size_t i = 0; i < l->len; i++) {
        mp_int_t ii = (mp_int_t)i;
        bool in = b.step > 0 ? (ii >= b.start && ii < b.stop && (ii - b.start) % b.step == 0)
                             : (ii <= b.start && ii > b.stop && (b.start - ii) % -b.step == 0);
        if (!in) {
            l->items[j++] = l->items[i];
        }
    }
    memset(l->items + j, 0, (l->len - j) * sizeof(obj_t));
    l->len = j;
}

static obj_t list_slice(obj_list_t *l, obj_t index) {
    slice_bounds_t b;
    obj_slice_indices(index, l->len, &b);
    obj_list_t *out = obj_new_list(0, NULL);
    if (b.step > 0) {
        for (mp_int_t i = b.start; i < b.stop; i += b.step) {
            obj_list_append(out, l->items[i]);
        }
    } else {
        for (mp_int_t i = b.start; i > b.stop; i += b.step) {
            obj_list_append(out, l->items[i]);
        }
    }
    return out;
}

static obj_t list_subscr(obj_t self, obj_t index, obj_t value) {
    obj_list_t *l = self;
    if (obj_is_type(index, &type_slice)) {
        if (value == OBJ_SENTINEL) {
            return list_slice(l, index);
        }
        if (value == OBJ_NULL) {
            list_delete_slice(l, index);
            return obj_none;
        }
        size_t begin, end;
        if (!obj_slice_get_range(index, l->len, &begin, &end)) {
            rt_raise_msg(&type_NotImplementedError,
                         "only slices with step=1 (aka None) are supported");
        }
        list_assign_range(l, begin, end < begin ? begin : end, value);
        return obj_none;
    }
    size_t i = obj_get_index(&type_list, l->len, index, false);
    if (value == OBJ_SENTINEL) {
        return l->items[i];
    }
    if (value == OBJ_NULL) {
        obj_list_pop(l, i);
    } else {
        l->items[i] = value;
    }
    return obj_none;
}

static obj_t list_getiter(obj_t self) {
    return seq_iter_new(self);
}

/* ------------------------------------------------------------------------------------
 * Methods.
 */
static obj_t list_append(obj_t self, obj_t item) {
    obj_list_append(self, item);
    return obj_none;
}
static FUN_OBJ_2(list_append_obj, list_append);

static obj_t list_extend(obj_t self, obj_t iterable) {
    list_extend_from(self, iterable);
    return obj_none;
}
static FUN_OBJ_2(list_extend_obj, list_extend);

static obj_t list_pop(size_t n_args, const obj_t *args) {
    obj_list_t *l = args[0];
    if (l->len == 0) {
        rt_raise_msg(&type_IndexError, "pop from empty list");
    }
    size_t i = n_args > 1 ? obj_get_index(&type_list, l->len, args[1], false) : l->len - 1;
    return obj_list_pop(l, i);
}
static FUN_OBJ_VAR_BETWEEN(list_pop_obj, 1, 2, list_pop);

static obj_t list_insert(obj_t self, obj_t index, obj_t item) {
    obj_list_t *l = self;
    mp_int_t i = obj_get_int(index);
    if (i < 0) {
        i += (mp_int_t)l->len;
        if (i < 0) {
            i = 0;
        }
    }
    if ((size_t)i > l->len) {
        i = (mp_int_t)l->len;
    }
    list_reserve(l, 1);
    memmove(l->items + i + 1, l->items + i, (l->len - (size_t)i) * sizeof(obj_t));
    l->items[i] = item;
    l->len++;
    return obj_none;
}
static FUN_OBJ_3(list_insert_obj, list_insert);

static obj_t list_remove(obj_t self, obj_t value) {
    obj_list_t *l = self;
    for (size_t i = 0; i < l->len; i++) {
        if (obj_equal(l->items[i], value)) {
            obj_list_pop(l, i);
            return obj_none;
        }
    }
    rt_raise_msg(&type_ValueError, "object not in sequence");
}
static FUN_OBJ_2(list_remove_obj, list_remove);

static obj_t list_clear(obj_t self) {
    obj_list_t *l = self;
    l->len = 0;
    l->alloc = 4;
    l->items = m_renew(obj_t, l->items, 4);
    memset(l->items, 0, 4 * sizeof(obj_t));
    return obj_none;
}
static FUN_OBJ_1(list_clear_obj, list_clear);

static obj_t list_copy(obj_t self) {
    obj_list_t *l = self;
    return obj_new_list(l->len, l->items);
}
static FUN_OBJ_1(list_copy_obj, list_copy);

static obj_t list_count(obj_t self, obj_t value) {
    obj_list_t *l = self;
    return seq_count(l->items, l->len, value);
}
static FUN_OBJ_2(list_count_obj, list_count);

static obj_t list_index(size_t n_args, const obj_t *args) {
    obj_list_t *l = args[0];
    return seq_index(l->items, l->len, n_args, args);
}
static FUN_OBJ_VAR_BETWEEN(list_index_obj, 2, 4, list_index);

static obj_t list_reverse(obj_t self) {
    obj_list_t *l = self;
    for (size_t i = 0, j = l->len; i + 1 < j; i++, j--) {
        obj_t t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
    return obj_none;
}
static FUN_OBJ_1(list_reverse_obj, list_reverse);

static obj_t list_sort(size_t n_args, const obj_t *args, map_t *kw) {
    if (n_args > 1) {
        rt_raise_msg(&type_TypeError, "function takes 1 positional arguments but %d were given",
                     (int)n_args);
    }
    static const qstr_t allowed[] = {MP_QSTR_self, MP_QSTR_key, MP_QSTR_reverse};
    const obj_t defaults[] = {obj_none, obj_none, obj_false};
    obj_t a[3];
    rt_arg_parse(n_args, args, kw, 3, allowed, defaults, a);
    obj_list_sort(args[0], a[1], obj_is_true(a[2]));
    return obj_none;
}
static FUN_OBJ_KW(list_sort_obj, 1, list_sort);

static const map_elem_t list_locals_table[] = {
    { ROM_QSTR(MP_QSTR_append), ROM_PTR(&list_append_obj) },
    { ROM_QSTR(MP_QSTR_clear), ROM_PTR(&list_clear_obj) },
    { ROM_QSTR(MP_QSTR_copy), ROM_PTR(&list_copy_obj) },
    { ROM_QSTR(MP_QSTR_count), ROM_PTR(&list_count_obj) },
    { ROM_QSTR(MP_QSTR_extend), ROM_PTR(&list_extend_obj) },
    { ROM_QSTR(MP_QSTR_index), ROM_PTR(&list_index_obj) },
    { ROM_QSTR(MP_QSTR_insert), ROM_PTR(&list_insert_obj) },
    { ROM_QSTR(MP_QSTR_pop), ROM_PTR(&list_pop_obj) },
    { ROM_QSTR(MP_QSTR_remove), ROM_PTR(&list_remove_obj) },
    { ROM_QSTR(MP_QSTR_reverse), ROM_PTR(&list_reverse_obj) },
    { ROM_QSTR(MP_QSTR_sort), ROM_PTR(&list_sort_obj) },
};
static DEFINE_CONST_DICT(list_locals_dict, list_locals_table);

const obj_type_t type_list = {
    .base = {&type_type},
    .flags = TYPE_FLAG_SEQUENCE,
    .name = MP_QSTR_list,
    .slots = &(const obj_type_slots_t){
        .print = list_print,
        .make_new = list_make_new,
        .unary_op = list_unary_op,
        .binary_op = list_binary_op,
        .subscr = list_subscr,
        .getiter = list_getiter,
    },
    .locals_dict = &list_locals_dict,
};
