// SPDX-License-Identifier: MIT
// objset.c: set and frozenset (a map whose values are unused), the set algebra.
#include <string.h>

#include "runtime/runtime.h"

/*
 * Storage is insertion-ordered (map.c), but a set iterates and prints in the order a
 * CPython-style hash table would hold its items: by hash modulo a table size that grows as
 * CPython's does, ties in insertion order. So {3, 1, 2} prints as {1, 2, 3}, as Python
 * programs expect of small ints. The order is computed when an iteration starts.
 */

static bool is_set_like(obj_t o) {
    return obj_is_type(o, &type_set) || obj_is_type(o, &type_frozenset);
}

static map_t *set_map(obj_t o) {
    return &((obj_set_t *)o)->map;
}

static obj_t set_new_of(const obj_type_t *type) {
    obj_set_t *s = m_new_obj(obj_set_t);
    s->base.type = type;
    map_init(&s->map, 0);
    s->map.info |= MAP_FLAG_SET;
    return s;
}

void obj_set_store(obj_t set, obj_t item) {
    map_lookup(set_map(set), item, MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = obj_none;
}

static void set_add_all(obj_t set, obj_t iterable) {
    if (is_set_like(iterable)) {
        map_t *m = set_map(iterable);
        for (size_t i = 0; i < m->used; i++) {
            if (MAP_SLOT_IS_FILLED(m, i)) {
                obj_set_store(set, m->table[i].key);
            }
        }
        return;
    }
    obj_t it = rt_getiter(iterable);
    for (obj_t x; (x = rt_iternext(it)) != OBJ_STOP_ITERATION;) {
        obj_set_store(set, x);
    }
}

obj_t obj_new_set(size_t n, const obj_t *items) {
    obj_t s = set_new_of(&type_set);
    for (size_t i = 0; i < n; i++) {
        obj_set_store(s, items[i]);
    }
    return s;
}

static bool set_has(obj_t set, obj_t item) {
    return map_lookup(set_map(set), item, MAP_LOOKUP) != NULL;
}

/* ------------------------------------------------------------------------------------
 * Iteration order.
 */
typedef struct order_item_t {
    size_t slot;
    size_t pos;
} order_item_t;

// CPython's table size for n items added one by one (8, then x4 when 3/5 full).
static size_t table_size(size_t n) {
    size_t size = 8;
    for (size_t k = 1; k <= n; k++) {
        if (k * 5 >= (size - 1) * 3) {
            size = 8;
            while (size <= k * 4) {
                size <<= 1;
            }
        }
    }
    return size;
}

// A stable merge sort by slot (bottom-up, one scratch buffer).
static void sort_by_slot(order_item_t *items, size_t n) {
    if (n < 2) {
        return;
    }
    order_item_t *tmp = m_new(order_item_t, n);
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                tmp[k++] = items[j].slot < items[i].slot ? items[j++] : items[i++];
            }
            while (i < mid) {
                tmp[k++] = items[i++];
            }
            while (j < hi) {
                tmp[k++] = items[j++];
            }
        }
        memcpy(items, tmp, n * sizeof(order_item_t));
    }
    m_del(tmp);
}

// The entry positions of set's items in iteration order (GC buffer of map_count(m)).
static size_t *set_order(obj_t set) {
    map_t *m = set_map(set);
    size_t n = map_count(m), mask = table_size(n) - 1, k = 0;
    order_item_t *items = m_new(order_item_t, n + 1);
    for (size_t i = 0; i < m->used; i++) {
        if (MAP_SLOT_IS_FILLED(m, i)) {
            items[k].slot = obj_hash(m->table[i].key) & mask;
            items[k].pos = i;
            k++;
        }
    }
    sort_by_slot(items, k);
    size_t *order = m_new(size_t, k + 1);
    for (size_t i = 0; i < k; i++) {
        order[i] = items[i].pos;
    }
    m_del(items);
    return order;
}

typedef struct set_iter_t {
    obj_base_t base;
    obj_t set;
    size_t *order;
    size_t n;
    size_t i;
} set_iter_t;

static obj_t set_iter_next(obj_t self) {
    set_iter_t *it = self;
    map_t *m = set_map(it->set);
    while (it->i < it->n) {
        size_t pos = it->order[it->i++];
        if (pos < m->used && MAP_SLOT_IS_FILLED(m, pos)) {
            return m->table[pos].key;
        }
    }
    return OBJ_STOP_ITERATION;
}

static const obj_type_t type_set_iterator = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_iterator,
    .slots = &(const obj_type_slots_t){
        .iternext = set_iter_next,
    },
};

