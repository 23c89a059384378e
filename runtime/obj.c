// SPDX-License-Identifier: MIT
// obj.c: generic object operations: type of a word, printing, truth, equality, conversions.
#include <stddef.h>
#include <string.h>

#include "runtime/image.h"
#include "runtime/port.h"
#include "runtime/runtime.h"

// The type of OBJ_NULL: no slots, so every operation on it raises TypeError.
const obj_type_slots_t obj_type_no_slots;

static const obj_type_t type_null = {
    .base = {&type_type},
    .name = MP_QSTR_NoneType,
    .slots = &obj_type_no_slots,
};

_Static_assert(OBJ_ROM_KINDS == IMAGE_ROM_KINDS, "obj.h and image.h disagree");
const obj_type_t *const obj_rom_types[OBJ_ROM_KINDS] = {
    [0] = &type_null,
    [IMAGE_ROM_BYTES] = &type_bytes,
    [IMAGE_ROM_TUPLE] = &type_tuple,
    [IMAGE_ROM_FLOAT] = &type_float,
    [IMAGE_ROM_FLOAT_TEXT] = &type_float,
    [IMAGE_ROM_INT] = &type_int,
};
// The freezer lays objects in flash out as these (runtime/image.h "Object in flash").
_Static_assert(offsetof(obj_str_t, data) == 3 * sizeof(obj_t) && sizeof(obj_str_t) == 4 * sizeof(obj_t),
               "bytes in flash");
_Static_assert(offsetof(obj_tuple_t, items) == 2 * sizeof(obj_t), "tuples in flash");
_Static_assert(offsetof(obj_float_t, value) == (sizeof(mp_float_t) > sizeof(obj_t) ? sizeof(mp_float_t) : sizeof(obj_t)),
               "floats in flash");

const obj_type_t *obj_get_type(const_obj_t o) {
    if (OBJ_IS_PTR(o)) {  // the common case first
        const obj_type_t *t = ((const obj_base_t *)o)->type;
        return (uintptr_t)t < OBJ_ROM_KINDS ? obj_rom_types[(uintptr_t)t] : t;
    }
    if (OBJ_IS_SMALL_INT(o)) {
        return &type_int;
    }
    if (OBJ_IS_QSTR(o)) {
        return &type_str;
    }
    if (OBJ_IS_IMMEDIATE(o)) {
        if (OBJ_IS_FUN_IMM(o)) {
            return obj_fun_imm_type(o);
        }
        return o == obj_none ? &type_NoneType : &type_bool;
    }
    return &type_null;  // OBJ_NULL: only corrupt bytecode lets NULL reach an operation
}

qstr_t obj_type_name(obj_t o) {
    return obj_get_type(o)->name;
}

// Bases of t: writes up to max of them to out, returns how many.
static size_t type_bases(const obj_type_t *t, const obj_type_t **out, size_t max) {
    if (t->parent == NULL) {
        return 0;
    }
    const obj_base_t *p = (const obj_base_t *)t->parent;
    if (p->type == &type_tuple) {
        const obj_tuple_t *tu = (const obj_tuple_t *)p;
        size_t n = tu->len < max ? tu->len : max;
        for (size_t i = 0; i < n; i++) {
            out[i] = (const obj_type_t *)tu->items[i];
        }
        return n;
    }
    out[0] = (const obj_type_t *)p;
    return 1;
}

bool obj_is_subclass(const obj_type_t *t, const obj_type_t *base) {
    if (t == base || base == &type_object) {
        return true;
    }
    const obj_type_t *bases[16];
    size_t n = type_bases(t, bases, 16);
    for (size_t i = 0; i < n; i++) {
        if (obj_is_subclass(bases[i], base)) {
            return true;
        }
    }
    return false;
}

bool obj_isinstance(obj_t o, const obj_type_t *t) {
    return obj_is_subclass(obj_get_type(o), t);
}

bool obj_is_exception(obj_t o) {
    return OBJ_IS_PTR(o) && obj_is_subclass(obj_get_type(o), &type_BaseException);
}

bool obj_is_callable(obj_t o) {
    const obj_type_t *t = obj_get_type(o);
    if (t->slots->call != NULL) {
        if (t->flags & TYPE_FLAG_INSTANCE) {
            return rt_type_lookup(t, MP_QSTR___call__) != OBJ_NULL;
        }
        return true;
    }
    return t == &type_type;
}

/* ------------------------------------------------------------------------------------
 * Printing.
 */
static void stdout_strn(void *data, const char *s, size_t len) {
    UNUSED(data);
    port_console_write(s, len);
}

const print_t print_stdout = {NULL, stdout_strn};

void print_strn(const print_t *p, const char *s, size_t len) {
    p->strn(p->data, s, len);
}

