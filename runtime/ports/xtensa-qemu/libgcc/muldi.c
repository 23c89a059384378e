// SPDX-License-Identifier: MIT
// muldi.c: the 64-bit multiply __muldi3 (low 64 bits; the same for signed and unsigned).
#include "runtime/ports/xtensa-qemu/libgcc/wide.h"

uint64_t __muldi3(uint64_t a, uint64_t b);

// (ah·2^32 + al)(bh·2^32 + bl) mod 2^64 = al·bl + (al·bh + ah·bl)·2^32.
uint64_t __muldi3(uint64_t a, uint64_t b) {
    uint32_t al = (uint32_t)a, ah = (uint32_t)(a >> 32);
    uint32_t bl = (uint32_t)b, bh = (uint32_t)(b >> 32);
    uint64_t p = wide_mul32(al, bl);
    uint32_t cross = al * bh + ah * bl;
    return p + ((uint64_t)cross << 32);
}
