// SPDX-License-Identifier: MIT
// objstrformat.c: `fmt % args` and str.format's mini-language (f-strings compile to format).
#include <string.h>

#include "runtime/formatfloat.h"
#include "runtime/objfloat.h"
#include "runtime/objint.h"
#include "runtime/objseq.h"
#include "runtime/objstr.h"
#include "runtime/runtime.h"

/*
 * Both formatters render one value into a field in two parts: a prefix (sign, 0x) and a
 * body (digits or text), so that '=' alignment and zero padding can put the fill between
 * them. Widths count bytes, as MicroPython's do; precision on a str counts characters.
 */

typedef struct spec_t {
    byte fill[4];
    size_t fill_len;
    bool fill_set;   // the spec gave a fill character
    char align;      // '<' '>' '^' '=' or 0 (the type's default)
    char sign;       // '+' ' ' or 0
    bool alt;        // '#'
    bool zero;       // '0' before the width
    mp_int_t width;  // -1: none
    char group;      // ',' '_' or 0
    mp_int_t prec;   // -1: none
    char type;       // 0 or the type letter
} spec_t;

static void spec_init(spec_t *s) {
    memset(s, 0, sizeof(*s));
    s->fill[0] = ' ';
    s->fill_len = 1;
    s->width = -1;
    s->prec = -1;
}

// Writes prefix + body padded to spec->width; def_align applies when none was given.
static void put_field(vstr_t *out, const spec_t *spec, char def_align, const char *prefix,
                      size_t plen, const char *body, size_t blen) {
    size_t len = plen + blen;
    size_t pad = spec->width > 0 && (size_t)spec->width > len ? (size_t)spec->width - len : 0;
    char align = spec->align != 0 ? spec->align : def_align;
    size_t before = 0, after = 0, middle = 0;
    if (align == '<') {
        after = pad;
    } else if (align == '^') {
        before = pad / 2;
        after = pad - before;
    } else if (align == '=') {
        middle = pad;
    } else {
        before = pad;
    }
    for (size_t i = 0; i < before; i++) {
        vstr_add_strn(out, (const char *)spec->fill, spec->fill_len);
    }
    vstr_add_strn(out, prefix, plen);
    for (size_t i = 0; i < middle; i++) {
        vstr_add_strn(out, (const char *)spec->fill, spec->fill_len);
    }
    vstr_add_strn(out, body, blen);
    for (size_t i = 0; i < after; i++) {
        vstr_add_strn(out, (const char *)spec->fill, spec->fill_len);
    }
}

// digits with sep between groups of gsize from the right, into a GC buffer. Zero-padding
// goes into the digits, grouped too, while the text is shorter than min_len (as
// MicroPython does: '{:08,}'.format(1234) is '0,001,234').
static char *group_digits(const char *d, size_t len, char sep, size_t gsize, size_t min_len,
                          size_t *out_len) {
    size_t cap = len + len / gsize + min_len + 2;
    char *buf = m_new(char, cap + 1);
    size_t j = cap, n = 0;  // n: digits written
    while (n < len || cap - j < min_len) {
        if (n > 0 && n % gsize == 0) {
            buf[--j] = sep;
        }
        buf[--j] = n < len ? d[len - 1 - n] : '0';
        n++;
    }
    *out_len = cap - j;
    memmove(buf, buf + j, *out_len);
    buf[*out_len] = '\0';
    return buf;
}

static void put_char_code(vstr_t *out, const spec_t *spec, mp_int_t c) {
    if (c < 0 || c > 0x10ffff) {
        rt_raise_msg(&type_OverflowError, "%%c arg not in range(0x110000)");
    }
    byte buf[4];
    size_t n = utf8_encode((uint32_t)c, buf);
    put_field(out, spec, '<', "", 0, (const char *)buf, n);
}

