// SPDX-License-Identifier: MIT
// write_c.c: writes the image as C source: a const array in the image's own section.
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "freezer/file.h"
#include "freezer/write.h"
#include "runtime/image.h"

/*
 * The file holds nothing that depends on the machine or the time (no paths, no dates),
 * so equal images give equal C files. The section keeps the image apart from other
 * read-only data, where linker-scripts/frozen-image.ld places it; "used" keeps it when
 * nothing in the product refers to it by name yet.
 */

#define BYTES_PER_LINE 16

static void put_bytes(file_out_t *o, const uint8_t *img, size_t len) {
    char line[BYTES_PER_LINE * 6 + 8];
    for (size_t i = 0; i < len; i += BYTES_PER_LINE) {
        size_t n = 0;
        n += (size_t)snprintf(line + n, sizeof line - n, "   ");
        for (size_t j = i; j < len && j < i + BYTES_PER_LINE; j++) {
            n += (size_t)snprintf(line + n, sizeof line - n, " 0x%02x,", img[j]);
        }
        file_printf(o, "%s\n", line);
    }
}

status_t write_c(const char *path, const char *name, const uint8_t *img, size_t len,
                 errors_t *e) {
    file_out_t o;
    if (file_open_out(&o, path) != 0) {
        return errors_add(e, ST_IO, path, 0, 0, "cannot write: %s", strerror(errno));
    }
    file_printf(&o, "// Frozen image of %s, written by freeze %s. Do not edit.\n", name,
                FREEZE_VERSION);
    file_printf(&o, "#include <stdint.h>\n\n");
    file_printf(&o, "__attribute__((section(\"%s\"), aligned(16), used))\n", IMAGE_SECTION);
    file_printf(&o, "const uint8_t %s[%zu] = {\n", IMAGE_SYMBOL, len);
    put_bytes(&o, img, len);
    file_printf(&o, "};\n\nconst uint32_t %s = %zuu;\n", IMAGE_LEN_SYMBOL, len);
    if (file_commit(&o, 0644) != 0) {
        return errors_add(e, ST_IO, path, 0, 0, "cannot write: %s", strerror(errno));
    }
    return ST_OK;
}
