// SPDX-License-Identifier: MIT
// cache.h: the content-addressed cache of compiled modules, under the output directory.
#ifndef FREEZER_CACHE_H
#define FREEZER_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "freezer/sha256.h"

// The key of one compilation: the compiler's identity, every option that changes the
// output, the source name compiled in, and the source bytes' SHA-256. 0, or -1 if it
// could not be computed (then the module is compiled without the cache).
int cache_key(uint8_t key[SHA256_LEN], const char *compiler_id, int opt, int small_int_bits,
              const char *src_name, const uint8_t src_digest[SHA256_LEN]);

// The compiled modules of a manifest's last build, DIR/NAME.pack: one file, read and
// written whole, so a build creates one file instead of one per module (creating files
// is most of a cold build's system time). Only the manifest's current modules are
// kept, so it does not grow.
typedef struct {
    uint8_t key[SHA256_LEN];
    const uint8_t *mpy;
    size_t len;
} cache_entry_t;

typedef struct {
    uint8_t *data;            // the file's bytes; entries point into them
    cache_entry_t *v;         // sorted by key
    size_t n;
} cache_pack_t;

// Loads DIR/NAME.pack; a missing or damaged one is an empty pack (its modules are
// compiled again). Never fails.
void cache_load(cache_pack_t *p, const char *dir, const char *name);
void cache_free(cache_pack_t *p);

// Looks key up; returns 0 and a malloc'ed copy of its .mpy, or -1. p is only read, so
// threads may share it.
int cache_find(const cache_pack_t *p, const uint8_t key[SHA256_LEN], uint8_t **mpy, size_t *len);

// Writes the pack of v[0..n) (any order; duplicate keys kept once) to DIR/NAME.pack
// atomically, unless old holds the same keys. A failure only costs time.
void cache_save(const char *dir, const char *name, const cache_pack_t *old,
                const cache_entry_t *v, size_t n);

// The last image linked for the manifest called name, DIR/NAME.img, under the key of
// everything it was linked from: one per name, so the cache does not grow per build.
// cache_get_image returns 0 and a malloc'ed copy if the entry is intact and has key.
int cache_get_image(const char *dir, const char *name, const uint8_t key[SHA256_LEN],
                    uint8_t **img, size_t *len);
int cache_put_image(const char *dir, const char *name, const uint8_t key[SHA256_LEN],
                    const uint8_t *img, size_t len);

#endif // FREEZER_CACHE_H
