// SPDX-License-Identifier: MIT
// contents.c: the directives of a manifest's contents list: include, module, package, freeze.
#include <stdlib.h>
#include <string.h>

#include "manifest/load.h"

/*
 * Directives apply in order, as the calls of a manifest.py do. Every relative path is
 * relative to the directory of the manifest that names it; module names come from
 * the path below the directive's base (modules.c).
 */

static const char *const directives[] = {
    "include", "module", "package", "freeze", "add_library", "require", NULL,
};
static const char *const module_keys[] = { "path", "base_path", "opt", NULL };
static const char *const package_keys[] = { "path", "base_path", "files", "opt", NULL };
static const char *const freeze_keys[] = { "path", "script", "opt", NULL };

// The expanded, absolute form of the path scalar n, joined to dir.
static int path_value(mload_t *L, mfile_t *f, yaml_node_t *n, const char *what,
                      const char *dir, char **abs) {
    const char *text;
    char *expanded;
    if (yaml_scalar(L, f, n, what, &text) || vars_expand(L, f, n, text, &expanded)) {
        return 1;
    }
    *abs = path_join(dir, expanded);
    free(expanded);
    return *abs == NULL ? load_io_error(L, f->disp, "out of memory") : 0;
}

// Reads a directive's value: a bare path, or a mapping with a required "path" key.
static int directive_map(mload_t *L, mfile_t *f, yaml_node_t *v, const char *what,
                         const char *const *keys, yaml_node_t **path, int *opt) {
    *opt = f->opt;
    if (v->type != YAML_MAPPING_NODE) {
        *path = v;
        return 0;
    }
    if (yaml_check_map(L, f, v, what, keys)) {
        return 1;
    }
    *path = yaml_map_get(f, v, "path");
    if (*path == NULL) {
        return load_error(L, f, v, "%s needs a 'path'", what);
    }
    yaml_node_t *o = yaml_map_get(f, v, "opt");
    return o != NULL && yaml_int(L, f, o, "'opt'", 0, 3, opt);
}

static int add_file(mload_t *L, mfile_t *f, yaml_node_t *at, const char *abs,
                    const char *base, int opt) {
    char *rel = path_rel(abs, base);
    if (rel == NULL) {
        char *disp = path_display(abs, L->cwd);
        char *bdisp = path_display(base, L->cwd);
        load_error(L, f, at, "'%s' lies outside its base directory '%s'", disp ? disp : abs,
                   bdisp ? bdisp : base);
        free(disp);
        free(bdisp);
        return 1;
    }
    int rc = modules_add(L, f, at, abs, rel, opt);
    free(rel);
    return rc;
}

static int do_module(mload_t *L, mfile_t *f, yaml_node_t *v) {
    yaml_node_t *pn;
    int opt;
    if (directive_map(L, f, v, "module", module_keys, &pn, &opt)) {
        return 1;
    }
    yaml_node_t *bn = v->type == YAML_MAPPING_NODE ? yaml_map_get(f, v, "base_path") : NULL;
    char *base = NULL, *file = NULL;
    int rc = bn != NULL ? path_value(L, f, bn, "'base_path'", f->dir, &base)
                        : (base = strdup(f->dir)) == NULL;
    rc = rc || path_value(L, f, pn, "module path", base, &file);
    rc = rc || add_file(L, f, pn, file, base, opt);
    free(base);
    free(file);
    return rc;
}

// Adds every file of the list node files (a scalar or a list of scalars) below dir.
static int add_listed(mload_t *L, mfile_t *f, yaml_node_t *files, const char *what,
                      const char *dir, const char *base, int opt) {
    if (files->type == YAML_SCALAR_NODE) {
        char *abs;
        if (path_value(L, f, files, what, dir, &abs)) {
            return 1;
        }
        int rc = add_file(L, f, files, abs, base, opt);
        free(abs);
        return rc;
    }
    if (files->type != YAML_SEQUENCE_NODE) {
        return load_error(L, f, files, "%s must be a list of files, not %s", what,
                          yaml_kind_name(files));
    }
    for (yaml_node_item_t *it = files->data.sequence.items.start;
         it < files->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_node(f, *it);
        if (item->type != YAML_SCALAR_NODE) {
            return load_error(L, f, item, "%s must be a list of file names; this entry is %s",
                              what, yaml_kind_name(item));
        }
        if (add_listed(L, f, item, what, dir, base, opt)) {
            return 1;
        }
    }
    return 0;
}

