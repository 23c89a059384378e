// SPDX-License-Identifier: MIT
// objstr.c: the str type (UTF-8 text): construction, printing, operators, indexing, iteration.
#include <string.h>

#include "runtime/objseq.h"
#include "runtime/objstr.h"
#include "runtime/runtime.h"

/* ------------------------------------------------------------------------------------
 * Data access shared by str, bytes and bytearray.
 */
bool str_is_bytes_like(obj_t o) {
    return obj_is_type(o, &type_bytes) || obj_is_type(o, &type_bytearray) ||
           obj_is_type(o, &type_memoryview);
}

// An object in flash (a bytes constant of the image) has its data after it, not a pointer.
static inline const byte *str_obj_data(const obj_str_t *s) {
    return s->data != NULL ? s->data : (const byte *)(s + 1);
}

const byte *str_data_maybe(obj_t o, size_t *len) {
    if (OBJ_IS_QSTR(o)) {
        return (const byte *)qstr_data(OBJ_QSTR_VALUE(o), len);
    }
    if (obj_is_type(o, &type_str) || obj_is_type(o, &type_bytes)) {
        *len = ((const obj_str_t *)o)->len;
        return str_obj_data(o);
    }
    if (obj_is_type(o, &type_bytearray) || obj_is_type(o, &type_memoryview)) {
        const obj_array_t *a = o;
        *len = a->len;
        return a->items;
    }
    return NULL;
}

const byte *str_data_like(obj_t self, obj_t o, size_t *len) {
    bool want_str = obj_is_str(self);
    const byte *d = str_data_maybe(o, len);
    if (d == NULL || want_str != obj_is_str(o)) {
        if (want_str) {
            rt_raise_msg(&type_TypeError, "can't convert '%q' object to str implicitly",
                         obj_type_name(o));
        }
        rt_raise_msg(&type_TypeError, "object with buffer protocol required");
    }
    return d;
}

const obj_type_t *str_result_type(obj_t self) {
    if (obj_is_str(self)) {
        return &type_str;
    }
    return obj_is_type(self, &type_bytearray) ? &type_bytearray : &type_bytes;
}

static obj_t str_alloc(const obj_type_t *type, const byte *data, size_t len, bool copy) {
    obj_str_t *o = m_new_obj(obj_str_t);
    o->base.type = type;
    o->len = len;
    if (copy) {
        byte *d = m_new(byte, len + 1);
        if (len > 0) {
            memcpy(d, data, len);
        }
        d[len] = '\0';
        o->data = d;
    } else {
        o->data = data;
    }
    return o;
}

obj_t str_new_of_type(const obj_type_t *type, const byte *data, size_t len) {
    if (type == &type_str) {
        return obj_new_str((const char *)data, len);
    }
    if (type == &type_bytearray) {
        return obj_new_bytearray(len, data);
    }
    return obj_new_bytes(data, len);
}

/* ------------------------------------------------------------------------------------
 * UTF-8.
 */
size_t utf8_char_count(const byte *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        n += !utf8_is_cont(s[i]);
    }
    return n;
}

size_t utf8_offset(const byte *s, size_t len, size_t n) {
    size_t i = 0;
    while (i < len && n > 0) {
        i++;
        while (i < len && utf8_is_cont(s[i])) {
            i++;
        }
        n--;
    }
    return i;
}

uint32_t utf8_decode(const byte **p) {
    const byte *s = *p;
    uint32_t c = *s++;
    if (c >= 0xc0) {
        int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
        c &= 0x3f >> extra;
        while (extra-- > 0 && utf8_is_cont(*s)) {
            c = (c << 6) | (*s++ & 0x3f);
        }
    }
    *p = s;
    return c;
}

