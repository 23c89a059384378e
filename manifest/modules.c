// SPDX-License-Identifier: MIT
// modules.c: turns a file found by a directive into a module entry and appends it.
#include <stdlib.h>
#include <string.h>

#include "manifest/load.h"

/*
 * A module's name comes from its path relative to the directive's base: "a/b.py" is
 * module "a.b", "a/__init__.py" is package "a". That relative path is also the source
 * name compiled into the .mpy, as MicroPython's freezer does, so tracebacks name
 * "a/b.py" and no absolute path of the build machine reaches the image.
 */

static const char *kind_ext(const char *rel, manifest_kind_t *kind) {
    size_t n = strlen(rel);
    if (n > 3 && strcmp(rel + n - 3, ".py") == 0) {
        *kind = MANIFEST_PY;
        return rel + n - 3;
    }
    if (n > 4 && strcmp(rel + n - 4, ".mpy") == 0) {
        *kind = MANIFEST_MPY;
        return rel + n - 4;
    }
    return NULL;
}

// The dotted name of rel (up to ext); sets *is_package for an __init__ file.
static char *dotted_name(const char *rel, const char *ext, int *is_package) {
    size_t n = (size_t)(ext - rel);
    const char *base = path_base(rel);
    *is_package = strncmp(base, "__init__", 8) == 0 && base + 8 == ext;
    if (*is_package) {
        n = base > rel ? (size_t)(base - rel) - 1 : 0;
    }
    char *name = strndup(rel, n);
    for (char *p = name; p != NULL && *p; p++) {
        if (*p == '/') {
            *p = '.';
        }
    }
    return name;
}

static int check_name(mload_t *L, mfile_t *f, yaml_node_t *at, const char *rel,
                      const char *ext, const char *name) {
    if (name[0] == 0) {
        return load_error(L, f, at, "'%s' is an __init__ file outside any package directory",
                          rel);
    }
    const char *base = path_base(rel);
    if (memchr(base, '.', (size_t)(ext - base)) != NULL) {
        return load_error(L, f, at, "module file name '%s' has a '.' before its extension",
                          base);
    }
    if (strncmp(rel, "../", 3) == 0 || rel[0] == '/') {
        return load_error(L, f, at, "module path '%s' lies outside its base_path", rel);
    }
    return 0;
}

static int duplicate(mload_t *L, mfile_t *f, yaml_node_t *at, const char *name,
                     const char *rel) {
    manifest_t *m = L->m;
    for (size_t i = 0; i < m->n_mods; i++) {
        const manifest_module_t *o = &m->mods[i];
        if (strcmp(o->name, name) == 0) {
            return load_error(L, f, at,
                              "duplicate module '%s' (%s): first added at %s:%d:%d (%s)", name,
                              rel, o->origin.file, o->origin.line, o->origin.col, o->src_name);
        }
    }
    return 0;
}

static manifest_module_t *push(mload_t *L) {
    manifest_t *m = L->m;
    if (m->n_mods == L->mods_cap) {
        size_t cap = L->mods_cap ? L->mods_cap * 2 : 16;
        manifest_module_t *v = realloc(m->mods, cap * sizeof *v);
        if (v == NULL) {
            return NULL;
        }
        m->mods = v;
        L->mods_cap = cap;
    }
    manifest_module_t *mod = &m->mods[m->n_mods];
    memset(mod, 0, sizeof *mod);
    return mod;
}

int modules_add(mload_t *L, mfile_t *f, yaml_node_t *at, const char *abs_path,
                const char *rel, int opt) {
    manifest_kind_t kind;
    const char *ext = kind_ext(rel, &kind);
    if (ext == NULL) {
        return load_error(L, f, at, "module file '%s' must end in .py or .mpy", rel);
    }
    if (!path_is_file(abs_path)) {
        char *disp = path_display(abs_path, L->cwd);
        load_error(L, f, at, "cannot find module file '%s'", disp != NULL ? disp : abs_path);
        free(disp);
        return 1;
    }
    int is_package;
    char *name = dotted_name(rel, ext, &is_package);
    manifest_module_t *mod = name != NULL ? push(L) : NULL;
    if (mod == NULL) {
        free(name);
        return load_io_error(L, f->disp, "out of memory");
    }
    if (check_name(L, f, at, rel, ext, name) || duplicate(L, f, at, name, rel)) {
        free(name);
        return 1;
    }
    mod->name = name;
    mod->path = strdup(abs_path);
    mod->disp = path_display(abs_path, L->cwd);
    mod->src_name = strdup(rel);
    mod->kind = kind;
    mod->opt = opt;
    mod->is_package = is_package;
    mod->origin = load_loc(f, at);
    L->m->n_mods++;
    if (mod->path == NULL || mod->disp == NULL || mod->src_name == NULL) {
        return load_io_error(L, f->disp, "out of memory");
    }
    return 0;
}
