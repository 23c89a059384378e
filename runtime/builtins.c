// SPDX-License-Identifier: MIT
// builtins.c: the builtin functions and the builtins namespace (the builtins module).
#include <math.h>
#include <string.h>

#include "runtime/bc.h"
#include "runtime/objfloat.h"
#include "runtime/runtime.h"
#include "runtime/state.h"


static obj_t builtin_abs(obj_t x) {
    return rt_unary_op(MP_UNARY_OP_ABS, x);
}
static FUN_OBJ_1(builtin_abs_obj, builtin_abs);

static obj_t builtin_all(obj_t iterable) {
    obj_t it = rt_getiter(iterable), x;
    while ((x = rt_iternext(it)) != OBJ_STOP_ITERATION) {
        if (!obj_is_true(x)) {
            return obj_false;
        }
    }
    return obj_true;
}
static FUN_OBJ_1(builtin_all_obj, builtin_all);

static obj_t builtin_any(obj_t iterable) {
    obj_t it = rt_getiter(iterable), x;
    while ((x = rt_iternext(it)) != OBJ_STOP_ITERATION) {
        if (obj_is_true(x)) {
            return obj_true;
        }
    }
    return obj_false;
}
static FUN_OBJ_1(builtin_any_obj, builtin_any);

// bin/oct/hex: "{:#b}".format(x) and friends, through str.format.
static obj_t format_int(obj_t x, const char *spec) {
    obj_t fmt = obj_new_str_from_cstr(spec);
    obj_t dest[3];
    rt_load_method(fmt, MP_QSTR_format, dest);
    dest[2] = x;
    return rt_call_method_n_kw(1, 0, dest);
}

static obj_t builtin_bin(obj_t x) {
    return format_int(x, "{:#b}");
}
static FUN_OBJ_1(builtin_bin_obj, builtin_bin);

static obj_t builtin_oct(obj_t x) {
    return format_int(x, "{:#o}");
}
static FUN_OBJ_1(builtin_oct_obj, builtin_oct);

static obj_t builtin_hex(obj_t x) {
    return format_int(x, "{:#x}");
}
static FUN_OBJ_1(builtin_hex_obj, builtin_hex);

static obj_t builtin_callable(obj_t x) {
    return obj_bool(obj_is_callable(x));
}
static FUN_OBJ_1(builtin_callable_obj, builtin_callable);

static obj_t builtin_chr(obj_t x) {
    mp_int_t c = obj_get_int(x);
    char buf[4];
    size_t n;
    if (c < 0 || c > 0x10ffff) {
        rt_raise_msg(&type_ValueError, "chr() arg not in range(0x110000)");
    } else if (c < 0x80) {
        buf[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        buf[0] = (char)(0xc0 | (c >> 6));
        buf[1] = (char)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        buf[0] = (char)(0xe0 | (c >> 12));
        buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        buf[2] = (char)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        buf[0] = (char)(0xf0 | (c >> 18));
        buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        buf[2] = (char)(0x80 | ((c >> 6) & 0x3f));
        buf[3] = (char)(0x80 | (c & 0x3f));
        n = 4;
    }
    return obj_new_str(buf, n);
}
static FUN_OBJ_1(builtin_chr_obj, builtin_chr);

static obj_t builtin_ord(obj_t x) {
    size_t len;
    const byte *s = (const byte *)obj_str_get_data(x, &len);
    if (!obj_is_str(x)) {
        if (len == 1) {
            return OBJ_NEW_SMALL_INT(s[0]);
        }
    } else if (len > 0) {
        mp_int_t c = s[0];
        size_t n = 1;
        if (c >= 0xc0) {
            n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
            c &= 0x3f >> (n - 1);
            for (size_t i = 1; i < n && i < len; i++) {
                c = (c << 6) | (s[i] & 0x3f);
            }
        }
        if (n == len) {
            return OBJ_NEW_SMALL_INT(c);
        }
    }
    rt_raise_msg(&type_TypeError, "ord() expected a character, but string of length %d found", (int)len);
}
static FUN_OBJ_1(builtin_ord_obj, builtin_ord);

static void dir_add_map(obj_t list, const map_t *m) {
    for (size_t i = 0; i < m->used; i++) {
        if (MAP_SLOT_IS_FILLED(m, i)) {
            obj_list_append(list, m->table[i].key);
        }
    }
}

static obj_t builtin_dir(size_t n_args, const obj_t *args) {
    obj_t list = obj_new_list(0, NULL);
    if (n_args == 0) {
        dir_add_map(list, &vm_state.locals->map);
    } else {
        obj_t o = args[0];
        obj_t d = rt_load_attr_maybe(o, MP_QSTR___dict__);
        if (d != OBJ_NULL && obj_is_type(d, &type_dict)) {
            dir_add_map(list, obj_dict_get_map(d));
        }
        const obj_type_t *t = obj_isinstance(o, &type_type) ? (const obj_type_t *)o : obj_get_type(o);
        const obj_dict_t *locals = obj_type_locals(t);
        if (locals != NULL && locals != d) {
            dir_add_map(list, &locals->map);
        }
    }
    obj_list_sort(list, OBJ_NULL, false);
    return list;
}
static FUN_OBJ_VAR_BETWEEN(builtin_dir_obj, 0, 1, builtin_dir);

static obj_t builtin_divmod(obj_t a, obj_t b) {
    return rt_binary_op(MP_BINARY_OP_DIVMOD, a, b);
}
static FUN_OBJ_2(builtin_divmod_obj, builtin_divmod);

static obj_t builtin_getattr(size_t n_args, const obj_t *args) {
    qstr_t attr = obj_str_get_qstr(args[1]);
    if (n_args == 2) {
        return rt_load_attr(args[0], attr);
    }
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        obj_t v = rt_load_attr(args[0], attr);
        nlr_pop();
        return v;
    }
    if (obj_isinstance(nlr.ret_val, &type_AttributeError)) {
        return args[2];
    }
    nlr_jump(nlr.ret_val);
}
static FUN_OBJ_VAR_BETWEEN(builtin_getattr_obj, 2, 3, builtin_getattr);

