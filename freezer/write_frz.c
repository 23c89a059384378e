// SPDX-License-Identifier: MIT
// write_frz.c: writes the raw image file (.frz).
#include <errno.h>
#include <string.h>

#include "freezer/file.h"
#include "freezer/write.h"

status_t write_frz(const char *path, const uint8_t *img, size_t len, errors_t *e) {
    if (file_write(path, img, len) != 0) {
        return errors_add(e, ST_IO, path, 0, 0, "cannot write: %s", strerror(errno));
    }
    return ST_OK;
}
