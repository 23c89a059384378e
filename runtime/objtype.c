// SPDX-License-Identifier: MIT
// objtype.c: type, object, user classes and their instances, super, property, static/classmethod.
#include <string.h>

#include "runtime/bc.h"
#include "runtime/mpyload.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * A class statement makes an obj_usertype_t on the heap (eight words: one 32-byte block
 * on a 32-bit MCU): an obj_type_t whose slots are instance_slots, the instance_*
 * functions below, which look up the special methods (__add__, __getitem__...) in the
 * class and its bases, and which holds its namespace dict where a builtin type has its
 * locals_dict pointer (obj_type_locals). Bases are searched
 * depth-first, left to right, as MicroPython does (no C3 linearisation).
 *
 * An instance is an obj_instance_t: its attributes (a map held in the instance, as in
 * MicroPython: one 16-byte block on a 32-bit MCU) and, only when the class derives from a
 * builtin type other than object (list, dict, an exception...), subobj[0]: an object of
 * that native base, made by the native make_new (subobj_of reads it). Native methods
 * found on such a class are bound to subobj, and slots the class does not define go to
 * the native type with subobj.
 */
typedef struct obj_usertype_t {
    OBJ_TYPE_HEAD;
    obj_dict_t dict;           // where obj_type_t has locals_dict
} obj_usertype_t;

_Static_assert(offsetof(obj_usertype_t, dict) == offsetof(obj_type_t, locals_dict),
               "a class's dict must be where obj_type_locals reads it");

typedef struct obj_instance_t {
    obj_base_t base;
    map_t members;
    obj_t subobj[];            // one, with a native base; none otherwise
} obj_instance_t;

static bool is_user_type(const obj_type_t *t) {
    return (t->flags & TYPE_FLAG_INSTANCE) != 0;
}

static const obj_type_t *native_base_of(const obj_type_t *t);

// The first native base among a class's bases (its parent field), or NULL.
static const obj_type_t *first_native_base(const void *parent) {
    if (parent != NULL && obj_is_type((obj_t)parent, &type_tuple)) {
        size_t n;
        obj_t *items;
        obj_get_array((obj_t)parent, &n, &items);
        for (size_t i = 0; i < n; i++) {
            const obj_type_t *b = native_base_of((const obj_type_t *)items[i]);
            if (b != NULL) {
                return b;
            }
        }
        return NULL;
    }
    return parent != NULL ? native_base_of(parent) : NULL;
}

// The builtin type (not object) a type is or derives from, or NULL. A class without one
// answers from its flags; one with one (a list or an exception subclass) walks its bases.
static const obj_type_t *native_base_of(const obj_type_t *t) {
    if (!is_user_type(t)) {
        return t == &type_object ? NULL : t;
    }
    return (t->flags & TYPE_FLAG_NATIVE_BASE) ? first_native_base(t->parent) : NULL;
}

// The native-base object of an instance of user type t, or OBJ_NULL.
static inline obj_t subobj_of(obj_t self, const obj_type_t *t) {
    return native_base_of(t) != NULL ? ((obj_instance_t *)self)->subobj[0] : OBJ_NULL;
}

static inline void set_subobj(obj_t self, obj_t sub) {
    ((obj_instance_t *)self)->subobj[0] = sub;  // only with a native base (instance_new_raw)
}

obj_t obj_instance_get_native(obj_t o);
obj_t obj_instance_get_native(obj_t o) {
    if (OBJ_IS_PTR(o) && is_user_type(obj_get_type(o))) {
        obj_t sub = subobj_of(o, obj_get_type(o));
        return sub != OBJ_NULL ? sub : o;
    }
    return o;
}

static obj_t lookup_special(obj_t self, qstr_t name) {
    return rt_type_lookup(obj_get_type(self), name);
}

static bool is_native_fun(obj_t f);

// What a member found on self's class binds to: a native method of the native base gets the
// native object (subobj), except for exceptions, whose instance is the native object.
static obj_t bind_target(obj_t self, obj_t member) {
    if (!is_native_fun(member) || !OBJ_IS_PTR(self) || !is_user_type(obj_get_type(self))) {
        return self;
    }
    obj_t sub = subobj_of(self, obj_get_type(self));
    if (sub == OBJ_NULL || obj_is_subclass(native_base_of(obj_get_type(self)), &type_BaseException)) {
        return self;
    }
    return sub;
}

// Calls special method meth (found on the class) with self and n args.
static obj_t call_special(obj_t meth, obj_t self, size_t n, const obj_t *args) {
    obj_t all[4];
    all[0] = meth;
    all[1] = self;
    for (size_t i = 0; i < n; i++) {
        all[2 + i] = args[i];
    }
    obj_t dest[2];
    rt_convert_member_lookup(bind_target(self, meth), obj_get_type(self), meth, dest);
    if (dest[1] == OBJ_NULL) {
        return rt_call_function_n_kw(dest[0], n, 0, args);
    }
    all[0] = dest[0];
    all[1] = dest[1];
    return rt_call_method_n_kw(n, 0, all);
}

