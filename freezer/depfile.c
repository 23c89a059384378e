// SPDX-License-Identifier: MIT
// depfile.c: writes a build's make dependency file (DIR/NAME.d).
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/depfile.h"
#include "freezer/file.h"
#include "manifest/load.h"

// One path in make's syntax: '$' doubled, spaces and '#' behind a backslash.
static void put_path(file_out_t *o, const char *p) {
    for (; *p != 0; p++) {
        if (*p == '$') {
            file_put(o, "$$", 2);
        } else if (*p == ' ' || *p == '#' || *p == '\t') {
            file_put(o, "\\", 1);
            file_put(o, p, 1);
        } else {
            file_put(o, p, 1);
        }
    }
}

status_t depfile_write(const char *path, const char *const *targets, size_t n_targets,
                       const char *const *inputs, size_t n_inputs, errors_t *e) {
    char **abs = calloc(n_inputs + 1, sizeof *abs);
    if (abs == NULL) {
        return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    // Absolute, as text (as the manifest loader's paths: no realpath, whose readlink of
    // every component of every input was a tenth of a no-change rebuild).
    char cwd[PATH_MAX];
    bool have_cwd = getcwd(cwd, sizeof cwd) != NULL;
    for (size_t i = 0; i < n_inputs; i++) {
        abs[i] = have_cwd || inputs[i][0] == '/' ? path_join(cwd, inputs[i]) : NULL;  // NULL: as the build saw it
    }
    file_out_t o;
    status_t st = ST_OK;
    if (file_open_out(&o, path) != 0) {
        st = errors_add(e, ST_IO, path, 0, 0, "cannot write: %s", strerror(errno));
    } else {
        for (size_t i = 0; i < n_targets; i++) {
            file_put(&o, i ? " " : "", i ? 1 : 0);
            put_path(&o, targets[i]);
        }
        file_put(&o, ":", 1);
        for (size_t i = 0; i < n_inputs; i++) {
            file_put(&o, " \\\n  ", 5);
            put_path(&o, abs[i] != NULL ? abs[i] : inputs[i]);
        }
        file_put(&o, "\n", 1);
        for (size_t i = 0; i < n_inputs; i++) {
            file_put(&o, "\n", 1);
            put_path(&o, abs[i] != NULL ? abs[i] : inputs[i]);
            file_put(&o, ":\n", 2);
        }
        if (file_commit(&o, 0644) != 0) {
            st = errors_add(e, ST_IO, path, 0, 0, "cannot write: %s", strerror(errno));
        }
    }
    for (size_t i = 0; i < n_inputs; i++) {
        free(abs[i]);
    }
    free(abs);
    return st;
}
