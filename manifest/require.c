// SPDX-License-Identifier: MIT
// require.c: require (micropython-lib and add_library packages) and add_library directives.
#include <stdlib.h>
#include <string.h>

#include "manifest/load.h"

/*
 * A package is a directory named after it, anywhere below a library's root, holding its
 * own manifest.py (micropython-lib's layout). require reads that manifest.py as an
 * include; each package's manifest is read once per build, so diamonds and repeated
 * requires add nothing. Search order without library=: the libraries added with
 * prepend, then micropython-lib ($(MPY_LIB_DIR): unix-ffi first when unix_ffi is true,
 * then micropython, python-stdlib, python-ecosys), then the other added libraries.
 */

typedef struct {
    char *name;
    char *path;     // absolute
    int prepend;
} require_lib_t;

struct require_state {
    require_lib_t *libs;
    size_t n_libs;
    const char *chain[LOAD_MAX_DEPTH + 1];  // names being required, outermost first
    size_t depth;
};

static const char *const require_keys[] = { "name", "library", "unix_ffi", "version", "options",
                                            NULL };
static const char *const library_keys[] = { "name", "path", "prepend", NULL };

static struct require_state *state(mload_t *L) {
    if (L->req == NULL) {
        L->req = calloc(1, sizeof *L->req);
    }
    return L->req;
}

void require_free(mload_t *L) {
    if (L->req == NULL) {
        return;
    }
    for (size_t i = 0; i < L->req->n_libs; i++) {
        free(L->req->libs[i].name);
        free(L->req->libs[i].path);
    }
    free(L->req->libs);
    free(L->req);
    L->req = NULL;
}

static int get_bool(mload_t *L, mfile_t *f, yaml_node_t *map, const char *key, int *out) {
    yaml_node_t *n = yaml_map_get(f, map, key);
    const char *t;
    if (n == NULL) {
        return 0;
    }
    if (yaml_scalar(L, f, n, key, &t)) {
        return 1;
    }
    if (strcmp(t, "true") == 0 || strcmp(t, "True") == 0) {
        *out = 1;
    } else if (strcmp(t, "false") == 0 || strcmp(t, "False") == 0) {
        *out = 0;
    } else {
        return load_error(L, f, n, "'%s' must be true or false, not '%s'", key, t);
    }
    return 0;
}

// $(MPY_LIB_DIR) as vars.c finds it (-D first, the last one winning; then the
// environment), absolute; NULL when unset.
static char *lib_dir(const mload_t *L) {
    const char *v = L->opts->mpy_lib_dir;
    for (size_t i = 0; i < L->opts->n_defines; i++) {
        if (strncmp(L->opts->defines[i], "MPY_LIB_DIR=", 12) == 0) {
            v = L->opts->defines[i] + 12;
        }
    }
    return v != NULL && v[0] != 0 ? path_join(L->cwd, v) : NULL;
}

// The manifest.py of package name below root, or NULL.
static char *find_in(const char *root, const char *name) {
    static const char *const exts[] = { "manifest.py", NULL };
    char **files;
    size_t n;
    char *found = NULL;
    if (!path_is_dir(root) || path_walk(root, exts, &files, &n) != 0) {
        return NULL;
    }
    for (size_t i = 0; found == NULL && i < n; i++) {
        if (strcmp(path_base(files[i]), "manifest.py") != 0) {
            continue;
        }
        char *dir = path_dir(files[i]);
        if (dir != NULL && strcmp(path_base(dir), name) == 0) {
            found = path_join(root, files[i]);
        }
        free(dir);
    }
    path_list_free(files, n);
    return found;
}

static char *find_in_libs(const struct require_state *S, const char *name, int prepend) {
    char *found = NULL;
    for (size_t i = 0; S != NULL && found == NULL && i < S->n_libs; i++) {
        if (S->libs[i].prepend == prepend) {
            found = find_in(S->libs[i].path, name);
        }
    }
    return found;
}

static char *find_in_mpylib(const mload_t *L, const char *name, int unix_ffi) {
    static const char *const trees[] = { "unix-ffi", "micropython", "python-stdlib",
                                         "python-ecosys", NULL };
    char *root = lib_dir(L), *found = NULL;
    for (size_t i = unix_ffi ? 0 : 1; root != NULL && found == NULL && trees[i] != NULL; i++) {
        char *sub = path_join(root, trees[i]);
        found = sub != NULL ? find_in(sub, name) : NULL;
        free(sub);
    }
    free(root);
    return found;
}

// "a -> b -> name" for messages.
static void chain_text(const struct require_state *S, const char *name, char *buf, size_t cap) {
    buf[0] = 0;
    for (size_t i = 0; S != NULL && i < S->depth; i++) {
        strncat(buf, S->chain[i], cap - strlen(buf) - 1);
        strncat(buf, " -> ", cap - strlen(buf) - 1);
    }
    strncat(buf, name, cap - strlen(buf) - 1);
}

