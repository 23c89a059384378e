// SPDX-License-Identifier: MIT
// image.c: opens a frozen image with runtime/image.c and prints what it holds. On the
// target the image is freeze's frozen.o, linked in place by linker-scripts/
// frozen-image.ld; on the host the same image comes from its .frz file (argv[1]).
// run.sh requires the two outputs to be identical.
#include <stddef.h>
#include <stdint.h>

#include "runtime/image.h"
#include "tests/ports/xtensa-qemu/out.h"

#ifdef __XTENSA__
extern const uint8_t freeze_image[];
extern const uint32_t freeze_image_len;

static const uint8_t *load(int argc, char **argv, size_t *len) {
    (void)argc;
    (void)argv;
    *len = freeze_image_len;
    return freeze_image;
}
#else
#include <stdio.h>

static uint8_t file_buf[1 << 20];

static const uint8_t *load(int argc, char **argv, size_t *len) {
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    if (f == NULL) {
        return NULL;
    }
    *len = fread(file_buf, 1, sizeof file_buf, f);
    fclose(f);
    return file_buf;
}
#endif

static void put_module(const image_module_t *m) {
    char name[IMAGE_ENT_MAX_NAME + 1];
    put_s("module ");
    put_s(image_name_copy(m, name, sizeof name));
    put_u32(m->flags);
    put_u32((uint32_t)m->data_len);
    put_u32(image_crc32(0, m->data, m->data_len));
    put_c('\n');
}

static int run(int argc, char **argv) {
    size_t len = 0;
    const uint8_t *buf = load(argc, argv, &len);
    image_t img;
    image_err_t err = buf == NULL ? IMAGE_ERR_SHORT : image_open(&img, buf, len);
    if (err != IMAGE_OK) {
        put_s("error ");
        put_s(image_error_text(err));
        put_c('\n');
        flush();
        return 1;
    }
    put_s("image");
    put_u32(img.len);
    put_u32(img.n_modules);
    put_u32(img.target);
    put_u32(img.params.word_bytes);
    put_u32(img.params.float_kind);
    put_c('\n');
    for (uint32_t i = 0; i < img.n_modules; i++) {
        image_module_t m;
        image_module_at(&img, i, &m);
        put_module(&m);
    }
    image_module_t m;
    if (image_main(&img, &m)) {
        char name[IMAGE_ENT_MAX_NAME + 1];
        put_s("main ");
        put_s(image_name_copy(&m, name, sizeof name));
        put_c('\n');
    }
    put_s("end\n");
    flush();
    return 0;
}

#ifdef __XTENSA__
int main(void);

int main(void) {
    return run(0, NULL);
}
#else
int main(int argc, char **argv);

int main(int argc, char **argv) {
    return run(argc, argv);
}
#endif
