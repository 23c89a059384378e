// SPDX-License-Identifier: MIT
// objint.c: the int type: small ints and big ints (mpz), parsing, printing, every operator.
#include <math.h>
#include <string.h>

#include "runtime/image.h"
#include "runtime/objfloat.h"
#include "runtime/objint.h"
#include "runtime/objstr.h"
#include "runtime/runtime.h"

/*
 * The VM's fast path (runtime.c) handles small-int operations that cannot overflow; every
 * other int operation lands in int_binary_op, which widens both operands to mpz (a small
 * int into a 5-digit stack buffer, no allocation) and normalises the result back.
 */

#define SMALL_DIGS 5  // 64 bits plus a spare digit, for a small int as an mpz

static mpz_dig_t *gc_dig_alloc(void *ctx, size_t n) {
    (void)ctx;
    return m_new(mpz_dig_t, n);
}

static void gc_dig_free(void *ctx, mpz_dig_t *p, size_t n) {
    (void)ctx;
    (void)n;
    m_del(p);
}

const mpz_alloc_t int_mpz_alloc = {gc_dig_alloc, gc_dig_free, NULL};
#define AL (&int_mpz_alloc)

// Turns an mpz error into the Python exception MicroPython raises for it.
static void check(mpz_err_t err) {
    switch (err) {
        case MPZ_OK:
            return;
        case MPZ_ERR_ZERODIV:
            rt_raise_msg(&type_ZeroDivisionError, "divide by zero");
        case MPZ_ERR_OVERFLOW:
            rt_raise_msg(&type_OverflowError, "overflow converting long int to machine word");
        case MPZ_ERR_NEGATIVE:
            rt_raise_msg(&type_ValueError, "negative shift count");
        case MPZ_ERR_VALUE:
            rt_raise_msg(&type_ValueError, "divide by zero");
        default:
            rt_raise_type(&type_MemoryError);
    }
}

// A big int's mpz (o an int object): its own, or for a big int in the image's flash
// (IMAGE_ROM_INT: kind, len, neg, then the digits) a read-only view of it in *view.
static const mpz_t *big_mpz(obj_t o, mpz_t *view) {
    const obj_t *w = (const obj_t *)o;
    if ((uintptr_t)w[0] != IMAGE_ROM_INT) {
        return &((obj_int_t *)o)->mpz;
    }
    size_t len = (size_t)(uintptr_t)w[1];
    view->dig = (mpz_dig_t *)(uintptr_t)(w + 3);  // never written: the view is fixed
    view->len = len;
    view->cap = (uint32_t)len;
    view->neg = w[2] != OBJ_NULL;
    view->fixed = 1;
    return view;
}

const mpz_t *int_as_mpz(obj_t o, mpz_t *tmp, mpz_dig_t *buf) {
    if (obj_is_type(o, &type_int)) {
        return big_mpz(o, tmp);
    }
    mpz_init_fixed(tmp, buf, SMALL_DIGS);
    check(mpz_set_int64(AL, tmp, (int64_t)obj_get_int(o)));
    return tmp;
}

obj_t int_from_mpz(mpz_t *z) {
    int64_t v;
    if (mpz_to_int64(z, &v) == MPZ_OK && v >= SMALL_INT_MIN && v <= SMALL_INT_MAX) {
        mpz_clear(AL, z);
        return OBJ_NEW_SMALL_INT((mp_int_t)v);
    }
    obj_int_t *o = m_new_obj(obj_int_t);
    o->base.type = &type_int;
    o->mpz = *z;
    return o;
}

bool int_is_neg(obj_t o) {
    if (obj_is_type(o, &type_int)) {
        mpz_t view;
        return mpz_is_neg(big_mpz(o, &view));
    }
    return obj_get_int(o) < 0;
}