/* ------------------------------------------------------------------------------------
 * Instances.
 */
// A class remembers in its flags' high byte how many attributes its instances came to
// have (up to 255; noted when an instance's map had to grow), and a new instance's map is
// made that size at once: no growing tables while __init__ runs, and no room past what
// the instances use.
#define ATTRS_HINT_SHIFT 8
#define ATTRS_HINT_MAX 0xff

static obj_t instance_new_raw(const obj_type_t *cls) {
    obj_instance_t *o = m_new_obj_var(obj_instance_t, obj_t, native_base_of(cls) != NULL);
    o->base.type = cls;
    map_init(&o->members, cls->flags >> ATTRS_HINT_SHIFT);
    return o;
}

// After self's map grew for a new attribute: its class's count, if self has more.
static inline void note_attrs(const obj_instance_t *self) {
    obj_type_t *cls = (obj_type_t *)(uintptr_t)self->base.type;  // a class: on the heap
    size_t n = map_count(&self->members);
    if (n > (size_t)(cls->flags >> ATTRS_HINT_SHIFT) && n <= ATTRS_HINT_MAX) {
        cls->flags = (uint16_t)((cls->flags & ((1u << ATTRS_HINT_SHIFT) - 1)) | n << ATTRS_HINT_SHIFT);
    }
}

static void instance_print(const print_t *p, obj_t self, print_kind_t kind) {
    obj_t meth = OBJ_NULL;
    if (kind == PRINT_STR) {
        meth = lookup_special(self, MP_QSTR___str__);
    }
    if (meth == OBJ_NULL) {
        meth = lookup_special(self, MP_QSTR___repr__);
    }
    const obj_type_t *nb = native_base_of(obj_get_type(self));
    if (meth != OBJ_NULL) {
        obj_t s = call_special(meth, self, 0, NULL);
        if (!obj_is_str(s)) {
            rt_raise_msg(&type_TypeError, "__str__ returned non-string (type %q)", obj_type_name(s));
        }
        obj_print(p, s, PRINT_STR);
    } else if (nb != NULL && obj_is_subclass(nb, &type_BaseException)) {
        type_BaseException.slots->print(p, self, kind);
    } else if (nb != NULL && nb->slots->print != NULL) {
        nb->slots->print(p, ((obj_instance_t *)self)->subobj[0], kind);
    } else {
        print_printf(p, "<%q object at %p>", obj_type_name(self), self);
    }
}

static obj_t instance_make_new(const obj_type_t *cls, size_t n_args, size_t n_kw, const obj_t *args);

static const qstr_t unary_names[] = {
#define OP_NAME(name, meth) MP_QSTR_##meth,
    UNARY_OP_LIST(OP_NAME)
#undef OP_NAME
};

static const uint16_t binary_names[] = {
#define OP_NAME(name, meth) MP_QSTR_##meth,
    BINARY_OP_LIST(OP_NAME)
#undef OP_NAME
};

static obj_t instance_unary_op(int op, obj_t self) {
    qstr_t name = unary_names[op];
    obj_t meth = lookup_special(self, name);
    if (meth == OBJ_NULL && op == MP_UNARY_OP_BOOL) {
        meth = lookup_special(self, MP_QSTR___len__);
        if (meth != OBJ_NULL) {
            return obj_bool(obj_is_true(call_special(meth, self, 0, NULL)));
        }
    }
    if (meth != OBJ_NULL) {
        obj_t r = call_special(meth, self, 0, NULL);
        if (op == MP_UNARY_OP_BOOL) {
            return obj_bool(obj_is_true(r));
        }
        if (op == MP_UNARY_OP_HASH && !OBJ_IS_SMALL_INT(r)) {
            return OBJ_NEW_SMALL_INT(obj_get_int(r));
        }
        return r;
    }
    const obj_type_t *nb = native_base_of(obj_get_type(self));
    if (nb != NULL && nb->slots->unary_op != NULL) {
        return nb->slots->unary_op(op, ((obj_instance_t *)self)->subobj[0]);
    }
    if (op == MP_UNARY_OP_HASH) {
        if (lookup_special(self, MP_QSTR___eq__) != OBJ_NULL) {
            return OBJ_NULL;  // defines __eq__ but not __hash__: unhashable
        }
        return OBJ_NEW_SMALL_INT((mp_uint_t)self >> 3);
    }
    return OBJ_NULL;
}

static obj_t instance_binary_op(int op, obj_t lhs, obj_t rhs) {
    obj_t meth = lookup_special(lhs, binary_names[op]);
    if (meth != OBJ_NULL) {
        obj_t r = call_special(meth, lhs, 1, &rhs);
        if (r == obj_const_not_implemented) {
            return OBJ_NULL;
        }
        return r;
    }
    const obj_type_t *nb = native_base_of(obj_get_type(lhs));
    if (nb != NULL && nb->slots->binary_op != NULL) {
        return nb->slots->binary_op(op, ((obj_instance_t *)lhs)->subobj[0], rhs);
    }
    return OBJ_NULL;
}

