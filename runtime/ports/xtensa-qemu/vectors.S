// SPDX-License-Identifier: MIT
// vectors.S: the exception vectors; every one reports a fatal fault and exits.

/*
 * Offsets from VECBASE on the lx106 (XEA2, no window exceptions):
 *   0x10 debug / level-2 interrupt   0x20 NMI / level-3 interrupt
 *   0x30 kernel exception            0x50 user exception   0x70 double exception
 * Each stub has its own section, which linker-scripts/xtensa-qemu.ld puts at its offset
 * (gas cannot .org inside relaxable Xtensa code). The runtime takes no interrupts and
 * expects no exception, so each one is fatal: its stub passes its offset to
 * fault_report (fault.c), which prints the cause and the faulting pc on stderr and
 * exits. Each stub fits the 16 bytes it has.
 */
    .macro  vector name, offset
    .section .vectors.\name, "ax"
    .global _vector_\name
_vector_\name:
    movi    a2, \offset
    call0   fault_report
    .endm

    vector  debug, 0x10
    vector  nmi, 0x20
    vector  kernel, 0x30
    vector  user, 0x50
    vector  double, 0x70
