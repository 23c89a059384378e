// SPDX-License-Identifier: MIT
// include.c: reads one manifest file, its top-level keys and its contents, with cycle checks.
#include <stdlib.h>
#include <string.h>

#include "manifest/load.h"

/*
 * Only the top manifest's metadata, options.main, options.target and budget describe
 * the application; an included manifest's are checked but not used. options.opt is
 * per file: the default of the directives in that file.
 */

static const char *const top_keys[] = { "metadata", "options", "budget", "contents", NULL };
static const char *const metadata_keys[] = { "name", "version", "description", NULL };
static const char *const options_keys[] = { "opt", "main", "target", NULL };
static const char *const budget_keys[] = { "flash", "ram", NULL };
static const char *const targets[] = { "host", "xtensa-qemu", "esp32s3", NULL };

// The display chain "a.yaml -> b.yaml -> a.yaml" of an include cycle.
static char *cycle_chain(const mfile_t *from, const char *disp) {
    size_t len = strlen(disp) + 1;
    for (const mfile_t *p = from; p != NULL; p = p->parent) {
        len += strlen(p->disp) + 4;
    }
    char *s = malloc(len);
    if (s == NULL) {
        return NULL;
    }
    // Walk from the top manifest down to the includer: collect the chain first.
    const mfile_t *chain[LOAD_MAX_DEPTH + 1];
    size_t n = 0;
    for (const mfile_t *p = from; p != NULL && n < LOAD_MAX_DEPTH + 1; p = p->parent) {
        chain[n++] = p;
    }
    s[0] = 0;
    while (n > 0) {
        strcat(s, chain[--n]->disp);
        strcat(s, " -> ");
    }
    strcat(s, disp);
    return s;
}

int options_value(mload_t *L, mfile_t *f, yaml_node_t *v, yaml_node_t **out) {
    *out = NULL;
    if (v == NULL) {
        return 0;
    }
    if (v->type != YAML_MAPPING_NODE) {
        return load_error(L, f, v, "'options' is a mapping of names to values, not %s",
                          yaml_kind_name(v));
    }
    for (yaml_node_pair_t *pr = v->data.mapping.pairs.start; pr < v->data.mapping.pairs.top; pr++) {
        yaml_node_t *k = yaml_node(f, pr->key), *val = yaml_node(f, pr->value);
        const char *name;
        if (yaml_scalar(L, f, k, "an option name", &name)) {
            return 1;
        }
        int ok = val->type == YAML_SCALAR_NODE;
        if (val->type == YAML_SEQUENCE_NODE) {
            ok = 1;
            for (yaml_node_item_t *it = val->data.sequence.items.start;
                 it < val->data.sequence.items.top; it++) {
                ok = ok && yaml_node(f, *it)->type == YAML_SCALAR_NODE;
            }
        }
        if (!ok) {
            return load_error(L, f, val, "option '%s' must be a string, number, true, false, "
                              "null or a list of strings", name);
        }
    }
    *out = v;
    return 0;
}

static int check_cycle(mload_t *L, const char *abs, const char *disp, const mfile_t *includer,
                       const yaml_node_t *at) {
    for (const mfile_t *p = includer; p != NULL; p = p->parent) {
        if (strcmp(p->abs, abs) == 0) {
            char *chain = cycle_chain(includer, disp);
            load_error(L, includer, at, "include cycle: %s", chain ? chain : disp);
            free(chain);
            return 1;
        }
    }
    if (L->depth >= LOAD_MAX_DEPTH) {
        return load_error(L, includer, at, "includes nest deeper than %d manifests",
                          LOAD_MAX_DEPTH);
    }
    return 0;
}

// Keeps disp in m->files (so locations can point at it) and returns the kept copy.
static const char *keep_file(mload_t *L, char *disp) {
    manifest_t *m = L->m;
    char **v = disp != NULL ? realloc(m->files, (m->n_files + 1) * sizeof *v) : NULL;
    if (v == NULL) {
        free(disp);
        return NULL;
    }
    m->files = v;
    m->files[m->n_files++] = disp;
    return disp;
}

static int take_string(mload_t *L, mfile_t *f, yaml_node_t *map, const char *key,
                       const char *what, char **out, manifest_loc_t *loc) {
    yaml_node_t *n = yaml_map_get(f, map, key);
    const char *text;
    if (n == NULL) {
        return 0;
    }
    if (yaml_scalar(L, f, n, what, &text)) {
        return 1;
    }
    if (f->parent != NULL) {
        return 0;  // only the top manifest's values count
    }
    free(*out);
    *out = strdup(text);
    if (loc != NULL) {
        *loc = load_loc(f, n);
    }
    return *out == NULL ? load_io_error(L, f->disp, "out of memory") : 0;
}

