// SPDX-License-Identifier: MIT
// modcollections.c: the collections module: namedtuple, deque and OrderedDict (objdict.c).
#include <string.h>

#include "runtime/objseq.h"
#include "runtime/objstr.h"
#include "runtime/runtime.h"

extern const obj_type_t type_ordereddict;

/* ------------------------------------------------------------------------------------
 * namedtuple: each call makes a new type (on the heap) whose instances are tuples.
 */
typedef struct namedtuple_type_t {
    obj_type_t type;
    size_t n_fields;
    qstr_t fields[];
} namedtuple_type_t;

static const namedtuple_type_t *nt_type(obj_t self) {
    return (const namedtuple_type_t *)obj_get_type(self);
}

static void namedtuple_print(const print_t *p, obj_t self, print_kind_t kind) {
    const namedtuple_type_t *t = nt_type(self);
    const obj_tuple_t *tup = self;
    print_printf(p, "%q(", (qstr_t)t->type.name);
    for (size_t i = 0; i < tup->len && i < t->n_fields; i++) {
        if (i > 0) {
            print_strn(p, ", ", 2);
        }
        print_printf(p, "%q=", t->fields[i]);
        obj_print(p, tup->items[i], PRINT_REPR);
    }
    print_strn(p, ")", 1);
}

static obj_t namedtuple_make_new(const obj_type_t *type, size_t n_args, size_t n_kw,
                                 const obj_t *args) {
    const namedtuple_type_t *t = (const namedtuple_type_t *)type;
    size_t n = t->n_fields;
    if (n_args + n_kw != n) {
        rt_raise_msg(&type_TypeError, "%q() takes %d positional arguments but %d were given",
                     (qstr_t)type->name, (int)n, (int)(n_args + n_kw));
    }
    obj_tuple_t *tup = obj_new_tuple(n, NULL);
    tup->base.type = type;
    memcpy(tup->items, args, n_args * sizeof(obj_t));
    for (size_t k = 0; k < n_kw; k++) {
        qstr_t name = obj_str_get_qstr(args[n_args + 2 * k]);
        size_t i = 0;
        while (i < n && t->fields[i] != name) {
            i++;
        }
        if (i == n) {
            rt_raise_msg(&type_TypeError, "unexpected keyword argument '%q'", name);
        }
        tup->items[i] = args[n_args + 2 * k + 1];
    }
    for (size_t i = 0; i < n; i++) {
        if (tup->items[i] == OBJ_NULL) {
            rt_raise_msg(&type_TypeError, "missing required argument '%q'", t->fields[i]);
        }
    }
    return tup;
}

static void namedtuple_attr(obj_t self, qstr_t attr, obj_t *dest) {
    const namedtuple_type_t *t = nt_type(self);
    for (size_t i = 0; i < t->n_fields; i++) {
        if (t->fields[i] == attr) {
            if (dest[0] == OBJ_NULL) {
                dest[0] = ((obj_tuple_t *)self)->items[i];
                return;
            }
            rt_raise_msg(&type_AttributeError, "can't set attribute");
        }
    }
}

static obj_t namedtuple_asdict(obj_t self) {
    const namedtuple_type_t *t = nt_type(self);
    obj_t d = obj_new_dict(t->n_fields);
    for (size_t i = 0; i < t->n_fields; i++) {
        obj_dict_store(d, OBJ_NEW_QSTR(t->fields[i]), ((obj_tuple_t *)self)->items[i]);
    }
    return d;
}
static FUN_OBJ_1(namedtuple_asdict_obj, namedtuple_asdict);

static obj_t namedtuple_replace(size_t n_args, const obj_t *args, map_t *kw) {
    const obj_tuple_t *old = args[0];
    const namedtuple_type_t *t = nt_type(args[0]);
    obj_tuple_t *tup = obj_new_tuple(old->len, old->items);
    tup->base.type = &t->type;
    for (size_t i = 0; i < t->n_fields; i++) {
        map_elem_t *e = map_lookup(kw, OBJ_NEW_QSTR(t->fields[i]), MAP_LOOKUP);
        if (e != NULL) {
            tup->items[i] = e->value;
        }
    }
    return tup;
}
static FUN_OBJ_KW(namedtuple_replace_obj, 1, namedtuple_replace);

// The field names: a list/tuple of str, or one str separated by spaces and/or commas.
static obj_t field_names(obj_t spec) {
    if (!obj_is_str(spec)) {
        return rt_list_from_iterable(spec);
    }
    size_t len;
    const char *s = obj_str_get_data(spec, &len);
    obj_t list = obj_new_list(0, NULL);
    for (size_t i = 0; i < len;) {
        while (i < len && (s[i] == ' ' || s[i] == ',')) {
            i++;
        }
        size_t start = i;
        while (i < len && s[i] != ' ' && s[i] != ',') {
            i++;
        }
        if (i > start) {
            obj_list_append(list, obj_new_str(s + start, i - start));
        }
    }
    return list;
}

