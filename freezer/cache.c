// SPDX-License-Identifier: MIT
// cache.c: the content-addressed cache of compiled modules, under the output directory.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/cache.h"
#include "freezer/file.h"

/*
 * Every cache file ends in the SHA-256 of what comes before, so a truncated or damaged
 * one (a crash mid-write, a full disk) is recognised and rebuilt instead of being
 * frozen, and is written to a temporary file and renamed, so concurrent builds sharing
 * a cache never read half of one.
 *   NAME.pack  PACK_MAGIC, u32 count, then per module (sorted by key) its 32-byte key,
 *              u32 length and .mpy bytes; little-endian
 *   NAME.img   the image's 32-byte key, then the image
 */

#define PACK_MAGIC "freeze-pack-1\n"
#define PACK_MAGIC_LEN 14

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

static uint32_t rd32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(uint8_t *p, size_t v) {
    for (int i = 0; i < 4; i++, v >>= 8) {
        p[i] = (uint8_t)v;
    }
}

static int by_key(const void *a, const void *b) {
    return memcmp(((const cache_entry_t *)a)->key, ((const cache_entry_t *)b)->key, SHA256_LEN);
}

// The entries of the pack d[0..n), trailer already checked; 0, or -1 if it is not one.
static int parse_pack(cache_pack_t *p, const uint8_t *d, size_t n) {
    if (n < PACK_MAGIC_LEN + 4 || memcmp(d, PACK_MAGIC, PACK_MAGIC_LEN) != 0) {
        return -1;
    }
    size_t count = rd32(d + PACK_MAGIC_LEN), off = PACK_MAGIC_LEN + 4;
    if (count > (n - off) / (SHA256_LEN + 4) || (p->v = calloc(count + 1, sizeof *p->v)) == NULL) {
        return -1;
    }
    for (; p->n < count; p->n++) {
        cache_entry_t *en = &p->v[p->n];
        if (n - off < SHA256_LEN + 4) {
            return -1;
        }
        memcpy(en->key, d + off, SHA256_LEN);
        en->len = rd32(d + off + SHA256_LEN);
        off += SHA256_LEN + 4;
        if (en->len > n - off || (p->n > 0 && by_key(&p->v[p->n - 1], en) >= 0)) {
            return -1;
        }
        en->mpy = d + off;
        off += en->len;
    }
    return off == n ? 0 : -1;
}

void cache_load(cache_pack_t *p, const char *dir, const char *name) {
    memset(p, 0, sizeof *p);
    size_t n;
    if (read_summed(entry_path(dir, name, ".pack"), &p->data, &n) != 0) {
        return;
    }
    if (parse_pack(p, p->data, n) != 0) {
        cache_free(p);
    }
}

void cache_free(cache_pack_t *p) {
    free(p->data);
    free(p->v);
    memset(p, 0, sizeof *p);
}

int cache_find(const cache_pack_t *p, const uint8_t key[SHA256_LEN], uint8_t **mpy, size_t *len) {
    cache_entry_t probe;
    memcpy(probe.key, key, SHA256_LEN);
    const cache_entry_t *en = p->n > 0 ? bsearch(&probe, p->v, p->n, sizeof *p->v, by_key) : NULL;
    if (en == NULL || (*mpy = malloc(en->len > 0 ? en->len : 1)) == NULL) {
        return -1;
    }
    memcpy(*mpy, en->mpy, en->len);
    *len = en->len;
    return 0;
}

void cache_save(const char *dir, const char *name, const cache_pack_t *old,
                const cache_entry_t *v, size_t n) {
    cache_entry_t *s = malloc((n + 1) * sizeof *s);
    if (s == NULL) {
        return;
    }
    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, by_key);
    size_t u = 0, size = PACK_MAGIC_LEN + 4;
    for (size_t i = 0; i < n; i++) {
        if (u == 0 || by_key(&s[u - 1], &s[i]) != 0) {
            s[u++] = s[i];
            size += SHA256_LEN + 4 + s[i].len;
        }
    }
    int same = old->n == u;  // a key names its .mpy: the same keys, the same pack
    for (size_t i = 0; same && i < u; i++) {
        same = by_key(&old->v[i], &s[i]) == 0;
    }
    uint8_t *d = same ? NULL : malloc(size);
    if (d != NULL) {
        memcpy(d, PACK_MAGIC, PACK_MAGIC_LEN);
        wr32(d + PACK_MAGIC_LEN, u);
        size_t off = PACK_MAGIC_LEN + 4;
        for (size_t i = 0; i < u; i++) {
            memcpy(d + off, s[i].key, SHA256_LEN);
            wr32(d + off + SHA256_LEN, s[i].len);
            memcpy(d + off + SHA256_LEN + 4, s[i].mpy, s[i].len);
            off += SHA256_LEN + 4 + s[i].len;
        }
        write_summed(dir, entry_path(dir, name, ".pack"), NULL, 0, d, size);
        free(d);
    }
    free(s);
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