int int_compare(obj_t a, obj_t b) {
    if (!obj_is_type(a, &type_int) && !obj_is_type(b, &type_int)) {
        mp_int_t x = obj_get_int(a), y = obj_get_int(b);
        return x < y ? -1 : x > y;
    }
    mpz_t ta, tb;
    mpz_dig_t ba[SMALL_DIGS], bb[SMALL_DIGS];
    return mpz_cmp(int_as_mpz(a, &ta, ba), int_as_mpz(b, &tb, bb));
}

/* ------------------------------------------------------------------------------------
 * Constructors and conversions.
 */
obj_t obj_new_int(mp_int_t v) {
    if (SMALL_INT_FITS(v)) {
        return OBJ_NEW_SMALL_INT(v);
    }
    return obj_new_int_from_ll(v);
}

obj_t obj_new_int_from_uint(mp_uint_t v) {
    return obj_new_int_from_ull(v);
}

obj_t obj_new_int_from_ll(long long v) {
    if (v >= SMALL_INT_MIN && v <= SMALL_INT_MAX) {
        return OBJ_NEW_SMALL_INT((mp_int_t)v);
    }
    mpz_t z;
    mpz_init(&z);
    check(mpz_set_int64(AL, &z, (int64_t)v));
    return int_from_mpz(&z);
}

obj_t obj_new_int_from_ull(unsigned long long v) {
    if (v <= (unsigned long long)SMALL_INT_MAX) {
        return OBJ_NEW_SMALL_INT((mp_int_t)v);
    }
    mpz_t z;
    mpz_init(&z);
    check(mpz_set_uint64(AL, &z, (uint64_t)v));
    return int_from_mpz(&z);
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'z' ? c - 'a' + 10 : 99;
}

static bool is_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// The fast path of int(text): a value that fits a small int. False for anything else
// (bad text too: the mpz parser then decides, so there is one notion of valid text).
static bool parse_small(const char *s, size_t len, int base, mp_int_t *out) {
    const char *end = s + len;
    while (s < end && is_space(*s)) {
        s++;
    }
    while (end > s && is_space(end[-1])) {
        end--;
    }
    bool neg = false;
    if (s < end && (*s == '+' || *s == '-')) {
        neg = *s++ == '-';
    }
    if (base == 0 || base == 16 || base == 8 || base == 2) {
        if (end - s >= 2 && s[0] == '0') {
            char p = s[1] | 0x20;
            int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
            if (pb != 0 && (base == 0 || base == pb)) {
                base = pb;
                s += 2;
            }
        }
        if (base == 0) {
            if (end - s >= 2 && s[0] == '0') {
                return false;  // "010": only zeros may follow a leading 0 (the slow path decides)
            }
            base = 10;
        }
    }
    mp_int_t v = 0;
    bool any = false;
    for (; s < end; s++) {
        if (*s == '_') {
            continue;
        }
        int d = digit_value(*s);
        if (d >= base || v > (SMALL_INT_MAX - d) / base) {
            return false;
        }
        v = v * base + d;
        any = true;
    }
    if (!any) {
        return false;
    }
    *out = neg ? -v : v;
    return true;
}

obj_t obj_new_int_from_str(const char *s, size_t len, int base) {
    if (base != 0 && (base < 2 || base > 36)) {
        rt_raise_msg(&type_ValueError, "int() arg 2 must be >= 2 and <= 36");
    }
    mp_int_t v;
    if (parse_small(s, len, base, &v)) {
        return OBJ_NEW_SMALL_INT(v);
    }
    mpz_t z;
    mpz_init(&z);
    mpz_str_info_t info = {base, 0};
    mpz_err_t err = mpz_set_str(AL, &z, s, len, base, (int)(8 * sizeof(mp_int_t) - 2), &info);
    if (err == MPZ_ERR_SYNTAX) {
        size_t start = info.start <= len ? info.start : len;
        obj_t text = obj_new_str(s + start, len - start);
        rt_raise_msg(&type_ValueError, "invalid syntax for integer with base %d: %r",
                     info.base, text);
    } else if (err == MPZ_ERR_BASE) {
        rt_raise_msg(&type_ValueError, "int() arg 2 must be >= 2 and <= 36");
    }
    check(err);
    return int_from_mpz(&z);
}

