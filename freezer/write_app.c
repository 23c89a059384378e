// SPDX-License-Identifier: MIT
// write_app.c: links a host executable that runs the image, with the C compiler ($CC or cc).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/file.h"
#include "freezer/spawn.h"
#include "freezer/write.h"

/*
 * The executable is the image's C file, a generated main that hands the image to
 * host_run (declared in runtime/ports/host/host.h; repeated here because an installed
 * freeze has no runtime headers), and the host runtime library. The compiler runs in the
 * output directory on relative names, so no path of this machine enters the binary.
 */

static const char main_c[] =
    "// The entry point of a frozen host application, written by freeze. Do not edit.\n"
    "#include <stddef.h>\n"
    "#include <stdint.h>\n"
    "\n"
    "extern const uint8_t freeze_image[];\n"
    "extern const uint32_t freeze_image_len;\n"
    "int host_run(int argc, char **argv, const uint8_t *image, size_t image_len);\n"
    "\n"
    "int main(int argc, char **argv) {\n"
    "    return host_run(argc, argv, freeze_image, freeze_image_len);\n"
    "}\n";

// Extra words a sanitizer build of freeze (and of its runtime library) needs to link.
#if defined(FREEZE_TEST_BUILD) && FREEZE_TEST_BUILD
#define SANITIZE_FLAGS "-fsanitize=address,undefined"
#else
#define SANITIZE_FLAGS NULL
#endif

static char *join3(const char *a, const char *b, const char *c) {
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *s = malloc(n);
    if (s != NULL) {
        snprintf(s, n, "%s%s%s", a, b, c);
    }
    return s;
}

// Runs $CC -o tmp_name c_file main_file lib -lm in dir.
static status_t run_cc(const char *dir, const char *tmp_name, const char *c_file,
                       const char *main_file, const char *lib, errors_t *e) {
    const char *cc = getenv("CC");
    char **cc_words;
    int n = spawn_split(cc != NULL && cc[0] != 0 ? cc : "cc", &cc_words);
    char **argv = n > 0 ? malloc(((size_t)n + 10) * sizeof *argv) : NULL;
    if (argv == NULL) {
        free(n >= 0 ? cc_words : NULL);
        return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        argv[k++] = cc_words[i];
    }
    const char *tail[] = { "-o", tmp_name, c_file, main_file, lib, "-lm", SANITIZE_FLAGS };
    for (size_t i = 0; i < sizeof tail / sizeof tail[0] && tail[i] != NULL; i++) {
        argv[k++] = (char *)tail[i];
    }
    argv[k] = NULL;
    int rc = spawn_run(argv, dir);
    status_t st = ST_OK;
    if (rc < 0) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "cannot run the C compiler '%s': %s", argv[0],
                        strerror(errno));
    } else if (rc != 0) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "the C compiler '%s' failed (exit status %d)",
                        argv[0], rc);
    }
    free(argv);
    free(cc_words);
    return st;
}

status_t write_app(const char *dir, const char *c_file, const char *exe_name, const char *lib,
                   errors_t *e) {
    if (access(lib, R_OK) != 0) {
        return errors_add(e, ST_IO, lib, 0, 0, "cannot find the host runtime library: %s",
                          strerror(errno));
    }
    char *main_file = join3(exe_name, "-main", ".c");
    char *main_path = main_file != NULL ? join3(dir, "/", main_file) : NULL;
    char tmp_name[64];
    snprintf(tmp_name, sizeof tmp_name, ".app.tmp%ld", (long)getpid());
    char *tmp_path = join3(dir, "/", tmp_name);
    char *exe_path = join3(dir, "/", exe_name);
    status_t st = ST_OK;
    if (main_path == NULL || tmp_path == NULL || exe_path == NULL) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    } else if (file_write(main_path, main_c, sizeof main_c - 1) != 0) {
        st = errors_add(e, ST_IO, main_path, 0, 0, "cannot write: %s", strerror(errno));
    } else {
        st = run_cc(dir, tmp_name, c_file, main_file, lib, e);
    }
    if (st == ST_OK && rename(tmp_path, exe_path) != 0) {
        st = errors_add(e, ST_IO, exe_path, 0, 0, "cannot write: %s", strerror(errno));
    }
    if (st != ST_OK && tmp_path != NULL) {
        remove(tmp_path);
    }
    free(main_file);
    free(main_path);
    free(tmp_path);
    free(exe_path);
    return st;
}
