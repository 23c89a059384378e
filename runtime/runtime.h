// SPDX-License-Identifier: MIT
// runtime.h: the operations the VM and the builtins share: raise, call, attributes, operators.
#ifndef RUNTIME_RUNTIME_H
#define RUNTIME_RUNTIME_H

#include "runtime/nlr.h"
#include "runtime/obj.h"
#include "runtime/opcodes.h"

/*
 * Raising. Every function here that can raise does so by nlr_jump (never returns an
 * error code). Messages follow MicroPython word for word.
 *   rt_raise_msg(&type_TypeError, "can't convert %s to int", "NoneType");
 * Format directives: those of print_printf (%d %s %q %r ...).
 */
NORETURN void rt_raise(obj_t exc);  // exc: an exception instance or class
NORETURN void rt_raise_msg(const obj_type_t *type, const char *fmt, ...);
NORETURN void rt_raise_type(const obj_type_t *type);  // no arguments
NORETURN void rt_raise_value(const obj_type_t *type, obj_t arg);  // one argument
NORETURN void rt_raise_TypeError_unsupported_binary(int op, obj_t lhs, obj_t rhs);
NORETURN void rt_raise_recursion_depth(void);
NORETURN void rt_raise_StopIteration(obj_t value);  // value OBJ_NULL: no argument

// Argument count checks for builtins (TypeError in MicroPython's wording).
void rt_arg_check_num(size_t n_args, size_t n_kw, size_t min, size_t max, bool takes_kw);

// Keyword argument parsing for FUN_OBJ_KW functions: allowed[i] names argument i;
// out[i] receives positional i or keyword allowed[i], or defaults[i] if neither.
void rt_arg_parse(size_t n_pos, const obj_t *pos, map_t *kw, size_t n_allowed,
                  const qstr_t *allowed, const obj_t *defaults, obj_t *out);

// Calls. args: n_args positional then n_kw (key, value) pairs (keys are str objects).
obj_t rt_call_function_0(obj_t fun);
obj_t rt_call_function_1(obj_t fun, obj_t arg);
obj_t rt_call_function_2(obj_t fun, obj_t arg1, obj_t arg2);
obj_t rt_call_function_n_kw(obj_t fun, size_t n_args, size_t n_kw, const obj_t *args);
// args[0] = function, args[1] = self or OBJ_NULL, then the arguments (as LOAD_METHOD leaves them).
obj_t rt_call_method_n_kw(size_t n_args, size_t n_kw, const obj_t *args);
// Calls with *args/**kwargs (CALL_*_VAR_KW). args as the VM holds them.
obj_t rt_call_method_n_kw_var(bool have_self, size_t n_args_n_kw, const obj_t *args);

// Attributes.
obj_t rt_load_attr(obj_t base, qstr_t attr);           // AttributeError if absent
obj_t rt_load_attr_maybe(obj_t base, qstr_t attr);     // OBJ_NULL if absent
void rt_load_method(obj_t base, qstr_t attr, obj_t *dest);   // dest[2]: fun, self/NULL
void rt_load_method_maybe(obj_t base, qstr_t attr, obj_t *dest);  // dest[0] NULL if absent
void rt_load_super_method(qstr_t attr, obj_t *dest);    // dest[0..1] = cls, self -> fun, self
void rt_store_attr(obj_t base, qstr_t attr, obj_t value);    // value OBJ_NULL: delete
// Looks up attr in a type's locals and bases (no binding); OBJ_NULL if absent.
obj_t rt_type_lookup(const obj_type_t *type, qstr_t attr);
// Binds a class attribute found for self: functions become bound pairs in dest.
void rt_convert_member_lookup(obj_t self, const obj_type_t *type, obj_t member, obj_t *dest);

// Operators (numbers in opcodes.h).
obj_t rt_unary_op(int op, obj_t arg);
obj_t rt_binary_op(int op, obj_t lhs, obj_t rhs);
bool rt_contains(obj_t container, obj_t item);   // `item in container`

// Floor division and modulo of small ints (b != 0), rounded as Python rounds.
static inline mp_int_t rt_floor_div(mp_int_t a, mp_int_t b) {
    return a / b - (a % b != 0 && (a ^ b) < 0);
}

static inline mp_int_t rt_floor_mod(mp_int_t a, mp_int_t b) {
    mp_int_t r = a % b;
    return r != 0 && (r ^ b) < 0 ? r + b : r;
}

NORETURN void rt_raise_small_int_op(int op, mp_int_t b);  // zero divisor, negative shift

