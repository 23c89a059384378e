// SPDX-License-Identifier: MIT
// yaml.c: reads a manifest file with libyaml and gives typed, checked access to its nodes.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/load.h"

/*
 * libyaml's document loader keeps the start mark of every node, which is all the
 * error messages need. libyaml types nothing: every scalar is text, so an integer or
 * a size is parsed here, and a key's type is checked where its value is read.
 */

#define MANIFEST_MAX_BYTES (4u << 20)  // a manifest is a few lines; refuse huge files

static int read_all(const char *path, unsigned char **out, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        return -1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, fp);
        if (n < cap || cap >= MANIFEST_MAX_BYTES) {
            break;
        }
        unsigned char *nb = realloc(buf, cap * 2);
        if (nb == NULL) {
            free(buf);
        }
        buf = nb;
        cap *= 2;
    }
    int err = buf == NULL ? ENOMEM : ferror(fp) ? EIO : n >= MANIFEST_MAX_BYTES ? EFBIG : 0;
    fclose(fp);
    if (err != 0) {
        free(buf);
        errno = err;
        return -1;
    }
    *out = buf;
    *len = n;
    return 0;
}

static int parse_error(mload_t *L, const mfile_t *f, const yaml_parser_t *p) {
    const char *problem = p->problem != NULL ? p->problem : "malformed YAML";
    const yaml_mark_t *mk = &p->problem_mark;
    yaml_node_t at = { 0 };
    at.start_mark = *mk;
    if (p->context != NULL) {
        return load_error(L, f, &at, "YAML: %s (%s at line %d)", problem, p->context,
                          (int)p->context_mark.line + 1);
    }
    return load_error(L, f, &at, "YAML: %s", problem);
}

// Parses f->abs into f->doc; includer and at place an I/O error (NULL for the top file).
int yaml_read_file(mload_t *L, mfile_t *f, const mfile_t *includer, const yaml_node_t *at) {
    unsigned char *text;
    size_t len;
    if (read_all(f->abs, &text, &len) != 0) {
        if (includer == NULL && errno == ENOENT) {
            return load_error_in(L, f->disp, 0, 0, "cannot read manifest: %s", strerror(errno));
        }
        if (includer == NULL) {
            return load_io_error(L, f->disp, "cannot read manifest: %s", strerror(errno));
        }
        return load_error(L, includer, at, "cannot read manifest '%s': %s", f->disp,
                          strerror(errno));
    }
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        free(text);
        return load_io_error(L, f->disp, "out of memory");
    }
    yaml_parser_set_input_string(&p, text, len);
    int rc = 0;
    if (!yaml_parser_load(&p, &f->doc)) {
        rc = parse_error(L, f, &p);
    } else {
        f->has_doc = 1;
        yaml_document_t extra;
        if (yaml_document_get_root_node(&f->doc) != NULL) {
            if (!yaml_parser_load(&p, &extra)) {
                rc = parse_error(L, f, &p);
            } else {
                yaml_node_t *root = yaml_document_get_root_node(&extra);
                if (root != NULL) {
                    rc = load_error(L, f, root, "a manifest holds one YAML document");
                }
                yaml_document_delete(&extra);
            }
        }
    }
    yaml_parser_delete(&p);
    free(text);
    return rc;
}

yaml_node_t *yaml_node(mfile_t *f, int id) {
    return yaml_document_get_node(&f->doc, id);
}

const char *yaml_kind_name(const yaml_node_t *n) {
    if (n == NULL || yaml_is_null(n)) {
        return "nothing";
    }
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a scalar";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

int yaml_is_null(const yaml_node_t *n) {
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        return 0;
    }
    const char *s = (const char *)n->data.scalar.value;
    return s[0] == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0
           || strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static const char *scalar_text(const yaml_node_t *n) {
    return (const char *)n->data.scalar.value;
}

static int check_key(mload_t *L, mfile_t *f, yaml_node_t *k, const char *what,
                     const char *const *keys) {
    if (k == NULL || k->type != YAML_SCALAR_NODE) {
        return load_error(L, f, k, "keys of %s must be plain words, not %s", what,
                          yaml_kind_name(k));
    }
    const char *name = scalar_text(k);
    for (size_t i = 0; keys[i] != NULL; i++) {
        if (strcmp(name, keys[i]) == 0) {
            return 0;
        }
    }
    const char *near = suggest_nearest(name, keys);
    if (near != NULL) {
        return load_error(L, f, k, "unknown key '%s' in %s (did you mean '%s'?)", name, what,
                          near);
    }
    char list[256] = "";
    for (size_t i = 0; keys[i] != NULL; i++) {
        size_t n = strlen(list);
        snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", keys[i]);
    }
    return load_error(L, f, k, "unknown key '%s' in %s (keys: %s)", name, what, list);
}

int yaml_check_map(mload_t *L, mfile_t *f, yaml_node_t *n, const char *what,
                   const char *const *keys) {
    if (n->type != YAML_MAPPING_NODE) {
        return load_error(L, f, n, "%s must be a mapping, not %s", what, yaml_kind_name(n));
    }
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_node(f, p->key);
        if (check_key(L, f, k, what, keys)) {
            return 1;
        }
        for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++) {
            if (strcmp(scalar_text(yaml_node(f, q->key)), scalar_text(k)) == 0) {
                return load_error(L, f, k, "duplicate key '%s' in %s", scalar_text(k), what);
            }
        }
    }
    return 0;
}

yaml_node_t *yaml_map_get(mfile_t *f, yaml_node_t *map, const char *key) {
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_node(f, p->key);
        if (k != NULL && k->type == YAML_SCALAR_NODE && strcmp(scalar_text(k), key) == 0) {
            return yaml_node(f, p->value);
        }
    }
    return NULL;
}

int yaml_scalar(mload_t *L, mfile_t *f, yaml_node_t *n, const char *what, const char **out) {
    if (n->type != YAML_SCALAR_NODE || yaml_is_null(n)) {
        return load_error(L, f, n, "%s must be a string, not %s", what, yaml_kind_name(n));
    }
    if (strlen(scalar_text(n)) != n->data.scalar.length) {
        return load_error(L, f, n, "%s contains a NUL character", what);
    }
    *out = scalar_text(n);
    return 0;
}

int yaml_int(mload_t *L, mfile_t *f, yaml_node_t *n, const char *what, int lo, int hi,
             int *out) {
    const char *s = n->type == YAML_SCALAR_NODE && !yaml_is_null(n) ? scalar_text(n) : NULL;
    char *end = NULL;
    long v = s != NULL && s[0] != 0 ? strtol(s, &end, 10) : 0;
    if (s == NULL || s[0] == 0 || *end != 0 || v < lo || v > hi || s[0] == ' ') {
        return load_error(L, f, n, "%s must be an integer from %d to %d, not %s%s%s", what, lo,
                          hi, s != NULL ? "'" : "", s != NULL ? s : yaml_kind_name(n),
                          s != NULL ? "'" : "");
    }
    *out = (int)v;
    return 0;
}
