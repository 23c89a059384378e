// SPDX-License-Identifier: MIT
// objstrmeth.c: the methods str, bytes and bytearray share (split, find, strip, replace ...).
#include <string.h>

#include "runtime/objstr.h"
#include "runtime/runtime.h"

/*
 * Every method works on bytes. Positions given to or returned by a str method are
 * character indices, converted at the edges (start/end arguments in, find results out).
 * Case and class tests are ASCII only, as in MicroPython.
 */

static bool is_space(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}
static bool is_alpha(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static bool is_digit(byte c) {
    return c >= '0' && c <= '9';
}
static bool is_upper(byte c) {
    return c >= 'A' && c <= 'Z';
}
static bool is_lower(byte c) {
    return c >= 'a' && c <= 'z';
}

// A str/bytes-like result of self's kind from data[0..len).
static obj_t new_like(obj_t self, const byte *data, size_t len) {
    return str_new_of_type(str_result_type(self), data, len);
}

// Normalises a start or end argument (character index for str) to a byte offset.
static size_t bound_arg(obj_t self, const byte *d, size_t len, obj_t arg, size_t dflt) {
    if (arg == obj_none) {
        return dflt;
    }
    bool is_str = obj_is_str(self);
    size_t n = is_str ? utf8_char_count(d, len) : len;
    mp_int_t i = obj_get_int(arg);
    if (i < 0) {
        i += (mp_int_t)n;
        if (i < 0) {
            i = 0;
        }
    }
    if ((size_t)i > n) {
        i = (mp_int_t)n;
    }
    return is_str ? utf8_offset(d, len, (size_t)i) : (size_t)i;
}

// The byte range [*b, *e) that args[first] and args[first + 1] (start, end) select.
static void range_args(obj_t self, const byte *d, size_t len, size_t n_args, const obj_t *args,
                       size_t first, size_t *b, size_t *e) {
    *b = n_args > first ? bound_arg(self, d, len, args[first], 0) : 0;
    *e = n_args > first + 1 ? bound_arg(self, d, len, args[first + 1], len) : len;
    if (*e < *b) {
        *e = *b;
    }
}

// A byte offset as the index a find of self reports.
static obj_t index_result(obj_t self, const byte *d, mp_int_t off) {
    if (off < 0 || !obj_is_str(self)) {
        return OBJ_NEW_SMALL_INT(off);
    }
    return OBJ_NEW_SMALL_INT(utf8_char_count(d, (size_t)off));
}

/* ------------------------------------------------------------------------------------
 * Searching.
 */
static obj_t find_common(size_t n_args, const obj_t *args, bool reverse, bool raise) {
    size_t len, nlen, b, e;
    const byte *d = str_data_maybe(args[0], &len);
    const byte *needle = str_data_like(args[0], args[1], &nlen);
    range_args(args[0], d, len, n_args, args, 2, &b, &e);
    mp_int_t off = str_find_bytes(d + b, e - b, needle, nlen, reverse);
    if (off < 0) {
        if (raise) {
            rt_raise_msg(&type_ValueError, "substring not found");
        }
        return OBJ_NEW_SMALL_INT(-1);
    }
    return index_result(args[0], d, off + (mp_int_t)b);
}

static obj_t str_find(size_t n_args, const obj_t *args) {
    return find_common(n_args, args, false, false);
}
FUN_OBJ_VAR_BETWEEN(str_find_obj, 2, 4, str_find);

static obj_t str_rfind(size_t n_args, const obj_t *args) {
    return find_common(n_args, args, true, false);
}
FUN_OBJ_VAR_BETWEEN(str_rfind_obj, 2, 4, str_rfind);

static obj_t str_index(size_t n_args, const obj_t *args) {
    return find_common(n_args, args, false, true);
}
FUN_OBJ_VAR_BETWEEN(str_index_obj, 2, 4, str_index);

static obj_t str_rindex(size_t n_args, const obj_t *args) {
    return find_common(n_args, args, true, true);
}
FUN_OBJ_VAR_BETWEEN(str_rindex_obj, 2, 4, str_rindex);

static obj_t str_count(size_t n_args, const obj_t *args) {
    size_t len, nlen, b, e;
    const byte *d = str_data_maybe(args[0], &len);
    const byte *needle = str_data_like(args[0], args[1], &nlen);
    range_args(args[0], d, len, n_args, args, 2, &b, &e);
    if (nlen == 0) {
        size_t n = obj_is_str(args[0]) ? utf8_char_count(d + b, e - b) : e - b;
        return OBJ_NEW_SMALL_INT(n + 1);
    }
    mp_int_t count = 0;
    for (size_t i = b; i + nlen <= e;) {
        if (memcmp(d + i, needle, nlen) == 0) {
            count++;
            i += nlen;
        } else {
            i++;
        }
    }
    return OBJ_NEW_SMALL_INT(count);
}
FUN_OBJ_VAR_BETWEEN(str_count_obj, 2, 4, str_count);

// startswith/endswith: the prefix may be a tuple of alternatives.
static obj_t affix_common(size_t n_args, const obj_t *args, bool at_end) {
    size_t len, b, e;
    const byte *d = str_data_maybe(args[0], &len);
    range_args(args[0], d, len, n_args, args, 2, &b, &e);
    size_t n = 1;
    obj_t *items = (obj_t *)&args[1];
    if (obj_is_type(args[1], &type_tuple)) {
        obj_get_array(args[1], &n, &items);
    }
    for (size_t i = 0; i < n; i++) {
        size_t alen;
        const byte *a = str_data_like(args[0], items[i], &alen);
        if (alen <= e - b) {
            const byte *at = at_end ? d + e - alen : d + b;
            if (memcmp(at, a, alen) == 0) {
                return obj_true;
            }
        }
    }
    return obj_false;
}

static obj_t str_startswith(size_t n_args, const obj_t *args) {
    return affix_common(n_args, args, false);
}
FUN_OBJ_VAR_BETWEEN(str_startswith_obj, 2, 4, str_startswith);

static obj_t str_endswith(size_t n_args, const obj_t *args) {
    return affix_common(n_args, args, true);
}
FUN_OBJ_VAR_BETWEEN(str_endswith_obj, 2, 4, str_endswith);

/* ------------------------------------------------------------------------------------
 * Splitting and joining.
 */
static void reverse_list(obj_t list) {
    obj_list_t *l = list;
    for (size_t i = 0; i < l->len / 2; i++) {
        obj_t t = l->items[i];
        l->items[i] = l->items[l->len - 1 - i];
        l->items[l->len - 1 - i] = t;
    }
}

// Split at runs of whitespace; from the right with reverse. max < 0: no limit. Once max
// splits are done the rest is one item, whitespace kept on its far side (as in Python).
static obj_t split_space(obj_t self, const byte *d, size_t len, mp_int_t max, bool reverse) {
    obj_t list = obj_new_list(0, NULL);
    size_t b = 0, e = len;
    while (true) {
        if (!reverse) {
            while (b < e && is_space(d[b])) {
                b++;
            }
        } else {
            while (e > b && is_space(d[e - 1])) {
                e--;
            }
        }
        if (b == e) {
            break;
        }
        if (max == 0) {
            obj_list_append(list, new_like(self, d + b, e - b));
            break;
        }
        if (!reverse) {
            size_t i = b;
            while (i < e && !is_space(d[i])) {
                i++;
            }
            obj_list_append(list, new_like(self, d + b, i - b));
            b = i;
        } else {
            size_t i = e;
            while (i > b && !is_space(d[i - 1])) {
                i--;
            }
            obj_list_append(list, new_like(self, d + i, e - i));
            e = i;
        }
        if (max > 0) {
            max--;
        }
    }
    if (reverse) {
        reverse_list(list);
    }
    return list;
}

static obj_t split_sep(obj_t self, const byte *d, size_t len, const byte *sep, size_t slen,
                       mp_int_t max, bool reverse) {
    if (slen == 0) {
        rt_raise_msg(&type_ValueError, "empty separator");
    }
    obj_t list = obj_new_list(0, NULL);
    size_t b = 0, e = len;
    while (max != 0) {
        mp_int_t off = str_find_bytes(d + b, e - b, sep, slen, reverse);
        if (off < 0) {
            break;
        }
        size_t at = b + (size_t)off;
        if (!reverse) {
            obj_list_append(list, new_like(self, d + b, at - b));
            b = at + slen;
        } else {
            obj_list_append(list, new_like(self, d + at + slen, e - at - slen));
            e = at;
        }
        if (max > 0) {
            max--;
        }
    }
    obj_list_append(list, new_like(self, d + b, e - b));
    if (reverse) {
        reverse_list(list);
    }
    return list;
}

static obj_t split_common(size_t n_args, const obj_t *args, bool reverse) {
    size_t len;
    const byte *d = str_data_maybe(args[0], &len);
    mp_int_t max = n_args > 2 ? obj_get_int(args[2]) : -1;
    if (n_args < 2 || args[1] == obj_none) {
        return split_space(args[0], d, len, max, reverse);
    }
    size_t slen;
    const byte *sep = str_data_like(args[0], args[1], &slen);
    return split_sep(args[0], d, len, sep, slen, max, reverse);
}

static obj_t str_split(size_t n_args, const obj_t *args) {
    return split_common(n_args, args, false);
}
FUN_OBJ_VAR_BETWEEN(str_split_obj, 1, 3, str_split);

static obj_t str_rsplit(size_t n_args, const obj_t *args) {
    return split_common(n_args, args, true);
}
FUN_OBJ_VAR_BETWEEN(str_rsplit_obj, 1, 3, str_rsplit);

static obj_t str_splitlines(size_t n_args, const obj_t *args, map_t *kw) {
    static const qstr_t allowed[] = {MP_QSTR_self, MP_QSTR_keepends};
    const obj_t defaults[] = {obj_none, obj_false};
    obj_t a[2];
    rt_arg_parse(n_args, args, kw, 2, allowed, defaults, a);
    bool keep = obj_is_true(a[1]);
    size_t len;
    const byte *d = str_data_maybe(a[0], &len);
    obj_t list = obj_new_list(0, NULL);
    size_t b = 0;
    while (b < len) {
        size_t i = b;
        while (i < len && d[i] != '\n' && d[i] != '\r') {
            i++;
        }
        size_t next = i;
        if (i < len) {
            next = (d[i] == '\r' && i + 1 < len && d[i + 1] == '\n') ? i + 2 : i + 1;
        }
        obj_list_append(list, new_like(a[0], d + b, (keep ? next : i) - b));
        b = next;
    }
    return list;
}
FUN_OBJ_KW(str_splitlines_obj, 1, str_splitlines);

static obj_t str_join(obj_t self, obj_t iterable) {
    size_t slen;
    const byte *sep = str_data_maybe(self, &slen);
    bool want_str = obj_is_str(self);
    obj_t list = rt_list_from_iterable(iterable);
    size_t n;
    obj_t *items;
    obj_get_array(list, &n, &items);
    vstr_t v;
    vstr_init(&v, 16);
    for (size_t i = 0; i < n; i++) {
        size_t ilen;
        const byte *id = str_data_maybe(items[i], &ilen);
        if (id == NULL || obj_is_str(items[i]) != want_str) {
            rt_raise_msg(&type_TypeError,
                         "join expects a list of str/bytes objects consistent with self object");
        }
        if (i > 0) {
            vstr_add_strn(&v, (const char *)sep, slen);
        }
        vstr_add_strn(&v, (const char *)id, ilen);
    }
    const obj_type_t *type = str_result_type(self);
    if (type == &type_bytearray) {
        return obj_new_bytearray(v.len, v.buf);
    }
    return obj_str_from_vstr(type, &v);
}
FUN_OBJ_2(str_join_obj, str_join);

static obj_t partition_common(obj_t self, obj_t sep_obj, bool reverse) {
    size_t len, slen;
    const byte *d = str_data_maybe(self, &len);
    const byte *sep = str_data_like(self, sep_obj, &slen);
    if (slen == 0) {
        rt_raise_msg(&type_ValueError, "empty separator");
    }
    obj_t empty = new_like(self, NULL, 0);
    obj_t parts[3] = {empty, empty, empty};
    mp_int_t off = str_find_bytes(d, len, sep, slen, reverse);
    if (off < 0) {
        parts[reverse ? 2 : 0] = self;
        if (obj_is_type(self, &type_bytearray)) {
            parts[reverse ? 2 : 0] = new_like(self, d, len);
        }
    } else {
        size_t at = (size_t)off;
        parts[0] = new_like(self, d, at);
        parts[1] = new_like(self, sep, slen);
        parts[2] = new_like(self, d + at + slen, len - at - slen);
    }
    return obj_new_tuple(3, parts);
}

static obj_t str_partition(obj_t self, obj_t sep) {
    return partition_common(self, sep, false);
}
FUN_OBJ_2(str_partition_obj, str_partition);

static obj_t str_rpartition(obj_t self, obj_t sep) {
    return partition_common(self, sep, true);
}
FUN_OBJ_2(str_rpartition_obj, str_rpartition);

/* ------------------------------------------------------------------------------------
 * Transformations.
 */
static obj_t strip_common(size_t n_args, const obj_t *args, bool left, bool right) {
    size_t len;
    const byte *d = str_data_maybe(args[0], &len);
    const byte *chars = NULL;
    size_t clen = 0;
    if (n_args > 1 && args[1] != obj_none) {
        chars = str_data_like(args[0], args[1], &clen);
    }
    size_t b = 0, e = len;
    #define STRIPPED(c) (chars == NULL ? is_space(c) : memchr(chars, (c), clen) != NULL)
    while (left && b < e && STRIPPED(d[b])) {
        b++;
    }
    while (right && e > b && STRIPPED(d[e - 1])) {
        e--;
    }
    #undef STRIPPED
    if (b == 0 && e == len && !obj_is_type(args[0], &type_bytearray)) {
        return args[0];
    }
    return new_like(args[0], d + b, e - b);
}

static obj_t str_strip(size_t n_args, const obj_t *args) {
    return strip_common(n_args, args, true, true);
}
FUN_OBJ_VAR_BETWEEN(str_strip_obj, 1, 2, str_strip);

static obj_t str_lstrip(size_t n_args, const obj_t *args) {
    return strip_common(n_args, args, true, false);
}
FUN_OBJ_VAR_BETWEEN(str_lstrip_obj, 1, 2, str_lstrip);

static obj_t str_rstrip(size_t n_args, const obj_t *args) {
    return strip_common(n_args, args, false, true);
}
FUN_OBJ_VAR_BETWEEN(str_rstrip_obj, 1, 2, str_rstrip);

static obj_t str_replace(size_t n_args, const obj_t *args) {
    size_t len, olen, nlen;
    const byte *d = str_data_maybe(args[0], &len);
    const byte *old = str_data_like(args[0], args[1], &olen);
    const byte *rep = str_data_like(args[0], args[2], &nlen);
    mp_int_t max = n_args > 3 ? obj_get_int(args[3]) : -1;
    bool is_str = obj_is_str(args[0]);
    vstr_t v;
    vstr_init(&v, len + 1);
    if (olen == 0) {
        // An empty pattern matches before every character and at the end.
        for (size_t i = 0;; ) {
            if (max != 0) {
                vstr_add_strn(&v, (const char *)rep, nlen);
                max -= max > 0;
            }
            if (i >= len) {
                break;
            }
            size_t step = is_str ? utf8_offset(d + i, len - i, 1) : 1;
            vstr_add_strn(&v, (const char *)d + i, step);
            i += step;
        }
    } else {
        size_t i = 0;
        mp_int_t off;
        while (max != 0 && (off = str_find_bytes(d + i, len - i, old, olen, false)) >= 0) {
            vstr_add_strn(&v, (const char *)d + i, (size_t)off);
            vstr_add_strn(&v, (const char *)rep, nlen);
            i += (size_t)off + olen;
            max -= max > 0;
        }
        vstr_add_strn(&v, (const char *)d + i, len - i);
    }
    const obj_type_t *type = str_result_type(args[0]);
    if (type == &type_bytearray) {
        return obj_new_bytearray(v.len, v.buf);
    }
    return obj_str_from_vstr(type, &v);
}
FUN_OBJ_VAR_BETWEEN(str_replace_obj, 3, 4, str_replace);

static obj_t change_case(obj_t self, bool upper) {
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    vstr_t v;
    vstr_init(&v, len + 1);
    char *out = vstr_extend(&v, len);
    for (size_t i = 0; i < len; i++) {
        byte c = d[i];
        if (upper && is_lower(c)) {
            c -= 0x20;
        } else if (!upper && is_upper(c)) {
            c += 0x20;
        }
        out[i] = (char)c;
    }
    const obj_type_t *type = str_result_type(self);
    if (type == &type_bytearray) {
        return obj_new_bytearray(v.len, v.buf);
    }
    return obj_str_from_vstr(type, &v);
}

static obj_t str_upper(obj_t self) {
    return change_case(self, true);
}
FUN_OBJ_1(str_upper_obj, str_upper);

static obj_t str_lower(obj_t self) {
    return change_case(self, false);
}
FUN_OBJ_1(str_lower_obj, str_lower);

static obj_t str_center(obj_t self, obj_t width_obj) {
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    mp_int_t width = obj_get_int(width_obj);
    size_t n = len;  // MicroPython pads by bytes, also for str
    if (width <= (mp_int_t)n) {
        return self;
    }
    size_t pad = (size_t)width - n;
    size_t left = pad / 2;
    vstr_t v;
    vstr_init(&v, len + pad + 1);
    memset(vstr_extend(&v, left), ' ', left);
    vstr_add_strn(&v, (const char *)d, len);
    memset(vstr_extend(&v, pad - left), ' ', pad - left);
    return obj_str_from_vstr(str_result_type(self) == &type_str ? &type_str : &type_bytes, &v);
}
FUN_OBJ_2(str_center_obj, str_center);

/* ------------------------------------------------------------------------------------
 * Classification.
 */
static obj_t all_chars(obj_t self, bool (*pred)(byte)) {
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    if (len == 0) {
        return obj_false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!pred(d[i])) {
            return obj_false;
        }
    }
    return obj_true;
}

