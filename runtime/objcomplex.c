// SPDX-License-Identifier: MIT
// objcomplex.c: the complex type: construction, printing, arithmetic, real/imag.
#include <math.h>

#include "runtime/formatfloat.h"
#include "runtime/objfloat.h"
#include "runtime/objstr.h"
#include "runtime/runtime.h"

obj_t obj_new_complex(mp_float_t real, mp_float_t imag) {
    obj_complex_t *o = m_new_obj(obj_complex_t);
    o->base.type = &type_complex;
    o->real = real;
    o->imag = imag;
    return o;
}

// "(re+imj)", or "imj" when the real part is zero; parts print as repr without ".0".
static void complex_print(const print_t *p, obj_t self, print_kind_t kind) {
    (void)kind;
    const obj_complex_t *c = self;
    char buf[FORMATFLOAT_BUF_SIZE];
    size_t len;
    if (c->real == 0) {
        len = float_repr(buf, c->imag, true);
        print_strn(p, buf, len);
        print_strn(p, "j", 1);
        return;
    }
    len = float_repr(buf, c->real, true);
    print_strn(p, "(", 1);
    print_strn(p, buf, len);
    if (c->imag >= 0 || isnan(c->imag)) {
        print_strn(p, "+", 1);
    }
    len = float_repr(buf, c->imag, true);
    print_strn(p, buf, len);
    print_strn(p, "j)", 2);
}

// A real number or a complex as its two parts; false for anything else.
static bool complex_parts(obj_t o, mp_float_t *re, mp_float_t *im) {
    if (obj_is_type(o, &type_complex)) {
        *re = ((obj_complex_t *)o)->real;
        *im = ((obj_complex_t *)o)->imag;
        return true;
    }
    *im = 0;
    return obj_get_float_maybe(o, re);
}

// complex("1.5"), complex("2j"), complex("1+2j"), complex(" (1-2j) ").
static obj_t complex_from_text(const char *s, size_t len) {
    while (len > 0 && (*s == ' ' || *s == '(')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == ')')) {
        len--;
    }
    bool imag = false;
    mp_float_t v, w;
    if (float_parse(s, len, true, &v, &imag)) {
        return imag ? obj_new_complex(0, (mp_float_t)v) : obj_new_complex((mp_float_t)v, 0);
    }
    // real part, then a signed imaginary part: split at the last sign not in an exponent
    for (size_t i = len; i-- > 1;) {
        if ((s[i] == '+' || s[i] == '-') && s[i - 1] != 'e' && s[i - 1] != 'E') {
            bool imag2 = false;
            if (float_parse(s, i, false, &v, &imag) &&
                float_parse(s + i, len - i, true, &w, &imag2) && imag2) {
                return obj_new_complex((mp_float_t)v, (mp_float_t)w);
            }
            break;
        }
    }
    rt_raise_msg(&type_ValueError, "invalid syntax for number");
}

static obj_t complex_make_new(const obj_type_t *type, size_t n_args, size_t n_kw,
                              const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 2, false);
    mp_float_t re = 0, im = 0, re2, im2;
    if (n_args >= 1) {
        size_t len;
        const byte *d = obj_is_str(args[0]) ? str_data_maybe(args[0], &len) : NULL;
        if (d != NULL) {
            return complex_from_text((const char *)d, len);
        }
        if (!complex_parts(args[0], &re, &im)) {
            rt_raise_msg(&type_TypeError, "can't convert %q to complex", obj_type_name(args[0]));
        }
    }
    if (n_args == 2) {
        if (!complex_parts(args[1], &re2, &im2)) {
            rt_raise_msg(&type_TypeError, "can't convert %q to complex", obj_type_name(args[1]));
        }
        re -= im2;
        im += re2;
    }
    return obj_new_complex(re, im);
}

