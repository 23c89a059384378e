// SPDX-License-Identifier: MIT
// port.c: the host's side of the port contract (runtime/port.h): console, exit, ticks.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "runtime/port.h"

void port_console_write(const char *s, size_t len) {
    fwrite(s, 1, len, stdout);
}

void port_console_write_err(const char *s, size_t len) {
    fwrite(s, 1, len, stderr);
}

NORETURN void port_exit(int status) {
    fflush(stdout);
    exit(status);
}

static uint64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint32_t port_ticks_ms(void) {
    return (uint32_t)(now_us() / 1000u);
}

uint32_t port_ticks_us(void) {
    return (uint32_t)now_us();
}