static obj_t builtin_setattr(obj_t o, obj_t attr, obj_t value) {
    rt_store_attr(o, obj_str_get_qstr(attr), value);
    return obj_none;
}
static FUN_OBJ_3(builtin_setattr_obj, builtin_setattr);

static obj_t builtin_delattr(obj_t o, obj_t attr) {
    rt_store_attr(o, obj_str_get_qstr(attr), OBJ_NULL);
    return obj_none;
}
static FUN_OBJ_2(builtin_delattr_obj, builtin_delattr);

static obj_t builtin_hasattr(obj_t o, obj_t attr) {
    qstr_t q = obj_str_get_qstr(attr);
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        obj_t v = rt_load_attr_maybe(o, q);
        nlr_pop();
        return obj_bool(v != OBJ_NULL);
    }
    if (obj_isinstance(nlr.ret_val, &type_AttributeError)) {
        return obj_false;
    }
    nlr_jump(nlr.ret_val);
}
static FUN_OBJ_2(builtin_hasattr_obj, builtin_hasattr);

static obj_t builtin_globals(void) {
    return vm_state.globals;
}
static FUN_OBJ_0(builtin_globals_obj, builtin_globals);

static obj_t builtin_locals(void) {
    return vm_state.locals;
}
static FUN_OBJ_0(builtin_locals_obj, builtin_locals);

static obj_t builtin_hash(obj_t o) {
    return rt_unary_op(MP_UNARY_OP_HASH, o);
}
static FUN_OBJ_1(builtin_hash_obj, builtin_hash);

static obj_t builtin_id(obj_t o) {
    return obj_new_int_from_uint((mp_uint_t)o);
}
static FUN_OBJ_1(builtin_id_obj, builtin_id);

static bool is_subclass_of(obj_t cls, obj_t classinfo) {
    if (obj_is_type(classinfo, &type_tuple)) {
        obj_tuple_t *t = (obj_tuple_t *)classinfo;
        for (size_t i = 0; i < t->len; i++) {
            if (is_subclass_of(cls, t->items[i])) {
                return true;
            }
        }
        return false;
    }
    if (!obj_isinstance(classinfo, &type_type)) {
        rt_raise_msg(&type_TypeError, "issubclass() arg 2 must be a class or a tuple of classes");
    }
    return obj_is_subclass((const obj_type_t *)cls, (const obj_type_t *)classinfo);
}

static obj_t builtin_isinstance(obj_t o, obj_t classinfo) {
    return obj_bool(is_subclass_of((obj_t)obj_get_type(o), classinfo));
}
static FUN_OBJ_2(builtin_isinstance_obj, builtin_isinstance);

static obj_t builtin_issubclass(obj_t cls, obj_t classinfo) {
    if (!obj_isinstance(cls, &type_type)) {
        rt_raise_msg(&type_TypeError, "issubclass() arg 1 must be a class");
    }
    return obj_bool(is_subclass_of(cls, classinfo));
}
static FUN_OBJ_2(builtin_issubclass_obj, builtin_issubclass);

