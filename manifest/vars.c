// SPDX-License-Identifier: MIT
// vars.c: expands $(NAME) in manifest strings from built-ins, -D definitions and MPY_LIB_DIR.
#include <stdlib.h>
#include <string.h>

#include "manifest/load.h"

/*
 * Lookup order: the built-in $(MANIFEST_DIR) (the absolute directory of the manifest
 * being read), then -D NAME=VALUE (the last one given wins), then the environment's
 * MPY_LIB_DIR. Nothing else comes from the environment, so builds are reproducible.
 */

static const char *define_value(const mload_t *L, const char *name, size_t len) {
    const char *found = NULL;
    for (size_t i = 0; i < L->opts->n_defines; i++) {
        const char *d = L->opts->defines[i];
        if (strncmp(d, name, len) == 0 && d[len] == '=') {
            found = d + len + 1;
        }
    }
    return found;
}

static const char *lookup(const mload_t *L, const mfile_t *f, const char *name, size_t len) {
    if (len == 12 && strncmp(name, "MANIFEST_DIR", len) == 0) {
        return f->dir;
    }
    const char *v = define_value(L, name, len);
    if (v == NULL && len == 11 && strncmp(name, "MPY_LIB_DIR", len) == 0) {
        v = L->opts->mpy_lib_dir;
    }
    return v;
}

static int is_name_char(char c, int first) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
           || (!first && c >= '0' && c <= '9');
}

typedef struct {
    char *s;
    size_t len, cap;
} buf_t;

static int put(buf_t *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *ns = realloc(b->s, cap);
        if (ns == NULL) {
            return -1;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
    return 0;
}

// Expands the reference at text[i] ("$(NAME)") into b; returns the index after it, or 0
// with an error recorded.
static size_t expand_one(mload_t *L, mfile_t *f, yaml_node_t *n, const char *text, size_t i,
                         buf_t *b) {
    size_t start = i + 2, j = start;
    while (is_name_char(text[j], j == start)) {
        j++;
    }
    if (text[j] != ')' || j == start) {
        load_error_at(L, f, n, i, "malformed variable reference: expected $(NAME)");
        return 0;
    }
    const char *v = lookup(L, f, text + start, j - start);
    if (v == NULL) {
        int len = (int)(j - start);
        load_error_at(L, f, n, i, "undefined variable '%.*s' (define it with -D %.*s=VALUE)",
                      len, text + start, len, text + start);
        return 0;
    }
    if (put(b, v, strlen(v)) != 0) {
        load_io_error(L, f->disp, "out of memory");
        return 0;
    }
    return j + 1;
}

int vars_expand(mload_t *L, mfile_t *f, yaml_node_t *n, const char *text, char **out) {
    buf_t b = { 0 };
    if (put(&b, "", 0) != 0) {
        return load_io_error(L, f->disp, "out of memory");
    }
    size_t i = 0;
    while (text[i] != 0) {
        if (text[i] == '$' && text[i + 1] == '(') {
            i = expand_one(L, f, n, text, i, &b);
            if (i == 0) {
                free(b.s);
                return 1;
            }
            continue;
        }
        size_t j = i;
        while (text[j] != 0 && !(text[j] == '$' && text[j + 1] == '(')) {
            j++;
        }
        if (put(&b, text + i, j - i) != 0) {
            free(b.s);
            return load_io_error(L, f->disp, "out of memory");
        }
        i = j;
    }
    *out = b.s;
    return 0;
}
