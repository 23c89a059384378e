// SPDX-License-Identifier: MIT
// image.c: checks a frozen image (header, CRC, index) and looks its modules up by name.
#include <string.h>

#include "runtime/image.h"

/*
 * Everything here runs on the MCU before any Python code: no allocation, no stdio.
 * image_open does every bounds check once, so the lookups afterwards can trust the
 * index. The format itself is described in image.h.
 */

#ifdef IMAGE_CRC_ZLIB
#include <zlib.h>

// The host tools' build (freezer.mk): zlib's CRC-32, the same function, many times faster.
uint32_t image_crc32(uint32_t crc, const uint8_t *p, size_t n) {
    return (uint32_t)crc32_z(crc, p, n);
}
#else
// CRC-32 of each nibble value, reflected polynomial 0xedb88320.
static const uint32_t crc_nibble[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
    0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
    0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

uint32_t image_crc32(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        crc = (crc >> 4) ^ crc_nibble[crc & 0xf];
        crc = (crc >> 4) ^ crc_nibble[crc & 0xf];
    }
    return ~crc;
}
#endif

const char *image_error_text(image_err_t err) {
    switch (err) {
    case IMAGE_OK: return "image is valid";
    case IMAGE_ERR_SHORT: return "image is truncated";
    case IMAGE_ERR_MAGIC: return "not a frozen image (bad magic)";
    case IMAGE_ERR_VERSION: return "unsupported frozen image version";
    case IMAGE_ERR_HEADER: return "corrupt image header";
    case IMAGE_ERR_CRC: return "image CRC mismatch (corrupt image)";
    case IMAGE_ERR_INDEX: return "corrupt image module index";
    case IMAGE_ERR_ORDER: return "image module index is not sorted";
    case IMAGE_ERR_MAIN: return "image main module out of range";
    case IMAGE_ERR_WORD: return "image was built for another word size";
    case IMAGE_ERR_SMALL_INT: return "image needs wider small ints than this runtime has";
    case IMAGE_ERR_FLOAT: return "image was built for another float kind";
    case IMAGE_ERR_FEATURE: return "image uses features this runtime lacks (a newer runtime?)";
    }
    return "unknown image error";
}

// Whether [off, off + n) lies inside an image of len bytes, without overflow.
static int in_range(uint32_t off, uint32_t n, uint32_t len) {
    return off <= len && n <= len - off;
}

static image_err_t check_header(image_t *img, const uint8_t *buf, size_t len) {
    if (len < IMAGE_HEADER_SIZE) {
        return IMAGE_ERR_SHORT;
    }
    if (buf[0] != IMAGE_MAGIC0 || buf[1] != IMAGE_MAGIC1 || buf[2] != IMAGE_MAGIC2
        || buf[3] != IMAGE_MAGIC3) {
        return IMAGE_ERR_MAGIC;
    }
    if (image_rd16(buf + IMAGE_OFF_VERSION) != IMAGE_VERSION) {
        return IMAGE_ERR_VERSION;
    }
    uint32_t header_size = image_rd16(buf + IMAGE_OFF_HEADER_SIZE);
    uint32_t total = image_rd32(buf + IMAGE_OFF_TOTAL_LEN);
    if (header_size < IMAGE_HEADER_SIZE || header_size % 4 != 0 || total < header_size) {
        return IMAGE_ERR_HEADER;
    }
    if (total > len) {
        return IMAGE_ERR_SHORT;
    }
    uint32_t crc = image_crc32(0, buf, IMAGE_OFF_CRC);
    if (image_crc32(crc, buf + IMAGE_CRC_START, total - IMAGE_CRC_START)
        != image_rd32(buf + IMAGE_OFF_CRC)) {
        return IMAGE_ERR_CRC;
    }
    img->base = buf;
    img->len = total;
    img->header_size = header_size;
    img->n_modules = image_rd32(buf + IMAGE_OFF_N_MODULES);
    img->index_off = image_rd32(buf + IMAGE_OFF_INDEX);
    img->main = image_rd32(buf + IMAGE_OFF_MAIN);
    img->flags = image_rd32(buf + IMAGE_OFF_FLAGS);
    img->pool_off = image_rd32(buf + IMAGE_OFF_POOL);
    img->pool_len = image_rd32(buf + IMAGE_OFF_POOL_LEN);
    if (img->flags & ~(uint32_t)IMAGE_FLAGS_KNOWN) {
        return IMAGE_ERR_FEATURE;
    }
    img->target = buf[IMAGE_OFF_TARGET];
    img->params.word_bytes = buf[IMAGE_OFF_WORD_BYTES];
    img->params.small_int_bits = buf[IMAGE_OFF_SMALL_INT_BITS];
    img->params.float_kind = buf[IMAGE_OFF_FLOAT_KIND];
    return IMAGE_OK;
}

