// SPDX-License-Identifier: MIT
// modjson.c: the json module: dumps/dump (the PRINT_JSON form of objects) and loads/load.
#include <string.h>

#include "runtime/objseq.h"
#include "runtime/objstr.h"
#include "runtime/runtime.h"

/* ------------------------------------------------------------------------------------
 * Dumping: every type prints itself in the PRINT_JSON kind; separators are set around it.
 */
static obj_t dumps_with(obj_t obj, obj_t separators) {
    const char *item = ", ", *key = ": ";
    size_t item_len = 2, key_len = 2;
    if (separators != obj_none && separators != OBJ_NULL) {
        obj_t *seps;
        obj_get_array_fixed_n(separators, 2, &seps);
        item = obj_str_get_data(seps[0], &item_len);
        key = obj_str_get_data(seps[1], &key_len);
    }
    vstr_t v;
    vstr_init(&v, 16);
    print_t p;
    vstr_print(&p, &v);
    json_item_sep = item;
    json_item_sep_len = item_len;
    json_key_sep = key;
    json_key_sep_len = key_len;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        obj_print(&p, obj, PRINT_JSON);
        nlr_pop();
    } else {
        json_item_sep = ", ";
        json_key_sep = ": ";
        json_item_sep_len = json_key_sep_len = 2;
        nlr_jump(nlr.ret_val);
    }
    json_item_sep = ", ";
    json_key_sep = ": ";
    json_item_sep_len = json_key_sep_len = 2;
    return obj_str_from_vstr(&type_str, &v);
}

static obj_t json_dumps(size_t n_args, const obj_t *args, map_t *kw) {
    static const qstr_t allowed[] = {MP_QSTR_obj, MP_QSTR_separators};
    const obj_t defaults[] = {OBJ_NULL, obj_none};
    obj_t a[2];
    rt_arg_parse(n_args, args, kw, 2, allowed, defaults, a);
    return dumps_with(a[0], a[1]);
}
static FUN_OBJ_KW(json_dumps_obj, 1, json_dumps);

static obj_t json_dump(size_t n_args, const obj_t *args, map_t *kw) {
    static const qstr_t allowed[] = {MP_QSTR_obj, MP_QSTR_stream, MP_QSTR_separators};
    const obj_t defaults[] = {OBJ_NULL, OBJ_NULL, obj_none};
    obj_t a[3];
    rt_arg_parse(n_args, args, kw, 3, allowed, defaults, a);
    obj_t dest[3];
    rt_load_method(a[1], MP_QSTR_write, dest);
    dest[2] = dumps_with(a[0], a[2]);
    rt_call_method_n_kw(1, 0, dest);
    return obj_none;
}
static FUN_OBJ_KW(json_dump_obj, 2, json_dump);

/* ------------------------------------------------------------------------------------
 * Loading: a recursive-descent parser over the text. MicroPython's is lenient in places
 * (a trailing comma, a missing colon); this one accepts the same texts.
 */
typedef struct json_parser_t {
    const char *s, *end;
} json_parser_t;

NORETURN static void syntax_error(void) {
    rt_raise_msg(&type_ValueError, "syntax error in JSON");
}

static void skip_ws(json_parser_t *jp) {
    while (jp->s < jp->end && (*jp->s == ' ' || *jp->s == '\t' || *jp->s == '\n' || *jp->s == '\r')) {
        jp->s++;
    }
}

static bool match_word(json_parser_t *jp, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(jp->end - jp->s) >= n && memcmp(jp->s, word, n) == 0) {
        jp->s += n;
        return true;
    }
    return false;
}

static int hex4(json_parser_t *jp) {
    if (jp->end - jp->s < 4) {
        syntax_error();
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = *jp->s++;
        int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
        if (d < 0) {
            syntax_error();
        }
        v = v * 16 + d;
    }
    return v;
}

static obj_t parse_string(json_parser_t *jp) {
    jp->s++;  // the opening quote
    vstr_t v;
    vstr_init(&v, 16);
    while (true) {
        if (jp->s >= jp->end) {
            syntax_error();
        }
        char c = *jp->s++;
        if (c == '"') {
            break;
        }
        if (c != '\\') {
            vstr_add_char(&v, c);
            continue;
        }
        if (jp->s >= jp->end) {
            syntax_error();
        }
        c = *jp->s++;
        switch (c) {
            case 'b': vstr_add_char(&v, '\b'); break;
            case 'f': vstr_add_char(&v, '\f'); break;
            case 'n': vstr_add_char(&v, '\n'); break;
            case 'r': vstr_add_char(&v, '\r'); break;
            case 't': vstr_add_char(&v, '\t'); break;
            case 'u': {
                uint32_t cp = (uint32_t)hex4(jp);
                if (cp >= 0xd800 && cp < 0xdc00 && jp->end - jp->s >= 6 && jp->s[0] == '\\' &&
                    jp->s[1] == 'u') {
                    const char *save = jp->s;
                    jp->s += 2;
                    uint32_t lo = (uint32_t)hex4(jp);
                    if (lo >= 0xdc00 && lo < 0xe000) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    } else {
                        jp->s = save;
                    }
                }
                byte buf[4];
                vstr_add_strn(&v, (const char *)buf, utf8_encode(cp, buf));
                break;
            }
            default:
                vstr_add_char(&v, c);  // \" \\ \/ and (leniently) any other
                break;
        }
    }
    return obj_str_from_vstr(&type_str, &v);
}