// isupper/islower: every letter has the case, and there is at least one letter.
static obj_t cased_chars(obj_t self, bool (*pred)(byte)) {
    size_t len;
    const byte *d = str_data_maybe(self, &len);
    bool any = false;
    for (size_t i = 0; i < len; i++) {
        if (is_alpha(d[i])) {
            if (!pred(d[i])) {
                return obj_false;
            }
            any = true;
        }
    }
    return obj_bool(any);
}

static obj_t str_isalpha(obj_t self) {
    return all_chars(self, is_alpha);
}
FUN_OBJ_1(str_isalpha_obj, str_isalpha);

static obj_t str_isdigit(obj_t self) {
    return all_chars(self, is_digit);
}
FUN_OBJ_1(str_isdigit_obj, str_isdigit);

static obj_t str_isspace(obj_t self) {
    return all_chars(self, is_space);
}
FUN_OBJ_1(str_isspace_obj, str_isspace);

static obj_t str_isupper(obj_t self) {
    return cased_chars(self, is_upper);
}
FUN_OBJ_1(str_isupper_obj, str_isupper);

static obj_t str_islower(obj_t self) {
    return cased_chars(self, is_lower);
}
FUN_OBJ_1(str_islower_obj, str_islower);

/* ------------------------------------------------------------------------------------
 * Encoding (only UTF-8 exists: the encoding argument is accepted and ignored).
 */
