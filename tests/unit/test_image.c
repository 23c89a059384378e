// SPDX-License-Identifier: MIT
// test_image.c: runtime/image.c against the format in runtime/image.h, and its CRC against zlib.
#include <stdbool.h>
#include <string.h>
#include <zlib.h>

#include "runtime/image.h"
#include "tests/unit/unit.h"

/*
 * Images here are assembled field by field from image.h's offsets, independently of
 * freezer/link.c, so a change to either side that breaks the format shows up.
 */

typedef struct {
    uint8_t b[512];
    size_t len;
} img_t;

static void w16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void w32(uint8_t *p, uint32_t v) {
    w16(p, v & 0xffff);
    w16(p + 2, v >> 16);
}

static void seal(img_t *im) {
    uLong crc = crc32(0, im->b, IMAGE_OFF_CRC);
    crc = crc32(crc, im->b + IMAGE_CRC_START, (uInt)(im->len - IMAGE_CRC_START));
    w32(im->b + IMAGE_OFF_CRC, (uint32_t)crc);
}

// An image of the given names (sorted by the caller), each with 4 data bytes; main at 1;
// a header of hsize bytes (IMAGE_HEADER_SIZE, or more as a later version may write).
static void make_h(img_t *im, const char *const *names, uint32_t n, uint32_t hsize) {
    memset(im, 0, sizeof *im);
    uint8_t *b = im->b;
    b[0] = IMAGE_MAGIC0, b[1] = IMAGE_MAGIC1, b[2] = IMAGE_MAGIC2, b[3] = IMAGE_MAGIC3;
    w16(b + IMAGE_OFF_VERSION, IMAGE_VERSION);
    w16(b + IMAGE_OFF_HEADER_SIZE, hsize);
    b[IMAGE_OFF_TARGET] = IMAGE_TARGET_HOST;
    b[IMAGE_OFF_WORD_BYTES] = 8;
    b[IMAGE_OFF_SMALL_INT_BITS] = 31;
    b[IMAGE_OFF_FLOAT_KIND] = IMAGE_FLOAT_DOUBLE;
    w32(b + IMAGE_OFF_FLAGS, IMAGE_FLAG_MPY);
    w32(b + IMAGE_OFF_N_MODULES, n);
    w32(b + IMAGE_OFF_INDEX, hsize);
    w32(b + IMAGE_OFF_MAIN, n > 1 ? 1 : IMAGE_NO_MAIN);
    size_t off = hsize + n * IMAGE_ENTRY_SIZE;
    w32(b + IMAGE_OFF_NAMES, (uint32_t)off);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *e = b + hsize + i * IMAGE_ENTRY_SIZE;
        size_t len = strlen(names[i]);
        w32(e + IMAGE_ENT_NAME_OFF, (uint32_t)off);
        w32(e + IMAGE_ENT_DATA_LEN, (uint32_t)len << 24);
        memcpy(b + off, names[i], len);
        off += len;
    }
    for (uint32_t i = 0; i < n; i++) {
        off = (off + IMAGE_DATA_ALIGN - 1) & ~(size_t)(IMAGE_DATA_ALIGN - 1);
        uint8_t *e = b + hsize + i * IMAGE_ENTRY_SIZE;
        w32(e + IMAGE_ENT_DATA_OFF, (uint32_t)off);
        w32(e + IMAGE_ENT_DATA_LEN, image_rd32(e + IMAGE_ENT_DATA_LEN) | 4);
        memcpy(b + off, "M\x06\x00\x1f", 4);
        off += 4;
    }
    im->len = off;
    w32(b + IMAGE_OFF_TOTAL_LEN, (uint32_t)off);
    seal(im);
}

static void make(img_t *im, const char *const *names, uint32_t n) {
    make_h(im, names, n, IMAGE_HEADER_SIZE);
}

static const char *const three[] = { "app", "app.util", "main" };

START_TEST(crc_matches_zlib) {
    uint8_t buf[1000];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245 + 12345;
        buf[i] = (uint8_t)(x >> 16);
    }
    for (size_t n = 0; n <= sizeof buf; n += 37) {
        ck_assert_uint_eq(image_crc32(0, buf, n), (uint32_t)crc32(0, buf, (uInt)n));
    }
    uint32_t part = image_crc32(image_crc32(0, buf, 300), buf + 300, 700);
    ck_assert_uint_eq(part, (uint32_t)crc32(0, buf, 1000));
    ck_assert_uint_eq(image_crc32(0, (const uint8_t *)"123456789", 9), 0xcbf43926u);
}
END_TEST

