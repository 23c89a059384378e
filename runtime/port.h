// SPDX-License-Identifier: MIT
// port.h: what each port supplies to the runtime (console, exit, heap, time).
#ifndef RUNTIME_PORT_H
#define RUNTIME_PORT_H

#include <stddef.h>
#include <stdint.h>

#include "runtime/config.h"

// Writes len bytes to the console (stdout on the host). Never fails from the VM's view.
#ifndef port_console_write
void port_console_write(const char *s, size_t len);
#endif

// Writes len bytes to the error console (stderr on the host), for the VM's warnings.
#ifndef port_console_write_err
void port_console_write_err(const char *s, size_t len);
#endif

// Ends the program with status (the host calls exit; an MCU may reset or loop).
#ifndef port_exit
NORETURN void port_exit(int status);
#endif

// Milliseconds and microseconds since an arbitrary start (time.ticks_ms / ticks_us).
#ifndef port_ticks_ms
uint32_t port_ticks_ms(void);
#endif
#ifndef port_ticks_us
uint32_t port_ticks_us(void);
#endif

// The address of the current stack top, for the collector's conservative scan. The default
// takes the address of a local; ports whose ABI keeps pointers in register windows (Xtensa)
// must flush them to the stack first.
#ifndef port_stack_flush
#define port_stack_flush() ((void)0)
#endif

#endif // RUNTIME_PORT_H
