// SPDX-License-Identifier: MIT
// sha256.h: SHA-256 through OpenSSL's libcrypto, for cache keys and image build ids.
#ifndef FREEZER_SHA256_H
#define FREEZER_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

// One piece of the input of sha256_parts.
typedef struct {
    const void *data;
    size_t len;
} sha256_part_t;

// The digest of data[0..n); 0, or -1 if libcrypto failed (out of memory).
int sha256(const void *data, size_t n, uint8_t digest[SHA256_LEN]);
// The digest of parts[0..n) concatenated; 0 or -1 as sha256.
int sha256_parts(const sha256_part_t *parts, size_t n, uint8_t digest[SHA256_LEN]);

// Lower-case hex of a digest into hex[2 * SHA256_LEN + 1].
void sha256_hex(const uint8_t digest[SHA256_LEN], char *hex);

#endif // FREEZER_SHA256_H