// A namedtuple is a tuple but for its printing, construction and field names.
static const obj_type_slots_t namedtuple_slots = {
    .print = namedtuple_print,
    .make_new = namedtuple_make_new,
    .unary_op = tuple_unary_op,
    .binary_op = tuple_binary_op,
    .attr = namedtuple_attr,
    .subscr = tuple_subscr,
    .getiter = tuple_getiter,
};

static obj_t collections_namedtuple(size_t n_args, const obj_t *args) {
    obj_list_t *names = field_names(args[1]);
    size_t n = names->len;
    namedtuple_type_t *t = gc_alloc(sizeof(namedtuple_type_t) + n * sizeof(qstr_t));
    for (size_t i = 0; i < n; i++) {
        t->fields[i] = obj_str_get_qstr(names->items[i]);
        names->items[i] = OBJ_NEW_QSTR(t->fields[i]);
    }
    t->n_fields = n;
    obj_dict_t *locals = obj_new_dict(3);
    obj_dict_store(locals, OBJ_NEW_QSTR(MP_QSTR__fields), obj_new_tuple(n, names->items));
    obj_dict_store(locals, OBJ_NEW_QSTR(MP_QSTR__asdict), (obj_t)&namedtuple_asdict_obj);
    obj_dict_store(locals, OBJ_NEW_QSTR(MP_QSTR__replace), (obj_t)&namedtuple_replace_obj);
    t->type = (obj_type_t){
        .base = {&type_type},
        .flags = TYPE_FLAG_SEQUENCE,
        .name = (uint16_t)obj_str_get_qstr(args[0]),
        .slots = &namedtuple_slots,
        .locals_dict = locals,
        .parent = &type_tuple,
    };
    return t;
}
static FUN_OBJ_VAR_BETWEEN(collections_namedtuple_obj, 2, 3, collections_namedtuple);

/* ------------------------------------------------------------------------------------
 * deque: a ring buffer; bounded by maxlen (the oldest items fall off the other end).
 */
typedef struct obj_deque_t {
    obj_base_t base;
    size_t alloc;   // capacity of items
    size_t head;    // index of the first item
    size_t len;
    size_t maxlen;  // 0: unbounded
    obj_t *items;
} obj_deque_t;

extern const obj_type_t type_deque;

static obj_t *deque_at(obj_deque_t *d, size_t i) {
    return &d->items[(d->head + i) % d->alloc];
}

static void deque_grow(obj_deque_t *d) {
    size_t alloc = d->alloc * 2;
    obj_t *items = m_new(obj_t, alloc);
    for (size_t i = 0; i < d->len; i++) {
        items[i] = *deque_at(d, i);
    }
    m_del(d->items);
    d->items = items;
    d->alloc = alloc;
    d->head = 0;
}

static void deque_push(obj_deque_t *d, obj_t x, bool left) {
    if (d->maxlen != 0 && d->len == d->maxlen) {
        if (left) {
            d->len--;  // drop the rightmost
        } else {
            d->head = (d->head + 1) % d->alloc;  // drop the leftmost
            d->len--;
        }
    }
    if (d->len == d->alloc) {
        deque_grow(d);
    }
    if (left) {
        d->head = (d->head + d->alloc - 1) % d->alloc;
        d->items[d->head] = x;
    } else {
        *deque_at(d, d->len) = x;
    }
    d->len++;
}

static obj_t deque_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 3, false);
    obj_deque_t *d = m_new_obj(obj_deque_t);
    d->base.type = &type_deque;
    d->maxlen = n_args > 1 ? (size_t)obj_get_int(args[1]) : 0;
    d->alloc = d->maxlen != 0 ? d->maxlen : 8;
    d->items = m_new(obj_t, d->alloc);
    if (n_args > 0) {
        obj_t it = rt_getiter(args[0]);
        for (obj_t x; (x = rt_iternext(it)) != OBJ_STOP_ITERATION;) {
            deque_push(d, x, false);
        }
    }
    return d;
}

static void deque_print(const print_t *p, obj_t self, print_kind_t kind) {
    obj_deque_t *d = self;
    print_str(p, "deque([");
    for (size_t i = 0; i < d->len; i++) {
        if (i > 0) {
            print_strn(p, ", ", 2);
        }
        obj_print(p, *deque_at(d, i), PRINT_REPR);
    }
    print_str(p, "])");
}

static obj_t deque_unary_op(int op, obj_t self) {
    obj_deque_t *d = self;
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(d->len != 0);
        case MP_UNARY_OP_LEN:
            return OBJ_NEW_SMALL_INT(d->len);
        default:
            return OBJ_NULL;
    }
}