START_TEST(open_and_find) {
    img_t im;
    make(&im, three, 3);
    image_t img;
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_OK);
    ck_assert_uint_eq(img.n_modules, 3);
    image_module_t m;
    for (int i = 0; i < 3; i++) {
        ck_assert(image_find(&img, three[i], strlen(three[i]), &m));
        ck_assert_uint_eq(m.name_len, strlen(three[i]));
        ck_assert_mem_eq(m.name, three[i], m.name_len);
        ck_assert_uint_eq(m.data_len, 4);
        ck_assert_int_eq(m.data[0], 'M');
    }
    ck_assert(!image_find(&img, "ap", 2, &m));
    ck_assert(!image_find(&img, "app.", 4, &m));
    ck_assert(!image_find(&img, "zzz", 3, &m));
    ck_assert(!image_find(&img, "", 0, &m));
    ck_assert(image_find(&img, "app.util.x", 8, &m));  // the length bounds the name
    ck_assert(image_main(&img, &m));
    char buf[16];
    ck_assert_str_eq(image_name_copy(&m, buf, sizeof buf), "app.util");
}
END_TEST

START_TEST(trailing_bytes_allowed) {
    img_t im;
    make(&im, three, 3);
    image_t img;
    size_t len = im.len;
    memset(im.b + len, 0xff, 64);  // an image at the start of an erased flash partition
    ck_assert_int_eq(image_open(&img, im.b, len + 64), IMAGE_OK);
    ck_assert_uint_eq(img.len, len);
}
END_TEST

START_TEST(every_flipped_byte_refused) {
    img_t im;
    make(&im, three, 3);
    image_t img;
    for (size_t i = 0; i < im.len; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            im.b[i] ^= (uint8_t)(1u << bit);
            ck_assert_msg(image_open(&img, im.b, im.len) != IMAGE_OK, "byte %zu bit %d", i, bit);
            im.b[i] ^= (uint8_t)(1u << bit);
        }
    }
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_OK);
}
END_TEST

START_TEST(every_truncation_refused) {
    img_t im;
    make(&im, three, 3);
    image_t img;
    for (size_t n = 0; n < im.len; n++) {
        image_err_t err = image_open(&img, im.b, n);
        ck_assert_msg(err == IMAGE_ERR_SHORT, "length %zu gave %d", n, err);
    }
}
END_TEST

// A name inside a pool string ("app/util.py") spells '.' as '/': it sorts and is found
// as the dotted name, and image_name_copy gives the dotted name.
START_TEST(slash_names_as_dots) {
    img_t im;
    image_t img;
    image_module_t m;
    static const char *const slashed[] = { "app", "app/util", "app0", "main" };
    make(&im, slashed, 4);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_OK);
    ck_assert(image_find(&img, "app.util", 8, &m));
    char buf[16];
    ck_assert_str_eq(image_name_copy(&m, buf, sizeof buf), "app.util");
    static const char *const unsorted[] = { "app", "app0", "app/util" };  // '.' < '0'
    make(&im, unsorted, 3);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_ORDER);
}
END_TEST

START_TEST(structure_checked_behind_good_crc) {
    img_t im;
    image_t img;
    static const char *const unsorted[] = { "b", "a" };
    make(&im, unsorted, 2);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_ORDER);
    static const char *const dup[] = { "a", "a" };
    make(&im, dup, 2);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_ORDER);
    make(&im, three, 3);
    w32(im.b + IMAGE_HEADER_SIZE + IMAGE_ENT_DATA_LEN, 3u << 24 | IMAGE_ENT_MAX_DATA);
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
    make(&im, three, 3);
    w32(im.b + IMAGE_OFF_N_MODULES, 0x10000000);
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
    make(&im, three, 3);
    w32(im.b + IMAGE_OFF_MAIN, 3);
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_MAIN);
    make(&im, three, 3);
    w16(im.b + IMAGE_OFF_VERSION, IMAGE_VERSION + 1);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_VERSION);
    make(&im, three, 3);
    w32(im.b + IMAGE_OFF_FLAGS, IMAGE_FLAG_MPY | 0x80);
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_FEATURE);
    make_h(&im, three, 3, IMAGE_HEADER_SIZE + 16);  // a later, longer header
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_OK);
    image_module_t m;
    ck_assert(image_find(&img, "main", 4, &m));
    make(&im, three, 3);
    w16(im.b + IMAGE_OFF_HEADER_SIZE, IMAGE_HEADER_SIZE + 16);  // the index inside the header
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
    make(&im, three, 3);
    im.b[IMAGE_OFF_HEADER_SIZE] = 62;
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_HEADER);
}
END_TEST

// A name pool of two entries at the end of a three-module image, with offsets of w
// bytes: "c" then "ab" (the pool's order: by length, then bytes), or the other way round.
static void add_pool_order(img_t *im, unsigned w, bool in_order) {
    size_t off = (im->len + 3) & ~(size_t)3, n = 2, offs = IMAGE_POOL_HDR;
    uint8_t *p = im->b + off;
    size_t str = offs + w * (n + 1);
    memset(p, 0, str + 5);
    w16(p, (uint32_t)n);
    p[IMAGE_POOL_OFF_BYTES] = (uint8_t)w;
    for (size_t i = 0; i < 3; i++) {
        size_t at = in_order ? (size_t[]){0, 2, 5}[i] : (size_t[]){0, 3, 5}[i];
        uint32_t v = (uint32_t)(str + at);
        if (w == 2) {
            w16(p + offs + 2 * i, v);
        } else {
            w32(p + offs + 4 * i, v);
        }
    }
    memcpy(p + str, in_order ? "c\0ab" : "ab\0c", 5);
    im->len = (off + str + 5 + 3) & ~(size_t)3;
    w32(im->b + IMAGE_OFF_TOTAL_LEN, (uint32_t)im->len);
    w32(im->b + IMAGE_OFF_POOL, (uint32_t)off);
    w32(im->b + IMAGE_OFF_POOL_LEN, (uint32_t)(im->len - off));
    w32(im->b + IMAGE_OFF_FLAGS, IMAGE_FLAG_MPY | IMAGE_FLAG_POOL);
    seal(im);
}