// An int in the spec's type (b c d n o x X); prec is the minimum number of digits (%-format).
static void put_int(vstr_t *out, const spec_t *spec, obj_t value, char def_align) {
    char type = spec->type;
    if (type == 'c') {
        put_char_code(out, spec, obj_get_int(value));
        return;
    }
    int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    size_t dlen;
    char *digits = int_abs_digits(value, base, type == 'X', &dlen);
    if (spec->prec > 0 && (size_t)spec->prec > dlen) {
        size_t z = (size_t)spec->prec - dlen;
        char *padded = m_new(char, (size_t)spec->prec + 1);
        memset(padded, '0', z);
        memcpy(padded + z, digits, dlen + 1);
        digits = padded;
        dlen = (size_t)spec->prec;
    }
    char prefix[4];
    size_t plen = 0;
    if (int_is_neg(value)) {
        prefix[plen++] = '-';
    } else if (spec->sign != 0) {
        prefix[plen++] = spec->sign;
    }
    if (spec->alt && base != 10) {
        prefix[plen++] = '0';
        prefix[plen++] = type == 'X' ? 'X' : type == 'x' ? 'x' : type == 'o' ? 'o' : 'b';
    }
    if (spec->group != 0) {
        bool zero_pad = spec->fill_len == 1 && spec->fill[0] == '0' &&
                        (spec->align == '=' || (spec->align == 0 && def_align == '>'));
        size_t min_len = zero_pad && spec->width > (mp_int_t)plen ? (size_t)spec->width - plen : 0;
        digits = group_digits(digits, dlen, spec->group, base == 10 ? 3 : 4, min_len, &dlen);
    }
    put_field(out, spec, def_align, prefix, plen, digits, dlen);
}

// A float in the spec's type (e E f F g G % or 0).
static void put_float(vstr_t *out, const spec_t *spec, mp_float_t x, char def_align) {
    char type = spec->type;
    unsigned flags = 0;
    int prec = spec->prec < 0 ? -1 : (int)spec->prec;
    if (type == 0) {
        type = 'g';
    } else if (type == '%') {
        flags = FORMATFLOAT_PERCENT;
        type = 'f';
    }
    char buf[FORMATFLOAT_BUF_SIZE];
    size_t len = float_format(buf, x, type, prec, spec->sign, flags);
    size_t plen = 0;
    if (len > 0 && (buf[0] == '-' || buf[0] == '+' || buf[0] == ' ')) {
        plen = 1;
    }
    put_field(out, spec, def_align, buf, plen, buf + plen, len - plen);
}

static void put_str(vstr_t *out, const spec_t *spec, const byte *d, size_t len) {
    if (spec->prec >= 0) {
        len = utf8_offset(d, len, (size_t)spec->prec);
    }
    put_field(out, spec, '<', "", 0, (const char *)d, len);
}

/* ------------------------------------------------------------------------------------
 * str.format and format().
 */
static const char *parse_num(const char *s, const char *end, mp_int_t *out) {
    mp_int_t n = 0;
    while (s < end && *s >= '0' && *s <= '9') {
        n = n * 10 + (*s++ - '0');
    }
    *out = n;
    return s;
}

static bool is_align(char c) {
    return c == '<' || c == '>' || c == '^' || c == '=';
}

// [[fill]align][sign][#][0][width][,|_][.precision][type]
static void parse_spec(const char *s, const char *end, spec_t *spec) {
    spec_init(spec);
    if (s < end) {
        const byte *p = (const byte *)s;
        (void)utf8_decode(&p);
        const char *after = (const char *)p;
        if (after < end && is_align(*after)) {
            spec->fill_len = (size_t)(after - s);
            memcpy(spec->fill, s, spec->fill_len);
            spec->fill_set = true;
            spec->align = *after;
            s = after + 1;
        } else if (is_align(*s)) {
            spec->align = *s++;
        }
    }
    if (s < end && (*s == '+' || *s == '-' || *s == ' ')) {
        spec->sign = *s == '-' ? 0 : *s;
        s++;
    }
    if (s < end && *s == '#') {
        spec->alt = true;
        s++;
    }
    if (s < end && *s == '0') {
        spec->zero = true;
        s++;
    }
    if (s < end && *s >= '0' && *s <= '9') {
        s = parse_num(s, end, &spec->width);
    }
    if (s < end && (*s == ',' || *s == '_')) {
        spec->group = *s++;
    }
    if (s < end && *s == '.') {
        s = parse_num(s + 1, end, &spec->prec);
    }
    if (s < end) {
        spec->type = *s++;
    }
    if (s < end) {
        rt_raise_msg(&type_ValueError, "invalid format specifier");
    }
}

NORETURN static void bad_code(char type, obj_t value) {
    rt_raise_msg(&type_ValueError, "unknown format code '%c' for object of type '%q'", type,
                 obj_type_name(value));
}