obj_t int_from_float(mp_float_t f) {
    if (isnan(f)) {
        rt_raise_msg(&type_ValueError, "can't convert NaN to int");
    }
    if (isinf(f)) {
        rt_raise_msg(&type_OverflowError, "can't convert inf to int");
    }
    mp_float_t t = f < 0 ? MP_FLOAT(ceil)(f) : MP_FLOAT(floor)(f);
    if (t >= (mp_float_t)SMALL_INT_MIN && t < -(mp_float_t)SMALL_INT_MIN) {
        return obj_new_int((mp_int_t)t);
    }
    mpz_t z;
    mpz_init(&z);
    check(mpz_set_double(AL, &z, (double)t));
    return int_from_mpz(&z);
}

obj_t int_from_obj(obj_t x, int base) {
    if (obj_is_int(x)) {
        return x;
    }
    if (x == obj_true || x == obj_false) {
        return OBJ_NEW_SMALL_INT(x == obj_true);
    }
    if (obj_is_float(x)) {
        return int_from_float(obj_get_float(x));
    }
    size_t len;
    const byte *d = str_data_maybe(x, &len);
    if (d != NULL) {
        return obj_new_int_from_str((const char *)d, len, base);
    }
    obj_t r = rt_unary_op(MP_UNARY_OP_INT_MAYBE, x);
    if (r == OBJ_NULL) {
        rt_raise_msg(&type_TypeError, "can't convert %q to int", obj_type_name(x));
    }
    return r;
}

char *int_abs_digits(obj_t o, int base, bool upper, size_t *len) {
    static const char lower_digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    static const char upper_digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if (!obj_is_type(o, &type_int)) {
        mp_int_t v = obj_get_int(o);
        mp_uint_t u = v < 0 ? (mp_uint_t)0 - (mp_uint_t)v : (mp_uint_t)v;
        char tmp[8 * sizeof(mp_uint_t) + 1];
        size_t n = 0;
        do {
            tmp[n++] = (upper ? upper_digits : lower_digits)[u % (mp_uint_t)base];
            u /= (mp_uint_t)base;
        } while (u != 0);
        char *buf = m_new(char, n + 1);
        for (size_t i = 0; i < n; i++) {
            buf[i] = tmp[n - 1 - i];
        }
        buf[n] = '\0';
        *len = n;
        return buf;
    }
    mpz_t a, view;
    mpz_init(&a);
    check(mpz_abs(AL, &a, big_mpz(o, &view)));
    unsigned flags = upper ? MPZ_STR_UPPER : 0;
    size_t size = mpz_str_size(&a, base, flags);
    char *buf = m_new(char, size);
    check(mpz_to_str(AL, &a, base, flags, buf, size, len));
    mpz_clear(AL, &a);
    return buf;
}

/* ------------------------------------------------------------------------------------
 * The type.
 */
static void int_print(const print_t *p, obj_t self, print_kind_t kind) {
    (void)kind;
    size_t len;
    char *d = int_abs_digits(self, 10, false, &len);
    if (int_is_neg(self)) {
        print_strn(p, "-", 1);
    }
    print_strn(p, d, len);
    m_del(d);
}

static obj_t int_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 2, false);
    if (n_args == 0) {
        return OBJ_NEW_SMALL_INT(0);
    }
    if (n_args == 1) {
        return int_from_obj(args[0], 10);
    }
    size_t len;
    const byte *d = str_data_maybe(args[0], &len);
    if (d == NULL || obj_is_type(args[0], &type_memoryview)) {
        rt_raise_msg(&type_TypeError, "can't convert '%q' object to str implicitly",
                     obj_type_name(args[0]));
    }
    return obj_new_int_from_str((const char *)d, len, (int)obj_get_int(args[1]));
}