static void add_pool_w(img_t *im, unsigned w) {
    add_pool_order(im, w, true);
}

static void add_pool(img_t *im) {
    add_pool_w(im, 2);
}

START_TEST(name_pool_wide_offsets) {
    img_t im;
    image_t img;
    make(&im, three, 3);
    add_pool_w(&im, 4);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_OK);
    size_t len;
    const uint8_t *pool = im.b + img.pool_off;
    ck_assert_str_eq(image_pool_str(pool, 0, &len), "c");
    ck_assert_uint_eq(len, 1);
    ck_assert_str_eq(image_pool_str(pool, 1, &len), "ab");
    im.b[img.pool_off + IMAGE_POOL_OFF_BYTES] = 3;  // no such width
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
    im.b[img.pool_off + IMAGE_POOL_OFF_BYTES] = 4;
    im.b[img.pool_off + IMAGE_POOL_OFF_BYTES + 1] = 1;  // the reserved byte
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
}
END_TEST

START_TEST(name_pool_checked) {
    img_t im;
    image_t img;
    make(&im, three, 3);
    add_pool(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_OK);
    ck_assert_uint_eq(img.flags & IMAGE_FLAG_POOL, IMAGE_FLAG_POOL);
    size_t len;
    const uint8_t *pool = im.b + img.pool_off;
    ck_assert_str_eq(image_pool_str(pool, 1, &len), "ab");
    ck_assert_uint_eq(len, 2);
    size_t offs = img.pool_off + IMAGE_POOL_HDR;
    w16(im.b + offs + 2, (uint32_t)(im.len - img.pool_off) + 1);  // a string past the pool
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
    make(&im, three, 3);
    add_pool(&im);
    w16(im.b + offs + 2, image_rd16(im.b + offs + 2) - 1);  // "c" without its NUL
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
    make(&im, three, 3);
    add_pool(&im);
    w16(im.b + offs, image_rd16(im.b + offs) + 1);  // strings not right after the offsets
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
    make(&im, three, 3);
    add_pool_order(&im, 2, false);  // "ab" before "c": out of order
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
    make(&im, three, 3);
    add_pool(&im);
    w16(im.b + img.pool_off, 0x8000);  // more entries than qstr numbers
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
    make(&im, three, 3);
    add_pool(&im);
    w32(im.b + IMAGE_OFF_POOL_LEN, 4);  // too short for its own offsets
    seal(&im);
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_ERR_INDEX);
}
END_TEST

START_TEST(empty_image) {
    img_t im;
    make(&im, NULL, 0);
    image_t img;
    image_module_t m;
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_OK);
    ck_assert(!image_find(&img, "x", 1, &m));
    ck_assert(!image_main(&img, &m));
}
END_TEST

START_TEST(target_parameters) {
    img_t im;
    make(&im, three, 3);
    image_t img;
    ck_assert_int_eq(image_open(&img, im.b, im.len), IMAGE_OK);
    image_target_t host = { 8, 63, IMAGE_FLOAT_DOUBLE };
    image_target_t mcu = { 4, 31, IMAGE_FLOAT_SINGLE };
    image_target_t narrow = { 8, 15, IMAGE_FLOAT_DOUBLE };
    ck_assert_int_eq(image_check_target(&img, &host), IMAGE_OK);
    ck_assert_int_eq(image_check_target(&img, &mcu), IMAGE_ERR_WORD);
    ck_assert_int_eq(image_check_target(&img, &narrow), IMAGE_ERR_SMALL_INT);
    ck_assert_str_eq(image_error_text(IMAGE_ERR_CRC), "image CRC mismatch (corrupt image)");
}
END_TEST

int main(void) {
    Suite *s = suite_create("image");
    UNIT_ADD(s, crc_matches_zlib);
    UNIT_ADD(s, open_and_find);
    UNIT_ADD(s, trailing_bytes_allowed);
    UNIT_ADD(s, every_flipped_byte_refused);
    UNIT_ADD(s, every_truncation_refused);
    UNIT_ADD(s, structure_checked_behind_good_crc);
    UNIT_ADD(s, name_pool_checked);
    UNIT_ADD(s, slash_names_as_dots);
    UNIT_ADD(s, name_pool_wide_offsets);
    UNIT_ADD(s, empty_image);
    UNIT_ADD(s, target_parameters);
    return unit_run("image", s);
}
