// SPDX-License-Identifier: MIT
// manifest.c: the entry point of manifest/: load, check the result as a whole, free.
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "manifest/load.h"

// Sizes: plain bytes ("4096"), hex ("0x40000"), or a number with K/KiB/k (1024) or M/MiB/m
// (1024 * 1024); nothing else may follow.
int manifest_parse_size(const char *s, uint64_t *out) {
    if (!isdigit((unsigned char)s[0])) {
        return -1;
    }
    errno = 0;
    char *end;
    int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    if (hex && !isxdigit((unsigned char)s[2])) {
        return -1;
    }
    unsigned long long v = strtoull(s, &end, hex ? 16 : 10);
    uint64_t mul = 1;
    if (!hex && (*end == 'K' || *end == 'k')) {
        mul = 1024;
        end += 1 + (strcmp(end + 1, "iB") == 0) * 2;
    } else if (!hex && (*end == 'M' || *end == 'm')) {
        mul = 1024 * 1024;
        end += 1 + (strcmp(end + 1, "iB") == 0) * 2;
    }
    if (*end != 0 || errno != 0 || v > UINT64_MAX / mul) {
        return -1;
    }
    *out = (uint64_t)v * mul;
    return 0;
}

static char *get_cwd(void) {
    size_t cap = 256;
    for (;;) {
        char *buf = malloc(cap);
        if (buf == NULL) {
            return NULL;
        }
        if (getcwd(buf, cap) != NULL) {
            return buf;
        }
        free(buf);
        if (errno != ERANGE || cap > 65536) {
            return NULL;
        }
        cap *= 2;
    }
}

// The application's name names output files: keep it to a safe file name.
static int check_name(mload_t *L, const char *name) {
    int ok = name[0] != 0 && name[0] != '.' && strlen(name) < 128;
    for (const char *p = name; ok && *p; p++) {
        ok = isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '.';
    }
    if (!ok) {
        const manifest_loc_t *at = &L->m->name_loc;
        return load_error_in(L, L->m->files[0], at->line, at->col,
                             "metadata.name '%s' must be a file name: letters, digits, '_', '-', '.'",
                             name);
    }
    return 0;
}

// Without metadata.name the application is named after the top manifest's directory.
static int default_name(mload_t *L, const char *top_abs) {
    manifest_t *m = L->m;
    if (m->name == NULL) {
        char *dir = path_dir(top_abs);
        const char *base = dir != NULL ? path_base(dir) : "";
        m->name = strdup(base[0] != 0 ? base : "app");
        free(dir);
        if (m->name == NULL) {
            return load_io_error(L, NULL, "out of memory");
        }
    }
    return check_name(L, m->name);
}

// options.main must name a module; with one module and no main, that module is main.
static int resolve_main(mload_t *L) {
    manifest_t *m = L->m;
    if (m->main == NULL) {
        if (m->n_mods == 1) {
            m->main = strdup(m->mods[0].name);
            return m->main == NULL ? load_io_error(L, NULL, "out of memory") : 0;
        }
        return 0;
    }
    for (size_t i = 0; i < m->n_mods; i++) {
        if (strcmp(m->mods[i].name, m->main) == 0) {
            return 0;
        }
    }
    return load_error_in(L, m->main_loc.file, m->main_loc.line, m->main_loc.col,
                         "main module '%s' is not in the contents", m->main);
}

static int finish(mload_t *L, const char *top_abs) {
    if (L->m->n_mods == 0) {
        return load_error_in(L, L->m->files[0], 0, 0, "the manifest adds no modules");
    }
    return resolve_main(L) || default_name(L, top_abs);
}

int manifest_load(manifest_t *m, const char *path, const manifest_opts_t *opts,
                  manifest_err_t *err) {
    memset(m, 0, sizeof *m);
    memset(err, 0, sizeof *err);
    mload_t L = { .m = m, .opts = opts, .err = err };
    L.cwd = opts->cwd != NULL ? path_norm(opts->cwd) : get_cwd();
    char *abs = L.cwd != NULL ? path_join(L.cwd, path) : NULL;
    if (abs != NULL && path_is_dir(abs)) {
        char *in = path_join(abs, "manifest.yaml");
        free(abs);
        abs = in;
    }
    int rc = abs == NULL ? load_io_error(&L, path, "out of memory")
                         : include_file(&L, abs, NULL, NULL, NULL);
    rc = rc || finish(&L, abs);
    require_free(&L);
    free(abs);
    free(L.cwd);
    return rc;
}

void manifest_free(manifest_t *m) {
    for (size_t i = 0; i < m->n_mods; i++) {
        free(m->mods[i].name);
        free(m->mods[i].path);
        free(m->mods[i].disp);
        free(m->mods[i].src_name);
    }
    free(m->mods);
    for (size_t i = 0; i < m->n_files; i++) {
        free(m->files[i]);
    }
    free(m->files);
    for (size_t i = 0; i < m->n_dirs; i++) {
        free(m->dirs[i]);
    }
    free(m->dirs);
    free(m->name);
    free(m->version);
    free(m->description);
    free(m->main);
    free(m->target);
    memset(m, 0, sizeof *m);
}

void manifest_err_free(manifest_err_t *err) {
    free(err->file);
    err->file = NULL;
}
