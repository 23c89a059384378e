// SPDX-License-Identifier: MIT
// xqport.h: what the xtensa-qemu port provides (the runtime's port contract, until
// runtime/port.h exists, plus the hooks the port's own files share).
#ifndef XQ_PORT_H
#define XQ_PORT_H

#include <stddef.h>
#include <stdint.h>

// Console: writes len bytes of buf to the host's stdout (through semihosting).
void port_console_write(const char *buf, size_t len);
// The same on the host's stderr.
void port_console_write_err(const char *buf, size_t len);

// Ends the program; the runner (run-qemu.sh) exits with status & 0xff.
_Noreturn void port_exit(int status);

// The heap the GC may use: the RAM between .bss and the stack.
void port_heap_region(void **start, size_t *size);

// Time since start-up from the CCOUNT cycle counter; both wrap modulo 2^32, as
// time.ticks_ms / ticks_us do.
uint32_t port_ticks_ms(void);
uint32_t port_ticks_us(void);
// Busy-waits for ms milliseconds (the port takes no timer interrupt).
void port_delay_ms(uint32_t ms);

// ticks.c: starts the clock; startup_main calls it before main.
void ticks_init(void);

// fault.c: the exception vectors' target (vector is the VECBASE offset); prints the
// cause and pc on stderr and exits with PORT_FAULT_STATUS.
#define PORT_FAULT_STATUS 134
_Noreturn void fault_report(uint32_t vector);

#endif // XQ_PORT_H
