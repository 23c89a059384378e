// SPDX-License-Identifier: MIT
// numdata.h: reads the oracle tables in tests/unit/data (lines of '|'-separated fields).
#ifndef TESTS_UNIT_NUMDATA_H
#define TESTS_UNIT_NUMDATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUMDATA_MAX_FIELDS 8

typedef struct {
    FILE *f;
    char *line;
    size_t cap;
    int nfields;
    char *field[NUMDATA_MAX_FIELDS];
    int lineno;
} numdata_t;

// Opens tests/unit/data/<name> (the tests run from the repository root).
static inline int numdata_open(numdata_t *d, const char *name) {
    char path[256];
    snprintf(path, sizeof path, "tests/unit/data/%s", name);
    memset(d, 0, sizeof *d);
    d->f = fopen(path, "r");
    return d->f != NULL;
}

// The next data line whose first field is op (NULL: any), split into fields; 0 at the end.
static inline int numdata_next(numdata_t *d, const char *op) {
    for (;;) {
        ssize_t n = getline(&d->line, &d->cap, d->f);
        if (n < 0) {
            return 0;
        }
        d->lineno++;
        if (n > 0 && d->line[n - 1] == '\n') {
            d->line[--n] = '\0';
        }
        if (d->line[0] == '#' || n == 0) {
            continue;
        }
        d->nfields = 0;
        char *p = d->line;
        while (d->nfields < NUMDATA_MAX_FIELDS) {
            d->field[d->nfields++] = p;
            char *bar = strchr(p, '|');
            if (bar == NULL) {
                break;
            }
            *bar = '\0';
            p = bar + 1;
        }
        if (op == NULL || strcmp(d->field[0], op) == 0) {
            return 1;
        }
    }
}

static inline void numdata_close(numdata_t *d) {
    if (d->f != NULL) {
        fclose(d->f);
    }
    free(d->line);
}

// Decodes a Python repr() of a str ('...' or "..." with \\ \' \" \n \t \r \xhh escapes)
// into out (NUL-terminated, may hold NULs); returns the length.
static inline size_t numdata_unrepr(const char *s, char *out) {
    size_t n = 0;
    char q = *s++;
    while (*s != '\0' && *s != q) {
        char c = *s++;
        if (c == '\\') {
            c = *s++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'x': {
                char hex[3] = {s[0], s[1], 0};
                c = (char)strtol(hex, NULL, 16);
                s += 2;
                break;
            }
            default: break;
            }
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

#endif // TESTS_UNIT_NUMDATA_H
