// SPDX-License-Identifier: MIT
// runtime.c: the slow paths of the VM: raising, operators, calls, attributes, iteration, names.
#include <string.h>

#include "runtime/bc.h"
#include "runtime/objfloat.h"
#include "runtime/port.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

vm_state_t vm_state;

NORETURN void vm_state_fatal(const char *msg) {
    port_console_write("FATAL: ", 7);
    port_console_write(msg, strlen(msg));
    port_console_write("\n", 1);
    port_exit(2);
}

/* ------------------------------------------------------------------------------------
 * Raising.
 */
NORETURN void rt_raise(obj_t exc) {
    if (obj_is_type(exc, &type_type)) {
        exc = rt_call_function_n_kw(exc, 0, 0, NULL);
    }
    if (!obj_is_exception(exc)) {
        exc = obj_new_exception_msg(&type_TypeError, "exceptions must derive from BaseException");
    }
    nlr_jump(exc);
}

NORETURN void rt_raise_msg(const obj_type_t *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    obj_t exc = obj_new_exception_msg_v(type, fmt, ap);
    va_end(ap);
    nlr_jump(exc);
}

NORETURN void rt_raise_type(const obj_type_t *type) {
    nlr_jump(obj_new_exception(type, 0, NULL));
}

NORETURN void rt_raise_value(const obj_type_t *type, obj_t arg) {
    nlr_jump(obj_new_exception(type, 1, &arg));
}

NORETURN void rt_raise_StopIteration(obj_t value) {
    if (value == OBJ_NULL) {
        rt_raise_type(&type_StopIteration);
    }
    rt_raise_value(&type_StopIteration, value);
}

NORETURN void rt_raise_recursion_depth(void) {
    rt_raise_msg(&type_RuntimeError, "maximum recursion depth exceeded");
}

static qstr_t binary_op_qstr(int op) {
    static const uint16_t names[] = {
#define OP_NAME(name, meth) MP_QSTR_##meth,
        BINARY_OP_LIST(OP_NAME)
#undef OP_NAME
    };
    return names[op];
}

static qstr_t unary_op_qstr(int op) {
    static const uint16_t names[] = {
#define OP_NAME(name, meth) MP_QSTR_##meth,
        UNARY_OP_LIST(OP_NAME)
#undef OP_NAME
    };
    return names[op];
}

NORETURN void rt_raise_TypeError_unsupported_binary(int op, obj_t lhs, obj_t rhs) {
    rt_raise_msg(&type_TypeError, "unsupported types for %q: '%q', '%q'", binary_op_qstr(op),
        obj_type_name(lhs), obj_type_name(rhs));
}

obj_t rt_current_exception(void) {
    return vm_state.cur_exception;
}

void rt_stack_check(void) {
    char here;
    if ((size_t)(vm_state.stack_top - &here) > vm_state.stack_limit) {
        rt_raise_recursion_depth();
    }
}

void rt_arg_check_num(size_t n_args, size_t n_kw, size_t min, size_t max, bool takes_kw) {
    if (n_kw > 0 && !takes_kw) {
        rt_raise_msg(&type_TypeError, "function doesn't take keyword arguments");
    }
    if (min == max && n_args != min) {
        rt_raise_msg(&type_TypeError, "function takes %d positional arguments but %d were given",
            (int)min, (int)n_args);
    }
    if (n_args < min) {
        rt_raise_msg(&type_TypeError, "function missing %d required positional arguments",
            (int)(min - n_args));
    }
    if (n_args > max) {
        rt_raise_msg(&type_TypeError, "function expected at most %d arguments, got %d",
            (int)max, (int)n_args);
    }
}

void rt_arg_parse(size_t n_pos, const obj_t *pos, map_t *kw, size_t n_allowed,
                  const qstr_t *allowed, const obj_t *defaults, obj_t *out) {
    if (n_pos > n_allowed) {
        rt_raise_msg(&type_TypeError, "function expected at most %d arguments, got %d",
            (int)n_allowed, (int)n_pos);
    }
    size_t used = 0;
    for (size_t i = 0; i < n_allowed; i++) {
        if (i < n_pos) {
            out[i] = pos[i];
            continue;
        }
        map_elem_t *e = kw == NULL ? NULL : map_lookup(kw, OBJ_NEW_QSTR(allowed[i]), MAP_LOOKUP);
        if (e != NULL) {
            out[i] = e->value;
            used++;
        } else {
            out[i] = defaults == NULL ? OBJ_NULL : defaults[i];
        }
    }
    if (kw != NULL && used < map_count(kw)) {
        rt_raise_msg(&type_TypeError, "unexpected keyword argument");
    }
}

