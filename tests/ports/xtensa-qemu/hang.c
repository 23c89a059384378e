// SPDX-License-Identifier: MIT
// hang.c: a guest that never exits, for the runner's time limit.
#include "runtime/ports/xtensa-qemu/xqport.h"

int main(void);

int main(void) {
    port_console_write("spinning\n", 9);
    for (;;) {
        __asm__ volatile("" ::: "memory");
    }
}