static int not_found(mload_t *L, mfile_t *f, yaml_node_t *at, const char *name,
                     const char *library) {
    char chain[256];
    chain_text(L->req, name, chain, sizeof chain);
    char *root = lib_dir(L);
    char *disp = root != NULL ? path_display(root, L->cwd) : NULL;
    if (library != NULL) {
        load_error(L, f, at, "cannot find package '%s' in library '%s' (require chain: %s)",
                   name, library, chain);
    } else if (root == NULL && (L->req == NULL || L->req->n_libs == 0)) {
        load_error(L, f, at, "cannot find package '%s': MPY_LIB_DIR is not set (set it in the "
                   "environment or with -D MPY_LIB_DIR=DIR) (require chain: %s)", name, chain);
    } else {
        load_error(L, f, at, "cannot find package '%s' in micropython-lib (%s) or the added "
                   "libraries (require chain: %s)", name, disp != NULL ? disp : "unset", chain);
    }
    free(root);
    free(disp);
    return 1;
}

static int already_read(const mload_t *L, const char *abs) {
    char *disp = path_display(abs, L->cwd);
    int seen = 0;
    for (size_t i = 0; disp != NULL && !seen && i < L->m->n_files; i++) {
        seen = strcmp(L->m->files[i], disp) == 0;
    }
    free(disp);
    return seen;
}

static int do_require(mload_t *L, mfile_t *f, yaml_node_t *v) {
    yaml_node_t *nn = v, *ln = NULL, *options = NULL;
    const char *name, *library = NULL;
    int unix_ffi = 0;
    if (v->type == YAML_MAPPING_NODE) {
        if (yaml_check_map(L, f, v, "require", require_keys)) {
            return 1;
        }
        nn = yaml_map_get(f, v, "name");
        if (nn == NULL) {
            return load_error(L, f, v, "require needs a 'name'");
        }
        ln = yaml_map_get(f, v, "library");
        if ((ln != NULL && yaml_scalar(L, f, ln, "'library'", &library))
            || get_bool(L, f, v, "unix_ffi", &unix_ffi)
            || options_value(L, f, yaml_map_get(f, v, "options"), &options)) {
            return 1;
        }
    }
    if (yaml_scalar(L, f, nn, "package name", &name)) {
        return 1;
    }
    struct require_state *S = state(L);
    if (S == NULL) {
        return load_io_error(L, f->disp, "out of memory");
    }
    char *found = NULL;
    if (library != NULL) {
        size_t i = 0;
        while (i < S->n_libs && strcmp(S->libs[i].name, library) != 0) {
            i++;
        }
        if (i == S->n_libs) {
            return load_error(L, f, ln, "unknown library '%s' (register it with add_library "
                              "first)", library);
        }
        found = find_in(S->libs[i].path, name);
    } else {
        found = find_in_libs(S, name, 1);
        found = found != NULL ? found : find_in_mpylib(L, name, unix_ffi);
        found = found != NULL ? found : find_in_libs(S, name, 0);
    }
    if (found == NULL) {
        return not_found(L, f, nn, name, library);
    }
    int rc = 0;
    if (!already_read(L, found)) {
        S->chain[S->depth++] = name;
        rc = S->depth > LOAD_MAX_DEPTH
                 ? load_error(L, f, nn, "requires nest deeper than %d packages", LOAD_MAX_DEPTH)
                 : include_file(L, found, f, nn, options);
        S->depth--;
    }
    free(found);
    return rc;
}

static int do_add_library(mload_t *L, mfile_t *f, yaml_node_t *v) {
    if (v->type != YAML_MAPPING_NODE) {
        return load_error(L, f, v, "add_library takes {name: NAME, path: DIR, prepend: BOOL}, "
                          "not %s", yaml_kind_name(v));
    }
    yaml_node_t *nn = yaml_map_get(f, v, "name"), *pn = yaml_map_get(f, v, "path");
    if (yaml_check_map(L, f, v, "add_library", library_keys)) {
        return 1;
    }
    if (nn == NULL || pn == NULL) {
        return load_error(L, f, v, "add_library needs a 'name' and a 'path'");
    }
    const char *name, *ptext;
    char *expanded;
    int prepend = 0;
    if (yaml_scalar(L, f, nn, "library name", &name) || yaml_scalar(L, f, pn, "'path'", &ptext)
        || get_bool(L, f, v, "prepend", &prepend) || vars_expand(L, f, pn, ptext, &expanded)) {
        return 1;
    }
    char *abs = path_join(f->dir, expanded);
    free(expanded);
    struct require_state *S = state(L);
    require_lib_t *libs = S != NULL && abs != NULL
                              ? realloc(S->libs, (S->n_libs + 1) * sizeof *libs) : NULL;
    char *copy = libs != NULL ? strdup(name) : NULL;
    if (libs != NULL) {
        S->libs = libs;
    }
    if (copy == NULL) {
        free(abs);
        return load_io_error(L, f->disp, "out of memory");
    }
    if (!path_is_dir(abs)) {
        char *disp = path_display(abs, L->cwd);
        load_error(L, f, pn, "cannot find library directory '%s'", disp != NULL ? disp : abs);
        free(disp);
        free(abs);
        free(copy);
        return 1;
    }
    // A prepended library is searched before those added earlier with prepend.
    size_t at = prepend ? 0 : S->n_libs;
    memmove(&S->libs[at + 1], &S->libs[at], (S->n_libs - at) * sizeof *S->libs);
    S->libs[at] = (require_lib_t){ copy, abs, prepend };
    S->n_libs++;
    return 0;
}

int require_directive(mload_t *L, mfile_t *f, const char *key, yaml_node_t *v) {
    return strcmp(key, "require") == 0 ? do_require(L, f, v) : do_add_library(L, f, v);
}