static obj_t set_getiter(obj_t self) {
    set_iter_t *it = m_new_obj(set_iter_t);
    it->base.type = &type_set_iterator;
    it->set = self;
    it->n = map_count(set_map(self));
    it->order = set_order(self);
    it->i = 0;
    return it;
}

/* ------------------------------------------------------------------------------------
 * The types.
 */
static void set_print(const print_t *p, obj_t self, print_kind_t kind) {
    bool frozen = obj_is_type(self, &type_frozenset);
    map_t *m = set_map(self);
    if (map_count(m) == 0) {
        print_str(p, frozen ? "frozenset()" : "set()");
        return;
    }
    print_str(p, frozen ? "frozenset({" : "{");
    obj_t it = set_getiter(self);
    bool first = true;
    for (obj_t x; (x = set_iter_next(it)) != OBJ_STOP_ITERATION;) {
        if (!first) {
            print_strn(p, ", ", 2);
        }
        first = false;
        obj_print(p, x, PRINT_REPR);
    }
    print_str(p, frozen ? "})" : "}");
}

static obj_t set_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 1, false);
    if (type == &type_frozenset && n_args == 1 && obj_is_type(args[0], &type_frozenset)) {
        return args[0];
    }
    obj_t s = set_new_of(type);
    if (n_args == 1) {
        set_add_all(s, args[0]);
    }
    return s;
}

static obj_t set_copy_as(obj_t self, const obj_type_t *type) {
    obj_set_t *s = m_new_obj(obj_set_t);
    s->base.type = type;
    map_copy(&s->map, set_map(self));
    s->map.info |= MAP_FLAG_SET;
    return s;
}

static size_t frozenset_hash(obj_t self) {
    map_t *m = set_map(self);
    size_t h = 0;
    for (size_t i = 0; i < m->used; i++) {
        if (MAP_SLOT_IS_FILLED(m, i)) {
            h ^= obj_hash(m->table[i].key) * 0x9e3779b1u;  // order-independent
        }
    }
    return h;
}

static obj_t set_unary_op(int op, obj_t self) {
    map_t *m = set_map(self);
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(map_count(m) != 0);
        case MP_UNARY_OP_LEN:
            return OBJ_NEW_SMALL_INT(map_count(m));
        case MP_UNARY_OP_HASH:
            if (obj_is_type(self, &type_frozenset)) {
                return OBJ_NEW_SMALL_INT((mp_int_t)(frozenset_hash(self) & (size_t)SMALL_INT_MAX));
            }
            return OBJ_NULL;
        default:
            return OBJ_NULL;
    }
}

// Every item of a is in b.
static bool is_subset(obj_t a, obj_t b) {
    map_t *m = set_map(a);
    for (size_t i = 0; i < m->used; i++) {
        if (MAP_SLOT_IS_FILLED(m, i) && !set_has(b, m->table[i].key)) {
            return false;
        }
    }
    return true;
}

typedef enum { ALG_UNION, ALG_INTER, ALG_DIFF, ALG_SYMDIFF } alg_t;

// a <alg> other as a new set of a's type (other: any iterable).
static obj_t set_algebra(obj_t a, obj_t other, alg_t alg) {
    const obj_type_t *type = obj_get_type(a);
    obj_t b = is_set_like(other) ? other : set_make_new(&type_set, 1, 0, &other);
    if (alg == ALG_UNION) {
        obj_t r = set_copy_as(a, type);
        set_add_all(r, b);
        return r;
    }
    obj_t r = set_new_of(type);
    map_t *m = set_map(a);
    for (size_t i = 0; i < m->used; i++) {
        if (MAP_SLOT_IS_FILLED(m, i)) {
            obj_t x = m->table[i].key;
            bool in_b = set_has(b, x);
            if ((alg == ALG_INTER) == in_b) {
                obj_set_store(r, x);
            }
        }
    }
    if (alg == ALG_SYMDIFF) {
        map_t *mb = set_map(b);
        for (size_t i = 0; i < mb->used; i++) {
            if (MAP_SLOT_IS_FILLED(mb, i) && !set_has(a, mb->table[i].key)) {
                obj_set_store(r, mb->table[i].key);
            }
        }
    }
    return r;
}

// self <alg>= other, in place (self is a set).
static void set_update_in_place(obj_t self, obj_t other, alg_t alg) {
    obj_t r = set_algebra(self, other, alg);
    obj_set_t *s = self;
    s->map = ((obj_set_t *)r)->map;
}