size_t utf8_encode(uint32_t cp, byte *out) {
    if (cp < 0x80) {
        out[0] = (byte)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (byte)(0xc0 | (cp >> 6));
        out[1] = (byte)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (byte)(0xe0 | (cp >> 12));
        out[1] = (byte)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (byte)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (byte)(0xf0 | (cp >> 18));
    out[1] = (byte)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (byte)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (byte)(0x80 | (cp & 0x3f));
    return 4;
}

bool utf8_valid(const byte *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        byte c = s[i++];
        int extra;
        if (c < 0x80) {
            continue;
        } else if (c >= 0xc2 && c < 0xe0) {
            extra = 1;
        } else if (c >= 0xe0 && c < 0xf0) {
            extra = 2;
        } else if (c >= 0xf0 && c < 0xf5) {
            extra = 3;
        } else {
            return false;
        }
        for (; extra > 0; extra--) {
            if (i >= len || !utf8_is_cont(s[i])) {
                return false;
            }
            i++;
        }
    }
    return true;
}

/* ------------------------------------------------------------------------------------
 * The object API for strings (obj.h).
 */
obj_t obj_new_str(const char *s, size_t len) {
    if (len == 0) {
        return OBJ_NEW_QSTR(MP_QSTR_empty);  // (s may be NULL then)
    }
    qstr_t q = qstr_find_strn(s, len);
    if (q != 0) {
        return OBJ_NEW_QSTR(q);
    }
    return str_alloc(&type_str, (const byte *)s, len, true);
}

// s[len] must be readable: data that is not NUL-terminated there is copied.
obj_t obj_new_str_static(const char *s, size_t len) {
    qstr_t q = qstr_find_strn(s, len);
    if (q != 0) {
        return OBJ_NEW_QSTR(q);
    }
    return str_alloc(&type_str, (const byte *)s, len, s[len] != '\0');
}

obj_t obj_new_str_from_cstr(const char *s) {
    return obj_new_str(s, strlen(s));
}

obj_t obj_new_bytes(const byte *s, size_t len) {
    return str_alloc(&type_bytes, s, len, true);
}

obj_t obj_new_bytes_static(const byte *s, size_t len) {
    return str_alloc(&type_bytes, s, len, false);
}

obj_t obj_str_from_vstr(const obj_type_t *type, vstr_t *v) {
    if (type == &type_str) {
        qstr_t q = v->len == 0 ? MP_QSTR_empty : qstr_find_strn(v->buf, v->len);
        if (q != 0) {
            m_del(v->buf);
            v->buf = NULL;
            return OBJ_NEW_QSTR(q);
        }
    }
    char *buf = m_renew(char, v->buf, v->len + 1);
    buf[v->len] = '\0';
    obj_t o = str_alloc(type, (const byte *)buf, v->len, false);
    v->buf = NULL;
    v->alloc = v->len = 0;
    return o;
}

const char *obj_str_get_data(obj_t s, size_t *len) {
    const byte *d = str_data_maybe(s, len);
    if (d == NULL || obj_is_type(s, &type_bytearray) || obj_is_type(s, &type_memoryview)) {
        rt_raise_msg(&type_TypeError, "can't convert '%q' object to str implicitly",
                     obj_type_name(s));
    }
    return (const char *)d;
}

const char *obj_str_get_cstr(obj_t s) {
    size_t len;
    return obj_str_get_data(s, &len);
}

qstr_t obj_str_get_qstr(obj_t s) {
    if (OBJ_IS_QSTR(s)) {
        return OBJ_QSTR_VALUE(s);
    }
    size_t len;
    const char *d = obj_str_get_data(s, &len);
    return qstr_from_strn(d, len);
}

bool obj_str_equal(obj_t a, obj_t b) {
    if (OBJ_IS_QSTR(a) && OBJ_IS_QSTR(b)) {
        return a == b;
    }
    size_t alen, blen;
    const byte *ad = str_data_maybe(a, &alen);
    const byte *bd = str_data_maybe(b, &blen);
    return ad != NULL && bd != NULL && alen == blen && memcmp(ad, bd, alen) == 0;
}

obj_t obj_str_intern(obj_t s) {
    return OBJ_NEW_QSTR(obj_str_get_qstr(s));
}

/* ------------------------------------------------------------------------------------
 * Printing.
 */
