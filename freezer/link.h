// SPDX-License-Identifier: MIT
// link.h: the image linker: compiled modules in, one frozen image (runtime/image.h) out.
#ifndef FREEZER_LINK_H
#define FREEZER_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "freezer/errors.h"
#include "freezer/target.h"

typedef struct {
    const char *name;       // dotted module name
    uint16_t flags;         // IMAGE_MOD_*
    const uint8_t *data;    // the module's .mpy
    size_t len;
} link_module_t;

// Builds the image of mods[0..n) (any order; names unique) for target t, with main_name
// (or NULL) as the boot module, into a malloc'ed *out. With frozen, each module is
// converted to the frozen form with its names in one image-wide pool (a module that
// cannot be, native code say, stays a .mpy); else every module is its .mpy verbatim. Packages that only exist as
// directories get index entries of their own. Returns ST_OK or the class of an error
// added to e.
status_t link_image(const link_module_t *mods, size_t n, const char *main_name,
                    const target_t *t, int frozen, uint8_t **out, size_t *out_len, errors_t *e);

// Warns on stderr of each module of a frozen-form image (link_image with frozen) that
// stayed a .mpy, so its constants and code records are built in RAM at import.
void link_warn_unfrozen(const uint8_t *img, size_t len);

#endif // FREEZER_LINK_H
