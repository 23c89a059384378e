// SPDX-License-Identifier: MIT
// modstruct.c: the struct module: pack/unpack of C values by a format string.
#include <string.h>

#include "runtime/objint.h"
#include "runtime/objstr.h"
#include "runtime/runtime.h"

/*
 * A format is an optional byte-order mark (< > ! little/big without padding; @ or none:
 * native order, sizes and alignment; = native order, standard sizes) and then items
 * [count]code. As in MicroPython, values that do not fit are truncated to the field, a
 * missing value packs as zero, and extra values are ignored.
 */

typedef struct fmt_t {
    const char *s, *end;
    bool big;     // byte order
    bool native;  // native sizes and alignment ('@')
} fmt_t;

static void fmt_init(fmt_t *f, obj_t fmt_obj) {
    size_t len;
    f->s = obj_str_get_data(fmt_obj, &len);
    f->end = f->s + len;
    f->big = false;
    f->native = true;
    if (f->s < f->end) {
        switch (*f->s) {
            case '<':
                f->native = false;
                f->s++;
                break;
            case '>':
            case '!':
                f->big = true;
                f->native = false;
                f->s++;
                break;
            case '=':
                f->native = false;
                f->s++;
                break;
            case '@':
                f->s++;
                break;
            default:
                break;
        }
    }
}

// Size of one item of code (0 for 's', which counts bytes, and 'x').
static size_t code_size(const fmt_t *f, char code) {
    switch (code) {
        case 'b': case 'B': case 'x': case 's':
            return 1;
        case 'h': case 'H': case 'e':
            return 2;
        case 'i': case 'I': case 'f':
            return 4;
        case 'l': case 'L':
            return f->native ? sizeof(long) : 4;
        case 'q': case 'Q': case 'd':
            return 8;
        case 'P':
            return sizeof(void *);
        default:
            rt_raise_msg(&type_ValueError, "bad typecode");
    }
}

// The next item: its code and repeat count; false at the end of the format.
static bool fmt_next(fmt_t *f, char *code, size_t *count) {
    while (f->s < f->end && *f->s == ' ') {
        f->s++;
    }
    if (f->s >= f->end) {
        return false;
    }
    size_t n = 0;
    bool have = false;
    while (f->s < f->end && *f->s >= '0' && *f->s <= '9') {
        n = n * 10 + (size_t)(*f->s++ - '0');
        have = true;
    }
    if (f->s >= f->end) {
        rt_raise_msg(&type_ValueError, "bad typecode");
    }
    *code = *f->s++;
    *count = have ? n : 1;
    return true;
}

// Offset of the next field: aligned to its size in native mode.
static size_t align_to(const fmt_t *f, size_t offset, size_t size) {
    if (f->native && size > 1) {
        offset = (offset + size - 1) / size * size;
    }
    return offset;
}

static size_t calc_size(obj_t fmt_obj, size_t *n_values) {
    fmt_t f;
    fmt_init(&f, fmt_obj);
    size_t total = 0, values = 0;
    char code;
    size_t count;
    while (fmt_next(&f, &code, &count)) {
        size_t size = code_size(&f, code);
        if (code == 's') {
            total += count;
            values++;
        } else if (code == 'x') {
            total += count;
        } else {
            total = align_to(&f, total, size) + size * count;
            values += count;
        }
    }
    if (n_values != NULL) {
        *n_values = values;
    }
    return total;
}

static obj_t struct_calcsize(obj_t fmt) {
    return OBJ_NEW_SMALL_INT(calc_size(fmt, NULL));
}
static FUN_OBJ_1(struct_calcsize_obj, struct_calcsize);

/* ------------------------------------------------------------------------------------
 * Values.
 */
static uint16_t float_to_half(float x) {
    uint32_t b;
    memcpy(&b, &x, 4);
    uint32_t sign = (b >> 16) & 0x8000;
    int32_t exp = (int32_t)((b >> 23) & 0xff) - 127 + 15;
    uint32_t mant = b & 0x7fffff;
    if (((b >> 23) & 0xff) == 0xff) {
        return (uint16_t)(sign | 0x7c00 | (mant ? 0x200 : 0));
    }
    if (exp >= 31) {
        return (uint16_t)(sign | 0x7c00);
    }
    if (exp <= 0) {
        if (exp < -10) {
            return (uint16_t)sign;
        }
        mant |= 0x800000;
        return (uint16_t)(sign | (mant >> (14 - exp)));
    }
    return (uint16_t)(sign | ((uint32_t)exp << 10) | (mant >> 13));
}