static obj_t instance_subscr(obj_t self, obj_t index, obj_t value) {
    obj_t meth;
    if (value == OBJ_SENTINEL) {
        meth = lookup_special(self, MP_QSTR___getitem__);
        if (meth != OBJ_NULL) {
            return call_special(meth, self, 1, &index);
        }
    } else if (value == OBJ_NULL) {
        meth = lookup_special(self, MP_QSTR___delitem__);
        if (meth != OBJ_NULL) {
            call_special(meth, self, 1, &index);
            return obj_none;
        }
    } else {
        meth = lookup_special(self, MP_QSTR___setitem__);
        if (meth != OBJ_NULL) {
            obj_t args[2] = {index, value};
            call_special(meth, self, 2, args);
            return obj_none;
        }
    }
    const obj_type_t *nb = native_base_of(obj_get_type(self));
    if (nb != NULL && nb->slots->subscr != NULL) {
        return nb->slots->subscr(((obj_instance_t *)self)->subobj[0], index, value);
    }
    return OBJ_NULL;
}

static obj_t instance_getiter(obj_t self) {
    obj_t meth = lookup_special(self, MP_QSTR___iter__);
    if (meth != OBJ_NULL) {
        return call_special(meth, self, 0, NULL);
    }
    const obj_type_t *nb = native_base_of(obj_get_type(self));
    if (nb != NULL && nb->slots->getiter != NULL) {
        return nb->slots->getiter(((obj_instance_t *)self)->subobj[0]);
    }
    if (lookup_special(self, MP_QSTR___getitem__) == OBJ_NULL) {
        rt_raise_msg(&type_TypeError, "'%q' object isn't iterable", obj_type_name(self));
    }
    return OBJ_NULL;
}

static obj_t instance_iternext(obj_t self) {
    obj_t meth = lookup_special(self, MP_QSTR___next__);
    if (meth == OBJ_NULL) {
        const obj_type_t *nb = native_base_of(obj_get_type(self));
        if (nb != NULL && nb->slots->iternext != NULL) {
            return nb->slots->iternext(((obj_instance_t *)self)->subobj[0]);
        }
        rt_raise_msg(&type_TypeError, "'%q' object isn't an iterator", obj_type_name(self));
    }
    return call_special(meth, self, 0, NULL);
}

static obj_t instance_call(obj_t self, size_t n_args, size_t n_kw, const obj_t *args) {
    obj_t meth = lookup_special(self, MP_QSTR___call__);
    if (meth == OBJ_NULL) {
        rt_raise_msg(&type_TypeError, "'%q' object isn't callable", obj_type_name(self));
    }
    size_t n = 1 + n_args + 2 * n_kw;
    obj_t on_stack[16];
    obj_t *all = n <= 16 ? on_stack : m_new(obj_t, n);
    all[0] = self;
    mem_copy(all + 1, args, (n - 1) * sizeof(obj_t));
    return rt_call_function_n_kw(meth, n_args + 1, n_kw, all);
}

static bool is_native_fun(obj_t f) {
    const obj_type_t *t = obj_get_type(f);
    return t == &type_fun_builtin_0 || t == &type_fun_builtin_1 || t == &type_fun_builtin_2
        || t == &type_fun_builtin_3 || t == &type_fun_builtin_var || t == &type_fun_builtin_kw;
}

static void instance_load(obj_t self_in, qstr_t attr, obj_t *dest) {
    obj_instance_t *self = (obj_instance_t *)self_in;
    const obj_type_t *t = self->base.type;
    map_elem_t *e = map_lookup(&self->members, OBJ_NEW_QSTR(attr), MAP_LOOKUP);
    if (e != NULL) {
        dest[0] = e->value;
        return;
    }
    if (attr == MP_QSTR___class__) {
        dest[0] = (obj_t)t;
        return;
    }
    if (attr == MP_QSTR___dict__) {
        // A read-only copy of the attributes, as MicroPython gives.
        obj_dict_t *d = (obj_dict_t *)obj_new_dict(0);
        map_copy_fixed(&d->map, &self->members);
        dest[0] = d;
        return;
    }
    obj_t member = rt_type_lookup(t, attr);
    if (member != OBJ_NULL) {
        obj_t sub = subobj_of(self_in, t);
        obj_t bind_to = sub != OBJ_NULL && is_native_fun(member) ? sub : self_in;
        rt_convert_member_lookup(bind_to, t, member, dest);
        return;
    }
    const obj_type_t *nb = native_base_of(t);
    if (nb != NULL && nb->slots->attr != NULL) {
        nb->slots->attr(obj_is_subclass(nb, &type_BaseException) ? self_in : self->subobj[0], attr, dest);
        if (dest[0] != OBJ_NULL) {
            return;
        }
    }
    obj_t getattr = rt_type_lookup(t, MP_QSTR___getattr__);
    if (getattr != OBJ_NULL) {
        obj_t name = OBJ_NEW_QSTR(attr);
        dest[0] = call_special(getattr, self_in, 1, &name);
    }
}

