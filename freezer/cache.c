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
 * rebuilt instead of being frozen. Entries are written to a temporary file and renamed,
 * so concurrent builds sharing a cache never read half an entry.
 */

int cache_key(uint8_t key[SHA256_LEN], const char *compiler_id, int opt, int small_int_bits,
              const char *src_name, const uint8_t *src, size_t len) {
    char opts[64];
    int n = snprintf(opts, sizeof opts, "opt=%d small_int_bits=%d", opt, small_int_bits);
    const sha256_part_t parts[] = {
        { "freeze-cache-1", 15 },  // the entry format, NUL included
        { compiler_id, strlen(compiler_id) + 1 },
        { opts, (size_t)n + 1 },
        { src_name, strlen(src_name) + 1 },
        { src, len },
    };
    return sha256_parts(parts, sizeof parts / sizeof parts[0], key);
}

static char *entry_path(const char *dir, const uint8_t key[SHA256_LEN]) {
    char hex[2 * SHA256_LEN + 1];
    sha256_hex(key, hex);
    size_t n = strlen(dir) + sizeof hex + 8;
    char *p = malloc(n);
    if (p != NULL) {
        snprintf(p, n, "%s/%s.mpy", dir, hex);
    }
    return p;
}

int cache_get(const char *dir, const uint8_t key[SHA256_LEN], uint8_t **mpy, size_t *len) {
    char *path = entry_path(dir, key);
    uint8_t *data;
    size_t n;
    int rc = path != NULL ? file_read(path, &data, &n) : -1;
    free(path);
    if (rc != 0) {
        return -1;
    }
    uint8_t digest[SHA256_LEN];
    if (n <= SHA256_LEN || sha256(data, n - SHA256_LEN, digest) != 0
        || memcmp(digest, data + n - SHA256_LEN, SHA256_LEN) != 0) {
        free(data);
        return -1;
    }
    *mpy = data;
    *len = n - SHA256_LEN;
    return 0;
}

int cache_put(const char *dir, const uint8_t key[SHA256_LEN], const uint8_t *mpy, size_t len) {
    if (file_mkdirs(dir) != 0) {
        return -1;
    }
    char *path = entry_path(dir, key);
    file_out_t o;
    if (path == NULL || file_open_out(&o, path) != 0) {
        free(path);
        return -1;
    }
    free(path);
    uint8_t digest[SHA256_LEN];
    if (sha256(mpy, len, digest) != 0) {
        file_abort(&o);
        return -1;
    }
    file_put(&o, mpy, len);
    file_put(&o, digest, SHA256_LEN);
    return file_commit(&o, 0644);
}