static float half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff, b;
    if (exp == 0x1f) {
        b = sign | 0x7f800000 | (mant << 13);
    } else if (exp == 0) {
        float f = (float)mant / 1024.0f / 16384.0f;
        return sign ? -f : f;
    } else {
        b = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    memcpy(&f, &b, 4);
    return f;
}

static void put_uint(byte *p, size_t size, uint64_t v, bool big) {
    for (size_t i = 0; i < size; i++) {
        p[big ? size - 1 - i : i] = (byte)(v >> (8 * i));
    }
}

static uint64_t get_uint(const byte *p, size_t size, bool big) {
    uint64_t v = 0;
    for (size_t i = 0; i < size; i++) {
        v |= (uint64_t)p[big ? size - 1 - i : i] << (8 * i);
    }
    return v;
}

// The low 64 bits of an int's two's-complement form.
static uint64_t int_low_bits(obj_t o) {
    if (obj_is_float(o)) {
        rt_raise_msg(&type_TypeError, "can't convert float to int");
    }
    if (!obj_is_type(o, &type_int)) {
        return (uint64_t)(int64_t)obj_get_int(o);
    }
    mpz_t t;
    mpz_dig_t d[5];
    byte buf[8];
    (void)mpz_to_bytes(int_as_mpz(o, &t, d), buf, 8, false, true);
    return get_uint(buf, 8, false);
}

static void pack_one(const fmt_t *f, char code, byte *p, size_t size, obj_t v) {
    switch (code) {
        case 'f': {
            float x = (float)obj_get_float(v);
            uint32_t b;
            memcpy(&b, &x, 4);
            put_uint(p, 4, b, f->big);
            break;
        }
        case 'd': {
            double x = (double)obj_get_float(v);
            uint64_t b;
            memcpy(&b, &x, 8);
            put_uint(p, 8, b, f->big);
            break;
        }
        case 'e':
            put_uint(p, 2, float_to_half((float)obj_get_float(v)), f->big);
            break;
        default:
            put_uint(p, size, int_low_bits(v), f->big);
            break;
    }
}

static obj_t unpack_one(const fmt_t *f, char code, const byte *p, size_t size) {
    uint64_t u = get_uint(p, size, f->big);
    switch (code) {
        case 'f': {
            uint32_t b = (uint32_t)u;
            float x;
            memcpy(&x, &b, 4);
            return obj_new_float((mp_float_t)x);
        }
        case 'd': {
            double x;
            memcpy(&x, &u, 8);
            return obj_new_float((mp_float_t)x);
        }
        case 'e':
            return obj_new_float((mp_float_t)half_to_float((uint16_t)u));
        case 'b': case 'h': case 'i': case 'l': case 'q': {
            if (size < 8 && (u >> (8 * size - 1)) & 1) {
                u |= ~(uint64_t)0 << (8 * size);  // sign-extend
            }
            return obj_new_int_from_ll((long long)(int64_t)u);
        }
        default:
            return obj_new_int_from_ull(u);
    }
}

// Packs args[0..n) by fmt into buf (calc_size bytes, zeroed).
static void pack_into(obj_t fmt_obj, byte *buf, size_t n, const obj_t *args) {
    fmt_t f;
    fmt_init(&f, fmt_obj);
    size_t offset = 0, ai = 0;
    char code;
    size_t count;
    while (fmt_next(&f, &code, &count)) {
        size_t size = code_size(&f, code);
        if (code == 'x') {
            offset += count;
            continue;
        }
        if (code == 's') {
            if (ai < n) {
                size_t len;
                const byte *d = str_data_maybe(args[ai], &len);
                if (d == NULL) {
                    rt_raise_msg(&type_TypeError, "object with buffer protocol required");
                }
                memcpy(buf + offset, d, len < count ? len : count);
            }
            ai++;
            offset += count;
            continue;
        }
        offset = align_to(&f, offset, size);
        for (size_t i = 0; i < count; i++, ai++, offset += size) {
            if (ai < n) {
                pack_one(&f, code, buf + offset, size, args[ai]);
            }
        }
    }
}

