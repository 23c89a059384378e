// SPDX-License-Identifier: MIT
// path.c: lexical path operations and directory walks for the manifest loader.
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "manifest/load.h"

/*
 * Paths are handled as text (no realpath): "a/./b/../c" is "a/c". The loader keeps
 * every path absolute and turns it back into one relative to the working directory
 * only to show it, so messages and outputs never depend on where the tree lives.
 */

char *path_norm(const char *p) {
    size_t n = strlen(p);
    char *out = malloc(n + 2);
    if (out == NULL) {
        return NULL;
    }
    int abs = p[0] == '/';
    size_t len = 0, fixed = 0;  // out[0..fixed) is a prefix ".." cannot remove
    if (abs) {
        out[len++] = '/';
        fixed = 1;
    }
    const char *s = p;
    while (*s) {
        while (*s == '/') {
            s++;
        }
        const char *e = s;
        while (*e && *e != '/') {
            e++;
        }
        size_t seg = (size_t)(e - s);
        if (seg == 0 || (seg == 1 && s[0] == '.')) {
            // nothing to add
        } else if (seg == 2 && s[0] == '.' && s[1] == '.' && len > fixed) {
            while (len > fixed && out[len - 1] != '/') {
                len--;
            }
            if (len > fixed) {
                len--;  // the separator before the removed segment
            }
        } else if (seg == 2 && s[0] == '.' && s[1] == '.' && abs) {
            // "/.." is "/"
        } else {
            if (len > 0 && out[len - 1] != '/') {
                out[len++] = '/';
            }
            memcpy(out + len, s, seg);
            len += seg;
            if (seg == 2 && s[0] == '.' && s[1] == '.') {
                fixed = len;  // a leading ".." of a relative path stays
            }
        }
        s = e;
    }
    if (len == 0) {
        out[len++] = '.';
    }
    out[len] = 0;
    return out;
}

char *path_join(const char *dir, const char *p) {
    if (p[0] == '/') {
        return path_norm(p);
    }
    size_t a = strlen(dir), b = strlen(p);
    char *tmp = malloc(a + b + 2);
    if (tmp == NULL) {
        return NULL;
    }
    memcpy(tmp, dir, a);
    tmp[a] = '/';
    memcpy(tmp + a + 1, p, b + 1);
    char *out = path_norm(tmp);
    free(tmp);
    return out;
}

char *path_dir(const char *p) {
    const char *slash = strrchr(p, '/');
    if (slash == NULL) {
        return strdup(".");
    }
    if (slash == p) {
        return strdup("/");
    }
    return strndup(p, (size_t)(slash - p));
}

const char *path_base(const char *p) {
    const char *slash = strrchr(p, '/');
    return slash != NULL ? slash + 1 : p;
}

char *path_rel(const char *p, const char *base) {
    size_t n = strlen(base);
    if (strcmp(base, "/") == 0) {
        return p[0] == '/' && p[1] != 0 ? strdup(p + 1) : NULL;
    }
    if (strncmp(p, base, n) != 0 || p[n] != '/' || p[n + 1] == 0) {
        return NULL;
    }
    return strdup(p + n + 1);
}

// abs relative to cwd when it lies inside cwd, else abs itself: "../../x" says less than
// "/x". Both are absolute and normalised.
char *path_display(const char *abs, const char *cwd) {
    size_t n = strlen(cwd);
    if (strcmp(cwd, "/") == 0) {
        return strdup(abs[1] != 0 ? abs + 1 : ".");
    }
    if (strncmp(abs, cwd, n) != 0 || (abs[n] != '/' && abs[n] != 0)) {
        return strdup(abs);
    }
    return strdup(abs[n] == 0 ? "." : abs + n + 1);
}

int path_is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int path_is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

typedef struct {
    char **v;
    size_t n, cap;
} list_t;

static int list_push(list_t *l, char *s) {
    if (s == NULL) {
        return -1;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **v = realloc(l->v, cap * sizeof *v);
        if (v == NULL) {
            free(s);
            return -1;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
    return 0;
}

static int has_ext(const char *name, const char *const *exts) {
    size_t n = strlen(name);
    for (size_t i = 0; exts[i] != NULL; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strcmp(name + n - e, exts[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// Entry names of dir, sorted, skipping hidden ones and __pycache__.
static int read_sorted(const char *dir, list_t *names) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.' && strcmp(e->d_name, "__pycache__") != 0) {
            rc = list_push(names, strdup(e->d_name));
        }
    }
    closedir(d);
    if (names->n > 1) {
        qsort(names->v, names->n, sizeof names->v[0], cmp_str);
    }
    return rc;
}

static int walk(const char *root, const char *rel, const char *const *exts, list_t *out,
                int depth) {
    char *dir = rel[0] ? path_join(root, rel) : strdup(root);
    list_t names = { 0 };
    int rc = dir == NULL || depth > LOAD_MAX_DEPTH ? -1 : read_sorted(dir, &names);
    for (size_t i = 0; rc == 0 && i < names.n; i++) {
        char *sub = rel[0] ? path_join(rel, names.v[i]) : strdup(names.v[i]);
        char *full = sub != NULL ? path_join(root, sub) : NULL;
        struct stat st;  // one stat an entry: a tree of hundreds of modules is walked every build
        if (full == NULL) {
            rc = -1;
        } else if (stat(full, &st) != 0) {
            // gone since the listing: not a module
        } else if (S_ISDIR(st.st_mode)) {
            rc = walk(root, sub, exts, out, depth + 1);
        } else if (S_ISREG(st.st_mode) && has_ext(sub, exts)) {
            rc = list_push(out, sub);
            sub = NULL;
        }
        free(sub);
        free(full);
    }
    path_list_free(names.v, names.n);
    free(dir);
    return rc;
}

int path_walk(const char *dir, const char *const *exts, char ***out, size_t *n) {
    list_t l = { 0 };
    int rc = walk(dir, "", exts, &l, 0);
    if (rc != 0) {
        path_list_free(l.v, l.n);
        *out = NULL;
        *n = 0;
        return -1;
    }
    *out = l.v;
    *n = l.n;
    return 0;
}

void path_list_free(char **list, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(list[i]);
    }
    free(list);
}