static const uint8_t *entry(const image_t *img, uint32_t i) {
    return img->base + img->index_off + i * IMAGE_ENTRY_SIZE;
}

// A name's byte as the index orders it: '/' (in a pool string) stands for '.'.
static unsigned name_byte(char c) {
    return c == '/' ? '.' : (unsigned char)c;
}

// Bytewise order of two names, a shorter name first when one is a prefix of the other.
static int name_cmp(const char *a, size_t alen, const char *b, size_t blen) {
    for (size_t i = 0; i < alen && i < blen; i++) {
        unsigned x = name_byte(a[i]), y = name_byte(b[i]);
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return (alen > blen) - (alen < blen);
}

char *image_name_copy(const image_module_t *m, char *buf, size_t cap) {
    size_t n = m->name_len < cap ? m->name_len : cap - 1;
    for (size_t i = 0; i < n; i++) {
        buf[i] = (char)name_byte(m->name[i]);
    }
    buf[n] = 0;
    return buf;
}

static image_err_t check_entry(const image_t *img, uint32_t i) {
    const uint8_t *e = entry(img, i);
    uint32_t name_off = image_rd32(e + IMAGE_ENT_NAME_OFF);
    uint32_t data_off = image_rd32(e + IMAGE_ENT_DATA_OFF) & ~IMAGE_ENT_FLAGS_MASK;
    uint32_t data_len = image_rd32(e + IMAGE_ENT_DATA_LEN) & IMAGE_ENT_MAX_DATA;
    uint32_t name_len = image_rd32(e + IMAGE_ENT_DATA_LEN) >> 24;
    if (name_len == 0 || !in_range(name_off, name_len, img->len)
        || !in_range(data_off, data_len, img->len) || data_off % IMAGE_DATA_ALIGN != 0) {
        return IMAGE_ERR_INDEX;
    }
    if (memchr(img->base + name_off, 0, name_len) != NULL) {
        return IMAGE_ERR_INDEX;
    }
    return IMAGE_OK;
}

// The name pool: inside the image, its string offsets rising inside the pool, each
// string NUL-terminated and the strings in the pool's order (so no two are equal).
static image_err_t check_pool(const image_t *img) {
    if (!(img->flags & IMAGE_FLAG_POOL)) {
        return IMAGE_OK;
    }
    if (img->pool_off % 4 != 0 || img->pool_len < IMAGE_POOL_HDR
        || !in_range(img->pool_off, img->pool_len, img->len)) {
        return IMAGE_ERR_INDEX;
    }
    const uint8_t *p = img->base + img->pool_off;
    uint32_t n = image_pool_count(p);
    unsigned w = image_pool_off_bytes(p);
    if (n > IMAGE_POOL_MAX || (w != 2 && w != 4) || p[IMAGE_POOL_OFF_BYTES + 1] != 0
        || (w == 2 && img->pool_len >= IMAGE_POOL_SHORT)
        || IMAGE_POOL_HDR + w * ((size_t)n + 1) > img->pool_len) {
        return IMAGE_ERR_INDEX;
    }
    uint32_t prev = (uint32_t)(IMAGE_POOL_HDR + w * ((size_t)n + 1));
    if (image_pool_off(p, 0) != prev) {
        return IMAGE_ERR_INDEX;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t end = image_pool_off(p, i + 1);
        if (end <= prev || end > img->pool_len || p[end - 1] != 0) {
            return IMAGE_ERR_INDEX;
        }
        if (i > 0) {
            size_t alen, blen;
            const char *a = image_pool_str(p, i - 1, &alen), *b = image_pool_str(p, i, &blen);
            if (image_pool_order(a, alen, b, blen) >= 0) {
                return IMAGE_ERR_INDEX;
            }
        }
        prev = end;
    }
    return IMAGE_OK;
}

static image_err_t check_index(const image_t *img) {
    if (check_pool(img) != IMAGE_OK) {
        return IMAGE_ERR_INDEX;
    }
    if (img->n_modules > img->len / 16  // so that the product below cannot wrap (a shift)
        || !in_range(img->index_off, img->n_modules * IMAGE_ENTRY_SIZE, img->len)
        || img->index_off < img->header_size) {
        return IMAGE_ERR_INDEX;
    }
    for (uint32_t i = 0; i < img->n_modules; i++) {
        image_err_t err = check_entry(img, i);
        if (err != IMAGE_OK) {
            return err;
        }
        if (i > 0) {
            image_module_t a, b;
            image_module_at(img, i - 1, &a);
            image_module_at(img, i, &b);
            if (name_cmp(a.name, a.name_len, b.name, b.name_len) >= 0) {
                return IMAGE_ERR_ORDER;
            }
        }
    }
    if (img->main != IMAGE_NO_MAIN && img->main >= img->n_modules) {
        return IMAGE_ERR_MAIN;
    }
    return IMAGE_OK;
}

image_err_t image_open(image_t *img, const uint8_t *buf, size_t len) {
    image_t tmp;
    image_err_t err = check_header(&tmp, buf, len);
    if (err == IMAGE_OK) {
        err = check_index(&tmp);
    }
    if (err == IMAGE_OK) {
        *img = tmp;
    }
    return err;
}

image_err_t image_check_target(const image_t *img, const image_target_t *rt) {
    if (img->params.word_bytes != rt->word_bytes) {
        return IMAGE_ERR_WORD;
    }
    if (img->params.small_int_bits > rt->small_int_bits) {
        return IMAGE_ERR_SMALL_INT;
    }
    if (img->params.float_kind != rt->float_kind) {
        return IMAGE_ERR_FLOAT;
    }
    return IMAGE_OK;
}

void image_module_at(const image_t *img, uint32_t i, image_module_t *out) {
    const uint8_t *e = entry(img, i);
    uint32_t data = image_rd32(e + IMAGE_ENT_DATA_OFF), len = image_rd32(e + IMAGE_ENT_DATA_LEN);
    out->name = (const char *)img->base + image_rd32(e + IMAGE_ENT_NAME_OFF);
    out->name_len = len >> 24;
    out->flags = (uint16_t)(data & IMAGE_ENT_FLAGS_MASK);
    out->data = img->base + (data & ~IMAGE_ENT_FLAGS_MASK);
    out->data_len = len & IMAGE_ENT_MAX_DATA;
}

int image_find(const image_t *img, const char *name, size_t len, image_module_t *out) {
    uint32_t lo = 0, hi = img->n_modules;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        image_module_t m;
        image_module_at(img, mid, &m);
        int c = name_cmp(name, len, m.name, m.name_len);
        if (c == 0) {
            *out = m;
            return 1;
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return 0;
}

int image_main(const image_t *img, image_module_t *out) {
    if (img->main == IMAGE_NO_MAIN) {
        return 0;
    }
    image_module_at(img, img->main, out);
    return 1;
}