static obj_t deque_subscr(obj_t self, obj_t index, obj_t value) {
    obj_deque_t *d = self;
    if (value == OBJ_NULL) {
        return OBJ_NULL;
    }
    size_t i = obj_get_index(&type_deque, d->len, index, false);
    if (value == OBJ_SENTINEL) {
        return *deque_at(d, i);
    }
    *deque_at(d, i) = value;
    return obj_none;
}

typedef struct deque_iter_t {
    obj_base_t base;
    obj_deque_t *deque;
    size_t i;
} deque_iter_t;

static obj_t deque_iter_next(obj_t self) {
    deque_iter_t *it = self;
    if (it->i >= it->deque->len) {
        return OBJ_STOP_ITERATION;
    }
    return *deque_at(it->deque, it->i++);
}

static const obj_type_t type_deque_iterator = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_iterator,
    .slots = &(const obj_type_slots_t){
        .iternext = deque_iter_next,
    },
};

static obj_t deque_getiter(obj_t self) {
    deque_iter_t *it = m_new_obj(deque_iter_t);
    it->base.type = &type_deque_iterator;
    it->deque = self;
    it->i = 0;
    return it;
}

static obj_t deque_append(obj_t self, obj_t x) {
    deque_push(self, x, false);
    return obj_none;
}
static FUN_OBJ_2(deque_append_obj, deque_append);

static obj_t deque_appendleft(obj_t self, obj_t x) {
    deque_push(self, x, true);
    return obj_none;
}
static FUN_OBJ_2(deque_appendleft_obj, deque_appendleft);

static obj_t deque_extend(obj_t self, obj_t iterable) {
    obj_t it = rt_getiter(iterable);
    for (obj_t x; (x = rt_iternext(it)) != OBJ_STOP_ITERATION;) {
        deque_push(self, x, false);
    }
    return obj_none;
}
static FUN_OBJ_2(deque_extend_obj, deque_extend);

static obj_t deque_take(obj_deque_t *d, bool left) {
    if (d->len == 0) {
        rt_raise_msg(&type_IndexError, "empty");
    }
    obj_t *slot = left ? deque_at(d, 0) : deque_at(d, d->len - 1);
    obj_t x = *slot;
    *slot = OBJ_NULL;
    if (left) {
        d->head = (d->head + 1) % d->alloc;
    }
    d->len--;
    return x;
}

static obj_t deque_pop(obj_t self) {
    return deque_take(self, false);
}
static FUN_OBJ_1(deque_pop_obj, deque_pop);

static obj_t deque_popleft(obj_t self) {
    return deque_take(self, true);
}
static FUN_OBJ_1(deque_popleft_obj, deque_popleft);

static obj_t deque_clear(obj_t self) {
    obj_deque_t *d = self;
    memset(d->items, 0, d->alloc * sizeof(obj_t));
    d->head = d->len = 0;
    return obj_none;
}
static FUN_OBJ_1(deque_clear_obj, deque_clear);

static const map_elem_t deque_locals_table[] = {
    { ROM_QSTR(MP_QSTR_append), ROM_PTR(&deque_append_obj) },
    { ROM_QSTR(MP_QSTR_appendleft), ROM_PTR(&deque_appendleft_obj) },
    { ROM_QSTR(MP_QSTR_extend), ROM_PTR(&deque_extend_obj) },
    { ROM_QSTR(MP_QSTR_pop), ROM_PTR(&deque_pop_obj) },
    { ROM_QSTR(MP_QSTR_popleft), ROM_PTR(&deque_popleft_obj) },
    { ROM_QSTR(MP_QSTR_clear), ROM_PTR(&deque_clear_obj) },
};
static DEFINE_CONST_DICT(deque_locals_dict, deque_locals_table);

const obj_type_t type_deque = {
    .base = {&type_type},
    .name = MP_QSTR_deque,
    .slots = &(const obj_type_slots_t){
        .print = deque_print,
        .make_new = deque_make_new,
        .unary_op = deque_unary_op,
        .subscr = deque_subscr,
        .getiter = deque_getiter,
    },
    .locals_dict = &deque_locals_dict,
};

static const map_elem_t collections_globals_table[] = {
    { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_collections) },
    { ROM_QSTR(MP_QSTR_OrderedDict), ROM_PTR(&type_ordereddict) },
    { ROM_QSTR(MP_QSTR_deque), ROM_PTR(&type_deque) },
    { ROM_QSTR(MP_QSTR_namedtuple), ROM_PTR(&collections_namedtuple_obj) },
};
static DEFINE_CONST_DICT(collections_globals, collections_globals_table);

const obj_module_t module_collections = {{&type_module}, (obj_dict_t *)&collections_globals};
