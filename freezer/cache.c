// SPDX-License-Identifier: MIT
// cache.c: the content-addressed cache of compiled modules, under the output directory.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/cache.h"
#include "freezer/file.h"

/*
 * An entry is DIR/<hex key>.mpy holding the .mpy bytes followed by their SHA-256, so a
 * truncated or damaged entry (a crash mid-write, a full disk) is recognised and
 * rebuilt instead of being frozen. An image entry, DIR/NAME.img, is its key, the image
 * and the SHA-256 of both. Entries are written to a temporary file and renamed, so
 * concurrent builds sharing a cache never read half an entry.
 */

int cache_key(uint8_t key[SHA256_LEN], const char *compiler_id, int opt, int small_int_bits,
              const char *src_name, const uint8_t src_digest[SHA256_LEN]) {
    char opts[64];
    int n = snprintf(opts, sizeof opts, "opt=%d small_int_bits=%d", opt, small_int_bits);
    const sha256_part_t parts[] = {
        { "freeze-cache-2", 15 },  // the entry format, NUL included
        { compiler_id, strlen(compiler_id) + 1 },
        { opts, (size_t)n + 1 },
        { src_name, strlen(src_name) + 1 },
        { src_digest, SHA256_LEN },
    };
    return sha256_parts(parts, sizeof parts / sizeof parts[0], key);
}

static char *entry_path(const char *dir, const char *name, const char *ext) {
    size_t n = strlen(dir) + strlen(name) + strlen(ext) + 2;
    char *p = malloc(n);
    if (p != NULL) {
        snprintf(p, n, "%s/%s%s", dir, name, ext);
    }
    return p;
}

// Reads path and checks its SHA-256 trailer: 0 with the bytes before it, or -1.
static int read_summed(char *path, uint8_t **data, size_t *len) {
    uint8_t *d;
    size_t n;
    int rc = path != NULL ? file_read(path, &d, &n) : -1;
    free(path);
    if (rc != 0) {
        return -1;
    }
    uint8_t digest[SHA256_LEN];
    if (n <= SHA256_LEN || sha256(d, n - SHA256_LEN, digest) != 0
        || memcmp(digest, d + n - SHA256_LEN, SHA256_LEN) != 0) {
        free(d);
        return -1;
    }
    *data = d;
    *len = n - SHA256_LEN;
    return 0;
}

// Writes head and body then the SHA-256 of both to path, atomically.
static int write_summed(const char *dir, char *path, const uint8_t *head, size_t head_len,
                        const uint8_t *body, size_t len) {
    file_out_t o;
    if (file_mkdirs(dir) != 0 || path == NULL || file_open_out(&o, path) != 0) {
        free(path);
        return -1;
    }
    free(path);
    uint8_t digest[SHA256_LEN];
    const sha256_part_t parts[] = { { head, head_len }, { body, len } };
    if (sha256_parts(parts, 2, digest) != 0) {
        file_abort(&o);
        return -1;
    }
    if (head_len > 0) {
        file_put(&o, head, head_len);
    }
    file_put(&o, body, len);
    file_put(&o, digest, SHA256_LEN);
    return file_commit(&o, 0644);
}

static char *hex_path(const char *dir, const uint8_t key[SHA256_LEN]) {
    char hex[2 * SHA256_LEN + 1];
    sha256_hex(key, hex);
    return entry_path(dir, hex, ".mpy");
}

int cache_get(const char *dir, const uint8_t key[SHA256_LEN], uint8_t **mpy, size_t *len) {
    return read_summed(hex_path(dir, key), mpy, len);
}

int cache_put(const char *dir, const uint8_t key[SHA256_LEN], const uint8_t *mpy, size_t len) {
    return write_summed(dir, hex_path(dir, key), NULL, 0, mpy, len);
}

int cache_get_image(const char *dir, const char *name, const uint8_t key[SHA256_LEN],
                    uint8_t **img, size_t *len) {
    uint8_t *d;
    size_t n;
    if (read_summed(entry_path(dir, name, ".img"), &d, &n) != 0) {
        return -1;
    }
    if (n < SHA256_LEN || memcmp(d, key, SHA256_LEN) != 0) {
        free(d);
        return -1;
    }
    memmove(d, d + SHA256_LEN, n - SHA256_LEN);
    *img = d;
    *len = n - SHA256_LEN;
    return 0;
}

int cache_put_image(const char *dir, const char *name, const uint8_t key[SHA256_LEN],
                    const uint8_t *img, size_t len) {
    return write_summed(dir, entry_path(dir, name, ".img"), key, SHA256_LEN, img, len);
}
