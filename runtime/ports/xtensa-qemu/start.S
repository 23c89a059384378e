// SPDX-License-Identifier: MIT
// start.S: the reset vector and _start: processor state and stack, then startup_main in C.

// The lx106's reset vector is the first word of sysrom0 (0x50000000); QEMU's -kernel
// also starts at the ELF entry, which the linker script sets to _reset. It sits far
// from the code in instram, beyond the reach of j and call0, hence the jump via a2.
    .section .reset_vector, "ax"
    .global _reset
    .align 4
_reset:
    j       1f
    .align 4
.Lstart:
    .word   _start
1:  l32r    a2, .Lstart
    jx      a2

    .text
    .global _start
    .type   _start, @function
    .align  4
_start:
    // Vectors at our table, whatever the core's reset value of VECBASE.
    movi    a2, _vectors
    wsr.vecbase a2
    // PS: user vector mode (UM), EXCM cleared so exceptions reach the user vector,
    // INTLEVEL 0 with INTENABLE 0: no interrupt is enabled.
    movi    a2, 0
    wsr.intenable a2
    movi    a2, 0x20
    wsr.ps  a2
    rsync
    movi    a1, _stack_top
    movi    a0, 0           // a return address of 0 ends a debugger's backtrace
    call0   startup_main    // never returns
1:  j       1b
    .size   _start, .-_start