void print_str(const print_t *p, const char *s) {
    p->strn(p->data, s, strlen(s));
}

static int pad(const print_t *p, const char *s, size_t len, int width, bool left, char fill) {
    int n = (int)len;
    if (!left) {
        for (; n < width; n++) {
            p->strn(p->data, &fill, 1);
        }
    }
    p->strn(p->data, s, len);
    if (left) {
        for (; n < width; n++) {
            p->strn(p->data, " ", 1);
        }
    }
    return n;
}

static size_t fmt_uint(char *buf, unsigned long long v, int base, bool upper) {
    char tmp[24];
    size_t n = 0;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        tmp[n++] = digits[v % (unsigned)base];
        v /= (unsigned)base;
    } while (v != 0);
    for (size_t i = 0; i < n; i++) {
        buf[i] = tmp[n - 1 - i];
    }
    return n;
}

int print_vprintf(const print_t *p, const char *fmt, va_list ap) {
    int total = 0;
    while (*fmt) {
        const char *start = fmt;
        while (*fmt && *fmt != '%') {
            fmt++;
        }
        if (fmt > start) {
            print_strn(p, start, (size_t)(fmt - start));
            total += (int)(fmt - start);
        }
        if (*fmt == 0) {
            break;
        }
        fmt++;
        bool left = false;
        char fill = ' ';
        int width = 0, prec = -1, lng = 0;
        for (; *fmt == '-' || *fmt == '0'; fmt++) {
            if (*fmt == '-') {
                left = true;
            } else {
                fill = '0';
            }
        }
        for (; *fmt >= '0' && *fmt <= '9'; fmt++) {
            width = width * 10 + (*fmt - '0');
        }
        if (*fmt == '.') {
            fmt++;
            if (*fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            } else {
                for (prec = 0; *fmt >= '0' && *fmt <= '9'; fmt++) {
                    prec = prec * 10 + (*fmt - '0');
                }
            }
        }
        for (; *fmt == 'l' || *fmt == 'z'; fmt++) {
            lng += *fmt == 'z' ? 1 : 1;
        }
        char buf[32];
        char c = *fmt++;
        switch (c) {
            case 'd':
            case 'i': {
                long long v = lng >= 2 ? va_arg(ap, long long) : lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
                size_t n = 0;
                unsigned long long u = (unsigned long long)v;
                if (v < 0) {
                    buf[n++] = '-';
                    u = -u;
                }
                n += fmt_uint(buf + n, u, 10, false);
                total += pad(p, buf, n, width, left, fill);
                break;
            }
            case 'u':
            case 'x':
            case 'X': {
                unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
                    : lng == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
                size_t n = fmt_uint(buf, v, c == 'u' ? 10 : 16, c == 'X');
                total += pad(p, buf, n, width, left, fill);
                break;
            }
            case 'p': {
                size_t n = fmt_uint(buf, (uintptr_t)va_arg(ap, void *), 16, false);
                total += pad(p, buf, n, width, left, fill);
                break;
            }
            case 'c':
                buf[0] = (char)va_arg(ap, int);
                total += pad(p, buf, 1, width, left, fill);
                break;
            case 's': {
                const char *s = va_arg(ap, const char *);
                if (s == NULL) {
                    s = "(null)";
                }
                size_t n = prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s);
                total += pad(p, s, n, width, left, fill);
                break;
            }
            case 'q': {
                size_t n;
                const char *s = qstr_data((qstr_t)va_arg(ap, qstr_t), &n);
                total += pad(p, s, n, width, left, fill);
                break;
            }
            case 'r':
            case 'S':
                obj_print(p, va_arg(ap, obj_t), c == 'r' ? PRINT_REPR : PRINT_STR);
                break;
            case '%':
                print_strn(p, "%", 1);
                total++;
                break;
            default:
                print_strn(p, fmt - 2, 2);
                break;
        }
    }
    return total;
}

int print_printf(const print_t *p, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = print_vprintf(p, fmt, ap);
    va_end(ap);
    return n;
}

void obj_print(const print_t *p, obj_t o, print_kind_t kind) {
    rt_stack_check();
    const obj_type_t *t = obj_get_type(o);
    if (t->slots->print != NULL) {
        t->slots->print(p, o, kind);
    } else {
        print_printf(p, "<%q>", t->name);
    }
}

obj_t obj_repr(obj_t o) {
    vstr_t v;
    vstr_init(&v, 16);
    print_t p;
    vstr_print(&p, &v);
    obj_print(&p, o, PRINT_REPR);
    return obj_str_from_vstr(&type_str, &v);
}

obj_t obj_str(obj_t o) {
    if (obj_is_type(o, &type_str) || OBJ_IS_QSTR(o)) {
        return o;
    }
    vstr_t v;
    vstr_init(&v, 16);
    print_t p;
    vstr_print(&p, &v);
    obj_print(&p, o, PRINT_STR);
    return obj_str_from_vstr(&type_str, &v);
}

