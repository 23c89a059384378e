// SPDX-License-Identifier: MIT
// semihost.h: QEMU's Xtensa semihosting calls (the `simcall` instruction, -semihosting).
#ifndef XQ_SEMIHOST_H
#define XQ_SEMIHOST_H

#include <stddef.h>

/*
 * simcall takes the call number in a2 and its arguments in a3, a4, a5; it returns
 * the result in a2 and the host errno in a3, so a3 is clobbered even for calls that
 * return nothing. Without -semihosting the instruction raises an exception instead.
 */
#define SEMIHOST_SYS_EXIT 1   // a3 = status; QEMU exits with it
#define SEMIHOST_SYS_WRITE 4  // a3 = fd, a4 = buf, a5 = len; a2 = bytes written or -1

// Writes buf[0..len) to the host's fd (1 stdout, 2 stderr); returns bytes written or -1.
int semihost_write(int fd, const void *buf, size_t len);

// Ends the emulation; QEMU's exit status is status & 0xff.
_Noreturn void semihost_exit(int status);

#endif // XQ_SEMIHOST_H
