// SPDX-License-Identifier: MIT
// target.h: what freeze knows about each target: image parameters and default outputs.
#ifndef FREEZER_TARGET_H
#define FREEZER_TARGET_H

#include "runtime/image.h"

typedef struct {
    const char *name;          // as -t and options.target spell it
    uint8_t id;                // IMAGE_TARGET_*
    image_target_t params;     // word size, small-int bits of the compiled code, float kind
    const char *emit;          // default --emit list
    int elf_class;             // ELFCLASS32 or ELFCLASS64 of --emit elf objects
    int elf_machine;           // EM_*; 0: this host has no ELF writer
    unsigned elf_flags;        // e_flags, as the target's C compiler writes them
    // --emit app for an MCU target: NAME.elf, the ELF object linked by this C compiler
    // ($XTENSA_CROSS + "gcc" overrides the prefix) with <target>/libfreezert.a and the
    // linker script <target>/app_ld beside freeze; run by app_run. NULL: host, or none yet.
    const char *app_cc;
    const char *app_ld;
    const char *app_run;       // "qemu-xtensa": qemu-system-xtensa -M sim -cpu lx106
} target_t;

// The target called name, or NULL.
const target_t *target_find(const char *name);

#endif // FREEZER_TARGET_H