void str_print_quoted(const print_t *p, const byte *s, size_t len, bool is_bytes) {
    // Single quotes unless the text has a ' and no ", as Python does.
    char quote = '\'';
    if (memchr(s, '\'', len) != NULL && memchr(s, '"', len) == NULL) {
        quote = '"';
    }
    if (is_bytes) {
        print_strn(p, "b", 1);
    }
    print_strn(p, &quote, 1);
    size_t run = 0;  // start of the pending run of bytes printed as they are
    for (size_t i = 0; i < len; i++) {
        byte c = s[i];
        bool plain = c >= 0x20 && c != 0x7f && c != '\\' && c != (byte)quote &&
                     (!is_bytes || c < 0x80);
        if (plain) {
            continue;
        }
        print_strn(p, (const char *)s + run, i - run);
        run = i + 1;
        if (c == '\\' || c == (byte)quote) {
            char esc[2] = {'\\', (char)c};
            print_strn(p, esc, 2);
        } else if (c == '\n') {
            print_strn(p, "\\n", 2);
        } else if (c == '\r') {
            print_strn(p, "\\r", 2);
        } else if (c == '\t') {
            print_strn(p, "\\t", 2);
        } else {
            print_printf(p, "\\x%02x", c);
        }
    }
    print_strn(p, (const char *)s + run, len - run);
    print_strn(p, &quote, 1);
}

// JSON text as MicroPython writes it: only quotes, backslashes and control characters are
// escaped; other characters (UTF-8 included) are written as they are.
void str_print_json(const print_t *p, const byte *s, size_t len) {
    print_strn(p, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        byte c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        print_strn(p, (const char *)s + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
            case '\\': {
                char esc[2] = {'\\', (char)c};
                print_strn(p, esc, 2);
                break;
            }
            case '\n':
                print_strn(p, "\\n", 2);
                break;
            case '\r':
                print_strn(p, "\\r", 2);
                break;
            case '\t':
                print_strn(p, "\\t", 2);
                break;
            case '\b':
                print_strn(p, "\\b", 2);
                break;
            case '\f':
                print_strn(p, "\\f", 2);
                break;
            default:
                print_printf(p, "\\u%04x", (unsigned)c);
                break;
        }
    }
    print_strn(p, (const char *)s + run, len - run);
    print_strn(p, "\"", 1);
}

static void str_print(const print_t *p, obj_t self, print_kind_t kind) {
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    if (kind == PRINT_REPR) {
        str_print_quoted(p, d, len, false);
    } else if (kind == PRINT_JSON) {
        str_print_json(p, d, len);
    } else {
        print_strn(p, (const char *)d, len);
    }
}

/* ------------------------------------------------------------------------------------
 * Construction: str(), str(obj), str(bytes, encoding[, errors]).
 */
static obj_t str_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    rt_arg_check_num(n_args, n_kw, 0, 3, false);
    if (n_args == 0) {
        return OBJ_NEW_QSTR(MP_QSTR_empty);
    }
    if (n_args == 1) {
        return obj_str(args[0]);
    }
    size_t len;
    const byte *d = str_data_maybe(args[0], &len);
    if (d == NULL || obj_is_str(args[0])) {
        rt_raise_msg(&type_TypeError, "object with buffer protocol required");
    }
    if (!utf8_valid(d, len)) {
        rt_raise_type(&type_UnicodeError);
    }
    return obj_new_str((const char *)d, len);
}

/* ------------------------------------------------------------------------------------
 * Operators.
 */
