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
} target_t;

// The target called name, or NULL.
const target_t *target_find(const char *name);

#endif // FREEZER_TARGET_H
