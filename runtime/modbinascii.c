// SPDX-License-Identifier: MIT
// modbinascii.c: the binascii module: hex and base64 conversions, crc32.
#include "runtime/objstr.h"
#include "runtime/runtime.h"

static const byte *buffer_arg(obj_t o, size_t *len) {
    const byte *d = str_data_maybe(o, len);
    if (d == NULL) {
        rt_raise_msg(&type_TypeError, "object with buffer protocol required");
    }
    return d;
}

// hexlify(data[, sep]) is bytes.hex() as bytes.
static obj_t binascii_hexlify(size_t n_args, const obj_t *args) {
    obj_t s = bytes_hex_obj.fun.var(n_args, args);
    size_t len;
    const char *d = obj_str_get_data(s, &len);
    return obj_new_bytes((const byte *)d, len);
}
static FUN_OBJ_VAR_BETWEEN(binascii_hexlify_obj, 1, 2, binascii_hexlify);

static obj_t binascii_unhexlify(obj_t data) {
    size_t len;
    const byte *d = buffer_arg(data, &len);
    if (len % 2 != 0) {
        rt_raise_msg(&type_ValueError, "odd-length string");
    }
    // bytes.fromhex does the work (it is a classmethod wrapping a 2-argument function).
    const obj_fun_builtin_t *fromhex = bytes_fromhex_obj.fun;
    return fromhex->fun._2((obj_t)&type_bytes, obj_new_str((const char *)d, len));
}
static FUN_OBJ_1(binascii_unhexlify_obj, binascii_unhexlify);

static const char b64_table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static obj_t binascii_b2a_base64(size_t n_args, const obj_t *args, map_t *kw) {
    static const qstr_t allowed[] = {MP_QSTR_data, MP_QSTR_newline};
    const obj_t defaults[] = {OBJ_NULL, obj_true};
    obj_t a[2];
    rt_arg_parse(n_args, args, kw, 2, allowed, defaults, a);
    size_t len;
    const byte *d = buffer_arg(a[0], &len);
    vstr_t v;
    vstr_init(&v, len * 4 / 3 + 4);
    for (size_t i = 0; i < len; i += 3) {
        uint32_t n = (uint32_t)d[i] << 16;
        if (i + 1 < len) {
            n |= (uint32_t)d[i + 1] << 8;
        }
        if (i + 2 < len) {
            n |= d[i + 2];
        }
        vstr_add_char(&v, b64_table[(n >> 18) & 63]);
        vstr_add_char(&v, b64_table[(n >> 12) & 63]);
        vstr_add_char(&v, i + 1 < len ? b64_table[(n >> 6) & 63] : '=');
        vstr_add_char(&v, i + 2 < len ? b64_table[n & 63] : '=');
    }
    if (obj_is_true(a[1])) {
        vstr_add_char(&v, '\n');
    }
    return obj_str_from_vstr(&type_bytes, &v);
}
static FUN_OBJ_KW(binascii_b2a_base64_obj, 1, binascii_b2a_base64);

static int b64_value(byte c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static obj_t binascii_a2b_base64(obj_t data) {
    size_t len;
    const byte *d = buffer_arg(data, &len);
    vstr_t v;
    vstr_init(&v, len * 3 / 4 + 1);
    uint32_t acc = 0;
    int bits = 0, n = 0;
    for (size_t i = 0; i < len; i++) {
        if (d[i] == '=') {
            break;
        }
        int x = b64_value(d[i]);
        if (x < 0) {
            continue;  // whitespace and other non-alphabet characters are skipped
        }
        n++;
        acc = (acc << 6) | (uint32_t)x;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            vstr_add_char(&v, (char)(acc >> bits));
        }
    }
    if (n % 4 == 1) {
        rt_raise_msg(&type_ValueError, "incorrect padding");
    }
    return obj_str_from_vstr(&type_bytes, &v);
}
static FUN_OBJ_1(binascii_a2b_base64_obj, binascii_a2b_base64);

static obj_t binascii_crc32(size_t n_args, const obj_t *args) {
    size_t len;
    const byte *d = buffer_arg(args[0], &len);
    uint32_t crc = n_args > 1 ? (uint32_t)obj_get_int(args[1]) : 0;
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= d[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
        }
    }
    return obj_new_int_from_uint(~crc);
}
static FUN_OBJ_VAR_BETWEEN(binascii_crc32_obj, 1, 2, binascii_crc32);

static const map_elem_t binascii_globals_table[] = {
    { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_binascii) },
    { ROM_QSTR(MP_QSTR_hexlify), ROM_PTR(&binascii_hexlify_obj) },
    { ROM_QSTR(MP_QSTR_unhexlify), ROM_PTR(&binascii_unhexlify_obj) },
    { ROM_QSTR(MP_QSTR_a2b_base64), ROM_PTR(&binascii_a2b_base64_obj) },
    { ROM_QSTR(MP_QSTR_b2a_base64), ROM_PTR(&binascii_b2a_base64_obj) },
    { ROM_QSTR(MP_QSTR_crc32), ROM_PTR(&binascii_crc32_obj) },
};
static DEFINE_CONST_DICT(binascii_globals, binascii_globals_table);

const obj_module_t module_binascii = {{&type_module}, (obj_dict_t *)&binascii_globals};
