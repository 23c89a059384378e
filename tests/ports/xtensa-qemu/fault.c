// SPDX-License-Identifier: MIT
// fault.c: an illegal instruction, which the port must report on stderr and turn into
// exit status PORT_FAULT_STATUS rather than hang.
#include "runtime/ports/xtensa-qemu/xqport.h"

int main(void);

int main(void) {
    port_console_write("before\n", 7);
    __asm__ volatile("ill");
    port_console_write("after\n", 6);
    return 0;
}