static obj_t int_unary_op(int op, obj_t self) {
    if (!obj_is_type(self, &type_int)) {
        // A small int the VM did not handle (the negation of SMALL_INT_MIN).
        mpz_t t, r;
        mpz_dig_t b[SMALL_DIGS];
        const mpz_t *a = int_as_mpz(self, &t, b);
        mpz_init(&r);
        if (op == MP_UNARY_OP_NEGATIVE) {
            check(mpz_neg(AL, &r, a));
        } else if (op == MP_UNARY_OP_ABS) {
            check(mpz_abs(AL, &r, a));
        } else {
            return OBJ_NULL;
        }
        return int_from_mpz(&r);
    }
    mpz_t view;
    const mpz_t *a = big_mpz(self, &view);
    mpz_t r;
    mpz_init(&r);
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(!mpz_is_zero(a));
        case MP_UNARY_OP_HASH:
            return OBJ_NEW_SMALL_INT((mp_int_t)(mpz_hash(a) & (uint64_t)SMALL_INT_MAX));
        case MP_UNARY_OP_POSITIVE:
        case MP_UNARY_OP_INT_MAYBE:
            return self;
        case MP_UNARY_OP_FLOAT_MAYBE: {
#if CONFIG_FLOAT_DOUBLE
            double d;
            (void)mpz_to_double(a, &d);  // past DBL_MAX it is inf, as in MicroPython
#else
            float d;
            (void)mpz_to_float(a, &d);   // no double arithmetic on the MCU
#endif
            return obj_new_float((mp_float_t)d);
        }
        case MP_UNARY_OP_NEGATIVE:
            check(mpz_neg(AL, &r, a));
            break;
        case MP_UNARY_OP_INVERT:
            check(mpz_invert(AL, &r, a));
            break;
        case MP_UNARY_OP_ABS:
            check(mpz_abs(AL, &r, a));
            break;
        default:
            return OBJ_NULL;
    }
    return int_from_mpz(&r);
}

static mp_float_t int_to_float(obj_t o) {
    return obj_get_float(o);
}

// a ** b with b < 0: a float, as in MicroPython (0 ** -1 is ZeroDivisionError).
static obj_t negative_power(obj_t a, obj_t b) {
    mp_float_t fa = int_to_float(a);
    if (fa == 0) {
        rt_raise_msg(&type_ZeroDivisionError, "divide by zero");
    }
    return obj_new_float(MP_FLOAT(pow)(fa, int_to_float(b)));
}

static size_t shift_count(obj_t b) {
    if (int_is_neg(b)) {
        rt_raise_msg(&type_ValueError, "negative shift count");
    }
    return (size_t)obj_get_int(b);
}

static obj_t compare_op(int op, int c) {
    switch (op) {
        case MP_BINARY_OP_LESS:
            return obj_bool(c < 0);
        case MP_BINARY_OP_MORE:
            return obj_bool(c > 0);
        case MP_BINARY_OP_LESS_EQUAL:
            return obj_bool(c <= 0);
        case MP_BINARY_OP_MORE_EQUAL:
            return obj_bool(c >= 0);
        case MP_BINARY_OP_EQUAL:
            return obj_bool(c == 0);
        case MP_BINARY_OP_NOT_EQUAL:
            return obj_bool(c != 0);
        default:
            return OBJ_NULL;
    }
}