static obj_t set_binary_op(int op, obj_t lhs, obj_t rhs) {
    if (op == MP_BINARY_OP_CONTAINS) {
        return obj_bool(set_has(lhs, rhs));
    }
    if (!is_set_like(rhs)) {
        if (op == MP_BINARY_OP_EQUAL || op == MP_BINARY_OP_NOT_EQUAL) {
            return obj_bool(op == MP_BINARY_OP_NOT_EQUAL);
        }
        return OBJ_NULL;
    }
    size_t na = map_count(set_map(lhs)), nb = map_count(set_map(rhs));
    bool in_place = obj_is_type(lhs, &type_set);
    switch (op) {
        case MP_BINARY_OP_OR:
            return set_algebra(lhs, rhs, ALG_UNION);
        case MP_BINARY_OP_AND:
            return set_algebra(lhs, rhs, ALG_INTER);
        case MP_BINARY_OP_SUBTRACT:
            return set_algebra(lhs, rhs, ALG_DIFF);
        case MP_BINARY_OP_XOR:
            return set_algebra(lhs, rhs, ALG_SYMDIFF);
        case MP_BINARY_OP_INPLACE_OR:
        case MP_BINARY_OP_INPLACE_AND:
        case MP_BINARY_OP_INPLACE_SUBTRACT:
        case MP_BINARY_OP_INPLACE_XOR: {
            alg_t alg = op == MP_BINARY_OP_INPLACE_OR ? ALG_UNION
                : op == MP_BINARY_OP_INPLACE_AND ? ALG_INTER
                : op == MP_BINARY_OP_INPLACE_SUBTRACT ? ALG_DIFF : ALG_SYMDIFF;
            if (!in_place) {
                return set_algebra(lhs, rhs, alg);
            }
            set_update_in_place(lhs, rhs, alg);
            return lhs;
        }
        case MP_BINARY_OP_EQUAL:
            return obj_bool(na == nb && is_subset(lhs, rhs));
        case MP_BINARY_OP_NOT_EQUAL:
            return obj_bool(!(na == nb && is_subset(lhs, rhs)));
        case MP_BINARY_OP_LESS_EQUAL:
            return obj_bool(is_subset(lhs, rhs));
        case MP_BINARY_OP_LESS:
            return obj_bool(na < nb && is_subset(lhs, rhs));
        case MP_BINARY_OP_MORE_EQUAL:
            return obj_bool(is_subset(rhs, lhs));
        case MP_BINARY_OP_MORE:
            return obj_bool(na > nb && is_subset(rhs, lhs));
        default:
            return OBJ_NULL;
    }
}

/* ------------------------------------------------------------------------------------
 * Methods.
 */
static obj_t set_add(obj_t self, obj_t item) {
    obj_set_store(self, item);
    return obj_none;
}
static FUN_OBJ_2(set_add_obj, set_add);

static obj_t set_discard(obj_t self, obj_t item) {
    map_lookup(set_map(self), item, MAP_LOOKUP_REMOVE_IF_FOUND);
    return obj_none;
}
static FUN_OBJ_2(set_discard_obj, set_discard);

static obj_t set_remove(obj_t self, obj_t item) {
    if (map_lookup(set_map(self), item, MAP_LOOKUP_REMOVE_IF_FOUND) == NULL) {
        rt_raise_value(&type_KeyError, item);
    }
    return obj_none;
}
static FUN_OBJ_2(set_remove_obj, set_remove);

static obj_t set_pop(obj_t self) {
    map_t *m = set_map(self);
    if (map_count(m) == 0) {
        rt_raise_msg(&type_KeyError, "pop from an empty set");
    }
    obj_t it = set_getiter(self);
    obj_t x = set_iter_next(it);
    map_lookup(m, x, MAP_LOOKUP_REMOVE_IF_FOUND);
    return x;
}
static FUN_OBJ_1(set_pop_obj, set_pop);

static obj_t set_clear(obj_t self) {
    map_clear(set_map(self));
    return obj_none;
}
static FUN_OBJ_1(set_clear_obj, set_clear);

static obj_t set_copy(obj_t self) {
    return set_copy_as(self, obj_get_type(self));
}
static FUN_OBJ_1(set_copy_obj, set_copy);

static obj_t set_update(size_t n_args, const obj_t *args) {
    for (size_t i = 1; i < n_args; i++) {
        set_add_all(args[0], args[i]);
    }
    return obj_none;
}
static FUN_OBJ_VAR(set_update_obj, 1, set_update);

static obj_t set_union(size_t n_args, const obj_t *args) {
    obj_t r = set_copy(args[0]);
    for (size_t i = 1; i < n_args; i++) {
        set_add_all(r, args[i]);
    }
    return r;
}
static FUN_OBJ_VAR(set_union_obj, 1, set_union);

