// SPDX-License-Identifier: MIT
// elf_size.h: the flash and RAM an MCU app's linked ELF takes, by kind of section.
#ifndef FREEZER_ELF_SIZE_H
#define FREEZER_ELF_SIZE_H

#include <stdint.h>

typedef struct {
    uint64_t code;      // executable sections (with their literals)
    uint64_t rodata;    // read-only data, the image's section left out
    uint64_t image;     // the frozen image's output section (.frozen_image)
    uint64_t data;      // initialised RAM (its initial values are in flash too)
    uint64_t bss;       // zeroed RAM
} elf_size_t;

// Sums the allocated sections of the ELF file at path; 0, or -1 if it cannot be read.
int elf_size_read(const char *path, elf_size_t *out);

#endif // FREEZER_ELF_SIZE_H
