// SPDX-License-Identifier: MIT
// heap.c: the heap region, laid out by linker-scripts/xtensa-qemu.ld.
#include "runtime/ports/xtensa-qemu/layout.h"
#include "runtime/ports/xtensa-qemu/xqport.h"

void port_heap_region(void **start, size_t *size) {
    *start = _heap_start;
    *size = (size_t)(_heap_end - _heap_start);
}
