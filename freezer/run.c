// SPDX-License-Identifier: MIT
// run.c: `freeze run`: runs a .mpy, an image, a .py or a manifest's app (host, or QEMU).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/file.h"
#include "freezer/freeze.h"
#include "freezer/locate.h"
#include "freezer/spawn.h"
#include "freezer/target.h"
#include "mpycross/mpycross.h"

/*
 * The host runner (host/fzvm beside freeze) executes a .mpy as __main__ or an image's
 * main module: `fzvm [--heap SIZE] FILE [ARGS...]`. A .py is compiled first into a
 * temporary directory; a manifest is built into its output directory as an image.
 */

static int has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

// Runs file on the host runner; argv0, if not NULL, is what sys.argv[0] says instead.
static status_t run_runner(const freeze_opts_t *o, const char *file, const char *argv0,
                           errors_t *e, int *exit_status) {
    char *vm = locate_host_file(o->self, "fzvm");
    if (vm == NULL) {
        return errors_add(e, ST_IO, NULL, 0, 0, "cannot find the host runner host/fzvm "
                          "beside freeze");
    }
    char **argv = malloc(((size_t)o->n_run_args + 7) * sizeof *argv);
    if (argv == NULL) {
        free(vm);
        return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    int k = 0;
    argv[k++] = vm;
    if (o->heap != NULL) {
        argv[k++] = (char *)"--heap";
        argv[k++] = (char *)o->heap;
    }
    if (argv0 != NULL) {
        argv[k++] = (char *)"--argv0";
        argv[k++] = (char *)argv0;
    }
    argv[k++] = (char *)file;
    for (int i = 0; i < o->n_run_args; i++) {
        argv[k++] = o->run_args[i];
    }
    argv[k] = NULL;
    fflush(stdout);
    int rc = spawn_run(argv, NULL);
    status_t st = ST_OK;
    if (rc < 0) {
        st = errors_add(e, ST_IO, vm, 0, 0, "cannot run: %s", strerror(errno));
    } else {
        *exit_status = rc;
    }
    free(argv);
    free(vm);
    return st;
}

static status_t compile_file(const char *py, const char *mpy, errors_t *e) {
    uint8_t *src;
    size_t len;
    if (file_read(py, &src, &len) != 0) {
        return errors_add(e, errno == ENOENT ? ST_INPUT : ST_IO, py, 0, 0, "cannot read: %s",
                          strerror(errno));
    }
    mpyc_options_t opts;
    mpyc_options_init(&opts);
    opts.source_name = py;
    mpyc_output_t out = { 0 };
    mpyc_diag_t diag;
    memset(&diag, 0, sizeof diag);
    status_t st = ST_OK;
    if (mpyc_compile((const char *)src, len, &opts, &out, &diag) != 0) {
        st = errors_add(e, ST_INPUT, py, diag.line, diag.col, "%s: %s",
                        diag.exc_type[0] ? diag.exc_type : "SyntaxError", diag.message);
    } else if (file_write(mpy, out.data, out.len) != 0) {
        st = errors_add(e, ST_IO, mpy, 0, 0, "cannot write: %s", strerror(errno));
    }
    mpyc_free(&out);
    free(src);
    return st;
}

static status_t run_py(const freeze_opts_t *o, errors_t *e, int *exit_status) {
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/freeze-run-XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        return errors_add(e, ST_IO, dir, 0, 0, "cannot create directory: %s", strerror(errno));
    }
    char mpy[4200];
    snprintf(mpy, sizeof mpy, "%s/__main__.mpy", dir);
    status_t st = compile_file(o->input, mpy, e);
    if (st == ST_OK) {
        st = run_runner(o, mpy, o->input, e, exit_status);  // sys.argv[0]: the .py, as micropython
    }
    remove(mpy);
    rmdir(dir);
    return st;
}