static obj_t builtin_iter(obj_t o) {
    return rt_getiter(o);
}
static FUN_OBJ_1(builtin_iter_obj, builtin_iter);

static obj_t builtin_next(size_t n_args, const obj_t *args) {
    if (n_args == 1 && obj_is_type(args[0], &type_gen)) {
        return obj_gen_send(args[0], obj_none);  // StopIteration carries the return value
    }
    obj_t v = rt_iternext(args[0]);
    if (v == OBJ_STOP_ITERATION) {
        if (n_args > 1) {
            return args[1];
        }
        rt_raise_type(&type_StopIteration);
    }
    return v;
}
static FUN_OBJ_VAR_BETWEEN(builtin_next_obj, 1, 2, builtin_next);

static obj_t min_max(size_t n_args, const obj_t *args, map_t *kw, int op) {
    map_elem_t *ke = map_lookup(kw, OBJ_NEW_QSTR(MP_QSTR_key), MAP_LOOKUP);
    map_elem_t *de = map_lookup(kw, OBJ_NEW_QSTR(MP_QSTR_default), MAP_LOOKUP);
    obj_t key = ke == NULL ? obj_none : ke->value;
    obj_t best = OBJ_NULL, best_key = OBJ_NULL;
    obj_t it = n_args == 1 ? rt_getiter(args[0]) : rt_getiter(obj_new_tuple(n_args, args));
    obj_t x;
    while ((x = rt_iternext(it)) != OBJ_STOP_ITERATION) {
        obj_t k = key == obj_none ? x : rt_call_function_1(key, x);
        if (best == OBJ_NULL || obj_is_true(rt_binary_op(op, k, best_key))) {
            best = x;
            best_key = k;
        }
    }
    if (best == OBJ_NULL) {
        if (de != NULL) {
            return de->value;
        }
        rt_raise_msg(&type_ValueError, "arg is an empty sequence");
    }
    return best;
}

static obj_t builtin_max(size_t n_args, const obj_t *args, map_t *kw) {
    return min_max(n_args, args, kw, MP_BINARY_OP_MORE);
}
static FUN_OBJ_KW(builtin_max_obj, 1, builtin_max);

static obj_t builtin_min(size_t n_args, const obj_t *args, map_t *kw) {
    return min_max(n_args, args, kw, MP_BINARY_OP_LESS);
}
static FUN_OBJ_KW(builtin_min_obj, 1, builtin_min);

static obj_t builtin_sum(size_t n_args, const obj_t *args) {
    obj_t acc = n_args > 1 ? args[1] : OBJ_NEW_SMALL_INT(0);
    obj_t it = rt_getiter(args[0]), x;
    while ((x = rt_iternext(it)) != OBJ_STOP_ITERATION) {
        acc = rt_binary_op(MP_BINARY_OP_ADD, acc, x);
    }
    return acc;
}
static FUN_OBJ_VAR_BETWEEN(builtin_sum_obj, 1, 2, builtin_sum);

static obj_t builtin_pow(size_t n_args, const obj_t *args) {
    if (n_args == 2) {
        return rt_binary_op(MP_BINARY_OP_POWER, args[0], args[1]);
    }
    if (!obj_is_int(args[0]) || !obj_is_int(args[1]) || !obj_is_int(args[2])) {
        rt_raise_msg(&type_TypeError, "pow() with 3 arguments requires integers");
    }
    if (obj_equal(args[2], OBJ_NEW_SMALL_INT(0))) {
        rt_raise_msg(&type_ValueError, "divide by zero");
    }
    obj_t r = OBJ_NEW_SMALL_INT(1), base = rt_binary_op(MP_BINARY_OP_MODULO, args[0], args[2]);
    obj_t e = args[1], zero = OBJ_NEW_SMALL_INT(0), one = OBJ_NEW_SMALL_INT(1);
    if (obj_is_true(rt_binary_op(MP_BINARY_OP_LESS, e, zero))) {
        rt_raise_msg(&type_ValueError, "negative power with modulus");
    }
    while (obj_is_true(rt_binary_op(MP_BINARY_OP_MORE, e, zero))) {
        if (obj_is_true(rt_binary_op(MP_BINARY_OP_AND, e, one))) {
            r = rt_binary_op(MP_BINARY_OP_MODULO, rt_binary_op(MP_BINARY_OP_MULTIPLY, r, base), args[2]);
        }
        base = rt_binary_op(MP_BINARY_OP_MODULO, rt_binary_op(MP_BINARY_OP_MULTIPLY, base, base), args[2]);
        e = rt_binary_op(MP_BINARY_OP_RSHIFT, e, one);
    }
    return r;
}
static FUN_OBJ_VAR_BETWEEN(builtin_pow_obj, 2, 3, builtin_pow);