void obj_instance_store_attr(obj_t self_in, qstr_t attr, obj_t value);
void obj_instance_store_attr(obj_t self_in, qstr_t attr, obj_t value) {
    obj_instance_t *self = (obj_instance_t *)self_in;
    if (value == OBJ_NULL) {
        if (map_lookup(&self->members, OBJ_NEW_QSTR(attr), MAP_LOOKUP_REMOVE_IF_FOUND) == NULL) {
            rt_raise_msg(&type_AttributeError, "'%q' object has no attribute '%q'", obj_type_name(self_in), attr);
        }
    } else {
        const map_elem_t *was = self->members.table;
        map_lookup(&self->members, OBJ_NEW_QSTR(attr), MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = value;
        if (self->members.table != was) {
            note_attrs(self);  // the map grew: the class's count was short
        }
    }
}

static void instance_store(obj_t self_in, qstr_t attr, obj_t value) {
    const obj_type_t *t = obj_get_type(self_in);
    obj_t member = rt_type_lookup(t, attr);
    if (member != OBJ_NULL) {
        if (obj_is_type(member, &type_property)) {
            obj_t f = ((obj_property_t *)member)->proxy[value == OBJ_NULL ? 2 : 1];
            if (f == obj_none) {
                rt_raise_msg(&type_AttributeError, "can't set attribute");
            }
            if (value == OBJ_NULL) {
                rt_call_function_1(f, self_in);
            } else {
                rt_call_function_2(f, self_in, value);
            }
            return;
        }
        const obj_type_t *mt = obj_get_type(member);
        if (is_user_type(mt)) {
            obj_t m = rt_type_lookup(mt, value == OBJ_NULL ? MP_QSTR___delete__ : MP_QSTR___set__);
            if (m != OBJ_NULL) {
                obj_t args[2] = {self_in, value};
                call_special(m, member, value == OBJ_NULL ? 1 : 2, args);
                return;
            }
        }
    }
    obj_t setattr = rt_type_lookup(t, value == OBJ_NULL ? MP_QSTR___delattr__ : MP_QSTR___setattr__);
    if (setattr != OBJ_NULL && obj_get_type(setattr) != &type_fun_builtin_3
            && obj_get_type(setattr) != &type_fun_builtin_2) {
        obj_t args[2] = {OBJ_NEW_QSTR(attr), value};
        call_special(setattr, self_in, value == OBJ_NULL ? 1 : 2, args);
        return;
    }
    obj_instance_store_attr(self_in, attr, value);
}

static void instance_attr(obj_t self, qstr_t attr, obj_t *dest) {
    if (dest[0] == OBJ_NULL) {
        instance_load(self, attr, dest);
    } else {
        instance_store(self, attr, dest[1]);
        dest[0] = OBJ_NULL;
    }
}

static bool instance_buffer(obj_t self, buffer_info_t *info, int flags) {
    const obj_type_t *nb = native_base_of(obj_get_type(self));
    if (nb != NULL && nb->slots->buffer != NULL) {
        return nb->slots->buffer(((obj_instance_t *)self)->subobj[0], info, flags);
    }
    return false;
}

static obj_t instance_make_new(const obj_type_t *cls, size_t n_args, size_t n_kw, const obj_t *args) {
    obj_t new_fn = rt_type_lookup(cls, MP_QSTR___new__);
    obj_t self;
    if (new_fn != OBJ_NULL && !is_native_fun(obj_is_type(new_fn, &type_staticmethod)
            ? ((obj_static_class_method_t *)new_fn)->fun : new_fn)) {
        if (obj_is_type(new_fn, &type_staticmethod)) {
            new_fn = ((obj_static_class_method_t *)new_fn)->fun;
        }
        size_t n = 1 + n_args + 2 * n_kw;
        obj_t *all = m_new(obj_t, n);
        all[0] = (obj_t)cls;
        mem_copy(all + 1, args, (n - 1) * sizeof(obj_t));
        self = rt_call_function_n_kw(new_fn, n_args + 1, n_kw, all);
        if (!obj_isinstance(self, cls)) {
            return self;
        }
    } else {
        self = instance_new_raw(cls);
        const obj_type_t *nb = native_base_of(cls);
        if (nb != NULL && nb->slots->make_new != NULL) {
            set_subobj(self, nb->slots->make_new(nb, n_args, n_kw, args));
        }
    }
    obj_t init = rt_type_lookup(cls, MP_QSTR___init__);
    if (init != OBJ_NULL && !is_native_fun(init)) {
        size_t n = 2 + n_args + 2 * n_kw;
        obj_t on_stack[16];
        obj_t *all = n <= 16 ? on_stack : m_new(obj_t, n);
        all[0] = init;
        all[1] = self;
        mem_copy(all + 2, args, (n - 2) * sizeof(obj_t));
        obj_t r = rt_call_method_n_kw(n_args, n_kw, all);
        if (r != obj_none) {
            rt_raise_msg(&type_TypeError, "__init__() should return None, not '%q'", obj_type_name(r));
        }
    } else if (init == OBJ_NULL && native_base_of(cls) == NULL && (n_args != 0 || n_kw != 0)
               && new_fn == OBJ_NULL) {
        rt_raise_msg(&type_TypeError, "function takes 0 positional arguments but %d were given", (int)n_args);
    }
    return self;
}

/* ------------------------------------------------------------------------------------
 * type: type(x), type(name, bases, dict), class attributes.
 */
// Every class statement's type does the same (looks up the special methods): one table.
static const obj_type_slots_t instance_slots = {
    .print = instance_print,
    .make_new = instance_make_new,
    .call = instance_call,
    .unary_op = instance_unary_op,
    .binary_op = instance_binary_op,
    .attr = instance_attr,
    .subscr = instance_subscr,
    .getiter = instance_getiter,
    .iternext = instance_iternext,
    .buffer = instance_buffer,
};

// A class statement's namespace is the dict inside the class it will be: build_class
// runs the body in a block whose type word is still NULL, and type_new makes that block
// the class, so locals() in the body is the class's dict, as in MicroPython.
static obj_usertype_t *new_pending_class(void) {
    obj_usertype_t *ut = m_new_obj(obj_usertype_t);  // zeroed: base.type NULL, empty dict
    ut->dict.base.type = &type_dict;
    return ut;
}

static obj_usertype_t *pending_class_of(obj_t dict) {
    obj_usertype_t *ut = gc_block_of(dict);
    return ut != NULL && (obj_t)&ut->dict == dict && ut->base.type == NULL ? ut : NULL;
}

static obj_t type_new(qstr_t name, obj_t bases, obj_t dict) {
    size_t nb;
    obj_t *items;
    obj_get_array(bases, &nb, &items);
    for (size_t i = 0; i < nb; i++) {
        if (!obj_is_type(items[i], &type_type) && !(OBJ_IS_PTR(items[i]) && is_user_type(obj_get_type(items[i])))) {
            rt_raise_msg(&type_TypeError, "type isn't an acceptable base type");
        }
    }
    obj_usertype_t *ut = pending_class_of(dict);
    if (ut == NULL) {
        // A dict given to type() is copied, as CPython does (MicroPython shares it).
        ut = new_pending_class();
        map_copy(&ut->dict.map, obj_dict_get_map(dict));
    }
    obj_type_t *t = (obj_type_t *)ut;
    ut->base.type = &type_type;
    ut->flags = TYPE_FLAG_INSTANCE;
    ut->name = (uint16_t)name;
    ut->slots = &instance_slots;
    ut->parent = nb == 0 ? NULL : nb == 1 ? items[0] : bases;
    const obj_type_t *native = first_native_base(ut->parent);
    if (native != NULL) {
        ut->flags |= TYPE_FLAG_NATIVE_BASE;
        if (obj_is_subclass(native, &type_BaseException)) {
            ut->flags |= TYPE_FLAG_EXCEPTION;
        }
    }
    // __set_name__ on descriptors in the namespace.
    map_t *m = &ut->dict.map;
    for (size_t i = 0; i < m->used; i++) {
        if (MAP_SLOT_IS_FILLED(m, i) && OBJ_IS_PTR(m->table[i].value)
                && is_user_type(obj_get_type(m->table[i].value))) {
            obj_t sn = lookup_special(m->table[i].value, MP_QSTR___set_name__);
            if (sn != OBJ_NULL) {
                obj_t args[2] = {(obj_t)t, m->table[i].key};
                call_special(sn, m->table[i].value, 2, args);
            }
        }
    }
    return t;
}

static obj_t type_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    UNUSED(type);
    if (n_args == 1 && n_kw == 0) {
        return (obj_t)obj_get_type(args[0]);
    }
    if (n_args == 3 && n_kw == 0) {
        return type_new(obj_str_get_qstr(args[0]), args[1], args[2]);
    }
    rt_raise_msg(&type_TypeError, "type takes 1 or 3 arguments");
}

