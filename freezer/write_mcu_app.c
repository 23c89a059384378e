// SPDX-License-Identifier: MIT
// write_mcu_app.c: links an MCU target's image object with its runtime library into NAME.elf.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/locate.h"
#include "freezer/spawn.h"
#include "freezer/write.h"

/*
 * The runtime library (<target>/libfreezert.a beside freeze) holds the VM, the port and
 * the entry point, which checks the image at freeze_image and runs its main module; the
 * linker script (<target>/<app_ld>, which INCLUDEs the target's scripts from the same
 * directory) puts the image in flash. libgcc supplies what the port does not replace.
 */

// The cross compiler: $XTENSA_CROSS + "gcc" when set (as the Makefile takes it), else t's.
static char *cross_cc(const target_t *t) {
    const char *prefix = getenv("XTENSA_CROSS");
    if (prefix == NULL || prefix[0] == 0) {
        return strdup(t->app_cc);
    }
    size_t n = strlen(prefix) + 4;
    char *cc = malloc(n);
    if (cc != NULL) {
        snprintf(cc, n, "%sgcc", prefix);
    }
    return cc;
}

static status_t run_link(const char *dir, const char *tmp_name, const char *obj,
                         const char *lib, const target_t *t, errors_t *e) {
    char *libdir = strdup(lib);
    char *cc = cross_cc(t);
    if (libdir == NULL || cc == NULL) {
        free(libdir);
        free(cc);
        return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    *strrchr(libdir, '/') = 0;
    char *argv[] = { cc, (char *)"-nostdlib", (char *)"-Wl,--gc-sections",
                     (char *)"-Wl,--no-warn-execstack", (char *)"-L",
                     libdir, (char *)"-T", (char *)t->app_ld, (char *)"-o", (char *)tmp_name,
                     (char *)obj, (char *)"-Wl,--start-group", (char *)lib, (char *)"-lgcc",
                     (char *)"-Wl,--end-group", NULL };
    int rc = spawn_run(argv, dir);
    status_t st = ST_OK;
    if (rc < 0) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "cannot run the C compiler '%s': %s", cc,
                        strerror(errno));
    } else if (rc != 0) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "linking with '%s' failed (exit status %d)",
                        cc, rc);
    }
    free(libdir);
    free(cc);
    return st;
}

status_t write_mcu_app(const char *dir, const char *obj, const char *exe_name,
                       const target_t *t, const char *self, errors_t *e) {
    char *lib = locate_target_file(self, t->name, "libfreezert.a");
    if (lib == NULL) {
        return errors_add(e, ST_IO, NULL, 0, 0, "cannot find the runtime library "
                          "%s/libfreezert.a beside freeze (make xtensa-qemu builds it)",
                          t->name);
    }
    char tmp_name[64];
    snprintf(tmp_name, sizeof tmp_name, ".app.tmp%ld", (long)getpid());
    size_t n = strlen(dir) + strlen(exe_name) + sizeof tmp_name + 2;
    char *tmp_path = malloc(n), *exe_path = malloc(n);
    status_t st = ST_OK;
    if (tmp_path == NULL || exe_path == NULL) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    } else {
        snprintf(tmp_path, n, "%s/%s", dir, tmp_name);
        snprintf(exe_path, n, "%s/%s", dir, exe_name);
        st = run_link(dir, tmp_name, obj, lib, t, e);
    }
    if (st == ST_OK && rename(tmp_path, exe_path) != 0) {
        st = errors_add(e, ST_IO, exe_path, 0, 0, "cannot write: %s", strerror(errno));
    }
    if (st != ST_OK && tmp_path != NULL) {
        remove(tmp_path);
    }
    free(tmp_path);
    free(exe_path);
    free(lib);
    return st;
}