static obj_t builtin_len(obj_t o) {
    return obj_len(o);
}
static FUN_OBJ_1(builtin_len_obj, builtin_len);

static obj_t builtin_repr(obj_t o) {
    return obj_repr(o);
}
static FUN_OBJ_1(builtin_repr_obj, builtin_repr);

static obj_t round_int(obj_t x, mp_int_t digits) {
    if (digits >= 0) {
        return x;
    }
    // Round half to even at 10**-digits.
    obj_t m = OBJ_NEW_SMALL_INT(1);
    for (mp_int_t i = 0; i < -digits; i++) {
        m = rt_binary_op(MP_BINARY_OP_MULTIPLY, m, OBJ_NEW_SMALL_INT(10));
    }
    obj_t half = rt_binary_op(MP_BINARY_OP_FLOOR_DIVIDE, m, OBJ_NEW_SMALL_INT(2));
    obj_t q = rt_binary_op(MP_BINARY_OP_FLOOR_DIVIDE, x, m);
    obj_t r = rt_binary_op(MP_BINARY_OP_MODULO, x, m);
    bool up = obj_is_true(rt_binary_op(MP_BINARY_OP_MORE, r, half))
        || (obj_equal(r, half) && obj_is_true(rt_binary_op(MP_BINARY_OP_AND, q, OBJ_NEW_SMALL_INT(1))));
    if (up) {
        q = rt_binary_op(MP_BINARY_OP_ADD, q, OBJ_NEW_SMALL_INT(1));
    }
    return rt_binary_op(MP_BINARY_OP_MULTIPLY, q, m);
}

static obj_t builtin_round(size_t n_args, const obj_t *args) {
    obj_t x = args[0];
    if (obj_is_int(x) || x == obj_true || x == obj_false) {
        if (n_args == 1 || args[1] == obj_none) {
            return x == obj_true || x == obj_false ? OBJ_NEW_SMALL_INT(x == obj_true) : x;
        }
        return round_int(x, obj_get_int(args[1]));
    }
    if (!obj_is_float(x)) {
        obj_t meth = rt_load_attr_maybe(x, MP_QSTR___round__);
        if (meth != OBJ_NULL) {
            return rt_call_function_n_kw(meth, n_args - 1, 0, args + 1);
        }
    }
    mp_float_t v = obj_get_float(x);
    if (n_args == 1 || args[1] == obj_none) {
        if (isnan(v)) {
            rt_raise_msg(&type_ValueError, "cannot convert float NaN to integer");
        }
        if (isinf(v)) {
            rt_raise_msg(&type_OverflowError, "cannot convert float infinity to integer");
        }
        mp_float_t r = MP_FLOAT(nearbyint)(v);
        if (r >= -1e15 && r <= 1e15) {
            return obj_new_int_from_ll((long long)r);
        }
        return rt_unary_op(MP_UNARY_OP_INT_MAYBE, obj_new_float(r));
    }
    mp_int_t digits = obj_get_int(args[1]);
    if (digits > 300) {
        return obj_new_float(v);
    }
    mp_float_t mult = MP_FLOAT(pow)(10, (mp_float_t)digits);
    return obj_new_float(MP_FLOAT(nearbyint)(v * mult) / mult);
}
static FUN_OBJ_VAR_BETWEEN(builtin_round_obj, 1, 2, builtin_round);

static obj_t builtin_sorted(size_t n_args, const obj_t *args, map_t *kw) {
    if (n_args != 1) {
        rt_raise_msg(&type_TypeError, "must use keyword argument for key function");
    }
    obj_t list = rt_list_from_iterable(args[0]);
    map_elem_t *k = map_lookup(kw, OBJ_NEW_QSTR(MP_QSTR_key), MAP_LOOKUP);
    map_elem_t *r = map_lookup(kw, OBJ_NEW_QSTR(MP_QSTR_reverse), MAP_LOOKUP);
    obj_list_sort(list, k == NULL || k->value == obj_none ? OBJ_NULL : k->value,
        r != NULL && obj_is_true(r->value));
    return list;
}
static FUN_OBJ_KW(builtin_sorted_obj, 1, builtin_sorted);

static void print_to(obj_t file, obj_t s) {
    if (file == OBJ_NULL || file == obj_none) {
        obj_print(&print_stdout, s, PRINT_STR);
        return;
    }
    obj_t dest[3];
    rt_load_method(file, MP_QSTR_write, dest);
    dest[2] = s;
    rt_call_method_n_kw(1, 0, dest);
}

