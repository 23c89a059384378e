// SPDX-License-Identifier: MIT
// objfloat.c: the float type: construction, printing, hashing and arithmetic.
#include <math.h>
#include <string.h>

#include "runtime/formatfloat.h"
#include "runtime/objfloat.h"
#include "runtime/objint.h"
#include "runtime/objstr.h"
#include "runtime/runtime.h"

size_t float_format(char *buf, mp_float_t x, char fmt, int prec, char sign, unsigned flags) {
#if CONFIG_FLOAT_DOUBLE
    return formatfloat_format(buf, x, fmt, prec, sign, flags);
#else
    return formatfloat_format_f(buf, x, fmt, prec, sign, flags);
#endif
}

size_t float_repr(char *buf, mp_float_t x, bool bare) {
    if (bare) {
        return float_format(buf, x, 'g', FORMATFLOAT_REPR, '\0', 0);
    }
#if CONFIG_FLOAT_DOUBLE
    return formatfloat_repr(buf, x);
#else
    return formatfloat_repr_f(buf, x);
#endif
}

bool float_parse(const char *s, size_t len, bool allow_imag, mp_float_t *out, bool *imag) {
#if CONFIG_FLOAT_DOUBLE
    return formatfloat_parse(s, len, allow_imag, out, imag);
#else
    return formatfloat_parse_f(s, len, allow_imag, out, imag);
#endif
}

obj_t obj_new_float(mp_float_t v) {
    obj_float_t *o = m_new_obj(obj_float_t);
    o->base.type = &type_float;
    o->value = v;
    return o;
}

obj_t obj_new_float_from_str(const char *s, size_t len) {
    mp_float_t v;
    bool imag = false;
    if (!float_parse(s, len, false, &v, &imag)) {
        rt_raise_msg(&type_ValueError, "invalid syntax for number");
    }
    return obj_new_float(v);
}

size_t float_hash(mp_float_t x) {
    if (isfinite(x) && x == MP_FLOAT(floor)(x) && MP_FLOAT(fabs)(x) < 1e18) {
        return (size_t)(mp_int_t)(long long)x;  // as the equal int hashes
    }
    size_t h = 0;
    byte b[sizeof(mp_float_t)];
    memcpy(b, &x, sizeof(x));
    for (size_t i = 0; i < sizeof(b); i++) {
        h = h * 31 + b[i];
    }
    return h;
}

static void float_print(const print_t *p, obj_t self, print_kind_t kind) {
    (void)kind;
    char buf[FORMATFLOAT_BUF_SIZE];
    size_t len = float_repr(buf, ((obj_float_t *)self)->value, false);
    print_strn(p, buf, len);
}

static obj_t float_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 1, false);
    if (n_args == 0) {
        return obj_new_float(0);
    }
    obj_t x = args[0];
    if (obj_is_float(x)) {
        return x;
    }
    size_t len;
    const byte *d = str_data_maybe(x, &len);
    if (d != NULL) {
        return obj_new_float_from_str((const char *)d, len);
    }
    mp_float_t v;
    if (obj_get_float_maybe(x, &v)) {
        return obj_new_float(v);
    }
    obj_t r = rt_unary_op(MP_UNARY_OP_FLOAT_MAYBE, x);
    if (r == OBJ_NULL) {
        rt_raise_msg(&type_TypeError, "can't convert %q to float", obj_type_name(x));
    }
    return r;
}

static obj_t float_unary_op(int op, obj_t self) {
    mp_float_t x = ((obj_float_t *)self)->value;
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(x != 0);
        case MP_UNARY_OP_POSITIVE:
        case MP_UNARY_OP_FLOAT_MAYBE:
            return self;
        case MP_UNARY_OP_NEGATIVE:
            return obj_new_float(-x);
        case MP_UNARY_OP_ABS:
            return obj_new_float(MP_FLOAT(fabs)(x));
        case MP_UNARY_OP_HASH:
            return OBJ_NEW_SMALL_INT((mp_int_t)(float_hash(x) & (size_t)SMALL_INT_MAX));
        case MP_UNARY_OP_INT_MAYBE:
            return int_from_float(x);
        default:
            return OBJ_NULL;
    }
}

