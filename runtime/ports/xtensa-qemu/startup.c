// SPDX-License-Identifier: MIT
// startup.c: C-level start-up: .data copy, .bss clear, main, exit through semihosting.
#include "runtime/ports/xtensa-qemu/layout.h"
#include "runtime/ports/xtensa-qemu/xqport.h"

int main(void);
_Noreturn void startup_main(void);

// Called by _start (start.S) on the stack and with nothing initialised. The linker script
// keeps both ranges 4-aligned and a whole number of words, so word loops suffice; the
// port is built with -fno-tree-loop-distribute-patterns, so they stay loops and never
// become calls to memcpy/memset (which would be fine here, but not inside those).
_Noreturn void startup_main(void) {
    const uint32_t *src = _data_load;
    for (uint32_t *dst = _data_start; dst < _data_end; dst++) {
        *dst = *src++;
    }
    for (uint32_t *p = _bss_start; p < _bss_end; p++) {
        *p = 0;
    }
    ticks_init();
    port_exit(main());
}
