// SPDX-License-Identifier: MIT
// objdict.c: dict (insertion-ordered, over map.c), its key/value/item views, and OrderedDict.
#include "runtime/objseq.h"
#include "runtime/runtime.h"

/*
 * Iteration walks the map's entry table by position, skipping holes, so it sees items in
 * insertion order. Since our dicts are ordered, OrderedDict is dict under another name
 * (and repr); it is a subclass, so isinstance(od, dict) holds.
 */

extern const obj_type_t type_ordereddict;

static bool is_dict(obj_t o) {
    return obj_is_type(o, &type_dict) || obj_is_type(o, &type_ordereddict);
}

obj_t obj_new_dict(size_t n) {
    obj_dict_t *d = m_new_obj(obj_dict_t);
    d->base.type = &type_dict;
    map_init(&d->map, n);
    return d;
}

map_t *obj_dict_get_map(obj_t dict) {
    return &((obj_dict_t *)dict)->map;
}

obj_t obj_dict_get(obj_t dict, obj_t key) {
    map_elem_t *e = map_lookup(obj_dict_get_map(dict), key, MAP_LOOKUP);
    return e == NULL ? OBJ_NULL : e->value;
}

void obj_dict_store(obj_t dict, obj_t key, obj_t value) {
    map_lookup(obj_dict_get_map(dict), key, MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = value;
}

void obj_dict_delete(obj_t dict, obj_t key) {
    if (map_lookup(obj_dict_get_map(dict), key, MAP_LOOKUP_REMOVE_IF_FOUND) == NULL) {
        rt_raise_value(&type_KeyError, key);
    }
}

// The next live entry at or after *pos, or NULL at the end.
static map_elem_t *dict_next(map_t *m, size_t *pos) {
    while (*pos < m->used) {
        map_elem_t *e = &m->table[(*pos)++];
        if (MAP_SLOT_IS_FILLED(m, e - m->table)) {
            return e;
        }
    }
    return NULL;
}

static void dict_print_items(const print_t *p, obj_t self, print_kind_t kind) {
    print_kind_t item_kind = kind == PRINT_JSON ? PRINT_JSON : PRINT_REPR;
    map_t *m = obj_dict_get_map(self);
    size_t pos = 0;
    bool first = true;
    print_strn(p, "{", 1);
    for (map_elem_t *e; (e = dict_next(m, &pos)) != NULL;) {
        if (!first) {
            print_strn(p, kind == PRINT_JSON ? json_item_sep : ", ", kind == PRINT_JSON ? json_item_sep_len : 2);
        }
        first = false;
        if (kind == PRINT_JSON && !obj_is_str(e->key)) {
            // JSON keys are strings: MicroPython quotes the JSON text of any other key.
            print_strn(p, "\"", 1);
            obj_print(p, e->key, item_kind);
            print_strn(p, "\"", 1);
        } else {
            obj_print(p, e->key, item_kind);
        }
        print_strn(p, kind == PRINT_JSON ? json_key_sep : ": ", kind == PRINT_JSON ? json_key_sep_len : 2);
        obj_print(p, e->value, item_kind);
    }
    print_strn(p, "}", 1);
}

static void dict_print(const print_t *p, obj_t self, print_kind_t kind) {
    if (obj_is_type(self, &type_ordereddict) && kind != PRINT_JSON) {
        print_str(p, "OrderedDict(");
        dict_print_items(p, self, kind);
        print_str(p, ")");
        return;
    }
    dict_print_items(p, self, kind);
}

// Adds the items of arg: a dict, an object with keys(), or an iterable of pairs.
static void dict_update_from(obj_t self, obj_t arg) {
    if (is_dict(arg)) {
        map_t *m = obj_dict_get_map(arg);
        size_t pos = 0;
        for (map_elem_t *e; (e = dict_next(m, &pos)) != NULL;) {
            obj_dict_store(self, e->key, e->value);
        }
        return;
    }
    obj_t keys_fun[2];
    rt_load_method_maybe(arg, MP_QSTR_keys, keys_fun);
    if (keys_fun[0] != OBJ_NULL) {
        obj_t it = rt_getiter(rt_call_method_n_kw(0, 0, keys_fun));
        obj_t k;
        while ((k = rt_iternext(it)) != OBJ_STOP_ITERATION) {
            obj_dict_store(self, k, obj_subscr(arg, k, OBJ_SENTINEL));
        }
        return;
    }
    obj_t it = rt_getiter(arg);
    obj_t item;
    while ((item = rt_iternext(it)) != OBJ_STOP_ITERATION) {
        obj_t inner = rt_getiter(item);
        obj_t k = rt_iternext(inner);
        obj_t v = k == OBJ_STOP_ITERATION ? OBJ_STOP_ITERATION : rt_iternext(inner);
        if (v == OBJ_STOP_ITERATION || rt_iternext(inner) != OBJ_STOP_ITERATION) {
            rt_raise_msg(&type_ValueError, "dict update sequence has wrong length");
        }
        obj_dict_store(self, k, v);
    }
}

static void dict_update_kw(obj_t self, map_t *kw) {
    size_t pos = 0;
    for (map_elem_t *e; kw != NULL && (e = dict_next(kw, &pos)) != NULL;) {
        obj_dict_store(self, e->key, e->value);
    }
}

static obj_t dict_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 1, true);
    obj_dict_t *d = obj_new_dict(0);
    d->base.type = type;
    if (n_args == 1) {
        dict_update_from(d, args[0]);
    }
    for (size_t i = 0; i < n_kw; i++) {
        obj_dict_store(d, args[n_args + 2 * i], args[n_args + 2 * i + 1]);
    }
    return d;
}