// Records that the files of dir (and of its subdirectories) were listed.
static int keep_dirs(mload_t *L, mfile_t *f, const char *dir) {
    manifest_t *m = L->m;
    char **v = realloc(m->dirs, (m->n_dirs + 1) * sizeof *v);
    char *copy = strdup(dir);
    if (v != NULL) {
        m->dirs = v;
    }
    if (v == NULL || copy == NULL) {
        free(copy);
        return load_io_error(L, f->disp, "out of memory");
    }
    m->dirs[m->n_dirs++] = copy;
    return 0;
}

// Adds every file below dir whose name ends in one of exts, in sorted order.
static int add_tree(mload_t *L, mfile_t *f, yaml_node_t *at, const char *dir,
                    const char *base, const char *const *exts, int opt) {
    char **files;
    size_t n;
    char *disp = path_display(dir, L->cwd);
    int rc = 0;
    if (path_walk(dir, exts, &files, &n) != 0) {
        rc = load_error(L, f, at, "cannot read directory '%s'", disp ? disp : dir);
    } else if (n == 0) {
        rc = load_error(L, f, at, "directory '%s' holds no %s files", disp ? disp : dir,
                        exts[1] != NULL ? ".py or .mpy" : ".py");
    }
    rc = rc || keep_dirs(L, f, dir);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char *abs = path_join(dir, files[i]);
        rc = abs == NULL ? load_io_error(L, f->disp, "out of memory")
                         : add_file(L, f, at, abs, base, opt);
        // Subdirectories were walked too: record each file's directory once.
        char *sub = rc == 0 ? path_dir(abs) : NULL;
        int seen = sub == NULL;
        for (size_t k = 0; !seen && k < L->m->n_dirs; k++) {
            seen = strcmp(L->m->dirs[k], sub) == 0;
        }
        if (rc == 0 && !seen) {
            rc = keep_dirs(L, f, sub);
        }
        free(sub);
        free(abs);
    }
    path_list_free(files, n);
    free(disp);
    return rc;
}

static int need_dir(mload_t *L, mfile_t *f, yaml_node_t *at, const char *what,
                    const char *dir) {
    if (path_is_dir(dir)) {
        return 0;
    }
    char *disp = path_display(dir, L->cwd);
    load_error(L, f, at, "cannot find %s directory '%s'", what, disp ? disp : dir);
    free(disp);
    return 1;
}

static int do_package(mload_t *L, mfile_t *f, yaml_node_t *v) {
    static const char *const py[] = { ".py", NULL };
    yaml_node_t *pn;
    int opt;
    if (directive_map(L, f, v, "package", package_keys, &pn, &opt)) {
        return 1;
    }
    int map = v->type == YAML_MAPPING_NODE;
    yaml_node_t *bn = map ? yaml_map_get(f, v, "base_path") : NULL;
    yaml_node_t *fn = map ? yaml_map_get(f, v, "files") : NULL;
    char *base = NULL, *dir = NULL;
    int rc = bn != NULL ? path_value(L, f, bn, "'base_path'", f->dir, &base)
                        : (base = strdup(f->dir)) == NULL;
    rc = rc || path_value(L, f, pn, "package path", base, &dir);
    rc = rc || need_dir(L, f, pn, "package", dir);
    if (rc == 0) {
        rc = fn != NULL ? add_listed(L, f, fn, "'files'", dir, base, opt)
                        : add_tree(L, f, pn, dir, base, py, opt);
    }
    free(base);
    free(dir);
    return rc;
}

static int do_freeze(mload_t *L, mfile_t *f, yaml_node_t *v) {
    static const char *const any[] = { ".py", ".mpy", NULL };
    yaml_node_t *pn;
    int opt;
    if (directive_map(L, f, v, "freeze", freeze_keys, &pn, &opt)) {
        return 1;
    }
    yaml_node_t *sn = v->type == YAML_MAPPING_NODE ? yaml_map_get(f, v, "script") : NULL;
    char *dir = NULL;
    int rc = path_value(L, f, pn, "freeze path", f->dir, &dir);
    rc = rc || need_dir(L, f, pn, "freeze", dir);
    if (rc == 0) {
        rc = sn != NULL ? add_listed(L, f, sn, "'script'", dir, dir, opt)
                        : add_tree(L, f, pn, dir, dir, any, opt);
    }
    free(dir);
    return rc;
}

