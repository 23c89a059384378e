// SPDX-License-Identifier: MIT
// xqport.h: what the xtensa-qemu port provides beyond runtime/port.h's contract (console,
// exit, ticks), and the hooks the port's own files share.
#ifndef XQ_PORT_H
#define XQ_PORT_H

#include <stddef.h>
#include <stdint.h>

#include "runtime/port.h"

// port_console_write's twin on the host's stderr.
void port_console_write_err(const char *buf, size_t len);

// The heap the GC may use: the RAM between .bss and the stack.
void port_heap_region(void **start, size_t *size);

// port_ticks_ms and port_ticks_us (ticks.c) count from start-up with the CCOUNT cycle
// counter; both wrap modulo 2^32, as time.ticks_ms / ticks_us do.

// Busy-waits for ms milliseconds (the port takes no timer interrupt).
void port_delay_ms(uint32_t ms);

// ticks.c: starts the clock; startup_main calls it before main.
void ticks_init(void);

// fault.c: the exception vectors' target (vector is the VECBASE offset); prints the
// cause and pc on stderr and exits with PORT_FAULT_STATUS.
#define PORT_FAULT_STATUS 134
_Noreturn void fault_report(uint32_t vector);

#endif // XQ_PORT_H
