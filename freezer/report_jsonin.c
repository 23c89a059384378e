// SPDX-License-Identifier: MIT
// report_jsonin.c: reads a JSON size report back (for --diff): a small strict JSON parser.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/report_jsonin.h"

#define MAX_NEST 64

typedef struct {
    const char *p, *start, *end;
    char *err;
    size_t errlen;
} jp_t;

static int jfail(jp_t *j, const char *why) {
    if (j->err[0] == 0) {
        snprintf(j->err, j->errlen, "%s at byte %zu", why, (size_t)(j->p - j->start));
    }
    return -1;
}

static void ws(jp_t *j) {
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) {
        j->p++;
    }
}

static int lit(jp_t *j, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(j->end - j->p) < n || strncmp(j->p, word, n) != 0) {
        return jfail(j, "unexpected text");
    }
    j->p += n;
    return 0;
}

// A string's bytes (escapes decoded; \u below 0x80 only, others kept as '?').
static int jstring(jp_t *j, char **out) {
    j->p++;  // the opening quote
    size_t cap = 16, n = 0;
    char *s = malloc(cap);
    while (s != NULL && j->p < j->end && *j->p != '"') {
        char c = *j->p++;
        if ((unsigned char)c < 0x20) {
            free(s);
            return jfail(j, "control character in a string");
        }
        if (c == '\\') {
            if (j->p >= j->end) {
                break;
            }
            char e = *j->p++;
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *k = strchr(from, e);
            if (e == 'u' && j->end - j->p >= 4) {
                unsigned v;
                c = sscanf(j->p, "%4x", &v) == 1 && v < 0x80 ? (char)v : '?';
                j->p += 4;
            } else if (k != NULL && e != 0) {
                c = to[k - from];
            } else {
                free(s);
                return jfail(j, "bad escape in a string");
            }
        }
        if (n + 2 > cap) {
            char *t = realloc(s, cap *= 2);
            if (t == NULL) {
                free(s);
                return jfail(j, "out of memory");
            }
            s = t;
        }
        s[n++] = c;
    }
    if (s == NULL || j->p >= j->end) {
        free(s);
        return jfail(j, s == NULL ? "out of memory" : "unterminated string");
    }
    j->p++;
    s[n] = 0;
    *out = s;
    return 0;
}

static int jvalue(jp_t *j, jv_t *v, int depth);

static int push(jp_t *j, jv_t *v, char *key, int depth) {
    jv_t *items = realloc(v->items, (v->n + 1) * sizeof *items);
    char **keys = items != NULL && v->kind == JV_OBJ ? realloc(v->keys, (v->n + 1) * sizeof *keys) : NULL;
    if (items != NULL) {
        v->items = items;
    }
    if (keys != NULL) {
        v->keys = keys;
    }
    if (items == NULL || (v->kind == JV_OBJ && keys == NULL)) {
        free(key);
        return jfail(j, "out of memory");
    }
    if (v->kind == JV_OBJ) {
        v->keys[v->n] = key;
    }
    memset(&v->items[v->n], 0, sizeof v->items[v->n]);
    v->n++;
    return jvalue(j, &v->items[v->n - 1], depth + 1);
}

static int jcontainer(jp_t *j, jv_t *v, int depth) {
    char close = *j->p == '[' ? ']' : '}';
    v->kind = close == ']' ? JV_ARR : JV_OBJ;
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 0;
    }
    for (;;) {
        char *key = NULL;
        ws(j);
        if (v->kind == JV_OBJ) {
            if (j->p >= j->end || *j->p != '"' || jstring(j, &key) != 0) {
                return jfail(j, "expected a key");
            }
            ws(j);
            if (j->p >= j->end || *j->p++ != ':') {
                free(key);
                return jfail(j, "expected ':'");
            }
        }
        if (push(j, v, key, depth) != 0) {
            return -1;
        }
        ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return 0;
        }
        return jfail(j, "expected ',' or a closing bracket");
    }
}