// Formats one value by a spec (the text after ':').
static void format_value(vstr_t *out, obj_t value, const char *s, const char *end) {
    if (s == end) {
        obj_t str = obj_str(value);
        size_t len;
        const char *d = obj_str_get_data(str, &len);
        vstr_add_strn(out, d, len);
        return;
    }
    spec_t spec;
    parse_spec(s, end, &spec);
    bool is_int = obj_is_int(value) || value == obj_true || value == obj_false;
    bool is_float = obj_is_float(value);
    if (spec.zero && !spec.fill_set) {
        spec.fill[0] = '0';
        if ((is_int || is_float) && spec.align == 0) {
            spec.align = '=';
        }
    }
    if (is_int) {
        switch (spec.type) {
            case 0: case 'b': case 'c': case 'd': case 'o': case 'x': case 'X':
                put_int(out, &spec, value, '>');
                return;
            case 'n':
                spec.type = 'd';
                put_int(out, &spec, value, '>');
                return;
            case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
                put_float(out, &spec, obj_get_float(value), '>');
                return;
            default:
                bad_code(spec.type, value);
        }
    }
    if (is_float) {
        switch (spec.type) {
            case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
                put_float(out, &spec, obj_get_float(value), '>');
                return;
            case 'n':
                spec.type = 'g';
                put_float(out, &spec, obj_get_float(value), '>');
                return;
            default:
                bad_code(spec.type, value);
        }
    }
    size_t len;
    const char *d = obj_str_get_data(value, &len);
    if (spec.type != 0 && spec.type != 's') {
        bad_code(spec.type, value);
    }
    if (spec.sign != 0 && spec.type == 's') {
        rt_raise_msg(&type_ValueError, "sign not allowed in string format specifier");
    }
    if (spec.align == '=') {
        rt_raise_msg(&type_ValueError, "'=' alignment not allowed in string format specifier");
    }
    put_str(out, &spec, (const byte *)d, len);
}

typedef struct format_state_t {
    size_t n_args;        // positional arguments, args[0] being the format string
    const obj_t *args;
    map_t *kw;
    mp_int_t auto_index;  // next automatic field number; -1 once manual numbering is used
    bool manual;
} format_state_t;

static obj_t field_value(format_state_t *st, const char *name, size_t nlen) {
    for (size_t i = 0; i < nlen; i++) {
        if (name[i] == '.' || name[i] == '[') {
            rt_raise_msg(&type_NotImplementedError, "attributes not supported");
        }
    }
    mp_int_t index;
    if (nlen == 0) {
        if (st->manual) {
            rt_raise_msg(&type_ValueError,
                         "can't switch from manual field specification to automatic field numbering");
        }
        index = st->auto_index++;
    } else if (name[0] >= '0' && name[0] <= '9') {
        if (st->auto_index > 0) {
            rt_raise_msg(&type_ValueError,
                         "can't switch from automatic field numbering to manual field specification");
        }
        st->manual = true;
        parse_num(name, name + nlen, &index);
    } else {
        obj_t key = obj_new_str(name, nlen);
        map_elem_t *e = st->kw != NULL ? map_lookup(st->kw, key, MAP_LOOKUP) : NULL;
        if (e == NULL) {
            rt_raise_value(&type_KeyError, key);
        }
        return e->value;
    }
    if ((size_t)index + 1 >= st->n_args) {
        rt_raise_msg(&type_IndexError, "tuple index out of range");
    }
    return st->args[index + 1];
}

static void format_into(vstr_t *out, format_state_t *st, const char *s, const char *end);

// One replacement field; s is just past its '{'. Returns the position after its '}'.
static const char *format_field(vstr_t *out, format_state_t *st, const char *s, const char *end) {
    const char *name = s;
    while (s < end && *s != '}' && *s != '!' && *s != ':') {
        s++;
    }
    size_t nlen = (size_t)(s - name);
    char conv = 0;
    if (s < end && *s == '!') {
        if (s + 1 >= end) {
            rt_raise_msg(&type_ValueError, "unmatched '{' in format");
        }
        conv = s[1];
        s += 2;
    }
    const char *spec = s, *spec_end = s;
    bool nested = false;
    if (s < end && *s == ':') {
        spec = ++s;
        int depth = 0;
        while (s < end && (depth > 0 || *s != '}')) {
            if (*s == '{') {
                depth++;
                nested = true;
            } else if (*s == '}') {
                depth--;
            }
            s++;
        }
        spec_end = s;
    }
    if (s >= end || *s != '}') {
        rt_raise_msg(&type_ValueError, "unmatched '{' in format");
    }
    obj_t value = field_value(st, name, nlen);
    if (conv == 'r') {
        value = obj_repr(value);
    } else if (conv == 's') {
        value = obj_str(value);
    } else if (conv != 0) {
        rt_raise_msg(&type_ValueError, "unknown conversion specifier %c", conv);
    }
    if (nested) {
        // The spec holds fields itself ({:{width}}): format it first, with the same args.
        vstr_t sv;
        vstr_init(&sv, 16);
        format_into(&sv, st, spec, spec_end);
        format_value(out, value, sv.buf, sv.buf + sv.len);
    } else {
        format_value(out, value, spec, spec_end);
    }
    return s + 1;
}

