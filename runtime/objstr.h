// SPDX-License-Identifier: MIT
// objstr.h: what the str, bytes and bytearray files share: data access, UTF-8, shared methods.
#ifndef RUNTIME_OBJSTR_H
#define RUNTIME_OBJSTR_H

#include "runtime/obj.h"

/*
 * A str is a qstr word or an obj_str_t of type_str holding valid UTF-8; a bytes is an
 * obj_str_t of type_bytes; a bytearray is an obj_array_t of type_bytearray. The methods
 * that str and bytes share (split, find, strip...) are written once, over bytes, and find
 * the kind of their result from self: a str method returns str, a bytes method bytes, a
 * bytearray method bytearray (as MicroPython does).
 */

// The bytes of a str, bytes or bytearray (or memoryview), or NULL if o is none of them.
const byte *str_data_maybe(obj_t o, size_t *len);
// As str_data_maybe, but raises TypeError "can't convert '%s' object to str implicitly"
// when o does not have the kind of self (str vs bytes-like).
const byte *str_data_like(obj_t self, obj_t o, size_t *len);
// The type of the results of a method called on self: type_str, type_bytes or type_bytearray.
const obj_type_t *str_result_type(obj_t self);
// A new object of that type holding a copy of data[0..len); str may come back as a qstr.
obj_t str_new_of_type(const obj_type_t *type, const byte *data, size_t len);
bool str_is_bytes_like(obj_t o);  // bytes, bytearray, memoryview

// UTF-8 (str data is always valid UTF-8: it is checked where it comes from outside).
static inline bool utf8_is_cont(byte b) {
    return (b & 0xc0) == 0x80;
}
size_t utf8_char_count(const byte *s, size_t len);
// Byte offset of character n (n <= the number of characters).
size_t utf8_offset(const byte *s, size_t len, size_t n);
// The code point at *p; advances *p past it.
uint32_t utf8_decode(const byte **p);
size_t utf8_encode(uint32_t cp, byte *out);  // out holds 4 bytes; returns the byte count
bool utf8_valid(const byte *s, size_t len);

// Writes s[0..len) as a quoted literal (repr): str form, or with is_bytes the b'' form.
void str_print_quoted(const print_t *p, const byte *s, size_t len, bool is_bytes);
void str_print_json(const print_t *p, const byte *s, size_t len);

// Sequence comparison of bytes (memcmp, then length): <0, 0, >0.
int str_compare(const byte *a, size_t alen, const byte *b, size_t blen);
// Index of the first (or with reverse, last) occurrence of needle in hay, or -1.
mp_int_t str_find_bytes(const byte *hay, size_t hlen, const byte *needle, size_t nlen,
                        bool reverse);

// The shared str/bytes/bytearray methods (objstrmeth.c), for the types' locals tables.
#define STR_SHARED_METHODS(X) \
    X(count) X(endswith) X(find) X(format) X(index) X(isalpha) X(isdigit) X(islower) \
    X(isspace) X(isupper) X(join) X(lower) X(lstrip) X(replace) X(rfind) X(rindex) \
    X(rsplit) X(rstrip) X(split) X(startswith) X(strip) X(upper) X(center) X(partition) \
    X(rpartition) X(splitlines)
#define STR_METHOD_DECLARE(name) extern const obj_fun_builtin_t str_##name##_obj;
STR_SHARED_METHODS(STR_METHOD_DECLARE)
#undef STR_METHOD_DECLARE
extern const obj_fun_builtin_t str_encode_obj, bytes_decode_obj, bytes_hex_obj;
extern const obj_static_class_method_t bytes_fromhex_obj;
#define STR_METHOD_ENTRY(name) { ROM_QSTR(MP_QSTR_##name), ROM_PTR(&str_##name##_obj) },

// Formatting (objstrformat.c): `fmt % args` and fmt.format(*args, **kwargs).
obj_t str_modulo_format(obj_t fmt, obj_t args);
obj_t str_format(size_t n_args, const obj_t *args, map_t *kw);
// format(value, spec) for the builtin format().
obj_t str_format_value(obj_t value, obj_t spec);

#endif // RUNTIME_OBJSTR_H