static obj_t builtin_print(size_t n_args, const obj_t *args, map_t *kw) {
    map_elem_t *e;
    obj_t sep = OBJ_NEW_QSTR(MP_QSTR_space), end = OBJ_NEW_QSTR(MP_QSTR_NEWLINE), file = OBJ_NULL;
    if ((e = map_lookup(kw, OBJ_NEW_QSTR(MP_QSTR_sep), MAP_LOOKUP)) != NULL && e->value != obj_none) {
        sep = e->value;
    }
    if ((e = map_lookup(kw, OBJ_NEW_QSTR(MP_QSTR_end), MAP_LOOKUP)) != NULL && e->value != obj_none) {
        end = e->value;
    }
    if ((e = map_lookup(kw, OBJ_NEW_QSTR(MP_QSTR_file), MAP_LOOKUP)) != NULL) {
        file = e->value;
    }
    if (file == OBJ_NULL || file == obj_none) {
        // Straight to the console: no str objects are built.
        for (size_t i = 0; i < n_args; i++) {
            if (i > 0) {
                obj_print(&print_stdout, sep, PRINT_STR);
            }
            obj_print(&print_stdout, args[i], PRINT_STR);
        }
        obj_print(&print_stdout, end, PRINT_STR);
        return obj_none;
    }
    for (size_t i = 0; i < n_args; i++) {
        if (i > 0) {
            print_to(file, sep);
        }
        print_to(file, obj_str(args[i]));
    }
    print_to(file, end);
    return obj_none;
}
static FUN_OBJ_KW(builtin_print_obj, 0, builtin_print);

static obj_t builtin_import(size_t n_args, const obj_t *args) {
    obj_t fromlist = n_args > 3 ? args[3] : obj_none;
    obj_t level = n_args > 4 ? args[4] : OBJ_NEW_SMALL_INT(0);
    return rt_import_name(obj_str_get_qstr(args[0]), fromlist, level);
}
static FUN_OBJ_VAR_BETWEEN(builtin_import_obj, 1, 5, builtin_import);

static obj_t builtin_no_compiler(size_t n_args, const obj_t *args) {
    UNUSED(n_args);
    UNUSED(args);
    rt_raise_msg(&type_NotImplementedError, "no compiler in the runtime: exec/eval/compile need one");
}
static FUN_OBJ_VAR_BETWEEN(builtin_exec_obj, 1, 3, builtin_no_compiler);

extern const obj_fun_builtin_t builtin___build_class___obj;
extern const obj_module_t module_builtins;

#define T(name) {ROM_QSTR(MP_QSTR_##name), ROM_PTR(&type_##name)}
#define F(name) {ROM_QSTR(MP_QSTR_##name), ROM_PTR(&builtin_##name##_obj)}
#define E(name, parent) T(name),
// A global that is not the module's is looked up here by a linear scan, so the names
// programs use most come first (dir(builtins) lists them in this order).
static const map_elem_t builtins_table[] = {
    T(range), F(len), F(print), F(isinstance), T(super), T(str), T(int), T(list), T(dict),
    T(enumerate), T(zip), F(min), F(max), F(abs), T(tuple), F(sorted), F(sum), T(type),
    T(float), T(bool), T(set), F(hasattr), F(getattr), F(iter), F(next), F(repr), F(chr),
    F(ord), T(map), T(filter), T(reversed), F(any), F(all), F(divmod), F(round), F(pow),
    T(bytes), T(bytearray), F(hex), F(id), F(hash), F(callable), F(setattr), T(object),
    T(property), T(staticmethod), T(classmethod), T(slice), T(frozenset), T(memoryview),
    T(complex), F(bin), F(oct), F(issubclass), F(delattr), F(dir), F(globals), F(locals),
    {ROM_QSTR(MP_QSTR___build_class__), ROM_PTR(&builtin___build_class___obj)},
    {ROM_QSTR(MP_QSTR___import__), ROM_PTR(&builtin_import_obj)},
    {ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_builtins)},
    {ROM_QSTR(MP_QSTR_Ellipsis), ROM_PTR(&obj_ellipsis)},
    {ROM_QSTR(MP_QSTR_NotImplemented), ROM_PTR(&obj_not_implemented)},
    {ROM_QSTR(MP_QSTR_exec), ROM_PTR(&builtin_exec_obj)},
    {ROM_QSTR(MP_QSTR_eval), ROM_PTR(&builtin_exec_obj)},
    EXCEPTION_LIST(E)
};
#undef T
#undef F
#undef E

DEFINE_CONST_DICT(builtins_dict, builtins_table);

const obj_module_t module_builtins = {{&type_module}, (obj_dict_t *)&builtins_dict};