static void format_into(vstr_t *out, format_state_t *st, const char *s, const char *end) {
    while (s < end) {
        const char *run = s;
        while (s < end && *s != '{' && *s != '}') {
            s++;
        }
        vstr_add_strn(out, run, (size_t)(s - run));
        if (s >= end) {
            break;
        }
        if (*s == '}') {
            if (s + 1 < end && s[1] == '}') {
                vstr_add_char(out, '}');
                s += 2;
                continue;
            }
            rt_raise_msg(&type_ValueError, "single '}' encountered in format string");
        }
        if (s + 1 < end && s[1] == '{') {
            vstr_add_char(out, '{');
            s += 2;
            continue;
        }
        s = format_field(out, st, s + 1, end);
    }
}

obj_t str_format(size_t n_args, const obj_t *args, map_t *kw) {
    size_t len;
    const char *fmt = obj_str_get_data(args[0], &len);
    if (!obj_is_str(args[0])) {
        rt_raise_msg(&type_TypeError, "can't convert '%q' object to str implicitly",
                     obj_type_name(args[0]));
    }
    format_state_t st = {n_args, args, kw, 0, false};
    vstr_t out;
    vstr_init(&out, len + 16);
    format_into(&out, &st, fmt, fmt + len);
    return obj_str_from_vstr(&type_str, &out);
}

obj_t str_format_value(obj_t value, obj_t spec) {
    size_t len = 0;
    const char *s = spec == OBJ_NULL ? "" : obj_str_get_data(spec, &len);
    vstr_t out;
    vstr_init(&out, 16);
    format_value(&out, value, s, s + len);
    return obj_str_from_vstr(&type_str, &out);
}

/* ------------------------------------------------------------------------------------
 * printf-style: fmt % args.
 */
typedef struct modulo_state_t {
    const obj_t *args;
    size_t n_args;
    size_t next;
    bool is_bytes;  // b"..." % args: %s takes bytes as they are
} modulo_state_t;

static obj_t next_arg(modulo_state_t *st) {
    if (st->next >= st->n_args) {
        rt_raise_msg(&type_TypeError, "format string needs more arguments");
    }
    return st->args[st->next++];
}

static void modulo_int(vstr_t *out, spec_t *spec, obj_t arg, char type) {
    if (obj_is_float(arg)) {
        if (type != 'd') {
            rt_raise_msg(&type_TypeError, "can't convert float to int");
        }
        arg = int_from_float(obj_get_float(arg));
    } else if (!obj_is_int(arg) && arg != obj_true && arg != obj_false) {
        rt_raise_msg(&type_TypeError, "can't convert %q to int", obj_type_name(arg));
    }
    spec->type = type;
    put_int(out, spec, arg, '>');
}