static obj_t str_encode(size_t n_args, const obj_t *args) {
    size_t len;
    const byte *d = str_data_maybe(args[0], &len);
    return obj_new_bytes(d, len);
}
FUN_OBJ_VAR_BETWEEN(str_encode_obj, 1, 3, str_encode);

static obj_t bytes_decode(size_t n_args, const obj_t *args) {
    size_t len;
    const byte *d = str_data_maybe(args[0], &len);
    if (!utf8_valid(d, len)) {
        rt_raise_type(&type_UnicodeError);
    }
    return obj_new_str((const char *)d, len);
}
FUN_OBJ_VAR_BETWEEN(bytes_decode_obj, 1, 3, bytes_decode);

static obj_t bytes_hex(size_t n_args, const obj_t *args) {
    size_t len, slen = 0;
    const byte *d = str_data_maybe(args[0], &len);
    const byte *sep = n_args > 1 ? str_data_like(OBJ_NEW_QSTR(MP_QSTR_empty), args[1], &slen) : NULL;
    static const char digits[] = "0123456789abcdef";
    vstr_t v;
    vstr_init(&v, len * (2 + slen) + 1);
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && slen > 0) {
            vstr_add_strn(&v, (const char *)sep, slen);
        }
        vstr_add_char(&v, digits[d[i] >> 4]);
        vstr_add_char(&v, digits[d[i] & 15]);
    }
    return obj_str_from_vstr(&type_str, &v);
}
FUN_OBJ_VAR_BETWEEN(bytes_hex_obj, 1, 2, bytes_hex);

