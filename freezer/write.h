// SPDX-License-Identifier: MIT
// write.h: the output writers, one write_<form>.c per form of the image.
#ifndef FREEZER_WRITE_H
#define FREEZER_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "freezer/errors.h"
#include "freezer/target.h"

// The raw image, for `freeze run`, a file system or a flash partition.
status_t write_frz(const char *path, const uint8_t *img, size_t len, errors_t *e);

// C source defining the image as freeze_image[] in IMAGE_SECTION (runtime/image.h),
// with freeze_image_len; name goes into the opening comment only.
status_t write_c(const char *path, const char *name, const uint8_t *img, size_t len,
                 errors_t *e);

// A relocatable ELF object for target t defining the same symbols as write_c, with the
// image in its own section, for products that link without compiling C.
status_t write_elf(const char *path, const target_t *t, const uint8_t *img, size_t len,
                   errors_t *e);

// A host executable that runs the image: dir holds c_file (from write_c); links it with
// a generated main and the host runtime library lib into dir/exe_name.
status_t write_app(const char *dir, const char *c_file, const char *exe_name, const char *lib,
                   errors_t *e);

// An MCU app: links dir/obj (from write_elf) with t's runtime library and linker script,
// found beside the freeze at self, into dir/exe_name, with t->app_cc.
status_t write_mcu_app(const char *dir, const char *obj, const char *exe_name,
                       const target_t *t, const char *self, errors_t *e);

#endif // FREEZER_WRITE_H