int str_compare(const byte *a, size_t alen, const byte *b, size_t blen) {
    size_t n = alen < blen ? alen : blen;
    int c = n > 0 ? memcmp(a, b, n) : 0;
    if (c != 0) {
        return c;
    }
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

mp_int_t str_find_bytes(const byte *hay, size_t hlen, const byte *needle, size_t nlen,
                        bool reverse) {
    if (nlen > hlen) {
        return -1;
    }
    if (!reverse) {
        for (size_t i = 0; i + nlen <= hlen; i++) {
            if (memcmp(hay + i, needle, nlen) == 0) {
                return (mp_int_t)i;
            }
        }
    } else {
        for (size_t i = hlen - nlen + 1; i-- > 0;) {
            if (memcmp(hay + i, needle, nlen) == 0) {
                return (mp_int_t)i;
            }
        }
    }
    return -1;
}

static size_t str_hash(obj_t self) {
    if (OBJ_IS_QSTR(self)) {
        return qstr_hash(OBJ_QSTR_VALUE(self));
    }
    obj_str_t *s = self;
    if (s->hash != 0) {
        return s->hash;
    }
    size_t h = qstr_compute_hash(str_obj_data(s), s->len);
    if (gc_is_heap_ptr(s)) {
        s->hash = h;  // cache it (objects in flash are never written)
    }
    return h;
}

static obj_t str_unary_op(int op, obj_t self) {
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    switch (op) {
        case MP_UNARY_OP_BOOL:
            return obj_bool(len != 0);
        case MP_UNARY_OP_LEN:
            return OBJ_NEW_SMALL_INT(obj_is_str(self) ? utf8_char_count(d, len) : len);
        case MP_UNARY_OP_HASH:
            return OBJ_NEW_SMALL_INT((mp_int_t)(str_hash(self) & (size_t)SMALL_INT_MAX));
        default:
            return OBJ_NULL;
    }
}

static obj_t str_repeat(obj_t self, obj_t count) {
    mp_int_t n;
    if (!obj_get_int_maybe(count, &n)) {
        return OBJ_NULL;
    }
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    const obj_type_t *type = str_result_type(self);
    if (n <= 0 || len == 0) {
        return str_new_of_type(type, NULL, 0);
    }
    vstr_t v;
    vstr_init(&v, seq_repeat_len(len, (size_t)n, 1) + 1);
    for (mp_int_t i = 0; i < n; i++) {
        vstr_add_strn(&v, (const char *)d, len);
    }
    if (type == &type_bytearray) {
        obj_t r = obj_new_bytearray(v.len, v.buf);
        return r;
    }
    return obj_str_from_vstr(type, &v);
}

// Binary operators of str, bytes and bytearray (objbytes.c uses it too).
obj_t str_binary_op(int op, obj_t lhs, obj_t rhs);
obj_t str_binary_op(int op, obj_t lhs, obj_t rhs) {
    if (op == MP_BINARY_OP_MODULO && (obj_is_str(lhs) || obj_is_type(lhs, &type_bytes))) {
        return str_modulo_format(lhs, rhs);
    }
    if (op == MP_BINARY_OP_MULTIPLY || op == MP_BINARY_OP_INPLACE_MULTIPLY ||
        op == MP_BINARY_OP_REVERSE_MULTIPLY) {
        return str_repeat(lhs, rhs);
    }
    size_t alen, blen;
    const byte *a = str_data_maybe(lhs, &alen);
    if (op == MP_BINARY_OP_CONTAINS || op == MP_BINARY_OP_IN) {
        if (!obj_is_str(lhs) && obj_is_int(rhs)) {
            mp_int_t v = obj_get_int(rhs);
            return obj_bool(v >= 0 && v < 256 && memchr(a, (int)v, alen) != NULL);
        }
        const byte *b = str_data_like(lhs, rhs, &blen);
        return obj_bool(str_find_bytes(a, alen, b, blen, false) >= 0);
    }
    const byte *b = str_data_maybe(rhs, &blen);
    if (b == NULL || obj_is_str(lhs) != obj_is_str(rhs)) {
        if (op == MP_BINARY_OP_EQUAL) {
            return obj_false;
        }
        if (op == MP_BINARY_OP_NOT_EQUAL) {
            return obj_true;
        }
        return OBJ_NULL;
    }
    switch (op) {
        case MP_BINARY_OP_ADD:
        case MP_BINARY_OP_INPLACE_ADD: {
            vstr_t v;
            vstr_init(&v, alen + blen + 1);
            vstr_add_strn(&v, (const char *)a, alen);
            vstr_add_strn(&v, (const char *)b, blen);
            const obj_type_t *type = str_result_type(lhs);
            if (type == &type_bytearray) {
                return obj_new_bytearray(v.len, v.buf);
            }
            return obj_str_from_vstr(type, &v);
        }
        case MP_BINARY_OP_EQUAL:
            return obj_bool(alen == blen && memcmp(a, b, alen) == 0);
        case MP_BINARY_OP_NOT_EQUAL:
            return obj_bool(!(alen == blen && memcmp(a, b, alen) == 0));
        case MP_BINARY_OP_LESS:
            return obj_bool(str_compare(a, alen, b, blen) < 0);
        case MP_BINARY_OP_LESS_EQUAL:
            return obj_bool(str_compare(a, alen, b, blen) <= 0);
        case MP_BINARY_OP_MORE:
            return obj_bool(str_compare(a, alen, b, blen) > 0);
        case MP_BINARY_OP_MORE_EQUAL:
            return obj_bool(str_compare(a, alen, b, blen) >= 0);
        default:
            return OBJ_NULL;
    }
}

/* ------------------------------------------------------------------------------------
 * Indexing: characters, not bytes.
 */
// The byte offset of the character that a str index object names; IndexError when out of
// range. Walks from the nearer end, as MicroPython does (no full count of the characters).
static size_t char_offset(obj_t index, const byte *d, size_t len) {
    mp_int_t i;
    if (!obj_get_int_maybe(index, &i) || obj_is_float(index)) {
        rt_raise_msg(&type_TypeError, "string indices must be integers, not %q",
                     obj_type_name(index));
    }
    size_t pos;
    if (i >= 0) {
        for (pos = 0; pos < len; pos++) {
            if (!utf8_is_cont(d[pos]) && i-- == 0) {
                return pos;
            }
        }
    } else {
        for (pos = len; pos-- > 0;) {
            if (!utf8_is_cont(d[pos]) && ++i == 0) {
                return pos;
            }
        }
    }
    rt_raise_msg(&type_IndexError, "string index out of range");
}

static obj_t str_subscr(obj_t self, obj_t index, obj_t value) {
    if (value != OBJ_SENTINEL) {
        return OBJ_NULL;  // str does not support item assignment
    }
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    if (obj_is_type(index, &type_slice)) {
        size_t nchars = utf8_char_count(d, len);
        size_t begin, end;
        if (!obj_slice_get_range(index, nchars, &begin, &end)) {
            rt_raise_msg(&type_NotImplementedError,
                         "only slices with step=1 (aka None) are supported");
        }
        size_t b = utf8_offset(d, len, begin);
        size_t e = b + utf8_offset(d + b, len - b, end - begin);
        return obj_new_str((const char *)d + b, e - b);
    }
    size_t b = char_offset(index, d, len);
    size_t e = b + utf8_offset(d + b, len - b, 1);
    return obj_new_str((const char *)d + b, e - b);
}

/* ------------------------------------------------------------------------------------
 * Iteration: one str of one character at a time.
 */
typedef struct str_iter_t {
    obj_base_t base;
    obj_t str;
    size_t pos;  // byte offset
} str_iter_t;

static obj_t str_iter_next(obj_t self) {
    str_iter_t *it = self;
    size_t len;
    const byte *d = str_data_maybe(it->str, &len);
    if (it->pos >= len) {
        return OBJ_STOP_ITERATION;
    }
    size_t start = it->pos;
    it->pos += utf8_offset(d + start, len - start, 1);
    return obj_new_str((const char *)d + start, it->pos - start);
}

static const obj_type_t type_str_iterator = {
    .base = {&type_type},
    .flags = TYPE_FLAG_ITER_IS_SELF,
    .name = MP_QSTR_iterator,
    .slots = &(const obj_type_slots_t){
        .iternext = str_iter_next,
    },
};

static obj_t str_getiter(obj_t self) {
    str_iter_t *it = m_new_obj(str_iter_t);
    it->base.type = &type_str_iterator;
    it->str = self;
    it->pos = 0;
    return it;
}

static const map_elem_t str_locals_table[] = {
    STR_SHARED_METHODS(STR_METHOD_ENTRY)
    { ROM_QSTR(MP_QSTR_encode), ROM_PTR(&str_encode_obj) },
};
static DEFINE_CONST_DICT(str_locals_dict, str_locals_table);

const obj_type_t type_str = {
    .base = {&type_type},
    .name = MP_QSTR_str,
    .slots = &(const obj_type_slots_t){
        .print = str_print,
        .make_new = str_make_new,
        .unary_op = str_unary_op,
        .binary_op = str_binary_op,
        .subscr = str_subscr,
        .getiter = str_getiter,
    },
    .locals_dict = &str_locals_dict,
};