/* ------------------------------------------------------------------------------------
 * Operators.
 */
obj_t rt_unary_op(int op, obj_t arg) {
    if (op == MP_UNARY_OP_NOT) {
        return obj_bool(!obj_is_true(arg));
    }
    if (OBJ_IS_SMALL_INT(arg)) {
        mp_int_t v = OBJ_SMALL_INT_VALUE(arg);
        switch (op) {
            case MP_UNARY_OP_BOOL:
                return obj_bool(v != 0);
            case MP_UNARY_OP_HASH:
            case MP_UNARY_OP_POSITIVE:
            case MP_UNARY_OP_INT_MAYBE:
                return arg;
            case MP_UNARY_OP_INVERT:
                return OBJ_NEW_SMALL_INT(~v);
            case MP_UNARY_OP_NEGATIVE:
                if (v != SMALL_INT_MIN) {
                    return OBJ_NEW_SMALL_INT(-v);
                }
                break;
            case MP_UNARY_OP_ABS:
                if (v != SMALL_INT_MIN) {
                    return OBJ_NEW_SMALL_INT(v < 0 ? -v : v);
                }
                break;
            default:
                break;
        }
    }
    if (op == MP_UNARY_OP_BOOL) {
        return obj_bool(obj_is_true(arg));
    }
    if (op == MP_UNARY_OP_HASH) {
        return OBJ_NEW_SMALL_INT(obj_hash(arg) & (SMALL_INT_MAX >> 1));
    }
    if (op == MP_UNARY_OP_LEN) {
        return obj_len(arg);
    }
    const obj_type_t *t = obj_get_type(arg);
    if (t->slots->unary_op != NULL) {
        obj_t r = t->slots->unary_op(op, arg);
        if (r != OBJ_NULL) {
            return r;
        }
    }
    if (op == MP_UNARY_OP_INT_MAYBE || op == MP_UNARY_OP_FLOAT_MAYBE || op == MP_UNARY_OP_COMPLEX_MAYBE) {
        return OBJ_NULL;
    }
    rt_raise_msg(&type_TypeError, "unsupported type for %q: '%q'", unary_op_qstr(op), t->name);
}

static bool exception_match(obj_t exc, obj_t cls) {
    if (obj_is_type(cls, &type_tuple)) {
        obj_tuple_t *t = (obj_tuple_t *)cls;
        for (size_t i = 0; i < t->len; i++) {
            if (exception_match(exc, t->items[i])) {
                return true;
            }
        }
        return false;
    }
    if (!obj_is_type(cls, &type_type) && !(OBJ_IS_PTR(cls) && obj_get_type(cls)->base.type == &type_type
            && obj_is_subclass(obj_get_type(cls), &type_type))) {
        return false;
    }
    const obj_type_t *et = obj_is_type(exc, &type_type) ? (const obj_type_t *)exc : obj_get_type(exc);
    return obj_is_subclass(et, (const obj_type_t *)cls);
}

static obj_t equality(int op, obj_t lhs, obj_t rhs) {
    bool ne = op == MP_BINARY_OP_NOT_EQUAL;
    if (lhs == rhs && !obj_is_type(lhs, &type_float)) {
        return obj_bool(!ne);
    }
    const obj_type_t *lt = obj_get_type(lhs), *rt = obj_get_type(rhs);
    if (ne && !(lt->flags & TYPE_FLAG_INSTANCE) && !(rt->flags & TYPE_FLAG_INSTANCE)) {
        return obj_bool(!obj_is_true(equality(MP_BINARY_OP_EQUAL, lhs, rhs)));
    }
    if (lt->slots->binary_op != NULL && !(lt->flags & TYPE_FLAG_EQ_BY_IDENTITY)) {
        obj_t r = lt->slots->binary_op(op, lhs, rhs);
        if (r != OBJ_NULL && r != obj_const_not_implemented) {
            return r;
        }
    }
    if (rt != lt && rt->slots->binary_op != NULL && !(rt->flags & TYPE_FLAG_EQ_BY_IDENTITY)) {
        obj_t r = rt->slots->binary_op(op, rhs, lhs);
        if (r != OBJ_NULL && r != obj_const_not_implemented) {
            return r;
        }
    }
    if (ne && (lt->flags & TYPE_FLAG_INSTANCE)) {
        return obj_bool(!obj_is_true(equality(MP_BINARY_OP_EQUAL, lhs, rhs)));
    }
    return obj_bool(ne ? lhs != rhs : lhs == rhs);
}