// Both operands are ints (small or big); op is a plain (not in-place) operator.
static obj_t int_int_op(int op, obj_t lhs, obj_t rhs) {
    if (op >= MP_BINARY_OP_LESS && op <= MP_BINARY_OP_NOT_EQUAL) {
        return compare_op(op, int_compare(lhs, rhs));
    }
    if (op == MP_BINARY_OP_TRUE_DIVIDE) {
        mp_float_t b = int_to_float(rhs);
        if (b == 0) {
            rt_raise_msg(&type_ZeroDivisionError, "divide by zero");
        }
        return obj_new_float(int_to_float(lhs) / b);
    }
    if (op == MP_BINARY_OP_POWER && int_is_neg(rhs)) {
        return negative_power(lhs, rhs);
    }
    mpz_t ta, tb, r;
    mpz_dig_t ba[SMALL_DIGS], bb[SMALL_DIGS];
    const mpz_t *a = int_as_mpz(lhs, &ta, ba);
    const mpz_t *b = int_as_mpz(rhs, &tb, bb);
    mpz_init(&r);
    switch (op) {
        case MP_BINARY_OP_ADD:
            check(mpz_add(AL, &r, a, b));
            break;
        case MP_BINARY_OP_SUBTRACT:
            check(mpz_sub(AL, &r, a, b));
            break;
        case MP_BINARY_OP_MULTIPLY:
            check(mpz_mul(AL, &r, a, b));
            break;
        case MP_BINARY_OP_FLOOR_DIVIDE:
            check(mpz_floordiv(AL, &r, a, b));
            break;
        case MP_BINARY_OP_MODULO:
            check(mpz_mod(AL, &r, a, b));
            break;
        case MP_BINARY_OP_POWER:
            check(mpz_pow(AL, &r, a, b));
            break;
        case MP_BINARY_OP_AND:
            check(mpz_and(AL, &r, a, b));
            break;
        case MP_BINARY_OP_OR:
            check(mpz_or(AL, &r, a, b));
            break;
        case MP_BINARY_OP_XOR:
            check(mpz_xor(AL, &r, a, b));
            break;
        case MP_BINARY_OP_LSHIFT:
            check(mpz_shl(AL, &r, a, shift_count(rhs)));
            break;
        case MP_BINARY_OP_RSHIFT: {
            if (int_is_neg(rhs)) {
                shift_count(rhs);
            }
            if (obj_is_type(rhs, &type_int)) {
                return OBJ_NEW_SMALL_INT(mpz_is_neg(a) ? -1 : 0);
            }
            check(mpz_shr(AL, &r, a, (size_t)obj_get_int(rhs)));
            break;
        }
        case MP_BINARY_OP_DIVMOD: {
            mpz_t m;
            mpz_init(&m);
            check(mpz_divmod(AL, &r, &m, a, b));
            obj_t pair[2] = {int_from_mpz(&r), int_from_mpz(&m)};
            return obj_new_tuple(2, pair);
        }
        default:
            return OBJ_NULL;
    }
    return int_from_mpz(&r);
}

obj_t int_binary_op(int op, obj_t lhs, obj_t rhs) {
    if (op >= MP_BINARY_OP_INPLACE_OR && op <= MP_BINARY_OP_INPLACE_POWER) {
        op += MP_BINARY_OP_INPLACE_DELTA;
    }
    if (rhs == obj_true || rhs == obj_false) {
        rhs = OBJ_NEW_SMALL_INT(rhs == obj_true);
    }
    if (lhs == obj_true || lhs == obj_false) {
        lhs = OBJ_NEW_SMALL_INT(lhs == obj_true);
    }
    if (obj_is_int(rhs)) {
        return int_int_op(op, lhs, rhs);
    }
    if (obj_is_float(rhs)) {
        return float_binary_op_values(op, int_to_float(lhs), obj_get_float(rhs));
    }
    if (obj_is_type(rhs, &type_complex)) {
        const obj_complex_t *c = rhs;
        return complex_binary_op_values(op, int_to_float(lhs), 0, c->real, c->imag);
    }
    return OBJ_NULL;
}