static obj_t dict_unary_op(int op, obj_t self) {
    map_t *m = obj_dict_get_map(self);
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(map_count(m) != 0);
        case MP_UNARY_OP_LEN:
            return OBJ_NEW_SMALL_INT(map_count(m));
        default:
            return OBJ_NULL;
    }
}

static bool dict_equal(obj_t a, obj_t b) {
    map_t *ma = obj_dict_get_map(a), *mb = obj_dict_get_map(b);
    if (map_count(ma) != map_count(mb)) {
        return false;
    }
    size_t pos = 0;
    for (map_elem_t *e; (e = dict_next(ma, &pos)) != NULL;) {
        map_elem_t *f = map_lookup(mb, e->key, MAP_LOOKUP);
        if (f == NULL || !obj_equal(e->value, f->value)) {
            return false;
        }
    }
    return true;
}

static obj_t dict_binary_op(int op, obj_t lhs, obj_t rhs) {
    switch (op) {
        case MP_BINARY_OP_CONTAINS:
            return obj_bool(map_lookup(obj_dict_get_map(lhs), rhs, MAP_LOOKUP) != NULL);
        case MP_BINARY_OP_EQUAL:
        case MP_BINARY_OP_NOT_EQUAL:
            return obj_bool((is_dict(rhs) && dict_equal(lhs, rhs)) == (op == MP_BINARY_OP_EQUAL));
        case MP_BINARY_OP_OR:
        case MP_BINARY_OP_INPLACE_OR: {
            if (!is_dict(rhs)) {
                return OBJ_NULL;
            }
            obj_t r = lhs;
            if (op == MP_BINARY_OP_OR) {
                obj_dict_t *d = m_new_obj(obj_dict_t);
                d->base.type = ((obj_dict_t *)lhs)->base.type;
                map_copy(&d->map, obj_dict_get_map(lhs));
                r = d;
            }
            dict_update_from(r, rhs);
            return r;
        }
        default:
            return OBJ_NULL;
    }
}

static obj_t dict_subscr(obj_t self, obj_t index, obj_t value) {
    if (value == OBJ_SENTINEL) {
        obj_t v = obj_dict_get(self, index);
        if (v == OBJ_NULL) {
            rt_raise_value(&type_KeyError, index);
        }
        return v;
    }
    if (value == OBJ_NULL) {
        obj_dict_delete(self, index);
    } else {
        obj_dict_store(self, index, value);
    }
    return obj_none;
}

/* ------------------------------------------------------------------------------------
 * Iterators and views.
 */
typedef enum { VIEW_KEYS, VIEW_VALUES, VIEW_ITEMS } view_kind_t;

typedef struct dict_iter_t {
    obj_base_t base;
    obj_t dict;
    size_t pos;
    view_kind_t kind;
} dict_iter_t;

static obj_t dict_iter_next(obj_t self) {
    dict_iter_t *it = self;
    map_elem_t *e = dict_next(obj_dict_get_map(it->dict), &it->pos);
    if (e == NULL) {
        return OBJ_STOP_ITERATION;
    }
    if (it->kind == VIEW_KEYS) {
        return e->key;
    }
    if (it->kind == VIEW_VALUES) {
        return e->value;
    }
    obj_t pair[2] = {e->key, e->value};
    return obj_new_tuple(2, pair);
}

static const obj_type_t type_dict_iterator = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_iterator,
    .slots = &(const obj_type_slots_t){
        .iternext = dict_iter_next,
    },
};

static obj_t dict_iter_new(obj_t dict, view_kind_t kind) {
    dict_iter_t *it = m_new_obj(dict_iter_t);
    it->base.type = &type_dict_iterator;
    it->dict = dict;
    it->pos = 0;
    it->kind = kind;
    return it;
}

static obj_t dict_getiter(obj_t self) {
    return dict_iter_new(self, VIEW_KEYS);
}

