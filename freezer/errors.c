// SPDX-License-Identifier: MIT
// errors.c: collects diagnostics and prints them as path:line:col: error: message.
#include <stdlib.h>
#include <string.h>

#include "freezer/errors.h"

status_t errors_vadd(errors_t *e, status_t st, const char *path, int line, int col,
                     const char *fmt, va_list ap) {
    if (st > e->status) {
        e->status = st;
    }
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 8;
        errors_item_t *v = realloc(e->v, cap * sizeof *v);
        if (v == NULL) {
            e->status = ST_IO;
            return st;
        }
        e->v = v;
        e->cap = cap;
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    errors_item_t *it = &e->v[e->n];
    it->path = path != NULL ? strdup(path) : NULL;
    it->line = line;
    it->col = col;
    it->msg = strdup(buf);
    if (it->msg == NULL) {
        free(it->path);
        e->status = ST_IO;
        return st;
    }
    e->n++;
    return st;
}

status_t errors_add(errors_t *e, status_t st, const char *path, int line, int col,
                    const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    errors_vadd(e, st, path, line, col, fmt, ap);
    va_end(ap);
    return st;
}

void errors_move(errors_t *dst, errors_t *src) {
    for (size_t i = 0; i < src->n; i++) {
        errors_item_t *it = &src->v[i];
        errors_add(dst, src->status, it->path, it->line, it->col, "%s", it->msg);
    }
    if (src->status > dst->status) {
        dst->status = src->status;
    }
    errors_free(src);
}

// Line number line (1-based) of path into buf; 0 if the file or the line is missing.
static int source_line(const char *path, int line, char *buf, size_t size) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        return 0;
    }
    int n = 1, found = 0;
    while (fgets(buf, (int)size, fp) != NULL) {
        size_t len = strlen(buf);
        int whole = len > 0 && buf[len - 1] == '\n';
        if (n == line) {
            found = 1;
            while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) {
                buf[--len] = 0;
            }
            break;
        }
        n += whole;
    }
    fclose(fp);
    return found;
}

static void print_caret(FILE *out, const char *path, int line, int col) {
    char text[512];
    if (path == NULL || line <= 0 || !source_line(path, line, text, sizeof text)) {
        return;
    }
    fprintf(out, " %s\n ", text);
    for (int i = 1; i < col && text[i - 1] != 0; i++) {
        fputc(text[i - 1] == '\t' ? '\t' : ' ', out);
    }
    fputs("^\n", out);
}

void errors_print(const errors_t *e, FILE *out) {
    for (size_t i = 0; i < e->n; i++) {
        const errors_item_t *it = &e->v[i];
        if (it->path != NULL && it->line > 0 && it->col > 0) {
            fprintf(out, "%s:%d:%d: error: %s\n", it->path, it->line, it->col, it->msg);
        } else if (it->path != NULL && it->line > 0) {
            fprintf(out, "%s:%d: error: %s\n", it->path, it->line, it->msg);
        } else if (it->path != NULL) {
            fprintf(out, "%s: error: %s\n", it->path, it->msg);
        } else {
            fprintf(out, "freeze: error: %s\n", it->msg);
        }
        if (it->col > 0) {
            print_caret(out, it->path, it->line, it->col);
        }
    }
}

void errors_free(errors_t *e) {
    for (size_t i = 0; i < e->n; i++) {
        free(e->v[i].path);
        free(e->v[i].msg);
    }
    free(e->v);
    e->v = NULL;
    e->n = e->cap = 0;
}
