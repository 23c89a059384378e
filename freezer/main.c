// SPDX-License-Identifier: MIT
// main.c: the freeze command: subcommands, options and exit codes, each in one table.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/freeze.h"
#include "freezer/locate.h"
#include "manifest/manifest.h"
#include "mpycross/mpycross.h"

/*
 * main.c is the only place that picks an exit code: every other file returns a status
 * class (errors.h) and adds diagnostics, which are printed here, to stderr.
 */

static const struct {
    status_t st;
    const char *meaning;
} exit_codes[] = {
    { ST_OK, "success" },
    { ST_INPUT, "an error in the input: Python source, manifest, .mpy file or image" },
    { ST_USAGE, "wrong usage of the command line" },
    { ST_BUDGET, "a flash or RAM budget is exceeded" },
    { ST_IO, "an I/O or system error" },
};

// Which options a subcommand takes.
enum {
    OPT_BUILD = 1,   // -o -j --emit --report --budget-* --list
    OPT_TARGET = 2,  // -t -D -q -v
    OPT_RUN = 4,     // --heap --
    OPT_SIZE = 8,    // --report --diff --top --detail --budget-*
    OPT_INSPECT = 16,  // --extract
};

typedef struct {
    const char *name;
    unsigned opts;
    int needs_input;  // 1: FILE is required; 0: it defaults to manifest.yaml
    const char *usage;
} command_t;

static const command_t commands[] = {
    { "build", OPT_BUILD | OPT_TARGET, 0,
      "build [MANIFEST] [-o DIR] [-t host|xtensa-qemu|esp32s3] [-j N] [-D NAME=VALUE]\n"
      "                   [--emit frz,c,elf,app] [--report text|json|csv|html]\n"
      "                   [--budget-flash SIZE] [--budget-ram SIZE] [--measure-ram]\n"
      "                   [--top N] [--detail functions] [--list] [--mpy-form] [-q|-v]" },
    { "run", OPT_TARGET | OPT_RUN, 0,
      "run [MANIFEST|FILE.py|FILE.mpy|IMAGE.frz|APP.elf] [-t host|xtensa-qemu] [--heap SIZE] [-- ARGS]" },
    { "inspect", OPT_INSPECT, 1, "inspect FILE.mpy|IMAGE.frz [MODULE] | --extract IMAGE.frz MODULE" },
    { "size", OPT_SIZE, 1, "size IMAGE.frz|NEW.json [--report text|json|csv|html] [--diff OLD.json]\n"
      "                   [--top N] [--detail functions] [--budget-flash SIZE] [--budget-ram SIZE]" },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out) {
    fprintf(out, "usage:\n");
    for (size_t i = 0; i < N_COMMANDS; i++) {
        fprintf(out, "  freeze %s\n", commands[i].usage);
    }
    fprintf(out, "  freeze --help | --version\n");
}

static int help(void) {
    printf("freeze %s: compiles a MicroPython application into a frozen image.\n\n",
           FREEZE_VERSION);
    usage(stdout);
    printf("\nMANIFEST defaults to manifest.yaml. Exit codes:\n");
    for (size_t i = 0; i < sizeof exit_codes / sizeof exit_codes[0]; i++) {
        printf("  %d  %s\n", (int)exit_codes[i].st, exit_codes[i].meaning);
    }
    printf("\nSee freeze(1), freeze-manifest(5) and freeze-image(5).\n");
    return 0;
}

static int exit_code(status_t st) {
    for (size_t i = 0; i < sizeof exit_codes / sizeof exit_codes[0]; i++) {
        if (exit_codes[i].st == st) {
            return (int)st;
        }
    }
    return (int)ST_IO;
}

static int usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "freeze: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see freeze --help)\n");
    return exit_code(ST_USAGE);
}

typedef struct {
    int argc;
    char **argv;
    int i;
} args_t;

// The value of option name: attached ("-jN", "--emit=c") or the next argument.
static const char *value(args_t *a, const char *attached) {
    if (attached != NULL && attached[0] != 0) {
        return attached[0] == '=' ? attached + 1 : attached;
    }
    if (a->i + 1 >= a->argc) {
        return NULL;
    }
    return a->argv[++a->i];
}

// Whether arg is option opt: "-jN" and "-j" for short ones, "--emit=c" and "--emit" for
// long ones (so "--emitter" is no "--emit").
static int matches(const char *arg, const char *opt) {
    size_t n = strlen(opt);
    if (strncmp(arg, opt, n) != 0) {
        return 0;
    }
    return opt[1] != '-' || arg[n] == 0 || arg[n] == '=';
}

static int parse_size(const char *s, uint64_t *out) {
    return s != NULL && manifest_parse_size(s, out) == 0 && *out > 0 ? 0 : -1;
}

