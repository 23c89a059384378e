// SPDX-License-Identifier: MIT
// objexcept.c: the exception types, their instances, tracebacks and the traceback printer.
#include <string.h>

#include "runtime/runtime.h"

/*
 * An exception instance holds its args tuple and a traceback: triples (file qstr, line,
 * block qstr) appended as the exception propagates out of each frame, innermost first.
 * An instance of a user subclass keeps one of these as its native sub-object
 * (objtype.c); exc_native() finds it.
 */
typedef struct obj_exc_t {
    obj_base_t base;
    obj_t args;        // tuple
    size_t tb_len;     // words used in tb (3 per entry)
    size_t tb_alloc;
    size_t *tb;
} obj_exc_t;

obj_t obj_instance_get_native(obj_t o);

static obj_exc_t *exc_native(obj_t o) {
    return (obj_exc_t *)obj_instance_get_native(o);
}

static void exc_print(const print_t *p, obj_t self, print_kind_t kind) {
    obj_exc_t *e = exc_native(self);
    if (kind == PRINT_REPR || kind == PRINT_EXC) {
        print_printf(p, "%q", obj_type_name(self));
    }
    if (kind == PRINT_EXC) {
        print_str(p, ": ");
    }
    obj_tuple_t *args = (obj_tuple_t *)e->args;
    if (kind == PRINT_STR || kind == PRINT_EXC) {
        if (args->len == 0) {
            return;
        }
        if (args->len == 1) {
            obj_print(p, args->items[0], PRINT_STR);
            return;
        }
    }
    obj_print(p, e->args, PRINT_REPR);
}

obj_t obj_new_exception(const obj_type_t *type, size_t n_args, const obj_t *args) {
    obj_exc_t *e = m_new_obj(obj_exc_t);
    e->base.type = type;
    e->args = n_args == 0 ? obj_const_empty_tuple : obj_new_tuple(n_args, args);
    return e;
}

static obj_t exc_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 0xffff, false);
    return obj_new_exception(type, n_args, args);
}

obj_t obj_new_exception_msg_v(const obj_type_t *type, const char *fmt, va_list ap) {
    vstr_t v;
    vstr_init(&v, 32);
    print_t p;
    vstr_print(&p, &v);
    print_vprintf(&p, fmt, ap);
    obj_t msg = obj_str_from_vstr(&type_str, &v);
    return obj_new_exception(type, 1, &msg);
}

obj_t obj_new_exception_msg(const obj_type_t *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    obj_t e = obj_new_exception_msg_v(type, fmt, ap);
    va_end(ap);
    return e;
}

obj_t obj_exception_get_args(obj_t exc) {
    return exc_native(exc)->args;
}

obj_t obj_exception_get_value(obj_t exc) {
    obj_tuple_t *args = (obj_tuple_t *)exc_native(exc)->args;
    return args->len == 0 ? obj_none : args->items[0];
}

void obj_exception_add_traceback(obj_t exc, qstr_t file, size_t line, qstr_t block) {
    obj_exc_t *e = exc_native(exc);
    if (!obj_is_subclass(e->base.type, &type_BaseException)) {
        return;
    }
    if (e->tb_len + 3 > e->tb_alloc) {
        if (e->tb_alloc >= 3 * CONFIG_TRACEBACK_MAX) {
            return;
        }
        size_t alloc = e->tb_alloc == 0 ? 3 * 4 : e->tb_alloc * 2;
        size_t *tb = (size_t *)gc_alloc_maybe(alloc * sizeof(size_t));
        if (tb == NULL) {
            return;  // out of memory while raising: lose the traceback, keep the exception
        }
        if (e->tb_len > 0) {
            mem_copy(tb, e->tb, e->tb_len * sizeof(size_t));
        }
        e->tb = tb;
        e->tb_alloc = alloc;
    }
    e->tb[e->tb_len++] = file;
    e->tb[e->tb_len++] = line;
    e->tb[e->tb_len++] = block;
}

void obj_exception_clear_traceback(obj_t exc) {
    exc_native(exc)->tb_len = 0;
}

void obj_print_exception(const print_t *p, obj_t exc) {
    if (obj_is_exception(exc)) {
        obj_exc_t *e = exc_native(exc);
        if (e->tb_len > 0) {
            print_str(p, "Traceback (most recent call last):\n");
            for (size_t i = e->tb_len; i >= 3; i -= 3) {
                print_printf(p, "  File \"%q\", line %d", (qstr_t)e->tb[i - 3], (int)e->tb[i - 2]);
                if (e->tb[i - 1] == MP_QSTRnull) {
                    print_str(p, "\n");
                } else {
                    print_printf(p, ", in %q\n", (qstr_t)e->tb[i - 1]);
                }
            }
        }
    }
    obj_print(p, exc, PRINT_EXC);
    print_str(p, "\n");
}

static void exc_attr(obj_t self, qstr_t attr, obj_t *dest) {
    if (dest[0] != OBJ_NULL) {
        return;
    }
    obj_exc_t *e = exc_native(self);
    if (attr == MP_QSTR_args) {
        dest[0] = e->args;
    } else if (attr == MP_QSTR_value && obj_isinstance(self, &type_StopIteration)) {
        dest[0] = obj_exception_get_value(self);
    } else if (attr == MP_QSTR_errno && obj_isinstance(self, &type_OSError)) {
        dest[0] = obj_exception_get_value(self);
    }
}

static obj_t exc_init(size_t n_args, const obj_t *args) {
    exc_native(args[0])->args = obj_new_tuple(n_args - 1, args + 1);
    return obj_none;
}
static FUN_OBJ_VAR(exc_init_obj, 1, exc_init);

static const map_elem_t exc_locals_table[] = {
    {ROM_QSTR(MP_QSTR___init__), ROM_PTR(&exc_init_obj)},
};
static DEFINE_CONST_DICT(exc_locals_dict, exc_locals_table);

static const obj_type_slots_t exc_slots = {
    .print = exc_print,
    .make_new = exc_make_new,
    .attr = exc_attr,
};

#define EXC_PARENT_none NULL
#define EXC_DEFINE(exc_name, parent_name) \
    const obj_type_t type_##exc_name = { \
        .base = {&type_type}, \
        .flags = TYPE_FLAG_EXCEPTION, \
        .name = MP_QSTR_##exc_name, \
        .slots = &exc_slots, \
        .locals_dict = &exc_locals_dict, \
        .parent = EXC_PARENT(parent_name), \
    };
#define EXC_PARENT(p) EXC_PARENT_##p
#define EXC_PARENT_BaseException &type_BaseException
#define EXC_PARENT_Exception &type_Exception
#define EXC_PARENT_ArithmeticError &type_ArithmeticError
#define EXC_PARENT_LookupError &type_LookupError
#define EXC_PARENT_OSError &type_OSError
#define EXC_PARENT_RuntimeError &type_RuntimeError
#define EXC_PARENT_SyntaxError &type_SyntaxError
#define EXC_PARENT_ValueError &type_ValueError
EXCEPTION_LIST(EXC_DEFINE)