// Runs an MCU app (NAME.elf) under QEMU with a time limit: $FREEZE_RUN_TIMEOUT seconds,
// default 60. The guest's console is our stdout and stderr; its exit status is ours.
static status_t run_qemu(const char *elf, errors_t *e, int *exit_status) {
    const char *limit = getenv("FREEZE_RUN_TIMEOUT");
    const char *qemu = getenv("QEMU_XTENSA");
    limit = limit != NULL && limit[0] ? limit : "60";
    char *argv[] = { (char *)"timeout", (char *)"--foreground", (char *)"-k", (char *)"2",
                     (char *)limit, (char *)(qemu != NULL && qemu[0] ? qemu : "qemu-system-xtensa"),
                     (char *)"-M", (char *)"sim", (char *)"-cpu", (char *)"lx106",
                     (char *)"-nodefaults", (char *)"-semihosting", (char *)"-display",
                     (char *)"none", (char *)"-monitor", (char *)"none", (char *)"-serial",
                     (char *)"none", (char *)"-kernel", (char *)elf, NULL };
    fflush(stdout);
    int rc = spawn_run(argv, NULL);
    if (rc < 0) {
        return errors_add(e, ST_IO, NULL, 0, 0, "cannot run timeout(1): %s", strerror(errno));
    }
    if (rc == 127) {
        return errors_add(e, ST_IO, NULL, 0, 0, "cannot run %s (install qemu-system-misc)",
                          argv[5]);
    }
    if (rc == 124 || rc == 137) {
        fprintf(stderr, "freeze: %s did not exit within %s s; stopped\n", elf, limit);
        rc = 124;
    }
    *exit_status = rc;
    return ST_OK;
}

// freeze run -t TARGET for an MCU target: an .elf as it is, a manifest built first.
static status_t run_mcu(const freeze_opts_t *o, const target_t *t, errors_t *e,
                        int *exit_status) {
    if (t->app_run == NULL) {
        return errors_add(e, ST_USAGE, NULL, 0, 0, "running on -t %s is not supported yet",
                          t->name);
    }
    if (has_suffix(o->input, ".elf")) {
        return run_qemu(o->input, e, exit_status);
    }
    if (has_suffix(o->input, ".mpy") || has_suffix(o->input, ".frz") || has_suffix(o->input, ".py")) {
        return errors_add(e, ST_USAGE, o->input, 0, 0, "freeze run -t %s takes a manifest "
                          "or an .elf", t->name);
    }
    freeze_opts_t bo = *o;
    bo.emit = "frz,app";
    bo.quiet = 1;
    bo.report = NULL;
    char *frz = NULL;
    status_t st = freeze_build(&bo, e, &frz);
    if (st == ST_OK) {
        strcpy(frz + strlen(frz) - 4, ".elf");  // the app beside NAME.frz
        st = run_qemu(frz, e, exit_status);
    }
    free(frz);
    return st;
}

status_t freeze_run(const freeze_opts_t *o, errors_t *e, int *exit_status) {
    *exit_status = 0;
    if (o->target != NULL && strcmp(o->target, "host") != 0) {
        const target_t *t = target_find(o->target);
        if (t == NULL) {
            return errors_add(e, ST_USAGE, NULL, 0, 0, "unknown target '%s'", o->target);
        }
        return run_mcu(o, t, e, exit_status);
    }
    if (has_suffix(o->input, ".mpy") || has_suffix(o->input, ".frz")) {
        if (access(o->input, R_OK) != 0) {
            return errors_add(e, ST_INPUT, o->input, 0, 0, "cannot read: %s", strerror(errno));
        }
        return run_runner(o, o->input, NULL, e, exit_status);
    }
    if (has_suffix(o->input, ".py")) {
        return run_py(o, e, exit_status);
    }
    freeze_opts_t bo = *o;
    bo.emit = "frz";
    bo.quiet = 1;
    bo.report = NULL;
    char *frz = NULL;
    status_t st = freeze_build(&bo, e, &frz);
    if (st == ST_OK) {
        st = run_runner(o, frz, NULL, e, exit_status);
    }
    free(frz);
    return st;
}
