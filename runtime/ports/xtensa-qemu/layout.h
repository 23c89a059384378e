// SPDX-License-Identifier: MIT
// layout.h: the symbols linker-scripts/xtensa-qemu.ld defines for the port's C code.
#ifndef XQ_LAYOUT_H
#define XQ_LAYOUT_H

#include <stdint.h>

// Only the addresses of these mean anything; each is spelt the same in the .ld file.
extern uint32_t _data_start[], _data_end[], _data_load[];
extern uint32_t _bss_start[], _bss_end[];
extern uint8_t _heap_start[], _heap_end[];
extern uint8_t _stack_bottom[], _stack_top[];

#endif // XQ_LAYOUT_H