typedef struct dict_view_t {
    obj_base_t base;
    obj_t dict;
    view_kind_t kind;
} dict_view_t;

static void dict_view_print(const print_t *p, obj_t self, print_kind_t kind) {
    static const char *const names[] = {"dict_keys", "dict_values", "dict_items"};
    const dict_view_t *v = self;
    print_printf(p, "%s([", names[v->kind]);
    obj_t it = dict_iter_new(v->dict, v->kind);
    bool first = true;
    for (obj_t x; (x = dict_iter_next(it)) != OBJ_STOP_ITERATION;) {
        if (!first) {
            print_strn(p, ", ", 2);
        }
        first = false;
        obj_print(p, x, PRINT_REPR);
    }
    print_strn(p, "])", 2);
}

static obj_t dict_view_unary_op(int op, obj_t self) {
    const dict_view_t *v = self;
    if (op == MP_UNARY_OP_LEN || op == MP_UNARY_OP_BOOL) {
        return dict_unary_op(op, v->dict);
    }
    return OBJ_NULL;
}

static obj_t dict_view_binary_op(int op, obj_t lhs, obj_t rhs) {
    const dict_view_t *v = lhs;
    if (op != MP_BINARY_OP_CONTAINS) {
        return OBJ_NULL;
    }
    if (v->kind == VIEW_KEYS) {
        return dict_binary_op(op, v->dict, rhs);
    }
    obj_t it = dict_iter_new(v->dict, v->kind);
    for (obj_t x; (x = dict_iter_next(it)) != OBJ_STOP_ITERATION;) {
        if (obj_equal(x, rhs)) {
            return obj_true;
        }
    }
    return obj_false;
}

static obj_t dict_view_getiter(obj_t self) {
    const dict_view_t *v = self;
    return dict_iter_new(v->dict, v->kind);
}

static const obj_type_t type_dict_view = {
    .base = {&type_type},
    .name = MP_QSTR_dict_keys,
    .slots = &(const obj_type_slots_t){
        .print = dict_view_print,
        .unary_op = dict_view_unary_op,
        .binary_op = dict_view_binary_op,
        .getiter = dict_view_getiter,
    },
};

static obj_t view_new(obj_t dict, view_kind_t kind) {
    dict_view_t *v = m_new_obj(dict_view_t);
    v->base.type = &type_dict_view;
    v->dict = dict;
    v->kind = kind;
    return v;
}

/* ------------------------------------------------------------------------------------
 * Methods.
 */
static obj_t dict_keys(obj_t self) {
    return view_new(self, VIEW_KEYS);
}
static FUN_OBJ_1(dict_keys_obj, dict_keys);

static obj_t dict_values(obj_t self) {
    return view_new(self, VIEW_VALUES);
}
static FUN_OBJ_1(dict_values_obj, dict_values);

static obj_t dict_items(obj_t self) {
    return view_new(self, VIEW_ITEMS);
}
static FUN_OBJ_1(dict_items_obj, dict_items);

static obj_t dict_get(size_t n_args, const obj_t *args) {
    obj_t v = obj_dict_get(args[0], args[1]);
    return v != OBJ_NULL ? v : n_args > 2 ? args[2] : obj_none;
}
static FUN_OBJ_VAR_BETWEEN(dict_get_obj, 2, 3, dict_get);

static obj_t dict_pop(size_t n_args, const obj_t *args) {
    map_elem_t *e = map_lookup(obj_dict_get_map(args[0]), args[1], MAP_LOOKUP_REMOVE_IF_FOUND);
    if (e != NULL) {
        return e->value;
    }
    if (n_args > 2) {
        return args[2];
    }
    rt_raise_value(&type_KeyError, args[1]);
}
static FUN_OBJ_VAR_BETWEEN(dict_pop_obj, 2, 3, dict_pop);

static obj_t dict_popitem(obj_t self) {
    map_t *m = obj_dict_get_map(self);
    for (size_t i = m->used; i-- > 0;) {
        if (MAP_SLOT_IS_FILLED(m, i)) {
            obj_t pair[2] = {m->table[i].key, m->table[i].value};
            map_lookup(m, pair[0], MAP_LOOKUP_REMOVE_IF_FOUND);
            return obj_new_tuple(2, pair);
        }
    }
    rt_raise_msg(&type_KeyError, "popitem(): dictionary is empty");
}
static FUN_OBJ_1(dict_popitem_obj, dict_popitem);

static obj_t dict_setdefault(size_t n_args, const obj_t *args) {
    map_elem_t *e = map_lookup(obj_dict_get_map(args[0]), args[1], MAP_LOOKUP_ADD_IF_NOT_FOUND);
    if (e->value == OBJ_NULL) {
        e->value = n_args > 2 ? args[2] : obj_none;
    }
    return e->value;
}
static FUN_OBJ_VAR_BETWEEN(dict_setdefault_obj, 2, 3, dict_setdefault);