obj_t int_powmod(obj_t a, obj_t b, obj_t m) {
    if (!obj_is_int(a) || !obj_is_int(b) || !obj_is_int(m)) {
        rt_raise_msg(&type_TypeError, "pow() with 3 arguments requires integers");
    }
    mpz_t ta, tb, tm, r;
    mpz_dig_t ba[SMALL_DIGS], bb[SMALL_DIGS], bm[SMALL_DIGS];
    mpz_init(&r);
    mpz_err_t err = mpz_powmod(AL, &r, int_as_mpz(a, &ta, ba), int_as_mpz(b, &tb, bb),
                               int_as_mpz(m, &tm, bm));
    if (err == MPZ_ERR_NEGATIVE) {
        return OBJ_NEW_SMALL_INT(0);  // what MicroPython gives for a negative exponent
    }
    check(err);
    return int_from_mpz(&r);
}

/* ------------------------------------------------------------------------------------
 * Methods: to_bytes, from_bytes.
 */
static bool big_endian_arg(obj_t order) {
    qstr_t q = obj_str_get_qstr(order);
    if (q == MP_QSTR_little) {
        return false;
    }
    if (q == MP_QSTR_big) {
        return true;
    }
    rt_raise_msg(&type_ValueError, "byteorder must be either 'little' or 'big'");
}

static obj_t int_to_bytes(size_t n_args, const obj_t *args) {
    mp_int_t len = n_args > 1 ? obj_get_int(args[1]) : 1;
    bool big = n_args > 2 ? big_endian_arg(args[2]) : true;
    bool is_signed = n_args > 3 && obj_is_true(args[3]);
    if (len < 0) {
        rt_raise_msg(&type_ValueError, "negative length");
    }
    byte *buf = m_new(byte, (size_t)len + 1);
    mpz_err_t err;
    if (obj_is_type(args[0], &type_int)) {
        mpz_t view;
        err = mpz_to_bytes(big_mpz(args[0], &view), buf, (size_t)len, big, is_signed);
    } else {
        // A small int has MicroPython's small-int rules (-1 fits any length).
        err = mpz_int_to_bytes((int64_t)obj_get_int(args[0]), buf, (size_t)len, big);
    }
    if (err == MPZ_ERR_OVERFLOW) {
        rt_raise_msg(&type_OverflowError, "buffer too small");
    }
    obj_t r = obj_new_bytes(buf, (size_t)len);
    m_del(buf);
    return r;
}
static FUN_OBJ_VAR_BETWEEN(int_to_bytes_obj, 1, 4, int_to_bytes);

static obj_t int_from_bytes(size_t n_args, const obj_t *args) {
    size_t len;
    const byte *d = str_data_maybe(args[1], &len);
    if (d == NULL) {
        rt_raise_msg(&type_TypeError, "object with buffer protocol required");
    }
    bool big = n_args > 2 ? big_endian_arg(args[2]) : true;
    // MicroPython accepts a signed argument and ignores it: the value is never negative.
    mpz_t z;
    mpz_init(&z);
    check(mpz_from_bytes(AL, &z, d, len, big, false));
    return int_from_mpz(&z);
}
static FUN_OBJ_VAR_BETWEEN(int_from_bytes_fun_obj, 2, 4, int_from_bytes);
static CLASSMETHOD_OBJ(int_from_bytes_obj, &int_from_bytes_fun_obj);

static const map_elem_t int_locals_table[] = {
    { ROM_QSTR(MP_QSTR_from_bytes), ROM_PTR(&int_from_bytes_obj) },
    { ROM_QSTR(MP_QSTR_to_bytes), ROM_PTR(&int_to_bytes_obj) },
};
static DEFINE_CONST_DICT(int_locals_dict, int_locals_table);

const obj_type_t type_int = {
    .base = {&type_type},
    .name = MP_QSTR_int,
    .slots = &(const obj_type_slots_t){
        .print = int_print,
        .make_new = int_make_new,
        .unary_op = int_unary_op,
        .binary_op = int_binary_op,
    },
    .locals_dict = &int_locals_dict,
};