static obj_t type_call(obj_t self_in, size_t n_args, size_t n_kw, const obj_t *args) {
    const obj_type_t *self = (const obj_type_t *)self_in;
    if (self->slots->make_new == NULL) {
        rt_raise_msg(&type_TypeError, "cannot create '%q' instances", self->name);
    }
    return self->slots->make_new(self, n_args, n_kw, args);
}

static void type_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(kind);
    print_printf(p, "<class '%q'>", ((const obj_type_t *)self)->name);
}

/* ------------------------------------------------------------------------------------
 * A native method taken from its type (list.append): the call checks that the first
 * argument is of that type, as MicroPython does, since the C function reads it as one.
 */
typedef struct obj_checked_fun_t {
    obj_base_t base;
    const obj_type_t *type;
    obj_t fun;
} obj_checked_fun_t;

static void checked_fun_print(const print_t *p, obj_t self, print_kind_t kind) {
    obj_print(p, ((obj_checked_fun_t *)self)->fun, kind);
}

// The exact type, as MicroPython checks (a native subclass may lay its object out
// differently); but an exception class's instances are the native object themselves.
static bool checked_self_ok(const obj_type_t *type, obj_t arg) {
    const obj_type_t *t = obj_get_type(arg);
    return t == type || (obj_is_subclass(type, &type_BaseException) && obj_is_subclass(t, type));
}