static obj_t struct_pack(size_t n_args, const obj_t *args) {
    size_t size = calc_size(args[0], NULL);
    vstr_t v;
    vstr_init(&v, size + 1);
    memset(vstr_extend(&v, size), 0, size);
    pack_into(args[0], (byte *)v.buf, n_args - 1, args + 1);
    return obj_str_from_vstr(&type_bytes, &v);
}
static FUN_OBJ_VAR(struct_pack_obj, 1, struct_pack);

// pack_into(fmt, buffer, offset, *values)
static obj_t struct_pack_into(size_t n_args, const obj_t *args) {
    buffer_info_t info;
    const obj_type_t *t = obj_get_type(args[1]);
    if (t->slots->buffer == NULL || !t->slots->buffer(args[1], &info, BUFFER_WRITE)) {
        rt_raise_msg(&type_TypeError, "object with buffer protocol required");
    }
    mp_int_t offset = obj_get_int(args[2]);
    if (offset < 0) {
        offset += (mp_int_t)info.len;
    }
    size_t size = calc_size(args[0], NULL);
    if (offset < 0 || (size_t)offset + size > info.len) {
        rt_raise_msg(&type_ValueError, "buffer too small");
    }
    byte *tmp = m_new(byte, size + 1);
    memcpy(tmp, (byte *)info.buf + offset, size);
    pack_into(args[0], tmp, n_args - 3, args + 3);
    memcpy((byte *)info.buf + offset, tmp, size);
    m_del(tmp);
    return obj_none;
}
static FUN_OBJ_VAR(struct_pack_into_obj, 3, struct_pack_into);

static obj_t unpack_at(obj_t fmt_obj, obj_t data, mp_int_t offset) {
    size_t len;
    const byte *d = str_data_maybe(data, &len);
    if (d == NULL || obj_is_str(data)) {
        rt_raise_msg(&type_TypeError, "object with buffer protocol required");
    }
    if (offset < 0) {
        offset += (mp_int_t)len;
    }
    size_t n_values;
    size_t size = calc_size(fmt_obj, &n_values);
    if (offset < 0 || (size_t)offset + size > len) {
        rt_raise_msg(&type_ValueError, "buffer too small");
    }
    d += offset;
    obj_tuple_t *out = obj_new_tuple(n_values, NULL);
    fmt_t f;
    fmt_init(&f, fmt_obj);
    size_t pos = 0, vi = 0;
    char code;
    size_t count;
    while (fmt_next(&f, &code, &count)) {
        size_t size1 = code_size(&f, code);
        if (code == 'x') {
            pos += count;
        } else if (code == 's') {
            out->items[vi++] = obj_new_bytes(d + pos, count);
            pos += count;
        } else {
            pos = align_to(&f, pos, size1);
            for (size_t i = 0; i < count; i++, pos += size1) {
                out->items[vi++] = unpack_one(&f, code, d + pos, size1);
            }
        }
    }
    return out;
}

static obj_t struct_unpack(obj_t fmt, obj_t data) {
    return unpack_at(fmt, data, 0);
}
static FUN_OBJ_2(struct_unpack_obj, struct_unpack);

static obj_t struct_unpack_from(size_t n_args, const obj_t *args) {
    return unpack_at(args[0], args[1], n_args > 2 ? obj_get_int(args[2]) : 0);
}
static FUN_OBJ_VAR_BETWEEN(struct_unpack_from_obj, 2, 3, struct_unpack_from);

static const map_elem_t struct_globals_table[] = {
    { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_struct) },
    { ROM_QSTR(MP_QSTR_calcsize), ROM_PTR(&struct_calcsize_obj) },
    { ROM_QSTR(MP_QSTR_pack), ROM_PTR(&struct_pack_obj) },
    { ROM_QSTR(MP_QSTR_pack_into), ROM_PTR(&struct_pack_into_obj) },
    { ROM_QSTR(MP_QSTR_unpack), ROM_PTR(&struct_unpack_obj) },
    { ROM_QSTR(MP_QSTR_unpack_from), ROM_PTR(&struct_unpack_from_obj) },
};
static DEFINE_CONST_DICT(struct_globals, struct_globals_table);

const obj_module_t module_struct = {{&type_module}, (obj_dict_t *)&struct_globals};