// One conversion of a %-format; s is just past the '%'. Returns the position after it.
static const char *modulo_one(vstr_t *out, modulo_state_t *st, obj_t dict, const char *s,
                              const char *end, const char *fmt_start) {
    obj_t arg = OBJ_NULL;
    if (*s == '(') {
        const char *key = ++s;
        while (s < end && *s != ')') {
            s++;
        }
        if (s >= end) {
            rt_raise_msg(&type_ValueError, "incomplete format key");
        }
        if (dict == OBJ_NULL) {
            rt_raise_msg(&type_TypeError, "format needs a dict");
        }
        arg = obj_subscr(dict, obj_new_str(key, (size_t)(s - key)), OBJ_SENTINEL);
        s++;
    }
    spec_t spec;
    spec_init(&spec);
    bool left = false;
    for (; s < end; s++) {
        if (*s == '-') {
            left = true;
        } else if (*s == '+' || (*s == ' ' && spec.sign != '+')) {
            spec.sign = *s;
        } else if (*s == '0') {
            spec.zero = true;
        } else if (*s == '#') {
            spec.alt = true;
        } else {
            break;
        }
    }
    if (s < end && *s == '*') {
        spec.width = obj_get_int(next_arg(st));
        if (spec.width < 0) {
            left = true;
            spec.width = -spec.width;
        }
        s++;
    } else {
        s = parse_num(s, end, &spec.width);
    }
    if (s < end && *s == '.') {
        s++;
        if (s < end && *s == '*') {
            spec.prec = obj_get_int(next_arg(st));
            s++;
        } else {
            s = parse_num(s, end, &spec.prec);
        }
    }
    if (s >= end) {
        rt_raise_msg(&type_ValueError, "incomplete format");
    }
    char type = *s++;
    if (type == '%') {
        vstr_add_char(out, '%');
        return s;
    }
    if (arg == OBJ_NULL) {
        arg = next_arg(st);
    }
    spec.align = left ? '<' : '>';
    if (spec.zero) {
        // MicroPython pads with zeros even when left-justifying.
        spec.fill[0] = '0';
        if (!left) {
            spec.align = '=';
        }
    }
    switch (type) {
        case 's':
        case 'r': {
            size_t len;
            const char *d;
            if (type == 's' && st->is_bytes && str_is_bytes_like(arg)) {
                d = (const char *)str_data_maybe(arg, &len);
            } else {
                d = obj_str_get_data(type == 's' ? obj_str(arg) : obj_repr(arg), &len);
            }
            spec.fill[0] = ' ';
            put_str(out, &spec, (const byte *)d, len);
            break;
        }
        case 'c':
            if (obj_is_str(arg)) {
                size_t len;
                const byte *d = (const byte *)obj_str_get_data(arg, &len);
                if (utf8_char_count(d, len) != 1) {
                    rt_raise_msg(&type_TypeError, "%%c needs int or char");
                }
                put_field(out, &spec, '>', "", 0, (const char *)d, len);
            } else if (obj_is_int(arg) || arg == obj_true || arg == obj_false) {
                put_char_code(out, &spec, obj_get_int(arg));
            } else {
                rt_raise_msg(&type_TypeError, "integer needed");
            }
            break;
        case 'd':
        case 'i':
        case 'u':
            modulo_int(out, &spec, arg, 'd');
            break;
        case 'o':
        case 'x':
        case 'X':
            modulo_int(out, &spec, arg, type);
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
            spec.type = type;
            put_float(out, &spec, obj_get_float(arg), '>');
            break;
        default:
            rt_raise_msg(&type_ValueError, "unsupported format character '%c' (0x%x) at index %d",
                         type, (unsigned)(byte)type, (int)(s - 1 - fmt_start));
    }
    return s;
}

obj_t str_modulo_format(obj_t fmt_obj, obj_t args) {
    size_t len;
    const char *fmt = obj_str_get_data(fmt_obj, &len);
    const char *end = fmt + len;
    modulo_state_t st = {NULL, 0, 0, !obj_is_str(fmt_obj)};
    obj_t dict = OBJ_NULL;
    obj_t single = args;
    if (obj_isinstance(args, &type_tuple)) {
        obj_t *items;
        seq_items(args, &st.n_args, &items);  // a namedtuple is a tuple here too
        st.args = items;
    } else {
        if (obj_is_type(args, &type_dict) || (!obj_is_str(args) &&
                                              rt_type_lookup(obj_get_type(args), MP_QSTR___getitem__) != OBJ_NULL)) {
            dict = args;
        }
        st.args = &single;
        st.n_args = 1;
    }
    vstr_t out;
    vstr_init(&out, len + 16);
    const char *s = fmt;
    while (s < end) {
        const char *run = s;
        while (s < end && *s != '%') {
            s++;
        }
        vstr_add_strn(&out, run, (size_t)(s - run));
        if (s >= end) {
            break;
        }
        if (s + 1 >= end) {
            rt_raise_msg(&type_ValueError, "incomplete format");
        }
        s = modulo_one(&out, &st, dict, s + 1, end, fmt);
    }
    if (st.next < st.n_args && dict == OBJ_NULL) {
        rt_raise_msg(&type_TypeError, "format string didn't convert all arguments");
    }
    return obj_str_from_vstr(st.is_bytes ? &type_bytes : &type_str, &out);
}
