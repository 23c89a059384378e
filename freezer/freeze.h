// SPDX-License-Identifier: MIT
// freeze.h: the freeze subcommands behind main.c's table: build, run, inspect.
#ifndef FREEZER_FREEZE_H
#define FREEZER_FREEZE_H

#include <stddef.h>
#include <stdint.h>

#include "freezer/errors.h"

// Everything the command line says; main.c fills it, the subcommands read it.
typedef struct {
    const char *input;         // manifest (build, run), or the file to run or inspect
    const char *out_dir;       // -o; NULL: <manifest dir>/build
    const char *target;        // -t; NULL: the manifest's options.target, else host
    int jobs;                  // -j; 0: one per core
    const char **defines;      // -D NAME=VALUE
    size_t n_defines;
    const char *emit;          // --emit; NULL: the target's default
    const char *report;        // --report text|json; NULL: text unless -q
    uint64_t budget_flash;     // --budget-flash; 0: the manifest's
    uint64_t budget_ram;
    const char *diff;          // size --diff: an older JSON size report
    int top;                   // --top N: modules the text report lists; 0: 10
    int functions;             // --detail functions
    int measure_ram;           // build --measure-ram (also on with a RAM budget)
    const char *module;        // inspect IMAGE MODULE: the module to list
    const char *heap;          // run --heap, passed on to the runner
    char **run_args;           // run: arguments after "--"
    int n_run_args;
    int quiet, verbose;
    int list;                  // build --list: print the resolved modules, build nothing
    int extract;               // inspect --extract IMAGE MODULE: write the module's .mpy
    int mpy_form;              // build --mpy-form: modules as .mpy files, no name pool
    const char *self;          // absolute path of this executable, or NULL
} freeze_opts_t;

// Builds o->input; when frz_path is not NULL, sets it to the malloc'ed path of the image.
status_t freeze_build(const freeze_opts_t *o, errors_t *e, char **frz_path);
status_t freeze_run(const freeze_opts_t *o, errors_t *e, int *exit_status);
status_t freeze_inspect(const freeze_opts_t *o, errors_t *e);
status_t freeze_size(const freeze_opts_t *o, errors_t *e);

#endif // FREEZER_FREEZE_H
