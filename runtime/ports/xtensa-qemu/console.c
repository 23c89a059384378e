// SPDX-License-Identifier: MIT
// console.c: the console and exit hooks over semihosting.
#include "runtime/ports/xtensa-qemu/semihost.h"
#include "runtime/ports/xtensa-qemu/xqport.h"

// The host may write less than asked (a pipe, a signal); loop until all is out or
// the host reports an error, which the console cannot do anything about.
static void write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        int n = semihost_write(fd, buf, len);
        if (n <= 0) {
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

void port_console_write(const char *buf, size_t len) {
    write_all(1, buf, len);
}

void port_console_write_err(const char *buf, size_t len) {
    write_all(2, buf, len);
}

_Noreturn void port_exit(int status) {
    semihost_exit(status);
}