bool rt_contains(obj_t container, obj_t item) {
    const obj_type_t *t = obj_get_type(container);
    if (t->slots->binary_op != NULL) {
        obj_t r = t->slots->binary_op(MP_BINARY_OP_CONTAINS, container, item);
        if (r != OBJ_NULL) {
            return obj_is_true(r);
        }
    }
    if (t->slots->getiter == NULL && t->slots->iternext == NULL && t->slots->subscr == NULL
            && !(t->flags & TYPE_FLAG_INSTANCE)) {
        rt_raise_msg(&type_TypeError, "argument of type '%q' is not iterable", t->name);
    }
    obj_t it = rt_getiter(container);
    obj_t x;
    while ((x = rt_iternext(it)) != OBJ_STOP_ITERATION) {
        if (obj_equal(x, item)) {
            return true;
        }
    }
    return false;
}

void rt_raise_small_int_op(int op, mp_int_t b) {
    UNUSED(b);
    if (op == MP_BINARY_OP_RSHIFT || op == MP_BINARY_OP_INPLACE_RSHIFT
            || op == MP_BINARY_OP_LSHIFT || op == MP_BINARY_OP_INPLACE_LSHIFT) {
        rt_raise_msg(&type_ValueError, "negative shift count");
    }
    rt_raise_msg(&type_ZeroDivisionError, "divide by zero");
}

obj_t rt_binary_op(int op, obj_t lhs, obj_t rhs) {
    if (OBJ_IS_SMALL_INT(lhs) && OBJ_IS_SMALL_INT(rhs)) {
        obj_t r = rt_small_int_op(op, OBJ_SMALL_INT_VALUE(lhs), OBJ_SMALL_INT_VALUE(rhs));
        if (r != OBJ_NULL) {
            return r;
        }
    }
    switch (op) {
        case MP_BINARY_OP_IS:
            return obj_bool(lhs == rhs);
        case MP_BINARY_OP_EXCEPTION_MATCH:
            return obj_bool(exception_match(lhs, rhs));
        case MP_BINARY_OP_EQUAL:
        case MP_BINARY_OP_NOT_EQUAL:
            return equality(op, lhs, rhs);
        case MP_BINARY_OP_IN:
            return obj_bool(rt_contains(rhs, lhs));
        default:
            break;
    }
    // Float with float: what float's binary_op slot would do, without the dispatch.
    if (obj_is_type(lhs, &type_float) && obj_is_type(rhs, &type_float)) {
        obj_t r = float_binary_op_values(op, ((const obj_float_t *)lhs)->value,
                                         ((const obj_float_t *)rhs)->value);
        if (r != OBJ_NULL) {
            return r;
        }
    }
    // bool takes part in arithmetic as the int 0 or 1.
    if (lhs == obj_true || lhs == obj_false) {
        lhs = OBJ_NEW_SMALL_INT(lhs == obj_true);
    }
    if (rhs == obj_true || rhs == obj_false) {
        rhs = OBJ_NEW_SMALL_INT(rhs == obj_true);
    }
    const obj_type_t *lt = obj_get_type(lhs);
    if (lt->slots->binary_op != NULL) {
        obj_t r = lt->slots->binary_op(op, lhs, rhs);
        if (r != OBJ_NULL && r != obj_const_not_implemented) {
            return r;
        }
    }
    int plain = op;
    if (op >= MP_BINARY_OP_INPLACE_OR && op <= MP_BINARY_OP_INPLACE_POWER) {
        plain = op + MP_BINARY_OP_INPLACE_DELTA;
        if (lt->slots->binary_op != NULL) {
            obj_t r = lt->slots->binary_op(plain, lhs, rhs);
            if (r != OBJ_NULL && r != obj_const_not_implemented) {
                return r;
            }
        }
    }
    if (plain >= MP_BINARY_OP_OR && plain <= MP_BINARY_OP_POWER) {
        // Reflected operator on the right operand (__radd__ and friends).
        const obj_type_t *rt = obj_get_type(rhs);
        if (rt->slots->binary_op != NULL) {
            int rop = plain - MP_BINARY_OP_OR + MP_BINARY_OP_REVERSE_OR;
            obj_t r = rt->slots->binary_op(rop, rhs, lhs);
            if (r != OBJ_NULL && r != obj_const_not_implemented) {
                return r;
            }
        }
    } else if (plain >= MP_BINARY_OP_LESS && plain <= MP_BINARY_OP_MORE_EQUAL) {
        // Reflected comparison: a < b is b > a.
        static const byte swapped[] = {MP_BINARY_OP_MORE, MP_BINARY_OP_LESS, 0,
                                       MP_BINARY_OP_MORE_EQUAL, MP_BINARY_OP_LESS_EQUAL};
        const obj_type_t *rt = obj_get_type(rhs);
        if (rt->slots->binary_op != NULL && rt != lt && (rt->flags & TYPE_FLAG_INSTANCE)) {
            obj_t r = rt->slots->binary_op(swapped[plain], rhs, lhs);
            if (r != OBJ_NULL && r != obj_const_not_implemented) {
                return r;
            }
        }
    }
    if (plain == MP_BINARY_OP_DIVMOD) {
        obj_t pair[2] = {rt_binary_op(MP_BINARY_OP_FLOOR_DIVIDE, lhs, rhs),
                         rt_binary_op(MP_BINARY_OP_MODULO, lhs, rhs)};
        return obj_new_tuple(2, pair);
    }
    rt_raise_TypeError_unsupported_binary(op, lhs, rhs);
}