// Python's float divmod: the remainder has the divisor's sign.
static void float_divmod(mp_float_t a, mp_float_t b, mp_float_t *q, mp_float_t *m) {
    if (b == 0) {
        rt_raise_msg(&type_ZeroDivisionError, "divide by zero");
    }
    mp_float_t mod = MP_FLOAT(fmod)(a, b);
    mp_float_t div = (a - mod) / b;
    if (mod != 0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1;
        }
    } else {
        mod = MP_FLOAT(copysign)((mp_float_t)0, b);
    }
    mp_float_t fdiv;
    if (div != 0) {
        fdiv = MP_FLOAT(floor)(div);
        if (div - fdiv > (mp_float_t)0.5) {
            fdiv += 1;
        }
    } else {
        fdiv = MP_FLOAT(copysign)((mp_float_t)0, a / b);
    }
    *q = fdiv;
    *m = mod;
}

obj_t float_binary_op_values(int op, mp_float_t a, mp_float_t b) {
    if (op >= MP_BINARY_OP_INPLACE_OR && op <= MP_BINARY_OP_INPLACE_POWER) {
        op += MP_BINARY_OP_INPLACE_DELTA;
    }
    mp_float_t q, m;
    switch (op) {
        case MP_BINARY_OP_ADD:
            return obj_new_float(a + b);
        case MP_BINARY_OP_SUBTRACT:
            return obj_new_float(a - b);
        case MP_BINARY_OP_MULTIPLY:
            return obj_new_float(a * b);
        case MP_BINARY_OP_TRUE_DIVIDE:
            if (b == 0) {
                rt_raise_msg(&type_ZeroDivisionError, "divide by zero");
            }
            return obj_new_float(a / b);
        case MP_BINARY_OP_FLOOR_DIVIDE:
            float_divmod(a, b, &q, &m);
            return obj_new_float(q);
        case MP_BINARY_OP_MODULO:
            float_divmod(a, b, &q, &m);
            return obj_new_float(m);
        case MP_BINARY_OP_DIVMOD: {
            float_divmod(a, b, &q, &m);
            obj_t pair[2] = {obj_new_float(q), obj_new_float(m)};
            return obj_new_tuple(2, pair);
        }
        case MP_BINARY_OP_POWER:
            if (a == 0 && b < 0) {
                rt_raise_msg(&type_ZeroDivisionError, "divide by zero");
            }
            if (a < 0 && b != MP_FLOAT(floor)(b) && isfinite(b)) {
                return complex_binary_op_values(op, a, 0, b, 0);
            }
            return obj_new_float(MP_FLOAT(pow)(a, b));
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
}

static obj_t float_binary_op(int op, obj_t lhs, obj_t rhs) {
    mp_float_t a = ((obj_float_t *)lhs)->value;
    if (obj_is_type(rhs, &type_complex)) {
        const obj_complex_t *c = rhs;
        return complex_binary_op_values(op, a, 0, c->real, c->imag);
    }
    mp_float_t b;
    if (!obj_get_float_maybe(rhs, &b)) {
        return OBJ_NULL;
    }
    if (op >= MP_BINARY_OP_REVERSE_OR) {
        // A reflected operator: rhs op self.
        return float_binary_op_values(op - MP_BINARY_OP_REVERSE_OR + MP_BINARY_OP_OR, b, a);
    }
    return float_binary_op_values(op, a, b);
}

const obj_type_t type_float = {
    .base = {&type_type},
    .name = MP_QSTR_float,
    .slots = &(const obj_type_slots_t){
        .print = float_print,
        .make_new = float_make_new,
        .unary_op = float_unary_op,
        .binary_op = float_binary_op,
    },
};
