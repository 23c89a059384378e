// SPDX-License-Identifier: MIT
// main.c: the mpycross command, a drop-in for MicroPython's mpy-cross (bytecode output only).
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mpycross/diag.h"
#include "mpycross/mpycross.h"

/*
 * Exit status: 0 success; 1 an error in the input (a compile error, as mpy-cross, or an
 * unreadable input file); 2 wrong usage; 4 the output could not be written.
 * A compile error prints mpy-cross's exact stderr text, then (unless
 * --mpy-cross-errors) a "file:line:col: error: message" line with the source line and a
 * caret. The output is written to a temporary file next to the target and renamed.
 */

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 4 };

typedef struct {
    const char *input;
    const char *output;
    const char *source_name;
    int opt;
    int small_int_bits;
    bool plain_errors;
    bool no_source_lines;
} args_t;

static void usage(FILE *f) {
    fprintf(f,
            "usage: mpycross [options] FILE.py|-\n"
            "Compile a MicroPython source file to .mpy v6.3 bytecode, as mpy-cross does.\n"
            "  -o FILE                output file (default: FILE.mpy next to the input; stdout for -)\n"
            "  -s NAME                source name embedded in the .mpy (default: the input path)\n"
            "  -O[N], -O N            optimisation level 0..3 (-O = 1, -OO = 2)\n"
            "  -msmall-int-bits=N     bits of a small int on the target (default 31)\n"
            "  -X emit=bytecode       bytecode output (the only kind supported)\n"
            "  -X no-source-lines     leave the line-number tables empty\n"
            "  --mpy-cross-errors     print compile errors exactly as mpy-cross, nothing more\n"
            "  --version              print the version\n"
            "  --help                 print this help\n");
}

static int usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "mpycross: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try --help)\n");
    return EXIT_USAGE;
}

// The level after "-O", as mpy-cross reads it: a digit gives the level, otherwise
// "-O" counts 1 and each further 'O' one more ("-OO" is 2).
static bool parse_level(const char *s, int *level) {
    if (*s >= '0' && *s <= '9') {
        *level = *s - '0';
        return true;
    }
    size_t n = strspn(s, "O");
    if (s[n] != 0) {
        return false;
    }
    *level = (int)n + 1;
    return true;
}

// -X options: emit=bytecode is accepted; native emitters are not supported.
static int parse_x(args_t *a, const char *x) {
    if (strcmp(x, "emit=bytecode") == 0) {
        return 0;
    }
    if (strcmp(x, "no-source-lines") == 0) {
        a->no_source_lines = true;
        return 0;
    }
    if (strncmp(x, "emit=", 5) == 0) {
        return usage_error("unsupported option -X %s: only bytecode output is supported", x);
    }
    if (strncmp(x, "heapsize=", 9) == 0) {
        return 0;  // the reference's heap size; this compiler has no fixed heap
    }
    return usage_error("unknown option -X %s", x);
}

static int parse_args(int argc, char **argv, args_t *a) {
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(s, "--version") == 0) {
            printf("%s\n", mpyc_version());
            exit(0);
        } else if (strcmp(s, "--mpy-cross-errors") == 0) {
            a->plain_errors = true;
        } else if (strcmp(s, "-o") == 0 || strcmp(s, "-s") == 0 || strcmp(s, "-X") == 0) {
            if (i + 1 >= argc) {
                return usage_error("option %s needs an argument", s);
            }
            const char *v = argv[++i];
            if (s[1] == 'o') {
                a->output = v;
            } else if (s[1] == 's') {
                a->source_name = v;
            } else if (parse_x(a, v) != 0) {
                return EXIT_USAGE;
            }
        } else if (strcmp(s, "-O") == 0 && i + 1 < argc && argv[i + 1][0] >= '0' && argv[i + 1][0] <= '9') {
            if (!parse_level(argv[++i], &a->opt)) {
                return usage_error("bad optimisation level %s", argv[i]);
            }
        } else if (strncmp(s, "-O", 2) == 0) {
            if (!parse_level(s + 2, &a->opt)) {
                return usage_error("bad optimisation level %s", s);
            }
        } else if (strncmp(s, "-msmall-int-bits=", 17) == 0) {
            char *end;
            long v = strtol(s + 17, &end, 10);
            if (*end != 0 || v < 8 || v > 63) {
                return usage_error("bad small int bits in %s", s);
            }
            a->small_int_bits = (int)v;
        } else if (strncmp(s, "-march", 6) == 0) {
            return usage_error("unsupported option %s: native code is not supported, only bytecode", s);
        } else if (strcmp(s, "-") != 0 && s[0] == '-') {
            return usage_error("unknown option %s", s);
        } else if (a->input != NULL) {
            return usage_error("more than one input file (%s)", s);
        } else {
            a->input = s;
        }
    }
    if (a->input == NULL) {
        return usage_error("%s", "no input file");
    }
    return 0;
}

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (nb == NULL) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    *len = n;
    return buf;
}

