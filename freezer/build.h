// SPDX-License-Identifier: MIT
// build.h: compiles every module of a manifest to .mpy, in parallel and through the cache.
#ifndef FREEZER_BUILD_H
#define FREEZER_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "freezer/cache.h"
#include "freezer/errors.h"
#include "freezer/memo.h"
#include "manifest/manifest.h"

typedef struct {
    int jobs;                 // worker threads; <= 0: one per core
    const cache_pack_t *pack; // the modules compiled before (NULL: none)
    const char *compiler_id;  // identifies the compiler in cache keys
    int small_int_bits;       // as mpy-cross -msmall-int-bits
    int max_small_int_bits;   // the widest the target's runtime has: a given .mpy may not need more
    const memo_t *memo;       // the sources' remembered digests (may be empty)
} build_opts_t;

typedef struct {
    uint8_t key[SHA256_LEN];  // what the .mpy is made from: a .py's cache key, a .mpy's digest
    memo_entry_t src;         // the module's file as hashed (for the memo)
    uint8_t *src_data;        // its bytes, if they were read; malloc'ed
    size_t src_len;
    int changed;              // the file changed between build_keys and build_modules
    uint8_t *mpy;             // malloc'ed .mpy bytes
    size_t len;
    int cached;               // 1: taken from the cache, 0: compiled (or a given .mpy)
} build_out_t;

// Fills the keys of outs[i] for m->mods[i] (outs is zeroed first), reading a module's
// file only when the memo does not know it. Diagnostics come in module order whatever
// the thread timing. Returns ST_OK or the worst status added to e.
status_t build_keys(const manifest_t *m, const build_opts_t *o, build_out_t *outs,
                    errors_t *e);

// Then fills the .mpy of each: from the cache, else compiled, or a given .mpy checked.
// Returns as build_keys; free outs with build_free in both cases.
status_t build_modules(const manifest_t *m, const build_opts_t *o, build_out_t *outs,
                       errors_t *e);
void build_free(build_out_t *outs, size_t n);

#endif // FREEZER_BUILD_H