/* ------------------------------------------------------------------------------------
 * Calls.
 */
obj_t rt_call_function_n_kw(obj_t fun, size_t n_args, size_t n_kw, const obj_t *args) {
    // An object's type is its first word; a function immediate (most defs) is tested
    // first among the other words (obj_get_type tests it after small ints and names).
    const obj_type_t *t = OBJ_IS_PTR(fun) || !OBJ_IS_FUN_IMM(fun) ? obj_get_type(fun)
                                                                  : obj_fun_imm_type(fun);
    if (t->slots->call != NULL) {
        return t->slots->call(fun, n_args, n_kw, args);
    }
    rt_raise_msg(&type_TypeError, "'%q' object isn't callable", t->name);
}

obj_t rt_call_function_0(obj_t fun) {
    return rt_call_function_n_kw(fun, 0, 0, NULL);
}

obj_t rt_call_function_1(obj_t fun, obj_t arg) {
    return rt_call_function_n_kw(fun, 1, 0, &arg);
}

obj_t rt_call_function_2(obj_t fun, obj_t arg1, obj_t arg2) {
    obj_t args[2] = {arg1, arg2};
    return rt_call_function_n_kw(fun, 2, 0, args);
}

obj_t rt_call_method_n_kw(size_t n_args, size_t n_kw, const obj_t *args) {
    if (args[1] == OBJ_NULL) {
        return rt_call_function_n_kw(args[0], n_args, n_kw, args + 2);
    }
    return rt_call_function_n_kw(args[0], n_args + 1, n_kw, args + 1);
}

typedef struct {
    obj_t *items;
    size_t len, alloc;
} argbuf_t;

static void argbuf_add(argbuf_t *b, obj_t o) {
    if (b->len == b->alloc) {
        b->alloc = b->alloc * 2 + 8;
        b->items = m_renew(obj_t, b->items, b->alloc);
    }
    b->items[b->len++] = o;
}

static void add_kw_mapping(argbuf_t *kw, obj_t mapping) {
    if (obj_is_type(mapping, &type_dict)) {
        map_t *m = obj_dict_get_map(mapping);
        for (size_t i = 0; i < m->used; i++) {
            if (MAP_SLOT_IS_FILLED(m, i)) {
                argbuf_add(kw, obj_str_intern(m->table[i].key));
                argbuf_add(kw, m->table[i].value);
            }
        }
        return;
    }
    obj_t keys = rt_call_method_n_kw(0, 0, (obj_t[2]){rt_load_attr(mapping, MP_QSTR_keys), OBJ_NULL});
    obj_t it = rt_getiter(keys), k;
    while ((k = rt_iternext(it)) != OBJ_STOP_ITERATION) {
        argbuf_add(kw, obj_str_intern(k));
        argbuf_add(kw, obj_subscr(mapping, k, OBJ_SENTINEL));
    }
}

