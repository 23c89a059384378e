// SPDX-License-Identifier: MIT
// target.c: the table of targets freeze builds for.
#include <elf.h>
#include <string.h>

#include "freezer/target.h"
#include "runtime/mpy.h"

/*
 * small_int_bits is what the compiler assumes (mpy-cross's default, so .mpy output stays
 * byte-identical); a runtime with at least that many bits runs the image. The host is
 * whatever machine freeze runs on; the MCU ports have 32-bit words and single floats.
 */
#if defined(__x86_64__)
#define HOST_ELF ELFCLASS64, EM_X86_64, 0
#elif defined(__aarch64__)
#define HOST_ELF ELFCLASS64, EM_AARCH64, 0
#elif defined(__i386__)
#define HOST_ELF ELFCLASS32, EM_386, 0
#else
#define HOST_ELF ELFCLASS64, 0, 0
#endif

// gcc for Xtensa marks its objects EF_XTENSA_XT_INSN | EF_XTENSA_XT_LIT (0x300).
#define XTENSA_ELF ELFCLASS32, EM_XTENSA, 0x300

static const target_t targets[] = {
    { "host", IMAGE_TARGET_HOST,
      { (uint8_t)sizeof(void *), MPY_DEFAULT_SMALL_INT_BITS, IMAGE_FLOAT_DOUBLE }, "frz,c,app",
      HOST_ELF, NULL, NULL, NULL },
    { "xtensa-qemu", IMAGE_TARGET_XTENSA_QEMU,
      { 4, MPY_DEFAULT_SMALL_INT_BITS, IMAGE_FLOAT_SINGLE }, "frz,elf,app", XTENSA_ELF,
      "xtensa-lx106-elf-gcc", "xtensa-qemu-app.ld", "qemu-xtensa" },
    { "esp32s3", IMAGE_TARGET_ESP32S3,
      { 4, MPY_DEFAULT_SMALL_INT_BITS, IMAGE_FLOAT_SINGLE }, "frz,c", XTENSA_ELF, NULL, NULL,
      NULL },
};

const target_t *target_find(const char *name) {
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        if (strcmp(targets[i].name, name) == 0) {
            return &targets[i];
        }
    }
    return NULL;
}