/* ------------------------------------------------------------------------------------
 * vstr: a growable buffer on the heap; always keeps room for a NUL after len.
 */
void vstr_init(vstr_t *v, size_t alloc) {
    v->alloc = alloc < 8 ? 8 : alloc;
    v->len = 0;
    v->buf = m_new(char, v->alloc);
}

char *vstr_extend(vstr_t *v, size_t n) {
    if (v->len + n + 1 > v->alloc) {
        size_t alloc = v->alloc * 2;
        while (alloc < v->len + n + 1) {
            alloc *= 2;
        }
        v->buf = m_renew(char, v->buf, alloc);
        v->alloc = alloc;
    }
    char *p = v->buf + v->len;
    v->len += n;
    return p;
}

void vstr_add_strn(vstr_t *v, const char *s, size_t len) {
    mem_copy(vstr_extend(v, len), s, len);
}

void vstr_add_str(vstr_t *v, const char *s) {
    vstr_add_strn(v, s, strlen(s));
}

void vstr_add_char(vstr_t *v, char c) {
    *vstr_extend(v, 1) = c;
}

static void vstr_strn(void *data, const char *s, size_t len) {
    vstr_add_strn((vstr_t *)data, s, len);
}

void vstr_print(print_t *p, vstr_t *v) {
    p->data = v;
    p->strn = vstr_strn;
}

/* ------------------------------------------------------------------------------------
 * Truth, equality, hashing, length.
 */
bool obj_is_true(obj_t o) {
    if (o == obj_false || o == obj_none) {
        return false;
    }
    if (o == obj_true) {
        return true;
    }
    if (OBJ_IS_SMALL_INT(o)) {
        return OBJ_SMALL_INT_VALUE(o) != 0;
    }
    if (OBJ_IS_QSTR(o)) {
        return OBJ_QSTR_VALUE(o) != MP_QSTR_empty;
    }
    const obj_type_t *t = obj_get_type(o);
    if (t->slots->unary_op != NULL) {
        obj_t r = t->slots->unary_op(MP_UNARY_OP_BOOL, o);
        if (r != OBJ_NULL) {
            return r == obj_true;
        }
    }
    obj_t len = obj_len_maybe(o);
    if (len != OBJ_NULL) {
        return OBJ_SMALL_INT_VALUE(len) != 0;
    }
    return true;
}

bool obj_equal(obj_t a, obj_t b) {
    if (a == b) {
        const obj_type_t *t = obj_get_type(a);
        if (t != &type_float) {
            return true;  // NaN is the one value unequal to itself
        }
    }
    if (OBJ_IS_SMALL_INT(a) && OBJ_IS_SMALL_INT(b)) {
        return false;
    }
    if (OBJ_IS_QSTR(a) && OBJ_IS_QSTR(b)) {
        return false;
    }
    return rt_binary_op(MP_BINARY_OP_EQUAL, a, b) == obj_true;
}

obj_t obj_instance_get_native(obj_t o);  // objtype.c

size_t obj_hash(obj_t o) {
    if (OBJ_IS_SMALL_INT(o)) {
        return (size_t)OBJ_SMALL_INT_VALUE(o);
    }
    if (OBJ_IS_QSTR(o)) {
        return qstr_hash(OBJ_QSTR_VALUE(o));
    }
    if (o == obj_false) {
        return 0;
    }
    if (o == obj_true) {
        return 1;
    }
    if (o == obj_none) {
        return 0x6e6f6e65;
    }
    const obj_type_t *t = obj_get_type(o);
    if (t->slots->unary_op != NULL) {
        obj_t h = t->slots->unary_op(MP_UNARY_OP_HASH, o);
        if (h != OBJ_NULL) {
            if (OBJ_IS_SMALL_INT(h)) {
                return (size_t)OBJ_SMALL_INT_VALUE(h);
            }
            return (size_t)obj_get_int(h);
        }
        // A subclass of a native type is named by its native part, as MicroPython does.
        rt_raise_msg(&type_TypeError, "unsupported type for __hash__: '%q'",
            obj_type_name(obj_instance_get_native(o)));
    }
    return (size_t)o >> 2;  // identity hash
}

obj_t obj_len_maybe(obj_t o) {
    // (A qstr's length is in characters, not bytes: str's unary_op counts them.)
    const obj_type_t *t = obj_get_type(o);
    if (t->slots->unary_op == NULL) {
        return OBJ_NULL;
    }
    return t->slots->unary_op(MP_UNARY_OP_LEN, o);
}

