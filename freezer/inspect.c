// SPDX-License-Identifier: MIT
// inspect.c: `freeze inspect FILE`: what a frozen image or a .mpy file holds.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/disasm.h"
#include "freezer/file.h"
#include "freezer/freeze.h"
#include "freezer/frozen.h"
#include "runtime/image.h"
#include "runtime/mpy.h"

/*
 * An image is checked by the runtime's own reader (runtime/image.c), so inspect refuses
 * exactly what the runtime would refuse; with a module name it lists that module. A .mpy
 * is listed in full: its tables, every code block's prelude, line table and bytecode.
 * A module in the frozen form is listed (or, with --extract, written out) as the .mpy it
 * was made from, rebuilt from its records and the image's name pool.
 */

static const char *target_name(uint8_t id) {
    switch (id) {
    case IMAGE_TARGET_HOST: return "host";
    case IMAGE_TARGET_XTENSA_QEMU: return "xtensa-qemu";
    case IMAGE_TARGET_ESP32S3: return "esp32s3";
    default: return "unknown";
    }
}

static const char *float_name(uint8_t kind) {
    switch (kind) {
    case IMAGE_FLOAT_NONE: return "no";
    case IMAGE_FLOAT_SINGLE: return "single";
    case IMAGE_FLOAT_DOUBLE: return "double";
    default: return "unknown";
    }
}

static void print_image(const char *path, const image_t *img) {
    printf("%s: frozen image, format %d, %u bytes, crc32 %08x\n", path, IMAGE_VERSION,
           (unsigned)img->len, (unsigned)image_rd32(img->base + IMAGE_OFF_CRC));
    printf("  build id   ");
    for (int i = 0; i < IMAGE_BUILD_ID_LEN; i++) {
        printf("%02x", img->base[IMAGE_OFF_BUILD_ID + i]);
    }
    printf("\n  target     %s: %u-byte words, %u-bit small ints, %s floats\n",
           target_name(img->target), img->params.word_bytes, img->params.small_int_bits,
           float_name(img->params.float_kind));
    image_module_t m;
    char name[IMAGE_ENT_MAX_NAME + 1];
    printf("  main       %s\n", image_main(img, &m) ? image_name_copy(&m, name, sizeof name) : "(none)");
    if (img->flags & IMAGE_FLAG_POOL) {
        printf("  names      %u in the pool, %u bytes\n",
               (unsigned)image_pool_count(img->base + img->pool_off), (unsigned)img->pool_len);
    }
    printf("  modules    %u\n", (unsigned)img->n_modules);
    printf("    %8s %8s  %s\n", "offset", "bytes", "name");
    for (uint32_t i = 0; i < img->n_modules; i++) {
        image_module_at(img, i, &m);
        printf("    %8u %8zu  %s%s\n", (unsigned)(m.data - img->base), m.data_len,
               image_name_copy(&m, name, sizeof name),
               (m.flags & IMAGE_MOD_PACKAGE) ? (m.data_len ? " (package)" : " (namespace)")
                                            : "");
    }
}

static status_t print_mpy(const char *path, const uint8_t *d, size_t n, errors_t *e) {
    const char *why;
    printf("%s: ", path);
    if (disasm_mpy(stdout, d, n, &why) != 0) {
        fflush(stdout);
        return errors_add(e, ST_INPUT, path, 0, 0, "%s", why);
    }
    return ST_OK;
}

// The listing of module name of an image.
static status_t print_module(const char *path, const image_t *img, const char *name,
                             int extract, errors_t *e) {
    image_module_t m;
    if (!image_find(img, name, strlen(name), &m)) {
        return errors_add(e, ST_INPUT, path, 0, 0, "the image has no module '%s'", name);
    }
    if (m.data_len == 0) {
        if (extract) {
            return errors_add(e, ST_INPUT, path, 0, 0, "%s is a namespace package (no code)", name);
        }
        printf("%s: %s is a namespace package (no code)\n", path, name);
        return ST_OK;
    }
    uint8_t *mpy = NULL;
    size_t len = m.data_len;
    if ((m.flags & IMAGE_MOD_FROZEN)
        && frozen_to_mpy(img->base, img->len, m.data, m.data_len, &mpy, &len) != 0) {
        return errors_add(e, ST_INPUT, path, 0, 0, "module '%s': malformed frozen module", name);
    }
    status_t st = ST_OK;
    if (extract) {
        if (fwrite(mpy != NULL ? mpy : m.data, 1, len, stdout) != len || fflush(stdout) != 0) {
            st = errors_add(e, ST_IO, "<stdout>", 0, 0, "write error");
        }
    } else {
        char where[512];
        snprintf(where, sizeof where, "%s(%s)", path, name);
        st = print_mpy(where, mpy != NULL ? mpy : m.data, len, e);
    }
    free(mpy);
    return st;
}

status_t freeze_inspect(const freeze_opts_t *o, errors_t *e) {
    uint8_t *d;
    size_t n;
    if (file_read(o->input, &d, &n) != 0) {
        return errors_add(e, errno == ENOENT ? ST_INPUT : ST_IO, o->input, 0, 0,
                          "cannot read: %s", strerror(errno));
    }
    status_t st = ST_OK;
    if (n >= 1 && d[0] == IMAGE_MAGIC0) {
        image_t img;
        image_err_t err = image_open(&img, d, n);
        if (err != IMAGE_OK) {
            st = errors_add(e, ST_INPUT, o->input, 0, 0, "%s", image_error_text(err));
        } else if (o->module != NULL) {
            st = print_module(o->input, &img, o->module, o->extract, e);
        } else if (o->extract) {
            st = errors_add(e, ST_USAGE, o->input, 0, 0, "--extract needs a module name");
        } else {
            print_image(o->input, &img);
        }
    } else if (n >= 1 && d[0] == MPY_MAGIC) {
        st = print_mpy(o->input, d, n, e);
    } else {
        st = errors_add(e, ST_INPUT, o->input, 0, 0, "neither a frozen image nor a .mpy file");
    }
    free(d);
    return st;
}