static int jvalue(jp_t *j, jv_t *v, int depth) {
    ws(j);
    if (j->p >= j->end || depth > MAX_NEST) {
        return jfail(j, depth > MAX_NEST ? "nested too deeply" : "unexpected end");
    }
    char c = *j->p;
    if (c == '{' || c == '[') {
        return jcontainer(j, v, depth);
    }
    if (c == '"') {
        v->kind = JV_STR;
        return jstring(j, &v->str);
    }
    if (c == 't' || c == 'f') {
        v->kind = JV_BOOL;
        v->boolean = c == 't';
        return lit(j, c == 't' ? "true" : "false");
    }
    if (c == 'n') {
        v->kind = JV_NULL;
        return lit(j, "null");
    }
    char buf[64];
    size_t n = 0;
    while (j->p + n < j->end && n < sizeof buf - 1 && strchr("+-0123456789.eE", j->p[n]) != NULL) {
        buf[n] = j->p[n];
        n++;
    }
    buf[n] = 0;
    char *end;
    v->kind = JV_NUM;
    v->num = strtod(buf, &end);
    if (n == 0 || *end != 0) {
        return jfail(j, "bad value");
    }
    j->p += n;
    return 0;
}

int jv_parse(const char *text, size_t len, jv_t *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    err[0] = 0;
    jp_t j = { text, text, text + len, err, errlen };
    if (jvalue(&j, out, 0) != 0) {
        jv_free(out);
        return -1;
    }
    ws(&j);
    if (j.p != j.end) {
        jfail(&j, "text after the report");
        jv_free(out);
        return -1;
    }
    return 0;
}

void jv_free(jv_t *v) {
    for (size_t i = 0; i < v->n; i++) {
        jv_free(&v->items[i]);
        if (v->keys != NULL) {
            free(v->keys[i]);
        }
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    memset(v, 0, sizeof *v);
}

const jv_t *jv_get(const jv_t *v, const char *key) {
    for (size_t i = 0; v->kind == JV_OBJ && i < v->n; i++) {
        if (strcmp(v->keys[i], key) == 0) {
            return &v->items[i];
        }
    }
    return NULL;
}

static uint32_t num(const jv_t *v) {
    return v != NULL && v->kind == JV_NUM && v->num >= 0 && v->num < 4294967296.0 ? (uint32_t)v->num : 0;
}

int jv_to_image(const jv_t *r, rimage_t *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    const jv_t *mods = jv_get(r, "modules"), *total = jv_get(r, "image_bytes");
    if (r->kind != JV_OBJ || mods == NULL || mods->kind != JV_ARR || total == NULL
        || total->kind != JV_NUM) {
        snprintf(err, errlen, "not a size report of freeze (--report json)");
        return -1;
    }
    out->bytes = num(total);
    const jv_t *target = jv_get(r, "target"), *id = jv_get(r, "build_id");
    out->target = 0xff;  // "unknown" unless the report names a target we know
    for (uint8_t t = 0; target != NULL && target->kind == JV_STR && t < 3; t++) {
        out->target = strcmp(target->str, rwalk_target_name(t)) == 0 ? t : out->target;
    }
    if (id != NULL && id->kind == JV_STR) {
        snprintf(out->build_id, sizeof out->build_id, "%s", id->str);
    }
    const jv_t *img = jv_get(r, "image");
    if (img != NULL) {
        out->header = num(jv_get(img, "header"));
        out->pool = num(jv_get(img, "pool"));
        out->padding = num(jv_get(img, "padding"));
    }
    out->mods = calloc(mods->n ? mods->n : 1, sizeof *out->mods);
    if (out->mods == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < mods->n; i++) {
        const jv_t *m = &mods->items[i], *name = jv_get(m, "name"), *parts = jv_get(m, "parts");
        if (name == NULL || name->kind != JV_STR || jv_get(m, "bytes") == NULL) {
            snprintf(err, errlen, "module %zu of the report has no name or bytes", i);
            return -1;
        }
        rmod_t *o = &out->mods[out->n_mods++];
        if ((o->name = strdup(name->str)) == NULL) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        o->total = num(jv_get(m, "bytes"));
        for (int p = 0; parts != NULL && p < RP_N; p++) {
            o->part[p] = num(jv_get(parts, rpart_key[p]));
        }
    }
    return 0;
}
