// SPDX-License-Identifier: MIT
// load.h: the manifest loader's state, shared by the files of manifest/ and no one else.
#ifndef MANIFEST_LOAD_H
#define MANIFEST_LOAD_H

#include <stdarg.h>
#include <yaml.h>

#include "manifest/manifest.h"

// One manifest file being read; parent is the file that included it.
typedef struct mfile {
    char *abs;              // absolute, normalised path
    char *dir;              // its directory, absolute
    const char *disp;       // display path, owned by manifest_t.files
    yaml_document_t doc;
    int has_doc;
    int opt;                // this file's options.opt, the default of its directives
    const struct mfile *parent;
    // The options an include or require passed (a manifest.py reads them as options.NAME):
    // a mapping node of the includer's document, or NULL.
    yaml_node_t *options;
} mfile_t;

typedef struct {
    manifest_t *m;
    const manifest_opts_t *opts;
    manifest_err_t *err;
    char *cwd;              // absolute working directory
    size_t mods_cap;
    int depth;              // include nesting
    struct require_state *req;  // require.c: libraries and the require chain (NULL: none)
} mload_t;

#define LOAD_MAX_DEPTH 32

// error.c: fill L->err (if still empty) and return 1, so callers can `return load_error(...)`.
// col_offset moves the column right within a one-line scalar (e.g. to a `$(`).
int load_error(mload_t *L, const mfile_t *f, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int load_error_at(mload_t *L, const mfile_t *f, const yaml_node_t *n, size_t col_offset,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int load_io_error(mload_t *L, const char *disp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int load_error_in(mload_t *L, const char *disp, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
manifest_loc_t load_loc(const mfile_t *f, const yaml_node_t *n);

// yaml.c: reading a file into a document and typed access to its nodes.
int yaml_read_file(mload_t *L, mfile_t *f, const mfile_t *includer, const yaml_node_t *at);
yaml_node_t *yaml_node(mfile_t *f, int id);
const char *yaml_kind_name(const yaml_node_t *n);
int yaml_is_null(const yaml_node_t *n);
// Checks n is a mapping whose keys are all in keys (NULL-terminated), each once.
int yaml_check_map(mload_t *L, mfile_t *f, yaml_node_t *n, const char *what,
                   const char *const *keys);
yaml_node_t *yaml_map_get(mfile_t *f, yaml_node_t *map, const char *key);
// The text of scalar n, or an error naming what if n is not a non-empty scalar.
int yaml_scalar(mload_t *L, mfile_t *f, yaml_node_t *n, const char *what, const char **out);
int yaml_int(mload_t *L, mfile_t *f, yaml_node_t *n, const char *what, int lo, int hi,
             int *out);

// vars.c: $(NAME) expansion of a scalar node's text into a malloc'ed string.
int vars_expand(mload_t *L, mfile_t *f, yaml_node_t *n, const char *text, char **out);

// path.c: lexical path operations; every result is malloc'ed.
char *path_join(const char *dir, const char *p);  // normalised; p may be absolute
char *path_norm(const char *p);
char *path_dir(const char *p);
const char *path_base(const char *p);             // points into p
char *path_rel(const char *p, const char *base);  // NULL if p is not inside base
char *path_display(const char *abs, const char *cwd);
int path_is_dir(const char *p);
int path_is_file(const char *p);
// Files under dir (relative to dir, sorted, hidden entries skipped) whose names end in
// one of exts (NULL-terminated); returns 0, or -1 when dir cannot be read.
int path_walk(const char *dir, const char *const *exts, char ***out, size_t *n);
void path_list_free(char **list, size_t n);

// suggest.c: the candidate nearest to word (NULL if none is close).
const char *suggest_nearest(const char *word, const char *const *candidates);

// contents.c: the contents list of f, directive by directive.
int contents_load(mload_t *L, mfile_t *f, yaml_node_t *seq);

// include.c: reading a manifest file (the top one or an included one) and its keys.
int include_file(mload_t *L, const char *abs, const mfile_t *includer, const yaml_node_t *at,
                 yaml_node_t *options);
// Checks an include's or require's 'options' value: a mapping of names to scalars or
// lists of scalars. Returns it in *out (NULL when absent).
int options_value(mload_t *L, mfile_t *f, yaml_node_t *v, yaml_node_t **out);

// modules.c: adding modules to the list.
int modules_add(mload_t *L, mfile_t *f, yaml_node_t *at, const char *abs_path,
                const char *rel, int opt);

// manifestpy.c: interprets a manifest.py (f->abs) through its parse tree, never running it.
int manifestpy_load(mload_t *L, mfile_t *f);

// require.c: require(name, library=, unix_ffi=) and add_library(name, path, prepend=), from a
// manifest.py (through a synthesised YAML node: the mapping of the call's arguments, or a
// scalar name) or from a YAML contents entry (v is the directive's value).
int require_directive(mload_t *L, mfile_t *f, const char *key, yaml_node_t *v);
void require_free(mload_t *L);

#endif // MANIFEST_LOAD_H
