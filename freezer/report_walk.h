// SPDX-License-Identifier: MIT
// report_walk.h: the flash breakdown of a frozen image: every byte in exactly one part.
#ifndef FREEZER_REPORT_WALK_H
#define FREEZER_REPORT_WALK_H

#include <stddef.h>
#include <stdint.h>

// The parts of one module's flash cost. A module's parts add up to its total; the
// modules' totals plus the image's header, pool and padding add up to the image size.
typedef enum {
    RP_BYTECODE,     // instructions
    RP_NAMES,        // its qstr table (in a .mpy: the names themselves)
    RP_POOL,         // its share of the image-wide name pool (each name split among its users)
    RP_STR,          // constants by kind: type byte, length and data
    RP_BYTES,
    RP_INT,
    RP_FLOAT,        // float and complex
    RP_TUPLE,        // a whole constant tuple, its items included
    RP_CONST_OTHER,  // None, True, False, Ellipsis
    RP_PRELUDE,      // raw-code metadata: signature, sizes, arg names, cells, framing; in
                     // the frozen form also the raw-code records and the child table
    RP_LINES,        // line-number tables
    RP_MPY_HEADER,   // the .mpy header and table counts, or the frozen module's header
    RP_INDEX,        // its index entry and dotted name (with the NUL)
    RP_ALIGN,        // alignment inside the module's data (frozen form)
    RP_OTHER,        // data the walker cannot decode (a format it does not know)
    RP_N
} rpart_t;

// The stable JSON key of each part (report_json and the schema use them).
extern const char *const rpart_key[RP_N];

// One code block (module body, function, class body, lambda, comprehension).
typedef struct {
    char *name;      // its simple name; nested blocks are "outer.inner"
    int depth;       // 0 for the module body
    uint32_t bytecode, prelude, lines;
} rfunc_t;

typedef struct {
    char *name;
    uint16_t flags;  // IMAGE_MOD_*
    int is_main;
    uint32_t part[RP_N];
    uint32_t total;
    rfunc_t *funcs;
    size_t n_funcs;
} rmod_t;

typedef struct {
    uint32_t bytes;      // total_len
    uint32_t header;     // header_size
    uint32_t pool;       // the name pool's bytes no module is charged with: its header,
                         // hash table, alignment and names no module refers to
    uint32_t padding;    // bytes in no module and no other part: alignment
    uint8_t target, word_bytes, float_kind;
    char build_id[2 * 16 + 1];
    rmod_t *mods;        // in index order
    size_t n_mods;
} rimage_t;

// Walks buf[0..len) (a checked image) into *out; 0, or -1 with a sentence in err (the
// image is corrupt or out of memory). Free with rwalk_free even after a failure.
int rwalk_image(const uint8_t *buf, size_t len, rimage_t *out, char *err, size_t errlen);
void rwalk_free(rimage_t *img);

// The name of an IMAGE_TARGET_* value.
const char *rwalk_target_name(uint8_t target);

#endif // FREEZER_REPORT_WALK_H
