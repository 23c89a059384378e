// SPDX-License-Identifier: MIT
// sha256.h: SHA-256 (FIPS 180-4), for cache keys and image build ids.
#ifndef FREEZER_SHA256_H
#define FREEZER_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

typedef struct {
    uint32_t h[8];
    uint64_t n_bytes;
    uint8_t block[64];
    size_t fill;
} sha256_t;

void sha256_init(sha256_t *s);
void sha256_update(sha256_t *s, const void *data, size_t n);
void sha256_final(sha256_t *s, uint8_t digest[SHA256_LEN]);

// Lower-case hex of a digest into hex[2 * SHA256_LEN + 1].
void sha256_hex(const uint8_t digest[SHA256_LEN], char *hex);

#endif // FREEZER_SHA256_H