// Handles one option of a long or short form; returns 0, or an exit code.
static int option(args_t *a, const command_t *c, freeze_opts_t *o) {
    const char *arg = a->argv[a->i];
    const char *v;
    unsigned have = c->opts;
#define IS(flag, opt) ((have & (flag)) && matches(arg, opt))
#define REST(opt) (arg + strlen(opt))
#define NEED(x) do { if ((x) == NULL) return usage_error("option %s needs a value", arg); } while (0)
    if (IS(OPT_BUILD, "-o")) {
        NEED(v = value(a, REST("-o")));
        o->out_dir = v;
    } else if (IS(OPT_TARGET, "-t")) {
        NEED(v = value(a, REST("-t")));
        o->target = v;
    } else if (IS(OPT_BUILD, "-j")) {
        NEED(v = value(a, REST("-j")));
        char *end;
        long n = strtol(v, &end, 10);
        if (*end != 0 || n < 1 || n > 64) {
            return usage_error("-j needs a number of jobs from 1 to 64, not '%s'", v);
        }
        o->jobs = (int)n;
    } else if (IS(OPT_TARGET, "-D")) {
        NEED(v = value(a, REST("-D")));
        if (strchr(v, '=') == NULL || v[0] == '=') {
            return usage_error("-D needs NAME=VALUE, not '%s'", v);
        }
        o->defines[o->n_defines++] = v;
    } else if (IS(OPT_BUILD, "--emit")) {
        NEED(v = value(a, REST("--emit")));
        o->emit = v;
    } else if (IS(OPT_BUILD | OPT_SIZE, "--report")) {
        NEED(v = value(a, REST("--report")));
        o->report = v;
    } else if (IS(OPT_BUILD | OPT_SIZE, "--top")) {
        NEED(v = value(a, REST("--top")));
        char *end;
        long n = strtol(v, &end, 10);
        if (*end != 0 || n < 1 || n > 100000) {
            return usage_error("--top needs a number of modules from 1, not '%s'", v);
        }
        o->top = (int)n;
    } else if (IS(OPT_BUILD | OPT_SIZE, "--detail")) {
        NEED(v = value(a, REST("--detail")));
        if (strcmp(v, "functions") != 0) {
            return usage_error("--detail takes 'functions', not '%s'", v);
        }
        o->functions = 1;
    } else if ((have & OPT_BUILD) && strcmp(arg, "--measure-ram") == 0) {
        o->measure_ram = 1;
    } else if (IS(OPT_BUILD | OPT_SIZE, "--budget-flash") || IS(OPT_BUILD | OPT_SIZE, "--budget-ram")) {
        int flash = arg[9] == 'f';
        NEED(v = value(a, REST(flash ? "--budget-flash" : "--budget-ram")));
        if (parse_size(v, flash ? &o->budget_flash : &o->budget_ram) != 0) {
            return usage_error("a budget is a size such as 4096, 256K, 64KiB, 2M or 0x40000, "
                               "not '%s'", v);
        }
    } else if (IS(OPT_SIZE, "--diff")) {
        NEED(v = value(a, REST("--diff")));
        o->diff = v;
    } else if (IS(OPT_RUN, "--heap")) {
        NEED(v = value(a, REST("--heap")));
        o->heap = v;
    } else if ((have & OPT_BUILD) && strcmp(arg, "--list") == 0) {
        o->list = 1;
    } else if ((have & OPT_INSPECT) && strcmp(arg, "--extract") == 0) {
        o->extract = 1;
    } else if ((have & OPT_BUILD) && strcmp(arg, "--mpy-form") == 0) {
        o->mpy_form = 1;
    } else if ((have & OPT_TARGET) && strcmp(arg, "-q") == 0) {
        o->quiet = 1;
    } else if ((have & OPT_TARGET) && strcmp(arg, "-v") == 0) {
        o->verbose = 1;
    } else {
        return usage_error("unknown option '%s'", arg);
    }
#undef IS
#undef REST
#undef NEED
    return 0;
}

static int parse(args_t *a, const command_t *c, freeze_opts_t *o) {
    for (a->i = 2; a->i < a->argc; a->i++) {
        const char *arg = a->argv[a->i];
        if (strcmp(arg, "--") == 0 && (c->opts & OPT_RUN)) {
            o->run_args = a->argv + a->i + 1;
            o->n_run_args = a->argc - a->i - 1;
            break;
        }
        if (arg[0] == '-' && arg[1] != 0) {
            int rc = option(a, c, o);
            if (rc != 0) {
                return rc;
            }
        } else if (o->input == NULL) {
            o->input = arg;
        } else if (strcmp(c->name, "inspect") == 0 && o->module == NULL) {
            o->module = arg;
        } else {
            return usage_error("unexpected argument '%s'", arg);
        }
    }
    if (o->input == NULL && c->needs_input) {
        return usage_error("%s needs a FILE", c->name);
    }
    if (o->input == NULL) {
        o->input = "manifest.yaml";
    }
    return 0;
}

static int run_command(const command_t *c, freeze_opts_t *o) {
    errors_t e = { 0 };
    status_t st;
    int child = 0;
    if (strcmp(c->name, "build") == 0) {
        st = freeze_build(o, &e, NULL);
    } else if (strcmp(c->name, "run") == 0) {
        st = freeze_run(o, &e, &child);
    } else if (strcmp(c->name, "size") == 0) {
        st = freeze_size(o, &e);
    } else {
        st = freeze_inspect(o, &e);
    }
    fflush(stdout);
    errors_print(&e, stderr);
    if (e.status > st) {
        st = e.status;
    }
    errors_free(&e);
    return st == ST_OK ? child : exit_code(st);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return exit_code(ST_USAGE);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        return help();
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("freeze %s (%s)\n", FREEZE_VERSION, mpyc_version());
        return 0;
    }
    if (argv[1][0] == '-') {
        return usage_error("unknown option '%s'", argv[1]);
    }
    const command_t *c = NULL;
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            c = &commands[i];
        }
    }
    if (c == NULL) {
        return usage_error("unknown command '%s'", argv[1]);
    }
    freeze_opts_t o = { 0 };
    o.defines = calloc((size_t)argc, sizeof *o.defines);
    char *self = locate_self(argv[0]);
    o.self = self;
    int rc = o.defines == NULL ? exit_code(ST_IO) : parse(&(args_t){ argc, argv, 0 }, c, &o);
    if (rc == 0 && o.defines != NULL) {
        rc = run_command(c, &o);
    }
    free(o.defines);
    free(self);
    return rc;
}