static obj_t checked_fun_call(obj_t self_in, size_t n_args, size_t n_kw, const obj_t *args) {
    const obj_checked_fun_t *f = self_in;
    if (n_args > 0 && !checked_self_ok(f->type, args[0])) {
        rt_raise_msg(&type_TypeError, "argument should be a '%q' not a '%q'", f->type->name,
            obj_type_name(args[0]));
    }
    return rt_call_function_n_kw(f->fun, n_args, n_kw, args);
}

static const obj_type_t type_checked_fun = {
    .base = {&type_type},
    .name = MP_QSTR_function,
    .slots = &(const obj_type_slots_t){
        .print = checked_fun_print,
        .call = checked_fun_call,
    },
};

static obj_t new_checked_fun(const obj_type_t *type, obj_t fun) {
    obj_checked_fun_t *f = m_new_obj(obj_checked_fun_t);
    f->base.type = &type_checked_fun;
    f->type = type;
    f->fun = fun;
    return f;
}

static void type_attr(obj_t self_in, qstr_t attr, obj_t *dest) {
    obj_type_t *self = (obj_type_t *)self_in;
    if (dest[0] != OBJ_NULL) {
        if (!is_user_type(self)) {
            return;  // builtin types are read-only
        }
        obj_dict_t *d = (obj_dict_t *)obj_type_locals(self);
        if (dest[1] == OBJ_NULL) {
            obj_dict_delete(d, OBJ_NEW_QSTR(attr));
        } else {
            obj_dict_store(d, OBJ_NEW_QSTR(attr), dest[1]);
        }
        dest[0] = OBJ_NULL;
        return;
    }
    if (attr == MP_QSTR___name__ || attr == MP_QSTR___qualname__) {
        dest[0] = OBJ_NEW_QSTR(self->name);
        return;
    }
    if (attr == MP_QSTR___bases__) {
        if (self->parent == NULL) {
            dest[0] = self == &type_object ? obj_const_empty_tuple : obj_new_tuple(1, (obj_t[]){(obj_t)&type_object});
        } else if (obj_is_type(self->parent, &type_tuple)) {
            dest[0] = (obj_t)self->parent;
        } else {
            dest[0] = obj_new_tuple(1, (obj_t *)&self->parent);
        }
        return;
    }
    if (attr == MP_QSTR___dict__ && is_user_type(self)) {
        dest[0] = (obj_t)obj_type_locals(self);
        return;
    }
    obj_t member = rt_type_lookup(self, attr);
    if (member == OBJ_NULL) {
        if (attr == MP_QSTR___class__) {
            dest[0] = (obj_t)&type_type;
        }
        return;
    }
    const obj_type_t *mt = obj_get_type(member);
    if (mt == &type_staticmethod) {
        dest[0] = ((obj_static_class_method_t *)member)->fun;
    } else if (mt == &type_classmethod) {
        dest[0] = ((obj_static_class_method_t *)member)->fun;
        dest[1] = self_in;
    } else if (is_user_type(mt) && rt_type_lookup(mt, MP_QSTR___get__) != OBJ_NULL) {
        obj_t args[2] = {obj_none, self_in};
        dest[0] = call_special(rt_type_lookup(mt, MP_QSTR___get__), member, 2, args);
    } else if (is_native_fun(member) && native_base_of(self) != NULL) {
        dest[0] = new_checked_fun(native_base_of(self), member);
    } else {
        dest[0] = member;
    }
}

static obj_t type_binary_op(int op, obj_t lhs, obj_t rhs) {
    if (op == MP_BINARY_OP_EQUAL) {
        return obj_bool(lhs == rhs);
    }
    return OBJ_NULL;
}

static obj_t type_unary_op(int op, obj_t self) {
    if (op == MP_UNARY_OP_HASH) {
        return OBJ_NEW_SMALL_INT((mp_uint_t)self >> 3);
    }
    return OBJ_NULL;
}

const obj_type_t type_type = {
    .base = {&type_type},
    .name = MP_QSTR_type,
    .slots = &(const obj_type_slots_t){
        .print = type_print,
        .make_new = type_make_new,
        .call = type_call,
        .attr = type_attr,
        .binary_op = type_binary_op,
        .unary_op = type_unary_op,
    },
};

/* ------------------------------------------------------------------------------------
 * object.
 */
static obj_t object_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    UNUSED(args);
    UNUSED(type);
    if (n_args != 0 || n_kw != 0) {
        rt_raise_msg(&type_TypeError, "function takes 0 positional arguments but %d were given", (int)n_args);
    }
    obj_base_t *o = m_new_obj(obj_base_t);
    o->type = &type_object;
    return o;
}

static obj_t object_init(obj_t self) {
    UNUSED(self);
    return obj_none;
}
static FUN_OBJ_1(object_init_obj, object_init);