static int load_metadata(mload_t *L, mfile_t *f, yaml_node_t *n) {
    manifest_t *m = L->m;
    return yaml_check_map(L, f, n, "metadata", metadata_keys)
           || take_string(L, f, n, "name", "'name'", &m->name, &m->name_loc)
           || take_string(L, f, n, "version", "'version'", &m->version, NULL)
           || take_string(L, f, n, "description", "'description'", &m->description, NULL);
}

static int check_target(mload_t *L, mfile_t *f, yaml_node_t *n) {
    const char *t = (const char *)n->data.scalar.value;
    for (size_t i = 0; targets[i] != NULL; i++) {
        if (strcmp(t, targets[i]) == 0) {
            return 0;
        }
    }
    const char *near = suggest_nearest(t, targets);
    if (near != NULL) {
        return load_error(L, f, n, "unknown target '%s' (did you mean '%s'?)", t, near);
    }
    return load_error(L, f, n, "unknown target '%s' (targets: host, xtensa-qemu, esp32s3)", t);
}

static int load_options(mload_t *L, mfile_t *f, yaml_node_t *n) {
    manifest_t *m = L->m;
    if (yaml_check_map(L, f, n, "options", options_keys)) {
        return 1;
    }
    yaml_node_t *opt = yaml_map_get(f, n, "opt");
    if (opt != NULL && yaml_int(L, f, opt, "'opt'", 0, 3, &f->opt)) {
        return 1;
    }
    yaml_node_t *t = yaml_map_get(f, n, "target");
    return take_string(L, f, n, "main", "'main'", &m->main, &m->main_loc)
           || take_string(L, f, n, "target", "'target'", &m->target, &m->target_loc)
           || (t != NULL && check_target(L, f, t));
}

static int take_size(mload_t *L, mfile_t *f, yaml_node_t *map, const char *key,
                     uint64_t *out) {
    yaml_node_t *n = yaml_map_get(f, map, key);
    if (n == NULL) {
        return 0;
    }
    const char *text = n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : "";
    uint64_t v;
    if (manifest_parse_size(text, &v) != 0 || v == 0) {
        return load_error(L, f, n, "budget '%s' must be a size such as 4096, 256K, 64KiB, "
                          "2M, 1MiB or 0x40000, not '%s'", key, text);
    }
    if (f->parent == NULL) {
        *out = v;
    }
    return 0;
}

static int load_budget(mload_t *L, mfile_t *f, yaml_node_t *n) {
    return yaml_check_map(L, f, n, "budget", budget_keys)
           || take_size(L, f, n, "flash", &L->m->budget_flash)
           || take_size(L, f, n, "ram", &L->m->budget_ram);
}

static int load_root(mload_t *L, mfile_t *f) {
    yaml_node_t *root = yaml_document_get_root_node(&f->doc);
    if (root == NULL || yaml_is_null(root)) {
        return 0;  // an empty manifest adds nothing
    }
    if (yaml_check_map(L, f, root, "the manifest", top_keys)) {
        return 1;
    }
    // Options first, whatever the key order: options.opt is the default of the contents.
    yaml_node_t *n;
    if ((n = yaml_map_get(f, root, "options")) != NULL && load_options(L, f, n)) {
        return 1;
    }
    if ((n = yaml_map_get(f, root, "metadata")) != NULL && load_metadata(L, f, n)) {
        return 1;
    }
    if ((n = yaml_map_get(f, root, "budget")) != NULL && load_budget(L, f, n)) {
        return 1;
    }
    n = yaml_map_get(f, root, "contents");
    return n != NULL && contents_load(L, f, n);
}

int include_file(mload_t *L, const char *abs, const mfile_t *includer, const yaml_node_t *at,
                 yaml_node_t *options) {
    const char *disp = keep_file(L, path_display(abs, L->cwd));
    if (disp == NULL) {
        return load_io_error(L, NULL, "out of memory");
    }
    if (check_cycle(L, abs, disp, includer, at)) {
        return 1;
    }
    size_t len = strlen(abs);
    int py = len > 3 && strcmp(abs + len - 3, ".py") == 0;
    if (options != NULL && !py) {
        return load_error(L, includer, options, "options go to a manifest.py, which reads them "
                          "as options.NAME; '%s' is a YAML manifest", disp);
    }
    mfile_t f = { 0 };
    f.abs = strdup(abs);
    f.dir = path_dir(abs);
    f.disp = disp;
    f.parent = includer;
    f.options = options;
    int rc = f.abs == NULL || f.dir == NULL ? load_io_error(L, disp, "out of memory")
             : py                           ? 0
                                            : yaml_read_file(L, &f, includer, at);
    L->depth++;
    rc = rc || (py ? manifestpy_load(L, &f) : load_root(L, &f));
    L->depth--;
    if (f.has_doc) {
        yaml_document_delete(&f.doc);
    }
    free(f.abs);
    free(f.dir);
    return rc;
}