static obj_t complex_unary_op(int op, obj_t self) {
    const obj_complex_t *c = self;
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(c->real != 0 || c->imag != 0);
        case MP_UNARY_OP_POSITIVE:
            return self;
        case MP_UNARY_OP_NEGATIVE:
            return obj_new_complex(-c->real, -c->imag);
        case MP_UNARY_OP_ABS:
            return obj_new_float(MP_FLOAT(hypot)(c->real, c->imag));
        case MP_UNARY_OP_HASH:
            return OBJ_NEW_SMALL_INT((mp_int_t)((float_hash(c->real) ^ (float_hash(c->imag) * 1000003))
                                                & (size_t)SMALL_INT_MAX));
        default:
            return OBJ_NULL;
    }
}

static obj_t complex_power(mp_float_t ar, mp_float_t ai, mp_float_t br, mp_float_t bi) {
    if (br == 0 && bi == 0) {
        return obj_new_complex(1, 0);
    }
    if (ar == 0 && ai == 0) {
        if (bi != 0 || br < 0) {
            rt_raise_msg(&type_ZeroDivisionError, "0.0 to a complex power");
        }
        return obj_new_complex(0, 0);
    }
    mp_float_t ln_abs = MP_FLOAT(log)(MP_FLOAT(hypot)(ar, ai));
    mp_float_t arg = MP_FLOAT(atan2)(ai, ar);
    mp_float_t x3 = MP_FLOAT(exp)(br * ln_abs - bi * arg);
    mp_float_t y3 = bi * ln_abs + br * arg;
    return obj_new_complex(x3 * MP_FLOAT(cos)(y3), x3 * MP_FLOAT(sin)(y3));
}

obj_t complex_binary_op_values(int op, mp_float_t ar, mp_float_t ai, mp_float_t br,
                               mp_float_t bi) {
    if (op >= MP_BINARY_OP_INPLACE_OR && op <= MP_BINARY_OP_INPLACE_POWER) {
        op += MP_BINARY_OP_INPLACE_DELTA;
    }
    switch (op) {
        case MP_BINARY_OP_ADD:
            return obj_new_complex(ar + br, ai + bi);
        case MP_BINARY_OP_SUBTRACT:
            return obj_new_complex(ar - br, ai - bi);
        case MP_BINARY_OP_MULTIPLY:
            return obj_new_complex(ar * br - ai * bi, ar * bi + ai * br);
        case MP_BINARY_OP_TRUE_DIVIDE: {
            if (br == 0 && bi == 0) {
                rt_raise_msg(&type_ZeroDivisionError, "complex divide by zero");
            }
            mp_float_t d = br * br + bi * bi;
            return obj_new_complex((ar * br + ai * bi) / d, (ai * br - ar * bi) / d);
        }
        case MP_BINARY_OP_POWER:
            return complex_power(ar, ai, br, bi);
        case MP_BINARY_OP_EQUAL:
            return obj_bool(ar == br && ai == bi);
        case MP_BINARY_OP_NOT_EQUAL:
            return obj_bool(ar != br || ai != bi);
        default:
            return OBJ_NULL;
    }
}

static obj_t complex_binary_op(int op, obj_t lhs, obj_t rhs) {
    const obj_complex_t *a = lhs;
    mp_float_t br, bi;
    if (!complex_parts(rhs, &br, &bi)) {
        return OBJ_NULL;
    }
    if (op >= MP_BINARY_OP_REVERSE_OR) {
        int plain = op - MP_BINARY_OP_REVERSE_OR + MP_BINARY_OP_OR;
        return complex_binary_op_values(plain, br, bi, a->real, a->imag);
    }
    return complex_binary_op_values(op, a->real, a->imag, br, bi);
}

static void complex_attr(obj_t self, qstr_t attr, obj_t *dest) {
    if (dest[0] != OBJ_NULL) {
        return;  // attributes are read-only
    }
    const obj_complex_t *c = self;
    if (attr == MP_QSTR_real) {
        dest[0] = obj_new_float(c->real);
    } else if (attr == MP_QSTR_imag) {
        dest[0] = obj_new_float(c->imag);
    }
}

const obj_type_t type_complex = {
    .base = {&type_type},
    .name = MP_QSTR_complex,
    .slots = &(const obj_type_slots_t){
        .print = complex_print,
        .make_new = complex_make_new,
        .unary_op = complex_unary_op,
        .binary_op = complex_binary_op,
        .attr = complex_attr,
    },
};
