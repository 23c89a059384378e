// SPDX-License-Identifier: MIT
// parse-dump.c: print the parse tree of a Python file (or the parse error), for tests and debugging.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpycross/diag.h"
#include "mpycross/parse.h"

// usage: parse-dump [-O] [-q] FILE.py
//   -O  parse as with -O (__debug__ is False)
//   -q  print nothing on success (only errors), for batch checks
// Exit 0 on success, 1 on a parse error (printed as mpy-cross prints it), 2 on usage/IO.
int main(int argc, char **argv) {
    int opt = 0, quiet = 0, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-O") == 0) {
            opt = 1;
        } else if (strcmp(argv[i], "-q") == 0) {
            quiet = 1;
        } else {
            break;
        }
    }
    if (i != argc - 1) {
        fprintf(stderr, "usage: parse-dump [-O] [-q] FILE.py\n");
        return 2;
    }
    const char *path = argv[i];
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 2;
    }
    size_t cap = 1 << 16, len = 0;
    char *src = malloc(cap);
    size_t n;
    while (src != NULL && (n = fread(src + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            char *s2 = realloc(src, cap);
            if (s2 == NULL) {
                free(src);
            }
            src = s2;
        }
    }
    fclose(f);
    if (src == NULL) {
        return 2;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    mpyc_options_t opts;
    memset(&opts, 0, sizeof(opts));
    opts.source_name = base;
    opts.opt = opt;
    opts.small_int_bits = 31;
    mpyc_diag_t diag;
    parse_t *p = parse_new();
    int rc = p == NULL ? 2 : parse_module(p, src, len, &opts, &diag);
    if (rc == 1) {
        diag_print(stdout, &diag, path, NULL);
    } else if (rc == 0 && !quiet) {
        parse_dump(p, parse_root(p), stdout);
    }
    parse_delete(p);
    free(src);
    return rc;
}