#define SET_ALG_METHOD(name, alg) \
    static obj_t set_##name(obj_t self, obj_t other) { \
        return set_algebra(self, other, alg); \
    } \
    static FUN_OBJ_2(set_##name##_obj, set_##name); \
    static obj_t set_##name##_update(obj_t self, obj_t other) { \
        set_update_in_place(self, other, alg); \
        return obj_none; \
    } \
    static FUN_OBJ_2(set_##name##_update_obj, set_##name##_update);
SET_ALG_METHOD(intersection, ALG_INTER)
SET_ALG_METHOD(difference, ALG_DIFF)
SET_ALG_METHOD(symmetric_difference, ALG_SYMDIFF)
#undef SET_ALG_METHOD

static obj_t as_set(obj_t o) {
    return is_set_like(o) ? o : set_make_new(&type_set, 1, 0, &o);
}

static obj_t set_issubset(obj_t self, obj_t other) {
    return obj_bool(is_subset(self, as_set(other)));
}
static FUN_OBJ_2(set_issubset_obj, set_issubset);

static obj_t set_issuperset(obj_t self, obj_t other) {
    return obj_bool(is_subset(as_set(other), self));
}
static FUN_OBJ_2(set_issuperset_obj, set_issuperset);

static obj_t set_isdisjoint(obj_t self, obj_t other) {
    obj_t it = rt_getiter(other);
    for (obj_t x; (x = rt_iternext(it)) != OBJ_STOP_ITERATION;) {
        if (set_has(self, x)) {
            return obj_false;
        }
    }
    return obj_true;
}
static FUN_OBJ_2(set_isdisjoint_obj, set_isdisjoint);

#define SET_COMMON_METHODS \
    { ROM_QSTR(MP_QSTR_copy), ROM_PTR(&set_copy_obj) }, \
    { ROM_QSTR(MP_QSTR_difference), ROM_PTR(&set_difference_obj) }, \
    { ROM_QSTR(MP_QSTR_intersection), ROM_PTR(&set_intersection_obj) }, \
    { ROM_QSTR(MP_QSTR_isdisjoint), ROM_PTR(&set_isdisjoint_obj) }, \
    { ROM_QSTR(MP_QSTR_issubset), ROM_PTR(&set_issubset_obj) }, \
    { ROM_QSTR(MP_QSTR_issuperset), ROM_PTR(&set_issuperset_obj) }, \
    { ROM_QSTR(MP_QSTR_symmetric_difference), ROM_PTR(&set_symmetric_difference_obj) }, \
    { ROM_QSTR(MP_QSTR_union), ROM_PTR(&set_union_obj) },

static const map_elem_t set_locals_table[] = {
    SET_COMMON_METHODS
    { ROM_QSTR(MP_QSTR_add), ROM_PTR(&set_add_obj) },
    { ROM_QSTR(MP_QSTR_clear), ROM_PTR(&set_clear_obj) },
    { ROM_QSTR(MP_QSTR_difference_update), ROM_PTR(&set_difference_update_obj) },
    { ROM_QSTR(MP_QSTR_discard), ROM_PTR(&set_discard_obj) },
    { ROM_QSTR(MP_QSTR_intersection_update), ROM_PTR(&set_intersection_update_obj) },
    { ROM_QSTR(MP_QSTR_pop), ROM_PTR(&set_pop_obj) },
    { ROM_QSTR(MP_QSTR_remove), ROM_PTR(&set_remove_obj) },
    { ROM_QSTR(MP_QSTR_symmetric_difference_update), ROM_PTR(&set_symmetric_difference_update_obj) },
    { ROM_QSTR(MP_QSTR_update), ROM_PTR(&set_update_obj) },
};
static DEFINE_CONST_DICT(set_locals_dict, set_locals_table);

static const map_elem_t frozenset_locals_table[] = {
    SET_COMMON_METHODS
};
static DEFINE_CONST_DICT(frozenset_locals_dict, frozenset_locals_table);

// frozenset shares these with set: one table.
static const obj_type_slots_t set_slots = {
    .print = set_print,
    .make_new = set_make_new,
    .unary_op = set_unary_op,
    .binary_op = set_binary_op,
    .getiter = set_getiter,
};

const obj_type_t type_set = {
    .base = {&type_type},
    .name = MP_QSTR_set,
    .slots = &set_slots,
    .locals_dict = &set_locals_dict,
};

const obj_type_t type_frozenset = {
    .base = {&type_type},
    .name = MP_QSTR_frozenset,
    .slots = &set_slots,
    .locals_dict = &frozenset_locals_dict,
};
