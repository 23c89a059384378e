// SPDX-License-Identifier: MIT
// error.c: records the first manifest error with the file, line and column it names.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/load.h"

manifest_loc_t load_loc(const mfile_t *f, const yaml_node_t *n) {
    manifest_loc_t loc = { f->disp, 0, 0 };
    if (n != NULL) {
        loc.line = (int)n->start_mark.line + 1;
        loc.col = (int)n->start_mark.column + 1;
    }
    return loc;
}

static int record(mload_t *L, const char *disp, int line, int col, const char *fmt,
                  va_list ap) {
    if (L->err->msg[0] != 0) {
        return 1;  // the first error wins: later ones are usually its consequences
    }
    L->err->file = disp != NULL ? strdup(disp) : NULL;
    L->err->line = line;
    L->err->col = col;
    vsnprintf(L->err->msg, sizeof L->err->msg, fmt, ap);
    if (L->err->msg[0] == 0) {
        strcpy(L->err->msg, "error");
    }
    return 1;
}

// The column of byte offset off of a scalar's text, where the scalar is on one line and
// its text is its source (plain or simply quoted); else the scalar's own column.
static int scalar_col(const yaml_node_t *n, size_t off) {
    int col = (int)n->start_mark.column + 1;
    if (n->type != YAML_SCALAR_NODE || n->start_mark.line != n->end_mark.line) {
        return col;
    }
    yaml_scalar_style_t st = n->data.scalar.style;
    if (st == YAML_PLAIN_SCALAR_STYLE) {
        return col + (int)off;
    }
    if (st == YAML_SINGLE_QUOTED_SCALAR_STYLE || st == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
        size_t src_len = n->end_mark.index - n->start_mark.index;
        if (src_len == n->data.scalar.length + 2) {
            return col + 1 + (int)off;  // no escapes: text maps one to one onto the source
        }
    }
    return col;
}

int load_error_at(mload_t *L, const mfile_t *f, const yaml_node_t *n, size_t col_offset,
                  const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int line = n != NULL ? (int)n->start_mark.line + 1 : 0;
    int col = n != NULL ? scalar_col(n, col_offset) : 0;
    record(L, f != NULL ? f->disp : NULL, line, col, fmt, ap);
    va_end(ap);
    return 1;
}

int load_error(mload_t *L, const mfile_t *f, const yaml_node_t *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int line = n != NULL ? (int)n->start_mark.line + 1 : 0;
    int col = n != NULL ? (int)n->start_mark.column + 1 : 0;
    record(L, f != NULL ? f->disp : NULL, line, col, fmt, ap);
    va_end(ap);
    return 1;
}

int load_io_error(mload_t *L, const char *disp, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    record(L, disp, 0, 0, fmt, ap);
    va_end(ap);
    L->err->io = 1;
    return 1;
}

int load_error_in(mload_t *L, const char *disp, int line, int col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    record(L, disp, line, col, fmt, ap);
    va_end(ap);
    return 1;
}
