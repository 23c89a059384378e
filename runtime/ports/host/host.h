// SPDX-License-Identifier: MIT
// host.h: the host port's entry point, called by fzvm and by every frozen host executable.
#ifndef RUNTIME_PORTS_HOST_HOST_H
#define RUNTIME_PORTS_HOST_HOST_H

#include <stddef.h>
#include <stdint.h>

// Runs image[0..image_len): a frozen image (runtime/image.h; its main module runs as
// __main__) or a single .mpy file. argv are the program's arguments (sys.argv). Checks the
// image (header, CRC, index) before any Python code runs and refuses a bad one with a
// message on stderr. Returns the process exit status. Executables made by
// `freeze build -t host` call it from a generated main (freezer/write_app.c repeats this
// declaration, since an installed freeze has no runtime headers).
int host_run(int argc, char **argv, const uint8_t *image, size_t image_len);

#endif // RUNTIME_PORTS_HOST_HOST_H
