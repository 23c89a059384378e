// SPDX-License-Identifier: MIT
// setjmp.S: setjmp and longjmp for the call0 ABI (no register windows to spill).

// Under call0 a2-a11 are the caller's to save and a12-a15 the callee's; a0 and a1
// bring longjmp back to setjmp's caller with its stack. The buffer's layout is the
// one libc/include/setjmp.h describes.
    .text
    .global setjmp
    .type   setjmp, @function
    .align  4
setjmp:
    s32i    a0, a2, 0
    s32i    a1, a2, 4
    s32i    a12, a2, 8
    s32i    a13, a2, 12
    s32i    a14, a2, 16
    s32i    a15, a2, 20
    movi    a2, 0
    ret
    .size   setjmp, .-setjmp

    .global longjmp
    .type   longjmp, @function
    .align  4
longjmp:
    l32i    a0, a2, 0
    l32i    a1, a2, 4
    l32i    a12, a2, 8
    l32i    a13, a2, 12
    l32i    a14, a2, 16
    l32i    a15, a2, 20
    movi    a4, 1
    moveqz  a3, a4, a3      // longjmp(env, 0) makes setjmp return 1
    mov     a2, a3
    ret
    .size   longjmp, .-longjmp