static obj_t parse_number(json_parser_t *jp) {
    const char *start = jp->s;
    bool is_float = false;
    if (jp->s < jp->end && *jp->s == '-') {
        jp->s++;
    }
    while (jp->s < jp->end) {
        char c = *jp->s;
        if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && is_float)) {
            is_float = true;
        } else if (c < '0' || c > '9') {
            break;
        }
        jp->s++;
    }
    size_t len = (size_t)(jp->s - start);
    if (is_float) {
        return obj_new_float_from_str(start, len);
    }
    return obj_new_int_from_str(start, len, 10);
}

static obj_t parse_value(json_parser_t *jp, int depth);

static obj_t parse_array(json_parser_t *jp, int depth) {
    jp->s++;
    obj_t list = obj_new_list(0, NULL);
    while (true) {
        skip_ws(jp);
        if (jp->s >= jp->end) {
            syntax_error();
        }
        if (*jp->s == ']') {
            jp->s++;
            return list;
        }
        obj_list_append(list, parse_value(jp, depth + 1));
        skip_ws(jp);
        if (jp->s < jp->end && *jp->s == ',') {
            jp->s++;
        } else if (jp->s >= jp->end || *jp->s != ']') {
            syntax_error();
        }
    }
}

static obj_t parse_object(json_parser_t *jp, int depth) {
    jp->s++;
    obj_t dict = obj_new_dict(0);
    while (true) {
        skip_ws(jp);
        if (jp->s >= jp->end) {
            syntax_error();
        }
        if (*jp->s == '}') {
            jp->s++;
            return dict;
        }
        if (*jp->s != '"') {
            syntax_error();
        }
        obj_t key = parse_string(jp);
        skip_ws(jp);
        if (jp->s < jp->end && *jp->s == ':') {
            jp->s++;
        }
        obj_dict_store(dict, key, parse_value(jp, depth + 1));
        skip_ws(jp);
        if (jp->s < jp->end && *jp->s == ',') {
            jp->s++;
        } else if (jp->s >= jp->end || *jp->s != '}') {
            syntax_error();
        }
    }
}

static obj_t parse_value(json_parser_t *jp, int depth) {
    if (depth > 200) {
        rt_raise_msg(&type_RuntimeError, "maximum recursion depth exceeded");
    }
    skip_ws(jp);
    if (jp->s >= jp->end) {
        syntax_error();
    }
    char c = *jp->s;
    if (c == '"') {
        return parse_string(jp);
    }
    if (c == '[') {
        return parse_array(jp, depth);
    }
    if (c == '{') {
        return parse_object(jp, depth);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        return parse_number(jp);
    }
    if (match_word(jp, "true")) {
        return obj_true;
    }
    if (match_word(jp, "false")) {
        return obj_false;
    }
    if (match_word(jp, "null")) {
        return obj_none;
    }
    syntax_error();
}

static obj_t json_loads(obj_t text) {
    size_t len;
    const byte *d = str_data_maybe(text, &len);
    if (d == NULL) {
        rt_raise_msg(&type_TypeError, "object with buffer protocol required");
    }
    json_parser_t jp = {(const char *)d, (const char *)d + len};
    obj_t v = parse_value(&jp, 0);
    skip_ws(&jp);
    if (jp.s != jp.end) {
        syntax_error();
    }
    return v;
}
static FUN_OBJ_1(json_loads_obj, json_loads);

static obj_t json_load(obj_t stream) {
    obj_t dest[2];
    rt_load_method(stream, MP_QSTR_read, dest);
    return json_loads(rt_call_method_n_kw(0, 0, dest));
}
static FUN_OBJ_1(json_load_obj, json_load);

static const map_elem_t json_globals_table[] = {
    { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_json) },
    { ROM_QSTR(MP_QSTR_dump), ROM_PTR(&json_dump_obj) },
    { ROM_QSTR(MP_QSTR_dumps), ROM_PTR(&json_dumps_obj) },
    { ROM_QSTR(MP_QSTR_load), ROM_PTR(&json_load_obj) },
    { ROM_QSTR(MP_QSTR_loads), ROM_PTR(&json_loads_obj) },
};
static DEFINE_CONST_DICT(json_globals, json_globals_table);

const obj_module_t module_json = {{&type_module}, (obj_dict_t *)&json_globals};
