// SPDX-License-Identifier: MIT
// frozen.h: the frozen module form (runtime/image.h): .mpy in, pool-linked module out, and back.
#ifndef FREEZER_FROZEN_H
#define FREEZER_FROZEN_H

#include <stddef.h>
#include <stdint.h>

#include "runtime/image.h"

// The runtime's count of built-in qstrs (MP_QSTR_NUM_BUILTIN), which the image records.
unsigned frozen_builtin_count(void);

// The image's name pool being built: strings in first-use order, each once, none of them
// a runtime built-in qstr (those are referred to by number). Sealing puts them in the
// image's order (by hash, for the runtime's binary search) and renumbers them; a sealed
// pool takes no new string, so the modules are converted again after it (link.c).
typedef struct frozen_pool frozen_pool_t;

frozen_pool_t *frozen_pool_new(void);
void frozen_pool_free(frozen_pool_t *p);
size_t frozen_pool_count(const frozen_pool_t *p);
// Bytes of the pool's image form (runtime/image.h "Name pool").
size_t frozen_pool_size(const frozen_pool_t *p);
// Puts the pool in the image's order; 0, or -1 when out of memory.
int frozen_pool_seal(frozen_pool_t *p);
// Writes the sealed pool's image form at out (frozen_pool_size bytes).
void frozen_pool_write(const frozen_pool_t *p, uint8_t *out);

// Converts the .mpy mpy[0..n) to the frozen form for a target of word_bytes and
// float_kind (IMAGE_FLOAT_*), adding its names to pool, into a malloc'ed *out. Returns 0,
// or -1 if the .mpy cannot be frozen (native code, or not a well-formed .mpy; the caller
// then keeps it verbatim) or memory ran out (*out stays NULL either way).
int frozen_from_mpy(const uint8_t *mpy, size_t n, unsigned word_bytes, unsigned float_kind,
                    frozen_pool_t *pool, uint8_t **out, size_t *out_len);

// The .mpy a frozen module of image img (img_len bytes) was made from, rebuilt from the
// module at fm[0..n) and the image's pool, into a malloc'ed *out; the same bytes as the
// input of frozen_from_mpy. Returns 0, or -1 if the module is malformed.
int frozen_to_mpy(const uint8_t *img, size_t img_len, const uint8_t *fm, size_t n,
                  uint8_t **out, size_t *out_len);

// Where the bytes of a frozen module go, for size reports; the fields add up to n.
// Where the parts of a code block (prelude + bytecode, mpy-format.md 4) start.
typedef struct {
    size_t name;           // qstr-table index of its simple name
    size_t line_info;      // the line table ...
    size_t line_info_end;  // ... and its end, where the cell slot bytes start
    size_t bytecode;       // the first instruction
    size_t n_def_pos;      // positional defaults (n_def_pos_args)
    unsigned aux_bytes;    // of the aux field of its tail in a frozen module (image.h)
} frozen_code_t;

// Decodes the prelude of code[0..len) into *out. Returns 0, or -1 if it is malformed or
// beyond the runtime's limits.
int frozen_code_split(const uint8_t *code, size_t len, frozen_code_t *out);

// A code block of a frozen module (runtime/image.h "Raw code records"), read back.
typedef struct {
    uint32_t code_off, code_len;       // its prelude and bytecode, from the module's start
    uint32_t tail;                     // bytes of its tail, right after them
    uint32_t first_child, n_children;  // its children (records); 0 children for a leaf
    frozen_code_t split;               // its prelude
} frozen_block_t;

// The n_rc code blocks of the frozen module fm[0..n) whose header is f, into a malloc'ed
// array; NULL if its records, preludes or tails are malformed (or memory ran out).
frozen_block_t *frozen_blocks(const uint8_t *fm, size_t n, const image_fmod_t *f);

#endif // FREEZER_FROZEN_H