static obj_t object_new(obj_t cls) {
    if (!obj_is_type(cls, &type_type) || !is_user_type((const obj_type_t *)cls)) {
        rt_raise_msg(&type_TypeError, "arg must be user-type");
    }
    obj_t self = instance_new_raw((const obj_type_t *)cls);
    const obj_type_t *nb = native_base_of((const obj_type_t *)cls);
    if (nb != NULL && nb->slots->make_new != NULL) {
        set_subobj(self, nb->slots->make_new(nb, 0, 0, NULL));
    }
    return self;
}
static FUN_OBJ_1(object_new_fun_obj, object_new);
static STATICMETHOD_OBJ(object_new_obj, &object_new_fun_obj);

static obj_t object_setattr(obj_t self, obj_t attr, obj_t value) {
    if (!OBJ_IS_PTR(self) || !is_user_type(obj_get_type(self))) {
        rt_raise_msg(&type_AttributeError, "can't set attribute");
    }
    obj_instance_store_attr(self, obj_str_get_qstr(attr), value);
    return obj_none;
}
static FUN_OBJ_3(object_setattr_obj, object_setattr);

static obj_t object_delattr(obj_t self, obj_t attr) {
    if (!OBJ_IS_PTR(self) || !is_user_type(obj_get_type(self))) {
        rt_raise_msg(&type_AttributeError, "can't delete attribute");
    }
    obj_instance_store_attr(self, obj_str_get_qstr(attr), OBJ_NULL);
    return obj_none;
}
static FUN_OBJ_2(object_delattr_obj, object_delattr);

static const map_elem_t object_locals_table[] = {
    {ROM_QSTR(MP_QSTR___init__), ROM_PTR(&object_init_obj)},
    {ROM_QSTR(MP_QSTR___new__), ROM_PTR(&object_new_obj)},
    {ROM_QSTR(MP_QSTR___setattr__), ROM_PTR(&object_setattr_obj)},
    {ROM_QSTR(MP_QSTR___delattr__), ROM_PTR(&object_delattr_obj)},
};
static DEFINE_CONST_DICT(object_locals_dict, object_locals_table);

static void object_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(kind);
    print_printf(p, "<object object at %p>", self);
}

const obj_type_t type_object = {
    .base = {&type_type},
    .name = MP_QSTR_object,
    .slots = &(const obj_type_slots_t){
        .print = object_print,
        .make_new = object_make_new,
    },
    .locals_dict = &object_locals_dict,
};

/* ------------------------------------------------------------------------------------
 * __build_class__(body, name, *bases, metaclass=type)
 */
static obj_t build_class(size_t n_args, const obj_t *args, map_t *kw) {
    if (n_args < 2) {
        rt_raise_msg(&type_TypeError, "function missing 2 required positional arguments");
    }
    obj_t meta = OBJ_NULL;
    map_elem_t *e = map_lookup(kw, OBJ_NEW_QSTR(MP_QSTR_metaclass), MAP_LOOKUP);
    if (e != NULL) {
        meta = e->value;
    } else if (n_args > 2) {
        meta = (obj_t)obj_get_type(args[2]);
    } else {
        meta = (obj_t)&type_type;
    }
    obj_t bases = obj_new_tuple(n_args - 2, args + 2);
    obj_dict_t *ns = &new_pending_class()->dict;
    if (obj_get_type(args[0]) == &type_fun_bc) {  // the namespace, sized once for the body
        fun_bc_t body;
        fun_bc_get(args[0], &body);
        map_reserve(&ns->map, rc_store_names(body.ctx, body.idx));
    }
    obj_dict_t *old_locals = vm_state.locals;
    vm_state.locals = ns;
    nlr_buf_t nlr;
    obj_t cell;
    if (nlr_push(&nlr) == 0) {
        cell = rt_call_function_0(args[0]);
        nlr_pop();
    } else {
        vm_state.locals = old_locals;
        nlr_jump(nlr.ret_val);
    }
    vm_state.locals = old_locals;
    obj_t cargs[3] = {args[1], bases, ns};
    obj_t cls = rt_call_function_n_kw(meta, 3, 0, cargs);
    if (obj_is_type(cell, &type_cell)) {
        ((obj_cell_t *)cell)->obj = cls;
    }
    return cls;
}
FUN_OBJ_KW(builtin___build_class___obj, 2, build_class);

/* ------------------------------------------------------------------------------------
 * super.
 */
typedef struct obj_super_t {
    obj_base_t base;
    obj_t type;
    obj_t obj;
} obj_super_t;

static obj_t super_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    UNUSED(type);
    if (n_args != 2 || n_kw != 0) {
        rt_raise_msg(&type_RuntimeError, "super() can't find self");
    }
    obj_super_t *s = m_new_obj(obj_super_t);
    s->base.type = &type_super;
    s->type = args[0];
    s->obj = args[1];
    return s;
}

// Looks attr up in the bases of cls (not cls itself), depth-first.
static obj_t super_lookup(const obj_type_t *cls, qstr_t attr) {
    if (cls->parent == NULL) {
        return cls == &type_object ? OBJ_NULL : rt_type_lookup(&type_object, attr);
    }
    const obj_base_t *p = (const obj_base_t *)cls->parent;
    if (p->type == &type_tuple) {
        const obj_tuple_t *t = (const obj_tuple_t *)p;
        for (size_t i = 0; i < t->len; i++) {
            obj_t v = rt_type_lookup((const obj_type_t *)t->items[i], attr);
            if (v != OBJ_NULL) {
                return v;
            }
        }
        return OBJ_NULL;
    }
    return rt_type_lookup((const obj_type_t *)p, attr);
}