static obj_t dict_update(size_t n_args, const obj_t *args, map_t *kw) {
    if (n_args > 2) {
        rt_raise_msg(&type_TypeError, "function expected at most 2 arguments, got %d", (int)n_args);
    }
    if (n_args == 2) {
        dict_update_from(args[0], args[1]);
    }
    dict_update_kw(args[0], kw);
    return obj_none;
}
static FUN_OBJ_KW(dict_update_obj, 1, dict_update);

static obj_t dict_clear(obj_t self) {
    map_clear(obj_dict_get_map(self));
    return obj_none;
}
static FUN_OBJ_1(dict_clear_obj, dict_clear);

static obj_t dict_copy(obj_t self) {
    obj_dict_t *d = m_new_obj(obj_dict_t);
    d->base.type = ((obj_dict_t *)self)->base.type;
    map_copy(&d->map, obj_dict_get_map(self));
    return d;
}
static FUN_OBJ_1(dict_copy_obj, dict_copy);

// dict.fromkeys(iterable, value=None): a classmethod.
static obj_t dict_fromkeys(size_t n_args, const obj_t *args) {
    obj_dict_t *d = obj_new_dict(0);
    d->base.type = args[0];
    obj_t value = n_args > 2 ? args[2] : obj_none;
    obj_t it = rt_getiter(args[1]);
    for (obj_t k; (k = rt_iternext(it)) != OBJ_STOP_ITERATION;) {
        obj_dict_store(d, k, value);
    }
    return d;
}
static FUN_OBJ_VAR_BETWEEN(dict_fromkeys_fun_obj, 2, 3, dict_fromkeys);
static CLASSMETHOD_OBJ(dict_fromkeys_obj, &dict_fromkeys_fun_obj);

static obj_t dict_getitem(obj_t self, obj_t key) {
    return dict_subscr(self, key, OBJ_SENTINEL);
}
static FUN_OBJ_2(dict_getitem_obj, dict_getitem);

static obj_t dict_setitem(obj_t self, obj_t key, obj_t value) {
    return dict_subscr(self, key, value);
}
static FUN_OBJ_3(dict_setitem_obj, dict_setitem);

static obj_t dict_delitem(obj_t self, obj_t key) {
    return dict_subscr(self, key, OBJ_NULL);
}
static FUN_OBJ_2(dict_delitem_obj, dict_delitem);

static const map_elem_t dict_locals_table[] = {
    { ROM_QSTR(MP_QSTR___getitem__), ROM_PTR(&dict_getitem_obj) },
    { ROM_QSTR(MP_QSTR___setitem__), ROM_PTR(&dict_setitem_obj) },
    { ROM_QSTR(MP_QSTR___delitem__), ROM_PTR(&dict_delitem_obj) },
    { ROM_QSTR(MP_QSTR_clear), ROM_PTR(&dict_clear_obj) },
    { ROM_QSTR(MP_QSTR_copy), ROM_PTR(&dict_copy_obj) },
    { ROM_QSTR(MP_QSTR_get), ROM_PTR(&dict_get_obj) },
    { ROM_QSTR(MP_QSTR_items), ROM_PTR(&dict_items_obj) },
    { ROM_QSTR(MP_QSTR_keys), ROM_PTR(&dict_keys_obj) },
    { ROM_QSTR(MP_QSTR_pop), ROM_PTR(&dict_pop_obj) },
    { ROM_QSTR(MP_QSTR_popitem), ROM_PTR(&dict_popitem_obj) },
    { ROM_QSTR(MP_QSTR_setdefault), ROM_PTR(&dict_setdefault_obj) },
    { ROM_QSTR(MP_QSTR_update), ROM_PTR(&dict_update_obj) },
    { ROM_QSTR(MP_QSTR_values), ROM_PTR(&dict_values_obj) },
    { ROM_QSTR(MP_QSTR_fromkeys), ROM_PTR(&dict_fromkeys_obj) },
};
static DEFINE_CONST_DICT(dict_locals_dict, dict_locals_table);

// ordereddict shares these with dict: one table.
static const obj_type_slots_t dict_slots = {
    .print = dict_print,
    .make_new = dict_make_new,
    .unary_op = dict_unary_op,
    .binary_op = dict_binary_op,
    .subscr = dict_subscr,
    .getiter = dict_getiter,
};

const obj_type_t type_dict = {
    .base = {&type_type},
    .name = MP_QSTR_dict,
    .slots = &dict_slots,
    .locals_dict = &dict_locals_dict,
};

const obj_type_t type_ordereddict = {
    .base = {&type_type},
    .name = MP_QSTR_OrderedDict,
    .slots = &dict_slots,
    .locals_dict = &dict_locals_dict,
    .parent = &type_dict,
};
