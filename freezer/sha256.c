// SPDX-License-Identifier: MIT
// sha256.c: SHA-256 through OpenSSL's libcrypto (EVP), for cache keys and image build ids.
#include <openssl/evp.h>

#include "freezer/sha256.h"

int sha256(const void *data, size_t n, uint8_t digest[SHA256_LEN]) {
    unsigned len = 0;
    return EVP_Digest(data, n, digest, &len, EVP_sha256(), NULL) == 1 && len == SHA256_LEN
           ? 0 : -1;
}

int sha256_parts(const sha256_part_t *parts, size_t n, uint8_t digest[SHA256_LEN]) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned len = 0;
    int ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    for (size_t i = 0; ok && i < n; i++) {
        ok = EVP_DigestUpdate(ctx, parts[i].data, parts[i].len) == 1;
    }
    ok = ok && EVP_DigestFinal_ex(ctx, digest, &len) == 1 && len == SHA256_LEN;
    EVP_MD_CTX_free(ctx);
    return ok ? 0 : -1;
}

void sha256_hex(const uint8_t digest[SHA256_LEN], char *hex) {
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < SHA256_LEN; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[2 * SHA256_LEN] = 0;
}
