// SPDX-License-Identifier: MIT
// target.c: the table of targets freeze builds for.
#include <string.h>

#include "freezer/target.h"
#include "runtime/mpy.h"

/*
 * small_int_bits is what the compiler assumes (mpy-cross's default, so .mpy output stays
 * byte-identical); a runtime with at least that many bits runs the image. The host is
 * whatever machine freeze runs on; the MCU ports have 32-bit words and single floats.
 */
static const target_t targets[] = {
    { "host", IMAGE_TARGET_HOST,
      { (uint8_t)sizeof(void *), MPY_DEFAULT_SMALL_INT_BITS, IMAGE_FLOAT_DOUBLE }, "frz,c,app" },
    { "xtensa-qemu", IMAGE_TARGET_XTENSA_QEMU,
      { 4, MPY_DEFAULT_SMALL_INT_BITS, IMAGE_FLOAT_SINGLE }, "frz,c" },
    { "esp32s3", IMAGE_TARGET_ESP32S3,
      { 4, MPY_DEFAULT_SMALL_INT_BITS, IMAGE_FLOAT_SINGLE }, "frz,c" },
};

const target_t *target_find(const char *name) {
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        if (strcmp(targets[i].name, name) == 0) {
            return &targets[i];
        }
    }
    return NULL;
}