obj_t rt_call_method_n_kw_var(bool have_self, size_t n_args_n_kw, const obj_t *args) {
    size_t n_args = n_args_n_kw & 0xff, n_kw = (n_args_n_kw >> 8) & 0xff;
    obj_t fun = args[0];
    const obj_t *a = args + 1;
    argbuf_t pos = {NULL, 0, 0}, kw = {NULL, 0, 0};
    if (have_self) {
        if (args[1] != OBJ_NULL) {
            argbuf_add(&pos, args[1]);
        }
        a++;
    }
    mp_uint_t bitmap = (mp_uint_t)OBJ_SMALL_INT_VALUE(a[n_args + 2 * n_kw]);
    for (size_t i = 0; i < n_args; i++) {
        if (i < 8 * sizeof(mp_uint_t) && (bitmap >> i) & 1) {
            obj_t it = rt_getiter(a[i]), x;
            while ((x = rt_iternext(it)) != OBJ_STOP_ITERATION) {
                argbuf_add(&pos, x);
            }
        } else {
            argbuf_add(&pos, a[i]);
        }
    }
    for (size_t i = 0; i < n_kw; i++) {
        obj_t k = a[n_args + 2 * i], v = a[n_args + 2 * i + 1];
        if (k == OBJ_NULL) {
            add_kw_mapping(&kw, v);
        } else {
            argbuf_add(&kw, k);
            argbuf_add(&kw, v);
        }
    }
    size_t np = pos.len;
    for (size_t i = 0; i < kw.len; i++) {
        argbuf_add(&pos, kw.items[i]);
    }
    return rt_call_function_n_kw(fun, np, kw.len / 2, pos.items);
}

/* ------------------------------------------------------------------------------------
 * Attributes.
 */
static obj_t dict_lookup_qstr(const obj_dict_t *d, qstr_t attr) {
    map_elem_t *e = map_lookup((map_t *)&d->map, OBJ_NEW_QSTR(attr), MAP_LOOKUP);
    return e == NULL ? OBJ_NULL : e->value;
}

obj_t rt_type_lookup(const obj_type_t *type, qstr_t attr) {
    for (;;) {
        const obj_dict_t *locals = obj_type_locals(type);
        if (locals != NULL) {
            obj_t v = dict_lookup_qstr(locals, attr);
            if (v != OBJ_NULL) {
                return v;
            }
        }
        if (type->parent == NULL) {
            break;
        }
        const obj_base_t *p = (const obj_base_t *)type->parent;
        if (p->type == &type_tuple) {
            // Several bases: depth-first, left to right (MicroPython's order, no C3).
            const obj_tuple_t *bases = (const obj_tuple_t *)p;
            for (size_t i = 0; i + 1 < bases->len; i++) {
                obj_t v = rt_type_lookup((const obj_type_t *)bases->items[i], attr);
                if (v != OBJ_NULL) {
                    return v;
                }
            }
            if (bases->len == 0) {
                break;
            }
            type = (const obj_type_t *)bases->items[bases->len - 1];
        } else {
            type = (const obj_type_t *)p;
        }
    }
    if (type != &type_object && type_object.locals_dict != NULL) {
        return dict_lookup_qstr(type_object.locals_dict, attr);
    }
    return OBJ_NULL;
}

void rt_convert_member_lookup(obj_t self, const obj_type_t *type, obj_t member, obj_t *dest) {
    const obj_type_t *mt = obj_get_type(member);
    if (mt == &type_staticmethod) {
        dest[0] = ((obj_static_class_method_t *)member)->fun;
    } else if (mt == &type_classmethod) {
        dest[0] = ((obj_static_class_method_t *)member)->fun;
        dest[1] = (obj_t)type;
    } else if (mt->flags & TYPE_FLAG_BINDS_SELF) {
        dest[0] = member;
        dest[1] = self;
    } else if (mt == &type_property) {
        obj_t fget = ((obj_property_t *)member)->proxy[0];
        if (fget == obj_none) {
            rt_raise_msg(&type_AttributeError, "unreadable attribute");
        }
        dest[0] = rt_call_function_1(fget, self);
    } else if ((mt->flags & TYPE_FLAG_INSTANCE) && rt_type_lookup(mt, MP_QSTR___get__) != OBJ_NULL) {
        obj_t args[4] = {rt_type_lookup(mt, MP_QSTR___get__), member, self, (obj_t)type};
        dest[0] = rt_call_method_n_kw(2, 0, args);
    } else {
        dest[0] = member;
    }
}

