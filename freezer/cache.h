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

// Looks key up in dir; returns 0 and a malloc'ed copy of the .mpy if it is there and
// intact, -1 otherwise (a damaged entry counts as a miss and is rebuilt).
int cache_get(const char *dir, const uint8_t key[SHA256_LEN], uint8_t **mpy, size_t *len);

// Stores mpy under key in dir (created if missing); returns 0 or -1.
int cache_put(const char *dir, const uint8_t key[SHA256_LEN], const uint8_t *mpy, size_t len);

// The last image linked for the manifest called name, DIR/NAME.img, under the key of
// everything it was linked from: one per name, so the cache does not grow per build.
// cache_get_image returns 0 and a malloc'ed copy if the entry is intact and has key.
int cache_get_image(const char *dir, const char *name, const uint8_t key[SHA256_LEN],
                    uint8_t **img, size_t *len);
int cache_put_image(const char *dir, const char *name, const uint8_t key[SHA256_LEN],
                    const uint8_t *img, size_t len);

#endif // FREEZER_CACHE_H