static void super_load(obj_t type, obj_t self, qstr_t attr, obj_t *dest) {
    dest[0] = OBJ_NULL;
    dest[1] = OBJ_NULL;
    if (!obj_isinstance(type, &type_type)) {
        rt_raise_msg(&type_TypeError, "super() argument 1 must be type");
    }
    obj_t member = super_lookup((const obj_type_t *)type, attr);
    if (member == OBJ_NULL) {
        return;
    }
    obj_t bind_to = bind_target(self, member);
    if (obj_is_type(member, &type_property)) {
        dest[0] = member;  // MicroPython's super() does not run property getters
        return;
    }
    rt_convert_member_lookup(bind_to, obj_get_type(self), member, dest);
}

static void super_attr(obj_t self_in, qstr_t attr, obj_t *dest) {
    if (dest[0] != OBJ_NULL) {
        return;
    }
    obj_super_t *s = (obj_super_t *)self_in;
    super_load(s->type, s->obj, attr, dest);
}

void rt_load_super_method(qstr_t attr, obj_t *dest) {
    obj_t type = dest[1], self = dest[2];
    super_load(type, self, attr, dest);
    if (dest[0] == OBJ_NULL) {
        rt_raise_msg(&type_AttributeError, "'super' object has no attribute '%q'", attr);
    }
}

static void super_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(kind);
    obj_super_t *s = (obj_super_t *)self;
    print_str(p, "<super: ");
    obj_print(p, s->type, PRINT_STR);
    print_str(p, ", ");
    obj_print(p, s->obj, PRINT_STR);
    print_str(p, ">");
}

const obj_type_t type_super = {
    .base = {&type_type},
    .name = MP_QSTR_super,
    .slots = &(const obj_type_slots_t){
        .print = super_print,
        .make_new = super_make_new,
        .attr = super_attr,
    },
};

/* ------------------------------------------------------------------------------------
 * staticmethod, classmethod, property.
 */
static obj_t static_class_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 1, 1, false);
    obj_static_class_method_t *o = m_new_obj(obj_static_class_method_t);
    o->base.type = type;
    o->fun = args[0];
    return o;
}

const obj_type_t type_staticmethod = {
    .base = {&type_type},
    .name = MP_QSTR_staticmethod,
    .slots = &(const obj_type_slots_t){
        .make_new = static_class_make_new,
    },
};

const obj_type_t type_classmethod = {
    .base = {&type_type},
    .name = MP_QSTR_classmethod,
    .slots = &(const obj_type_slots_t){
        .make_new = static_class_make_new,
    },
};

static obj_t property_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    UNUSED(type);
    static const qstr_t names[] = {MP_QSTR_fget, MP_QSTR_fset, MP_QSTR_fdel, MP_QSTR_doc};
    static const obj_t defaults[] = {ROM_NONE, ROM_NONE, ROM_NONE, ROM_NONE};
    obj_t vals[4];
    map_t kw;
    map_init_fixed(&kw, (const map_elem_t *)(args + n_args), n_kw);
    rt_arg_parse(n_args, args, &kw, 4, names, defaults, vals);
    obj_property_t *p = m_new_obj(obj_property_t);
    p->base.type = &type_property;
    mem_copy(p->proxy, vals, sizeof(p->proxy));
    return p;
}

static obj_t property_with(obj_t self, size_t i, obj_t f) {
    obj_property_t *p = m_new_obj(obj_property_t);
    *p = *(obj_property_t *)self;
    p->proxy[i] = f;
    return p;
}

static obj_t property_getter(obj_t self, obj_t f) {
    return property_with(self, 0, f);
}
static obj_t property_setter(obj_t self, obj_t f) {
    return property_with(self, 1, f);
}
static obj_t property_deleter(obj_t self, obj_t f) {
    return property_with(self, 2, f);
}
static FUN_OBJ_2(property_getter_obj, property_getter);
static FUN_OBJ_2(property_setter_obj, property_setter);
static FUN_OBJ_2(property_deleter_obj, property_deleter);

static const map_elem_t property_locals_table[] = {
    {ROM_QSTR(MP_QSTR_getter), ROM_PTR(&property_getter_obj)},
    {ROM_QSTR(MP_QSTR_setter), ROM_PTR(&property_setter_obj)},
    {ROM_QSTR(MP_QSTR_deleter), ROM_PTR(&property_deleter_obj)},
};
static DEFINE_CONST_DICT(property_locals_dict, property_locals_table);

const obj_type_t type_property = {
    .base = {&type_type},
    .name = MP_QSTR_property,
    .slots = &(const obj_type_slots_t){
        .make_new = property_make_new,
    },
    .locals_dict = &property_locals_dict,
};