void rt_load_method_maybe(obj_t base, qstr_t attr, obj_t *dest) {
    dest[0] = OBJ_NULL;
    dest[1] = OBJ_NULL;
    const obj_type_t *t = obj_get_type(base);
    if (t->slots->attr != NULL) {
        t->slots->attr(base, attr, dest);
        if (dest[0] != OBJ_NULL || (t->flags & TYPE_FLAG_INSTANCE)) {
            return;
        }
    }
    if (attr == MP_QSTR___class__) {
        dest[0] = (obj_t)t;
        return;
    }
    obj_t member = rt_type_lookup(t, attr);
    if (member != OBJ_NULL) {
        rt_convert_member_lookup(base, t, member, dest);
    }
}

NORETURN static void raise_no_attr(obj_t base, qstr_t attr) {
    if (obj_get_type(base)->name == MP_QSTR_module) {
        obj_t name = rt_load_attr_maybe(base, MP_QSTR___name__);
        if (name != OBJ_NULL && obj_is_str(name)) {
            rt_raise_msg(&type_AttributeError, "module '%s' has no attribute '%q'",
                obj_str_get_cstr(name), attr);
        }
    }
    if (obj_isinstance(base, &type_type)) {
        rt_raise_msg(&type_AttributeError, "type object '%q' has no attribute '%q'",
            ((const obj_type_t *)base)->name, attr);
    }
    rt_raise_msg(&type_AttributeError, "'%q' object has no attribute '%q'", obj_type_name(base), attr);
}

void rt_load_method(obj_t base, qstr_t attr, obj_t *dest) {
    rt_load_method_maybe(base, attr, dest);
    if (dest[0] == OBJ_NULL) {
        raise_no_attr(base, attr);
    }
}

obj_t rt_load_attr_maybe(obj_t base, qstr_t attr) {
    obj_t dest[2];
    rt_load_method_maybe(base, attr, dest);
    if (dest[1] != OBJ_NULL) {
        return obj_new_bound_meth(dest[0], dest[1]);
    }
    return dest[0];
}

obj_t rt_load_attr(obj_t base, qstr_t attr) {
    obj_t v = rt_load_attr_maybe(base, attr);
    if (v == OBJ_NULL) {
        raise_no_attr(base, attr);
    }
    return v;
}

void rt_store_attr(obj_t base, qstr_t attr, obj_t value) {
    const obj_type_t *t = obj_get_type(base);
    if (t->slots->attr != NULL) {
        obj_t dest[2] = {OBJ_SENTINEL, value};
        t->slots->attr(base, attr, dest);
        if (dest[0] == OBJ_NULL) {
            return;
        }
    }
    if (value == OBJ_NULL) {
        raise_no_attr(base, attr);
    }
    rt_raise_msg(&type_AttributeError, "'%q' object has no attribute '%q'", t->name, attr);
}

/* ------------------------------------------------------------------------------------
 * Iteration.
 */
typedef struct {
    obj_base_t base;
    obj_t seq;
    mp_int_t index;
} obj_getitem_iter_t;

static obj_t getitem_iternext(obj_t self_in) {
    obj_getitem_iter_t *self = (obj_getitem_iter_t *)self_in;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        obj_t v = obj_subscr(self->seq, OBJ_NEW_SMALL_INT(self->index), OBJ_SENTINEL);
        nlr_pop();
        self->index++;
        return v;
    }
    if (obj_isinstance(nlr.ret_val, &type_IndexError) || obj_isinstance(nlr.ret_val, &type_StopIteration)) {
        return OBJ_STOP_ITERATION;
    }
    nlr_jump(nlr.ret_val);
}

static const obj_type_t type_getitem_iter = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_iterator,
    .slots = &(const obj_type_slots_t){
        .iternext = getitem_iternext,
    },
};