obj_t obj_len(obj_t o) {
    obj_t len = obj_len_maybe(o);
    if (len == OBJ_NULL) {
        rt_raise_msg(&type_TypeError, "object of type '%q' has no len()", obj_type_name(o));
    }
    return len;
}

size_t obj_get_len(obj_t o) {
    return (size_t)obj_get_int(obj_len(o));
}

/* ------------------------------------------------------------------------------------
 * Conversions.
 */
bool obj_get_int_maybe(obj_t o, mp_int_t *value) {
    if (OBJ_IS_SMALL_INT(o)) {
        *value = OBJ_SMALL_INT_VALUE(o);
    } else if (o == obj_false || o == obj_true) {
        *value = o == obj_true;
    } else if (obj_is_type(o, &type_int)) {
        *value = obj_get_int(o);
    } else {
        return false;
    }
    return true;
}

mp_int_t obj_get_int(obj_t o) {
    if (OBJ_IS_SMALL_INT(o)) {
        return OBJ_SMALL_INT_VALUE(o);
    }
    if (o == obj_false || o == obj_true) {
        return o == obj_true;
    }
    if (obj_isinstance(o, &type_int)) {
        // A big int: its type converts it (OverflowError if it does not fit).
        obj_t r = obj_get_type(o)->slots->unary_op(MP_UNARY_OP_INT_MAYBE, o);
        if (r != OBJ_NULL && OBJ_IS_SMALL_INT(r)) {
            return OBJ_SMALL_INT_VALUE(r);
        }
        rt_raise_msg(&type_OverflowError, "overflow converting long int to machine word");
    }
    rt_raise_msg(&type_TypeError, "can't convert %q to int", obj_type_name(o));
}

bool obj_get_float_maybe(obj_t o, mp_float_t *value) {
    mp_int_t i;
    if (obj_is_type(o, &type_float)) {
        *value = ((obj_float_t *)o)->value;
    } else if (OBJ_IS_SMALL_INT(o) || o == obj_true || o == obj_false) {
        obj_get_int_maybe(o, &i);
        *value = (mp_float_t)i;
    } else if (obj_is_type(o, &type_int)) {
        obj_t f = type_int.slots->unary_op(MP_UNARY_OP_FLOAT_MAYBE, o);
        if (f == OBJ_NULL) {
            return false;
        }
        *value = ((obj_float_t *)f)->value;
    } else {
        return false;
    }
    return true;
}

mp_float_t obj_get_float(obj_t o) {
    mp_float_t v;
    if (!obj_get_float_maybe(o, &v)) {
        rt_raise_msg(&type_TypeError, "can't convert %q to float", obj_type_name(o));
    }
    return v;
}

void obj_get_array(obj_t o, size_t *len, obj_t **items) {
    if (obj_is_type(o, &type_tuple)) {
        obj_tuple_t *t = (obj_tuple_t *)o;
        *len = t->len;
        *items = t->items;
    } else if (obj_is_type(o, &type_list)) {
        obj_list_t *l = (obj_list_t *)o;
        *len = l->len;
        *items = l->items;
    } else {
        rt_raise_msg(&type_TypeError, "object '%q' isn't a tuple or list", obj_type_name(o));
    }
}

void obj_get_array_fixed_n(obj_t o, size_t n, obj_t **items) {
    size_t len;
    obj_get_array(o, &len, items);
    if (len != n) {
        rt_raise_msg(&type_ValueError, "tuple/list has wrong length");
    }
}

size_t obj_get_index(const obj_type_t *type, size_t len, obj_t index, bool is_slice) {
    mp_int_t i;
    if (!obj_get_int_maybe(index, &i)) {
        rt_raise_msg(&type_TypeError, "%q indices must be integers, not %q", type->name,
            obj_type_name(index));
    }
    if (i < 0) {
        i += (mp_int_t)len;
    }
    if (is_slice) {
        if (i < 0) {
            i = 0;
        } else if ((size_t)i > len) {
            i = (mp_int_t)len;
        }
    } else if (i < 0 || (size_t)i >= len) {
        rt_raise_msg(&type_IndexError, "%q index out of range", type->name);
    }
    return (size_t)i;
}

obj_t obj_subscr(obj_t o, obj_t index, obj_t value) {
    const obj_type_t *t = obj_get_type(o);
    if (t->slots->subscr != NULL) {
        obj_t r = t->slots->subscr(o, index, value);
        if (r != OBJ_NULL) {
            return r;
        }
    }
    if (value == OBJ_NULL) {
        rt_raise_msg(&type_TypeError, "'%q' object doesn't support item deletion", t->name);
    } else if (value == OBJ_SENTINEL) {
        rt_raise_msg(&type_TypeError, "'%q' object isn't subscriptable", t->name);
    }
    rt_raise_msg(&type_TypeError, "'%q' object doesn't support item assignment", t->name);
}