// The source line `line` (1-based) of src, for the caret diagnostic.
static const char *find_line(const char *src, size_t len, int line, size_t *line_len) {
    const char *p = src, *end = src + len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL) {
            return NULL;
        }
        p = nl + 1;
    }
    if (p >= end) {
        return NULL;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *line_len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (*line_len > 0 && p[*line_len - 1] == '\r') {
        (*line_len)--;
    }
    return p;
}

static void print_error(const args_t *a, const mpyc_diag_t *d, const char *src, size_t len) {
    // lexer/parser errors name the input path, compile errors the source name (as mpy-cross)
    const char *traceback_file = d->scope[0] ? a->source_name : a->input;
    if (strcmp(a->input, "-") == 0 && !d->scope[0]) {
        traceback_file = "<stdin>";
    }
    diag_print(stderr, d, traceback_file, d->scope[0] ? d->scope : NULL);
    if (a->plain_errors || d->line <= 0) {
        return;
    }
    const char *path = strcmp(a->input, "-") == 0 ? "<stdin>" : a->input;
    int col = d->col > 0 ? d->col : 1;
    fprintf(stderr, "%s:%d:%d: error: %s\n", path, d->line, col, d->message);
    size_t line_len;
    const char *line = find_line(src, len, d->line, &line_len);
    if (line != NULL) {
        fprintf(stderr, "%.*s\n", (int)line_len, line);
        for (int i = 1; i < col && (size_t)i <= line_len; i++) {
            fputc(line[i - 1] == '\t' ? '\t' : ' ', stderr);
        }
        fprintf(stderr, "^\n");
    }
}

static char *default_output(const char *input) {
    size_t n = strlen(input);
    char *out = malloc(n + 5);
    if (out == NULL) {
        return NULL;
    }
    memcpy(out, input, n + 1);
    if (n >= 3 && strcmp(out + n - 3, ".py") == 0) {
        out[n - 3] = 0;
    }
    strcat(out, ".mpy");
    return out;
}

// Write data to path through a temporary file in the same directory, then rename.
static int write_output(const char *path, const uint8_t *data, size_t len) {
    if (strcmp(path, "-") == 0) {
        return fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : EXIT_IO;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (tmp == NULL) {
        return EXIT_IO;
    }
    snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "mpycross: cannot write %s: %s\n", path, strerror(errno));
        free(tmp);
        return EXIT_IO;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);  // as a plain fopen would have created it
    FILE *f = fdopen(fd, "wb");
    bool ok = f != NULL && fwrite(data, 1, len, f) == len;
    ok = (f != NULL && fclose(f) == 0) && ok;
    if (f == NULL) {
        close(fd);
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
    }
    if (!ok) {
        fprintf(stderr, "mpycross: cannot write %s: %s\n", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : EXIT_IO;
}

int main(int argc, char **argv) {
    args_t a = {0};
    int r = parse_args(argc, argv, &a);
    if (r != 0) {
        return r;
    }
    bool from_stdin = strcmp(a.input, "-") == 0;
    FILE *f = from_stdin ? stdin : fopen(a.input, "rb");
    if (f == NULL) {
        fprintf(stderr, "mpycross: cannot open %s: %s\n", a.input, strerror(errno));
        return EXIT_INPUT;
    }
    size_t len;
    char *src = read_all(f, &len);
    if (!from_stdin) {
        fclose(f);
    }
    if (src == NULL) {
        fprintf(stderr, "mpycross: cannot read %s\n", a.input);
        return EXIT_INPUT;
    }
    if (a.source_name == NULL) {
        a.source_name = from_stdin ? "<stdin>" : a.input;
    }
    mpyc_options_t opts;
    mpyc_options_init(&opts);
    opts.source_name = a.source_name;
    opts.input_path = from_stdin ? NULL : a.input;  // mpy-cross names stdin <stdin>, not "-"
    opts.opt = a.opt;
    opts.small_int_bits = a.small_int_bits;
    opts.no_source_lines = a.no_source_lines;
    mpyc_output_t out;
    mpyc_diag_t diag;
    if (mpyc_compile(src, len, &opts, &out, &diag) != 0) {
        print_error(&a, &diag, src, len);
        free(src);
        return EXIT_INPUT;
    }
    free(src);
    char *def = NULL;
    const char *path = a.output;
    if (path == NULL) {
        path = from_stdin ? "-" : (def = default_output(a.input));
    }
    r = path != NULL ? write_output(path, out.data, out.len) : EXIT_IO;
    free(def);
    mpyc_free(&out);
    return r;
}