obj_t rt_getiter(obj_t o) {
    const obj_type_t *t = obj_get_type(o);
    if (t->slots->getiter != NULL) {
        obj_t it = t->slots->getiter(o);
        if (it != OBJ_NULL) {
            return it;
        }
    } else if (t->flags & TYPE_FLAG_ITER_IS_SELF) {
        return o;
    }
    if (t->slots->subscr != NULL && t != &type_dict) {
        obj_getitem_iter_t *it = m_new_obj(obj_getitem_iter_t);
        it->base.type = &type_getitem_iter;
        it->seq = o;
        it->index = 0;
        return it;
    }
    rt_raise_msg(&type_TypeError, "'%q' object isn't iterable", t->name);
}

obj_t rt_iternext_allow_raise(obj_t iter) {
    const obj_type_t *t = obj_get_type(iter);
    if (t->slots->iternext == NULL) {
        rt_raise_msg(&type_TypeError, "'%q' object isn't an iterator", t->name);
    }
    return t->slots->iternext(iter);
}

obj_t rt_iternext(obj_t iter) {
    const obj_type_t *t = obj_get_type(iter);
    if (!(t->flags & TYPE_FLAG_INSTANCE)) {
        return rt_iternext_allow_raise(iter);
    }
    // A user __next__ ends by raising StopIteration.
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        obj_t v = rt_iternext_allow_raise(iter);
        nlr_pop();
        return v;
    }
    if (obj_isinstance(nlr.ret_val, &type_StopIteration)) {
        return OBJ_STOP_ITERATION;
    }
    nlr_jump(nlr.ret_val);
}

obj_t rt_list_from_iterable(obj_t iterable) {
    obj_t list = obj_new_list(0, NULL);
    obj_t it = rt_getiter(iterable), x;
    while ((x = rt_iternext(it)) != OBJ_STOP_ITERATION) {
        obj_list_append(list, x);
    }
    return list;
}

/* ------------------------------------------------------------------------------------
 * Names.
 */
obj_dict_t *rt_globals_get(void) {
    return vm_state.globals;
}

void rt_globals_set(obj_dict_t *d) {
    vm_state.globals = d;
}

obj_dict_t *rt_locals_get(void) {
    return vm_state.locals;
}

void rt_locals_set(obj_dict_t *d) {
    vm_state.locals = d;
}

extern const obj_dict_t builtins_dict;

obj_t rt_load_builtin_maybe(qstr_t name) {
    return dict_lookup_qstr(&builtins_dict, name);
}

obj_t rt_load_global(qstr_t name) {
    obj_t v = dict_lookup_qstr(vm_state.globals, name);
    if (v == OBJ_NULL) {
        v = rt_load_builtin_maybe(name);
        if (v == OBJ_NULL) {
            rt_raise_msg(&type_NameError, "name '%q' isn't defined", name);
        }
    }
    return v;
}

obj_t rt_load_name(qstr_t name) {
    if (vm_state.locals != vm_state.globals) {
        obj_t v = dict_lookup_qstr(vm_state.locals, name);
        if (v != OBJ_NULL) {
            return v;
        }
    }
    return rt_load_global(name);
}

/* ------------------------------------------------------------------------------------
 * Start and end.
 */
void rt_init(void *heap_start, void *heap_end, int argc, char **argv) {
    char here;
    nlr_buf_t *top = vm_state.nlr_top;
    char *stack_top = vm_state.stack_top;
    const void *image = vm_state.image;
    size_t image_len = vm_state.image_len;
    memset(&vm_state, 0, sizeof(vm_state));
    vm_state.nlr_top = top;
    vm_state.stack_top = stack_top != NULL ? stack_top : &here;
    vm_state.image = image;
    vm_state.image_len = image_len;
    vm_state.stack_limit = CONFIG_STACK_LIMIT;
    gc_init(heap_start, heap_end);
    qstr_init();
    vm_state.memory_error = obj_new_exception(&type_MemoryError, 0, NULL);
    vm_state.modules = obj_new_dict(8);
    vm_state.sys_path = obj_new_list(0, NULL);
    vm_state.sys_argv = obj_new_list(0, NULL);
    for (int i = 0; i < argc; i++) {
        obj_list_append(vm_state.sys_argv, obj_new_str_from_cstr(argv[i]));
    }
    vm_state.globals = (obj_dict_t *)obj_new_dict(4);
    vm_state.locals = vm_state.globals;
}

void rt_deinit(void) {
    vm_state.nlr_top = NULL;
}
