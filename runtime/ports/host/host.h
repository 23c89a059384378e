// SPDX-License-Identifier: MIT
// host.h: the host port's entry point, shared by fzvm and app executables built by freeze.
#ifndef RUNTIME_PORTS_HOST_HOST_H
#define RUNTIME_PORTS_HOST_HOST_H

#include <stddef.h>
#include <stdint.h>

/*
 * Runs a program and returns the process exit status.
 *   image == NULL: argv is `fzvm [--heap SIZE] FILE.mpy|IMAGE.frz [args]`; the file is
 *                  read and its main module runs as __main__.
 *   image != NULL: a frozen image linked into the executable; argv is `prog [--heap SIZE]
 *                  [args]` and the image's main module runs as __main__.
 * Status: 0, 1 after an uncaught exception (its traceback printed), SystemExit's code,
 * 2 for wrong usage, 4 for an I/O error.
 */
int host_run(int argc, char **argv, const uint8_t *image, size_t image_len);

#endif // RUNTIME_PORTS_HOST_HOST_H