// Binary operator op (or its in-place form) of two small ints: the result, or OBJ_NULL to
// take the general (big int) path. Inline: the VM's BINARY_OP runs it.
static inline obj_t rt_small_int_op(int op, mp_int_t a, mp_int_t b) {
    mp_int_t r;
    switch (op) {
        case MP_BINARY_OP_ADD:
        case MP_BINARY_OP_INPLACE_ADD:
            r = a + b;
            break;
        case MP_BINARY_OP_SUBTRACT:
        case MP_BINARY_OP_INPLACE_SUBTRACT:
            r = a - b;
            break;
        case MP_BINARY_OP_MULTIPLY:
        case MP_BINARY_OP_INPLACE_MULTIPLY:
            if (__builtin_mul_overflow(a, b, &r)) {
                return OBJ_NULL;
            }
            break;
        case MP_BINARY_OP_FLOOR_DIVIDE:
        case MP_BINARY_OP_INPLACE_FLOOR_DIVIDE:
            if (b == 0) {
                rt_raise_small_int_op(op, b);
            }
            r = rt_floor_div(a, b);  // only MIN // -1 leaves the range
            break;
        case MP_BINARY_OP_MODULO:
        case MP_BINARY_OP_INPLACE_MODULO:
            if (b == 0) {
                rt_raise_small_int_op(op, b);
            }
            return OBJ_NEW_SMALL_INT(rt_floor_mod(a, b));
        case MP_BINARY_OP_AND:
        case MP_BINARY_OP_INPLACE_AND:
            return OBJ_NEW_SMALL_INT(a & b);
        case MP_BINARY_OP_OR:
        case MP_BINARY_OP_INPLACE_OR:
            return OBJ_NEW_SMALL_INT(a | b);
        case MP_BINARY_OP_XOR:
        case MP_BINARY_OP_INPLACE_XOR:
            return OBJ_NEW_SMALL_INT(a ^ b);
        case MP_BINARY_OP_RSHIFT:
        case MP_BINARY_OP_INPLACE_RSHIFT:
            if (b < 0) {
                rt_raise_small_int_op(op, b);
            }
            return OBJ_NEW_SMALL_INT(b >= (mp_int_t)(8 * sizeof(mp_int_t)) ? (a < 0 ? -1 : 0) : a >> b);
        case MP_BINARY_OP_LSHIFT:
        case MP_BINARY_OP_INPLACE_LSHIFT:
            if (b < 0) {
                rt_raise_small_int_op(op, b);
            }
            if (b >= (mp_int_t)(8 * sizeof(mp_int_t) - 2)) {
                return OBJ_NULL;
            }
            r = (mp_int_t)((mp_uint_t)a << b);
            if ((r >> b) != a) {
                return OBJ_NULL;
            }
            break;
        case MP_BINARY_OP_LESS:
            return obj_bool(a < b);
        case MP_BINARY_OP_MORE:
            return obj_bool(a > b);
        case MP_BINARY_OP_LESS_EQUAL:
            return obj_bool(a <= b);
        case MP_BINARY_OP_MORE_EQUAL:
            return obj_bool(a >= b);
        case MP_BINARY_OP_EQUAL:
            return obj_bool(a == b);
        case MP_BINARY_OP_NOT_EQUAL:
            return obj_bool(a != b);
        default:
            return OBJ_NULL;
    }
    return SMALL_INT_FITS(r) ? OBJ_NEW_SMALL_INT(r) : OBJ_NULL;
}

// Iteration. rt_iternext returns OBJ_STOP_ITERATION when done (StopIteration is caught).
obj_t rt_getiter(obj_t o);
obj_t rt_iternext(obj_t iter);
obj_t rt_iternext_allow_raise(obj_t iter);  // may raise StopIteration instead
// Calls f(item) for each item (e.g. list(x), tuple(x), unpacking).
obj_t rt_list_from_iterable(obj_t iterable);  // always a new list

// Names. Globals of the running function and the builtins.
obj_t rt_load_global(qstr_t name);   // NameError
obj_t rt_load_name(qstr_t name);
obj_t rt_load_builtin_maybe(qstr_t name);
obj_dict_t *rt_globals_get(void);
void rt_globals_set(obj_dict_t *d);
obj_dict_t *rt_locals_get(void);
void rt_locals_set(obj_dict_t *d);

// Imports (objmodule.c).
obj_t rt_import_name(qstr_t name, obj_t fromlist, obj_t level);
obj_t rt_import_from(obj_t module, qstr_t name);
void rt_import_all(obj_t module);

// The exception an except/finally handler is handling, or OBJ_NULL (sys.exc_info()).
obj_t rt_current_exception(void);

// Recursion guard: raises RuntimeError when the C stack is too deep.
void rt_stack_check(void);

// Whole-program entry points (runtime.c).
void rt_init(void *heap_start, void *heap_end, int argc, char **argv);
void rt_deinit(void);

#endif // RUNTIME_RUNTIME_H
