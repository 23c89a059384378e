// SPDX-License-Identifier: MIT
// setjmp.h: setjmp/longjmp for the call0 ABI (the runtime's nlr.c unwinds with them).
#ifndef XQ_LIBC_SETJMP_H
#define XQ_LIBC_SETJMP_H

// What a call0 function must preserve: a0 (return address), a1 (sp), a12-a15.
// The layout is setjmp.S's: a0, a1, a12, a13, a14, a15.
typedef unsigned int jmp_buf[6];

__attribute__((returns_twice)) int setjmp(jmp_buf env);
_Noreturn void longjmp(jmp_buf env, int val);

#endif // XQ_LIBC_SETJMP_H
