// SPDX-License-Identifier: MIT
// semihost.c: the two simcall wrappers the port needs (see semihost.h for the registers).
#include "runtime/ports/xtensa-qemu/semihost.h"

int semihost_write(int fd, const void *buf, size_t len) {
    register int a2 __asm__("a2") = SEMIHOST_SYS_WRITE;
    register int a3 __asm__("a3") = fd;
    register const void *a4 __asm__("a4") = buf;
    register size_t a5 __asm__("a5") = len;
    // "memory": the host reads buf, so earlier stores to it must be done.
    __asm__ volatile("simcall" : "+r"(a2), "+r"(a3) : "r"(a4), "r"(a5) : "memory");
    return a2;
}

_Noreturn void semihost_exit(int status) {
    register int a2 __asm__("a2") = SEMIHOST_SYS_EXIT;
    register int a3 __asm__("a3") = status;
    __asm__ volatile("simcall" : "+r"(a2), "+r"(a3) : : "memory");
    for (;;) {
        // Only reached without -semihosting, where simcall is a no-op or traps.
        __asm__ volatile("waiti 15");
    }
}