// An include names a YAML manifest, or a directory holding manifest.yaml.
static int include_one(mload_t *L, mfile_t *f, yaml_node_t *n, yaml_node_t *options) {
    char *abs;
    if (path_value(L, f, n, "include", f->dir, &abs)) {
        return 1;
    }
    if (path_is_dir(abs)) {
        // A directory's manifest.yaml, or its manifest.py (first for a manifest.py's include).
        size_t flen = strlen(f->abs);
        int from_py = flen > 3 && strcmp(f->abs + flen - 3, ".py") == 0;
        char *yml = path_join(abs, "manifest.yaml"), *py = path_join(abs, "manifest.py");
        free(abs);
        if (yml == NULL || py == NULL) {
            free(yml);
            free(py);
            return load_io_error(L, f->disp, "out of memory");
        }
        int use_py = from_py ? path_is_file(py) || !path_is_file(yml) : !path_is_file(yml)
                                                                         && path_is_file(py);
        abs = use_py ? py : yml;
        free(use_py ? yml : py);
    }
    int rc;
    if (!path_is_file(abs)) {
        char *disp = path_display(abs, L->cwd);
        rc = load_error(L, f, n, "cannot find included manifest '%s'", disp ? disp : abs);
        free(disp);
    } else {
        rc = include_file(L, abs, f, n, options);
    }
    free(abs);
    return rc;
}

static const char *const include_keys[] = { "path", "options", NULL };

// include: PATH | [PATH, ...] | {path: PATH or [PATH, ...], options: {NAME: VALUE}}.
static int do_include(mload_t *L, mfile_t *f, yaml_node_t *v) {
    yaml_node_t *options = NULL;
    if (v->type == YAML_MAPPING_NODE) {
        yaml_node_t *pn = yaml_map_get(f, v, "path");
        if (yaml_check_map(L, f, v, "include", include_keys)
            || options_value(L, f, yaml_map_get(f, v, "options"), &options)) {
            return 1;
        }
        if (pn == NULL) {
            return load_error(L, f, v, "include needs a 'path'");
        }
        v = pn;
    }
    if (v->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = v->data.sequence.items.start;
             it < v->data.sequence.items.top; it++) {
            if (include_one(L, f, yaml_node(f, *it), options)) {
                return 1;
            }
        }
        return 0;
    }
    return include_one(L, f, v, options);
}

static int directive(mload_t *L, mfile_t *f, yaml_node_t *item) {
    if (item->type != YAML_MAPPING_NODE) {
        return load_error(L, f, item,
                          "each entry of contents is a mapping with one key, "
                          "such as 'module: app.py'; this one is %s", yaml_kind_name(item));
    }
    if (yaml_check_map(L, f, item, "contents", directives)) {
        return 1;
    }
    size_t n = (size_t)(item->data.mapping.pairs.top - item->data.mapping.pairs.start);
    if (n != 1) {
        return load_error(L, f, item, "an entry of contents has one key, this one has %zu", n);
    }
    yaml_node_t *k = yaml_node(f, item->data.mapping.pairs.start->key);
    yaml_node_t *v = yaml_node(f, item->data.mapping.pairs.start->value);
    const char *key = (const char *)k->data.scalar.value;
    if (strcmp(key, "module") == 0) {
        return do_module(L, f, v);
    }
    if (strcmp(key, "package") == 0) {
        return do_package(L, f, v);
    }
    if (strcmp(key, "freeze") == 0) {
        return do_freeze(L, f, v);
    }
    if (strcmp(key, "include") == 0) {
        return do_include(L, f, v);
    }
    if (strcmp(key, "require") == 0 || strcmp(key, "add_library") == 0) {
        return require_directive(L, f, key, v);
    }
    return load_error(L, f, k, "'%s' is not supported yet", key);
}

int contents_load(mload_t *L, mfile_t *f, yaml_node_t *seq) {
    if (yaml_is_null(seq)) {
        return 0;
    }
    if (seq->type != YAML_SEQUENCE_NODE) {
        return load_error(L, f, seq, "contents must be a list, not %s", yaml_kind_name(seq));
    }
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top;
         it++) {
        if (directive(L, f, yaml_node(f, *it))) {
            return 1;
        }
    }
    return 0;
}