static int hex_digit(byte c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// bytes.fromhex / bytearray.fromhex: a classmethod, so args[0] is the class.
static obj_t bytes_fromhex(obj_t cls, obj_t text) {
    size_t len;
    const byte *d = str_data_like(OBJ_NEW_QSTR(MP_QSTR_empty), text, &len);
    vstr_t v;
    vstr_init(&v, len / 2 + 1);
    for (size_t i = 0; i < len;) {
        if (is_space(d[i])) {
            i++;
            continue;
        }
        int hi = hex_digit(d[i]);
        int lo = i + 1 < len ? hex_digit(d[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            rt_raise_msg(&type_ValueError, "non-hex digit");
        }
        vstr_add_char(&v, (char)(hi * 16 + lo));
        i += 2;
    }
    if (cls == (obj_t)&type_bytearray) {
        return obj_new_bytearray(v.len, v.buf);
    }
    return obj_str_from_vstr(&type_bytes, &v);
}
static FUN_OBJ_2(bytes_fromhex_fun_obj, bytes_fromhex);
CLASSMETHOD_OBJ(bytes_fromhex_obj, &bytes_fromhex_fun_obj);

static obj_t str_format_meth(size_t n_args, const obj_t *args, map_t *kw) {
    return str_format(n_args, args, kw);
}
FUN_OBJ_KW(str_format_obj, 1, str_format_meth);
