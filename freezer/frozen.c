// SPDX-License-Identifier: MIT
// frozen.c: converts a .mpy to the image's frozen module form (names in the pool), and back.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/frozen.h"
#include "mpycross/mpy.h"
#include "runtime/formatfloat.h"
#include "runtime/image.h"
#include "runtime/mpy.h"
#include "runtime/opcodes.h"
#include "runtime/qstr.h"

/*
 * The frozen form does at build time what the runtime's .mpy loader does at import (the
 * layout is documented in runtime/image.h): names become qstr numbers, str constants pool
 * qstrs, each code block gets a record of where its code and children are (the runtime
 * decodes the prelude from the code bytes at import, as for a .mpy). The prelude and
 * bytecode bytes are copied exactly as the compiler emitted them. Everything here reads
 * its input through bounds-checked readers; a .mpy it cannot represent (native code,
 * malformed) returns -1 and the linker keeps that module as a .mpy.
 */

// The runtime's built-in qstrs in number order (runtime/qstr.c's table): 0 is null.
static const char *const builtin_names[] = {
    "",
#define QSTR_NAME(id, s) s,
    QSTR_STATIC_LIST(QSTR_NAME)
    QSTR_RUNTIME_LIST(QSTR_NAME)
#undef QSTR_NAME
};
#define N_BUILTIN (sizeof builtin_names / sizeof builtin_names[0])
#define N_STATIC 166  // 1 .. 165: the .mpy format's static list (MP_QSTR_NUM_STATIC)

unsigned frozen_builtin_count(void) {
    return (unsigned)N_BUILTIN;
}

// The runtime's hash (qstr_compute_hash), for the freezer's own index of names.
static uint32_t name_hash(const uint8_t *s, size_t n) {
    return (uint32_t)qstr_compute_hash(s, n);
}

/* ------------------------------------------------------------------------------------
 * The pool: a string table with an open-addressing index (slot: entry number + 1), in
 * first-use order until it is sealed, then in the image's order (image_pool_order).
 */
typedef struct {
    char *s;
    size_t len;
    uint32_t hash;
} pool_entry_t;

struct frozen_pool {
    pool_entry_t *v;
    size_t n, cap;
    uint32_t *slots;
    size_t n_slots;      // power of two, at least twice n
    size_t strings;      // bytes of the strings, NULs included
    bool sealed;         // in the image's order: no entry may be added
    uint32_t builtin_slots[1024];  // index of builtin_names (number + 1), by hash
};

static void builtin_index(frozen_pool_t *p) {
    for (size_t q = 1; q < N_BUILTIN; q++) {
        const char *s = builtin_names[q];
        uint32_t h = name_hash((const uint8_t *)s, strlen(s));
        size_t i = h & 1023;
        while (p->builtin_slots[i] != 0) {
            i = (i + 1) & 1023;
        }
        p->builtin_slots[i] = (uint32_t)q + 1;
    }
}

frozen_pool_t *frozen_pool_new(void) {
    _Static_assert(N_BUILTIN < 512, "builtin index too small");
    frozen_pool_t *p = calloc(1, sizeof *p);
    if (p != NULL) {
        builtin_index(p);
    }
    return p;
}

void frozen_pool_free(frozen_pool_t *p) {
    if (p == NULL) {
        return;
    }
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].s);
    }
    free(p->v);
    free(p->slots);
    free(p);
}

size_t frozen_pool_count(const frozen_pool_t *p) {
    return p->n;
}

// The width of the pool's offsets: 2 bytes while the whole pool stays under 64 KiB.
static unsigned pool_off_bytes(const frozen_pool_t *p) {
    size_t short_size = IMAGE_POOL_HDR + 2 * (p->n + 1) + p->strings;
    return short_size < IMAGE_POOL_SHORT ? 2 : 4;
}

size_t frozen_pool_size(const frozen_pool_t *p) {
    unsigned w = pool_off_bytes(p);
    size_t n = IMAGE_POOL_HDR + w * (p->n + 1) + p->strings;
    return (n + 3) & ~(size_t)3;
}

void frozen_pool_write(const frozen_pool_t *p, uint8_t *out) {
    unsigned w = pool_off_bytes(p);
    size_t offs = IMAGE_POOL_HDR, str = offs + w * (p->n + 1);
    memset(out, 0, frozen_pool_size(p));
    void (*put_off)(uint8_t *, uint32_t) = w == 2 ? image_wr16 : image_wr32;
    image_wr16(out, (uint32_t)p->n);
    out[IMAGE_POOL_OFF_BYTES] = (uint8_t)w;
    for (size_t i = 0; i < p->n; i++) {
        const pool_entry_t *e = &p->v[i];
        put_off(out + offs + w * i, (uint32_t)str);
        memcpy(out + str, e->s, e->len);  // the NUL is already there (memset)
        str += e->len + 1;
    }
    put_off(out + offs + w * p->n, (uint32_t)str);  // the end of the last string
}

// The image's order (strings are unique, so total).
static int in_pool_order(const void *a, const void *b) {
    const pool_entry_t *x = a, *y = b;
    return image_pool_order(x->s, x->len, y->s, y->len);
}

static int grow_slots(frozen_pool_t *p);

// The entries are renumbered in the image's order; the index is rebuilt for it.
int frozen_pool_seal(frozen_pool_t *p) {
    qsort(p->v, p->n, sizeof *p->v, in_pool_order);
    free(p->slots);
    p->slots = NULL;
    p->n_slots = 0;
    p->sealed = true;
    return grow_slots(p);
}

static size_t find_builtin(const frozen_pool_t *p, const uint8_t *s, size_t n, uint32_t h) {
    for (size_t i = h & 1023; p->builtin_slots[i] != 0; i = (i + 1) & 1023) {
        const char *b = builtin_names[p->builtin_slots[i] - 1];
        if (strlen(b) == n && memcmp(b, s, n) == 0) {
            return p->builtin_slots[i] - 1;
        }
    }
    return 0;
}

// Rebuilds the index with twice the slots, at least 256 and more than twice the entries.
static int grow_slots(frozen_pool_t *p) {
    size_t n_slots = p->n_slots ? p->n_slots * 2 : 256;
    while (n_slots <= 2 * p->n) {
        n_slots *= 2;
    }
    uint32_t *slots = calloc(n_slots, sizeof *slots);
    if (slots == NULL) {
        return -1;
    }
    for (size_t i = 0; i < p->n; i++) {
        size_t j = p->v[i].hash & (n_slots - 1);
        while (slots[j] != 0) {
            j = (j + 1) & (n_slots - 1);
        }
        slots[j] = (uint32_t)i + 1;
    }
    free(p->slots);
    p->slots = slots;
    p->n_slots = n_slots;
    return 0;
}

// The qstr number of s[0..n): a built-in's, or a pool entry's (added if new); 0 when
// out of memory or the pool is full.
static size_t intern(frozen_pool_t *p, const uint8_t *s, size_t n) {
    uint32_t h = name_hash(s, n);
    size_t q = find_builtin(p, s, n, h);
    if (q != 0) {
        return q;
    }
    for (size_t j = p->n_slots ? h & (p->n_slots - 1) : 0; p->n_slots && p->slots[j] != 0;
         j = (j + 1) & (p->n_slots - 1)) {
        const pool_entry_t *e = &p->v[p->slots[j] - 1];
        if (e->len == n && memcmp(e->s, s, n) == 0) {
            return IMAGE_QSTR_BASE + p->slots[j] - 1;
        }
    }
    if (p->sealed || p->n >= IMAGE_POOL_MAX || n > 0xffff) {
        return 0;
    }
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        pool_entry_t *v = realloc(p->v, cap * sizeof *v);
        if (v == NULL) {
            return 0;
        }
        p->v = v;
        p->cap = cap;
    }
    if (2 * (p->n + 1) > p->n_slots && grow_slots(p) != 0) {
        return 0;
    }
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        return 0;
    }
    memcpy(copy, s, n);
    copy[n] = 0;
    p->v[p->n] = (pool_entry_t){ copy, n, h };
    size_t j = h & (p->n_slots - 1);
    while (p->slots[j] != 0) {
        j = (j + 1) & (p->n_slots - 1);
    }
    p->slots[j] = (uint32_t)++p->n;
    p->strings += n + 1;
    return IMAGE_QSTR_BASE + p->n - 1;
}

/* ------------------------------------------------------------------------------------
 * Byte buffers and readers.
 */
typedef struct {
    uint8_t *b;
    size_t n, cap;
    int oom;
} buf_t;

static void put(buf_t *o, const void *p, size_t n) {
    if (o->oom || n == 0) {
        return;
    }
    if (o->n + n > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap < o->n + n) {
            cap *= 2;
        }
        uint8_t *b = realloc(o->b, cap);
        if (b == NULL) {
            o->oom = 1;
            return;
        }
        o->b = b;
        o->cap = cap;
    }
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

// The w-byte little-endian word at p.
static uint64_t rd_word(const uint8_t *p, unsigned w) {
    uint64_t v = 0;
    for (unsigned i = 0; i < w; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

static void put_le(buf_t *o, uint64_t v, unsigned n) {
    uint8_t b[8];
    for (unsigned i = 0; i < n; i++) {
        b[i] = (uint8_t)(v >> (8 * i));
    }
    put(o, b, n);
}

static void put_uint(buf_t *o, size_t v) {
    uint8_t b[10];
    int n = 0;
    b[9 - n++] = v & 0x7f;
    while ((v >>= 7) != 0) {
        b[9 - n++] = (uint8_t)(0x80 | (v & 0x7f));
    }
    put(o, b + 10 - n, (size_t)n);
}

static void align(buf_t *o, size_t a) {
    static const uint8_t zero[8];
    put(o, zero, (a - o->n % a) % a);
}

// Overwrites the n-byte little-endian word at offset at of o.
static void set_le(buf_t *o, size_t at, uint64_t v, unsigned n) {
    if (!o->oom) {
        for (unsigned k = 0; k < n; k++) {
            o->b[at + k] = (uint8_t)(v >> (8 * k));
        }
    }
}


typedef struct {
    const uint8_t *p, *end;
    int bad;
} rd_t;

static uint8_t rd_byte(rd_t *r) {
    if (r->p >= r->end) {
        r->bad = 1;
        return 0;
    }
    return *r->p++;
}

static size_t rd_uint(rd_t *r) {
    size_t v = 0;
    uint8_t b;
    int n = 0;
    do {
        b = rd_byte(r);
        if (++n > 5) {
            r->bad = 1;
            return 0;
        }
        v = (v << 7) | (b & 0x7f);
    } while ((b & 0x80) && !r->bad);
    return v;
}

static const uint8_t *rd_bytes(rd_t *r, size_t n) {
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return NULL;
    }
    const uint8_t *s = r->p;
    r->p += n;
    return s;
}

/* ------------------------------------------------------------------------------------
 * .mpy to frozen.
 */

// The constant defaults a def passes (const_defaults), as the target's object words.
#define CDEFS_MAX 16
typedef struct {
    size_t n;
    uint64_t w[CDEFS_MAX];
} cdefs_t;

// A code block as converted: its code in the codes buffer, its children .mpy-order
// record numbers in the kids buffer.
typedef struct {
    uint32_t code_off, code_len, names, defaults, n_children, first_child;
    unsigned aux_bytes;  // of its tail's aux field (image_frc_aux_bytes)
} frec_t;

typedef struct {
    rd_t r;
    unsigned w;
    unsigned float_kind; // IMAGE_FLOAT_*: how the target's runtime reads a float constant
    frozen_pool_t *pool;
    size_t *qstrs;
    size_t n_qstr;
    buf_t objs, cold, kids, codes;
    buf_t rom;           // objects in flash (image.h), at rom offsets ...
    size_t *rom_fix;     // ... which these constant table entries hold until assemble
    size_t n_fix, cap_fix;
    frec_t *recs;        // in .mpy order; assemble writes them breadth-first
    size_t n_rec, cap_rec;
    size_t n_defs;       // words of the defaults store given out so far
    size_t n_cold;       // constants in the cold stream so far
    buf_t fdefs;         // the flash defaults (image.h), W-byte words
    size_t objs_off;     // where assemble put the constant table
    int depth;
} conv_t;

// Skips one .mpy constant (for the cold stream, which keeps its encoding).
static void skip_obj(rd_t *r, int depth) {
    uint8_t kind = rd_byte(r);
    if (depth > 32) {
        r->bad = 1;
        return;
    }
    if (kind == MPY_CONST_TUPLE) {
        size_t n = rd_uint(r);
        for (size_t i = 0; i < n && !r->bad; i++) {
            skip_obj(r, depth + 1);
        }
    } else if (kind == MPY_CONST_STR || kind == MPY_CONST_BYTES) {
        size_t len = rd_uint(r);
        const uint8_t *s = rd_bytes(r, len + 1);
        r->bad |= s != NULL && s[len] != 0;
    } else if (kind >= MPY_CONST_INT && kind <= MPY_CONST_COMPLEX) {
        rd_bytes(r, rd_uint(r));
    } else if (kind < MPY_CONST_NONE || kind > MPY_CONST_ELLIPSIS) {
        r->bad = 1;
    }
}

// The runtime's object words (runtime/obj.h) that the frozen form writes.
#define WORD_NONE 0x06u
#define WORD_FALSE 0x0eu
#define WORD_TRUE 0x16u
#define WORD_QSTR(q) ((uint64_t)(q) << 3 | 2)

// The word of the .mpy constant kind None, False or True; 0 for any other kind.
static uint64_t const_word(uint8_t kind) {
    return kind == MPY_CONST_NONE ? WORD_NONE : kind == MPY_CONST_FALSE ? WORD_FALSE
         : kind == MPY_CONST_TRUE ? WORD_TRUE : 0;
}

// The small int v as the target's word (W bytes, the tag bit), or 0 if it does not fit
// (the runtime's SMALL_INT_FITS).
static uint64_t small_int_word(const conv_t *c, int64_t v) {
    int64_t lim = (int64_t)1 << (8 * c->w - 2);
    uint64_t mask = c->w == 8 ? ~(uint64_t)0 : 0xffffffffu;
    return v >= -lim && v < lim ? (((uint64_t)v << 1) | 1) & mask : 0;
}

// The same for the decimal text s[0..len) of a .mpy int constant.
static uint64_t small_int_text_word(const conv_t *c, const uint8_t *s, size_t len) {
    int neg = len > 0 && s[0] == '-';
    int64_t v = 0;
    if (len == (size_t)neg || len > (size_t)neg + 18) {
        return 0;  // 18 digits: no overflow, and past any target's small ints
    }
    for (size_t i = (size_t)neg; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        v = v * 10 + (s[i] - '0');
    }
    return small_int_word(c, neg ? -v : v);
}

// One tuple item as an immediate word (None, False, True, a str interned in the pool, a
// small int), or 0 if it is not one; intern 0 only checks.
static uint64_t imm_item(conv_t *c, int intern_str) {
    uint8_t kind = rd_byte(&c->r);
    if (const_word(kind) != 0) {
        return const_word(kind);
    }
    if (kind != MPY_CONST_STR && kind != MPY_CONST_INT) {
        return 0;
    }
    size_t len = rd_uint(&c->r);
    const uint8_t *s = rd_bytes(&c->r, len + (kind == MPY_CONST_STR));
    if (s == NULL || c->r.bad) {
        return 0;
    }
    if (kind == MPY_CONST_INT) {
        return small_int_text_word(c, s, len);
    }
    size_t q = len > 0xffff || s[len] != 0 ? 0 : !intern_str ? 1 : intern(c->pool, s, len);
    return q == 0 ? 0 : WORD_QSTR(q);
}

// Whether the compiler writes text[0..n) for the double x (then freeze inspect rebuilds
// the constant from the value alone).
static bool float_text_follows(double x, const uint8_t *text, size_t n) {
    char t[FORMATFLOAT_BUF_SIZE + 2];
    return mpy_float_text(t, x, false) == n && memcmp(t, text, n) == 0;
}

// A float constant as the target's runtime reads it (runtime/objfloat.c float_parse, for
// its precision), at offset max(W, its size) as in obj_float_t; then, unless its text
// follows from the value (IMAGE_ROM_FLOAT), the constant's .mpy encoding for freeze
// inspect --extract (IMAGE_ROM_FLOAT_TEXT).
static size_t rom_float(conv_t *c, const uint8_t *start, const uint8_t *s, size_t n) {
    int single = c->float_kind == IMAGE_FLOAT_SINGLE;
    size_t fsize = single ? 4 : 8, voff = image_rom_float_value(c->w, fsize);
    bool imag = false, text;
    uint64_t bits = 0;
    if (single) {
        float f;
        uint32_t b32;
        if (!formatfloat_parse_f((const char *)s, n, false, &f, &imag)) {
            return 0;
        }
        memcpy(&b32, &f, 4);
        bits = b32;
        text = !float_text_follows((double)f, s, n);
    } else {
        double d;
        if (!formatfloat_parse((const char *)s, n, false, &d, &imag)) {
            return 0;
        }
        memcpy(&bits, &d, 8);
        text = !float_text_follows(d, s, n);
    }
    align(&c->rom, voff);  // the object is voff-aligned, so its offsets are the layout's
    size_t at = c->rom.n;
    put_le(&c->rom, text ? IMAGE_ROM_FLOAT_TEXT : IMAGE_ROM_FLOAT, c->w);
    align(&c->rom, voff);
    put_le(&c->rom, bits, (unsigned)fsize);
    align(&c->rom, c->w);
    if (c->rom.n - at != image_rom_float_enc(c->w, fsize)) {
        return 0;  // cannot happen for words and floats of 4 or 8 bytes
    }
    if (text) {
        put(&c->rom, start, (size_t)(c->r.p - start));
    }
    return at + 1;
}

// A big int constant (decimal text s[0..n), the .mpy's) as an object in flash: its
// magnitude in u16 digits, least significant first (image.h); 0 (it stays cold) for a
// value a small int of the target holds or text that is no plain decimal.
static size_t rom_int(conv_t *c, const uint8_t *s, size_t n) {
    size_t neg = n > 0 && s[0] == '-', len = 0;
    uint16_t *dig = n > neg ? calloc(n, sizeof *dig) : NULL;  // 16 bits a decimal digit
    if (dig == NULL) {
        return 0;
    }
    for (size_t i = neg; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || (i == neg && s[i] == '0' && n > neg + 1)) {
            free(dig);
            return 0;
        }
        uint32_t carry = (uint32_t)(s[i] - '0');
        for (size_t k = 0; k < len; k++) {
            uint32_t v = dig[k] * 10u + carry;
            dig[k] = (uint16_t)v;
            carry = v >> 16;
        }
        if (carry != 0) {
            dig[len++] = (uint16_t)carry;
        }
    }
    // The target's small ints have 8 W - 1 bits: they hold |v| < 2**(8 W - 2), and
    // -2**(8 W - 2), the one magnitude of 8 W - 1 bits that fits (a single 1 bit).
    size_t bits = len > 0 ? 16 * (len - 1) : 0, small = 8 * (size_t)c->w - 2;
    for (unsigned top = len > 0 ? dig[len - 1] : 0; top != 0; top >>= 1) {
        bits++;
    }
    int min_small = neg && bits == small + 1 && (dig[len - 1] & (dig[len - 1] - 1)) == 0;
    for (size_t k = 0; min_small && k + 1 < len; k++) {
        min_small = dig[k] == 0;
    }
    size_t at = 0;
    if (bits > small && !min_small) {
        align(&c->rom, c->w);
        at = c->rom.n + 1;
        put_le(&c->rom, IMAGE_ROM_INT, c->w);
        put_le(&c->rom, len, c->w);
        put_le(&c->rom, neg, c->w);
        for (size_t k = 0; k < len; k++) {
            put_le(&c->rom, dig[k], 2);
        }
    }
    free(dig);
    return at;
}

// A bytes, float or big int constant, or a tuple of immediates, as an object in flash
// (image.h): returns its rom offset + 1, or 0 (the reader back at start) if the constant
// is not one.
static size_t rom_obj(conv_t *c, const uint8_t *start) {
    uint8_t kind = rd_byte(&c->r);
    size_t n = rd_uint(&c->r), at = 0;
    if (kind == MPY_CONST_FLOAT && c->float_kind != IMAGE_FLOAT_NONE) {
        const uint8_t *s = rd_bytes(&c->r, n);
        if (s != NULL && !c->r.bad) {
            at = rom_float(c, start, s, n);
        }
    } else if (kind == MPY_CONST_INT) {
        const uint8_t *s = rd_bytes(&c->r, n);
        if (s != NULL && !c->r.bad) {
            at = rom_int(c, s, n);
        }
    } else if (kind == MPY_CONST_BYTES) {
        const uint8_t *s = rd_bytes(&c->r, n + 1);
        if (s != NULL && s[n] == 0 && !c->r.bad) {
            align(&c->rom, c->w);
            at = c->rom.n + 1;
            put_le(&c->rom, IMAGE_ROM_BYTES, c->w);
            put_le(&c->rom, 0, c->w);  // hash: computed when asked
            put_le(&c->rom, n, c->w);
            put_le(&c->rom, 0, c->w);  // data: follows
            put(&c->rom, s, n + 1);
        }
    } else if (kind == MPY_CONST_TUPLE && n <= (size_t)(c->r.end - c->r.p)) {
        const uint8_t *items = c->r.p;
        int ok = 1;
        for (size_t i = 0; i < n && ok; i++) {
            ok = imm_item(c, 0) != 0;  // checks them all before a name enters the pool
        }
        if (ok && !c->r.bad) {
            c->r.p = items;
            align(&c->rom, c->w);
            at = c->rom.n + 1;
            put_le(&c->rom, IMAGE_ROM_TUPLE, c->w);
            put_le(&c->rom, n, c->w);
            for (size_t i = 0; i < n; i++) {
                uint64_t w = imm_item(c, 1);
                ok &= w != 0;
                put_le(&c->rom, w, c->w);
            }
            at = ok ? at : 0;  // a name the pool refused: the tuple stays cold
        }
    }
    if (at == 0) {
        c->r.p = start;
        c->r.bad = 0;
    }
    return at;
}

static int add_fix(conv_t *c, size_t entry) {
    if (c->n_fix == c->cap_fix) {
        size_t cap = c->cap_fix ? 2 * c->cap_fix : 16;
        size_t *v = realloc(c->rom_fix, cap * sizeof *v);
        if (v == NULL) {
            return -1;
        }
        c->rom_fix = v;
        c->cap_fix = cap;
    }
    c->rom_fix[c->n_fix++] = entry;
    return 0;
}

static void conv_obj(conv_t *c) {
    const uint8_t *start = c->r.p;
    uint8_t kind = start < c->r.end ? *start : 0;
    uint64_t word = 0;
    size_t rom;
    if ((kind == MPY_CONST_BYTES || kind == MPY_CONST_TUPLE || kind == MPY_CONST_FLOAT
         || kind == MPY_CONST_INT)
        && (rom = rom_obj(c, start)) != 0) {
        if (add_fix(c, c->objs.n / c->w) != 0) {
            c->r.bad = 1;  // out of memory: the build fails as for a corrupt module
        }
        put_le(&c->objs, rom - 1, c->w);  // made IMAGE_ROM_REF by assemble
        return;
    }
    if (const_word(kind) != 0) {
        rd_byte(&c->r);
        word = const_word(kind);
    } else if (kind == MPY_CONST_STR) {
        rd_byte(&c->r);
        size_t len = rd_uint(&c->r);
        const uint8_t *s = rd_bytes(&c->r, len + 1);
        size_t q = s != NULL && len <= 0xffff ? intern(c->pool, s, len) : 0;
        if (q != 0) {
            word = WORD_QSTR(q);
        }
    } else {
        skip_obj(&c->r, 0);
    }
    if (word == 0 && !c->r.bad) {
        put(&c->cold, start, (size_t)(c->r.p - start));
        word = IMAGE_COLD_REF(c->n_cold++);  // built at import, kept in the context
    }
    put_le(&c->objs, word, c->w);
}

int frozen_code_split(const uint8_t *code, size_t len, frozen_code_t *out) {
    rd_t r = { code, code + len, 0 };
    uint8_t z = rd_byte(&r);
    size_t S = (z >> 3) & 0xf, E = (z >> 2) & 1, F = 0, A = z & 3, K = 0, D = 0;
    for (int n = 0; (z & 0x80) && !r.bad; n++) {
        if (n > 12) {
            return -1;
        }
        z = rd_byte(&r);
        F |= (size_t)((z >> 6) & 1) << n;
        S |= (size_t)((z >> 4) & 3) << (4 + 2 * n);
        K |= (size_t)((z >> 3) & 1) << n;
        A |= (size_t)((z >> 2) & 1) << (2 + n);
        E |= (size_t)((z >> 1) & 1) << (1 + n);
        D |= (size_t)(z & 1) << n;
    }
    size_t n_info = 0, n_cell = 0;
    for (int n = 0; !r.bad; n++) {
        if (n > 8) {
            return -1;
        }
        z = rd_byte(&r);
        n_info |= (size_t)((z >> 1) & 0x3f) << (6 * n);
        n_cell |= (size_t)(z & 1) << n;
        if (!(z & 0x80)) {
            break;
        }
    }
    // The runtime's limits (runtime/mpyload.c), so that what freezes also loads.
    if (r.bad || S + 1 > 0xffff || E > 0xff || A > 0xffff || K > 0xffff || D > A || F > 0xf
        || n_cell > 0xffff) {
        return -1;
    }
    size_t info = (size_t)(r.p - code);
    if (n_info > len - info) {
        return -1;
    }
    rd_t ir = { r.p, r.p + n_info, 0 };
    out->name = rd_uint(&ir);
    for (size_t i = 0; i < A + K; i++) {
        rd_uint(&ir);
    }
    if (ir.bad || info + n_info + n_cell >= len) {
        return -1;  // a code block always ends in an instruction
    }
    out->line_info = (size_t)(ir.p - code);
    out->line_info_end = info + n_info;
    out->bytecode = info + n_info + n_cell;
    out->n_def_pos = D;
    out->aux_bytes = image_frc_aux_bytes((uint32_t)A, (uint32_t)K, (uint32_t)D, (uint32_t)F);
    return 0;
}

// Checks the prelude of code[0..len) against the module's qstr table, and gives the code
// block its defaults: in the flash defaults if its def pushes them as constants (cd, as
// words, from its parent's code), else words in the defaults store.
static int conv_prelude(conv_t *c, const uint8_t *code, size_t len, frec_t *rec,
                        const cdefs_t *cd) {
    frozen_code_t fc;
    if (frozen_code_split(code, len, &fc) != 0 || fc.name >= c->n_qstr) {
        return -1;
    }
    rec->aux_bytes = fc.aux_bytes;
    size_t n_flash = c->fdefs.n / c->w;
    if (fc.n_def_pos > 0 && cd != NULL && cd->n == fc.n_def_pos
        && n_flash + cd->n < IMAGE_FRC_DEFS_LIMIT) {
        rec->defaults = (uint32_t)(IMAGE_FRC_FLASH_DEFS | n_flash);
        for (size_t i = 0; i < cd->n; i++) {
            put_le(&c->fdefs, cd->w[i], c->w);
        }
    } else if (fc.n_def_pos > 0) {
        if (c->n_defs + fc.n_def_pos > IMAGE_FRC_DEFS_LIMIT - 1) {
            return -1;
        }
        rec->defaults = (uint32_t)(c->n_defs + 1);
        c->n_defs += fc.n_def_pos;
    }
    return 0;
}

static int new_rec(conv_t *c) {
    if (c->n_rec >= IMAGE_FRC_MAX_RECORDS) {
        return -1;  // stays a .mpy
    }
    if (c->n_rec == c->cap_rec) {
        size_t cap = c->cap_rec ? c->cap_rec * 2 : 16;
        frec_t *v = realloc(c->recs, cap * sizeof *v);
        if (v == NULL) {
            return -1;
        }
        c->recs = v;
        c->cap_rec = cap;
    }
    memset(&c->recs[c->n_rec], 0, sizeof c->recs[0]);
    return (int)c->n_rec++;
}

// The argument format of opcode op (runtime/opcodes.h), OPARG_NONE for unknown bytes.
static int op_arg(uint8_t op) {
#define ARG_OF(name, first, last, arg, cdelta) \
    if (op >= (first) && op <= (last)) { \
        return arg; \
    }
    OPCODE_LIST(ARG_OF)
#undef ARG_OF
    return -1;
}

// Decodes the instruction at *p (its argument, as a signed value, into *arg); 0, or -1
// past end or at a byte that is no opcode.
static int next_insn(const uint8_t **p, const uint8_t *end, uint8_t *op, int64_t *arg) {
    rd_t r = { *p, end, 0 };
    *op = rd_byte(&r);
    int kind = op_arg(*op);
    *arg = 0;
    if (kind == OPARG_QSTR || kind == OPARG_UINT) {
        *arg = (int64_t)rd_uint(&r);
    } else if (kind == OPARG_SINT) {
        uint8_t b = rd_byte(&r);
        uint64_t v = (b & 0x40) ? ~(uint64_t)0 : 0;
        for (int n = 0;; n++) {
            v = (v << 7) | (b & 0x7f);
            if (!(b & 0x80) || n > 9 || r.bad) {
                break;
            }
            b = rd_byte(&r);
        }
        *arg = (int64_t)v;
    } else if (kind == OPARG_SOFF || kind == OPARG_UOFF) {
        if (rd_byte(&r) & 0x80) {
            rd_byte(&r);
        }
    }
    if (kind != OPARG_NONE && kind >= 0 && MP_BC_HAS_EXTRA_BYTE(*op)) {
        rd_byte(&r);
    }
    *p = r.p;
    return r.bad || kind < 0 ? -1 : 0;
}

// For constant k an object in flash: IMAGE_ROM_REF(1 + its offset among the flash
// objects), which assemble turns into one from the module's first byte; else 0.
static uint64_t rom_const_word(const conv_t *c, int64_t k) {
    for (size_t i = 0; i < c->n_fix; i++) {
        if ((int64_t)c->rom_fix[i] == k) {
            return IMAGE_ROM_REF(rd_word(c->objs.b + (size_t)k * c->w, c->w) + 1);
        }
    }
    return 0;
}

// The word a constant-pushing instruction pushes (None, False, True, a pool qstr, a small
// int of the target), or 0 if op is no such instruction.
static uint64_t pushed_const(const conv_t *c, uint8_t op, int64_t arg) {
    if (op >= MP_BC_LOAD_CONST_SMALL_INT_MULTI && op < MP_BC_LOAD_CONST_SMALL_INT_MULTI + 64) {
        return small_int_word(c, (int64_t)op - MP_BC_SMALL_INT_MULTI_ZERO);
    }
    switch (op) {
        case MP_BC_LOAD_CONST_NONE: return WORD_NONE;
        case MP_BC_LOAD_CONST_FALSE: return WORD_FALSE;
        case MP_BC_LOAD_CONST_TRUE: return WORD_TRUE;
        case MP_BC_LOAD_CONST_STRING:
            return arg >= 0 && (size_t)arg < c->n_qstr ? WORD_QSTR(c->qstrs[arg]) : 0;
        case MP_BC_LOAD_CONST_SMALL_INT: return small_int_word(c, arg);
        case MP_BC_LOAD_CONST_OBJ: return rom_const_word(c, arg);
        default: return 0;
    }
}

// The names a module or class body last stored a constant in (`ADDR = 0x20`), so that a
// default read from one (`def f(addr=ADDR)`) is expected to be that constant. A guess:
// the runtime checks it (keep_defaults), and a store of anything else forgets the name.
#define CNAMES_MAX 64
typedef struct cnames {
    size_t n;
    struct { int64_t q; uint64_t w; } e[CNAMES_MAX];
    const struct cnames *parent;  // the enclosing body's names, for a class body's lookups
} cnames_t;

static uint64_t cnames_get(const cnames_t *t, int64_t q) {
    for (; t != NULL; t = t->parent) {
        for (size_t i = 0; i < t->n; i++) {
            if (t->e[i].q == q) {
                return t->e[i].w;
            }
        }
    }
    return 0;
}

// Records q = w (w 0: q holds no known constant now).
static void cnames_set(cnames_t *t, int64_t q, uint64_t w) {
    for (size_t i = 0; i < t->n; i++) {
        if (t->e[i].q == q) {
            t->e[i] = t->e[--t->n];
            break;
        }
    }
    if (w != 0 && t->n < CNAMES_MAX) {
        t->e[t->n].q = q;
        t->e[t->n++].w = w;
    }
}

// The word an instruction pushes if it is a constant, or a name read of one (cnames).
static uint64_t pushed_value(const conv_t *c, const cnames_t *names, uint8_t op, int64_t arg) {
    if (op == MP_BC_LOAD_NAME || op == MP_BC_LOAD_GLOBAL) {
        return cnames_get(names, arg);
    }
    return pushed_const(c, op, arg);
}

// The distinct names the STORE_NAMEs of code[0..len) store, at most IMAGE_FRC_NAMES_MAX:
// the record's names field, by which the runtime sizes the block's namespace.
static uint32_t store_names(const conv_t *c, const uint8_t *code, size_t len) {
    frozen_code_t fc;
    uint8_t *seen = calloc(c->n_qstr / 8 + 1, 1);
    uint32_t n = 0;
    if (seen == NULL || frozen_code_split(code, len, &fc) != 0) {
        free(seen);
        return 0;
    }
    for (const uint8_t *p = code + fc.bytecode, *end = code + len; p < end;) {
        uint8_t op;
        int64_t arg;
        if (next_insn(&p, end, &op, &arg) != 0) {
            break;
        }
        if (op == MP_BC_STORE_NAME && arg >= 0 && (size_t)arg < c->n_qstr
            && !(seen[arg / 8] & (1u << (arg % 8)))) {
            seen[arg / 8] |= (uint8_t)(1u << (arg % 8));
            n += n < IMAGE_FRC_NAMES_MAX;
        }
    }
    free(seen);
    return n;
}

// For each child of the code block code[0..len), the defaults it is made with when its
// def pushes n constants (or names holding one: cnames), BUILD_TUPLE n, LOAD_NULL (no
// keyword defaults) and MAKE_FUNCTION_DEFARGS: cd[k].n > 0 then. The runtime compares
// them with what the def really passes (rawcode.c keep_defaults), so neither a jump into
// the sequence nor a name changed behind the scan's back can mislead it. names gets the
// block's stores of constants.
static void const_defaults(const conv_t *c, const uint8_t *code, size_t len, cdefs_t *cd,
                           size_t n_children, cnames_t *names) {
    frozen_code_t fc;
    if (frozen_code_split(code, len, &fc) != 0) {
        return;
    }
    enum { WIN = 40 };
    uint8_t ops[WIN];
    int64_t args[WIN];
    size_t n = 0;
    for (const uint8_t *p = code + fc.bytecode, *end = code + len; p < end; n++) {
        uint8_t op;
        int64_t arg;
        if (next_insn(&p, end, &op, &arg) != 0) {
            return;
        }
        ops[n % WIN] = op;
        args[n % WIN] = arg;
        if (op == MP_BC_STORE_NAME || op == MP_BC_DELETE_NAME) {
            bool known = op == MP_BC_STORE_NAME && n > 0;
            cnames_set(names, arg, known ? pushed_value(c, names, ops[(n - 1) % WIN], args[(n - 1) % WIN]) : 0);
            continue;
        }
        if (op != MP_BC_MAKE_FUNCTION_DEFARGS || arg < 0 || (size_t)arg >= n_children || n < 2
            || ops[(n - 1) % WIN] != MP_BC_LOAD_NULL || ops[(n - 2) % WIN] != MP_BC_BUILD_TUPLE) {
            continue;
        }
        size_t k = (size_t)arg, nd = (size_t)args[(n - 2) % WIN];
        if (nd == 0 || nd > CDEFS_MAX || nd + 2 > n) {
            continue;
        }
        for (size_t i = 0; i < nd; i++) {
            size_t j = n - 2 - nd + i;
            cd[k].w[i] = pushed_value(c, names, ops[j % WIN], args[j % WIN]);
            if (cd[k].w[i] == 0) {
                nd = 0;
                break;
            }
        }
        cd[k].n = nd;
    }
}

// One raw code and its children, depth-first (the records keep the .mpy's order).
static int conv_rc(conv_t *c, int depth, const cdefs_t *my_defs, const cnames_t *outer) {
    size_t kind_len = rd_uint(&c->r);
    int me = new_rec(c);
    if (c->r.bad || depth > 64 || me < 0 || (kind_len & 3) != MPY_CODE_BYTECODE) {
        return -1;
    }
    size_t len = kind_len >> 3;
    const uint8_t *code = rd_bytes(&c->r, len);
    frec_t rec = { 0 };
    if (code == NULL || len > UINT32_MAX || conv_prelude(c, code, len, &rec, my_defs) != 0) {
        return -1;
    }
    align(&c->codes, 1);
    rec.code_off = (uint32_t)c->codes.n;  // relative to the code area; fixed up later
    rec.code_len = (uint32_t)len;
    rec.names = store_names(c, code, len);
    put(&c->codes, code, len);
    size_t n_children = (kind_len & 4) ? rd_uint(&c->r) : 0;
    if (c->r.bad || n_children > (size_t)(c->r.end - c->r.p)) {
        return -1;
    }
    uint32_t *kids = n_children ? malloc(n_children * sizeof *kids) : NULL;
    cdefs_t *cd = n_children ? calloc(n_children, sizeof *cd) : NULL;
    cnames_t *names = n_children ? malloc(sizeof *names) : NULL;
    int bad = n_children && (kids == NULL || cd == NULL || names == NULL);
    if (!bad && n_children) {
        names->n = 0;
        names->parent = outer;
        const_defaults(c, code, len, cd, n_children, names);
    }
    for (size_t i = 0; i < n_children && !bad; i++) {
        int k = conv_rc(c, depth + 1, cd[i].n > 0 ? &cd[i] : NULL, names);
        bad = k < 0;
        kids[i] = (uint32_t)k;
    }
    free(cd);
    free(names);
    if (bad) {
        free(kids);
        return -1;
    }
    rec.n_children = (uint32_t)n_children;
    rec.first_child = (uint32_t)(c->kids.n / 2);
    int fits = n_children <= 0xffff && rec.first_child + n_children <= 0xffff;
    for (size_t i = 0; i < n_children; i++) {
        fits &= kids[i] <= 0xffff;
        put_le(&c->kids, kids[i], 2);
    }
    if (!fits) {
        free(kids);
        return -1;
    }
    free(kids);
    c->recs[me] = rec;
    return me;
}

// The records in breadth-first order of the code tree (runtime/image.h): order[j] is
// the .mpy-order record that becomes record j.
static void bfs_order(const conv_t *c, uint32_t *order) {
    size_t head = 0, tail = 0;
    order[tail++] = 0;
    while (head < tail) {
        const frec_t *r = &c->recs[order[head++]];
        for (size_t k = 0; k < r->n_children && tail < c->n_rec; k++) {  // a tree: n_rec in all
            order[tail++] = (uint32_t)image_rd16(c->kids.b + 2 * ((size_t)r->first_child + k));
        }
    }
}

// Writes the records breadth-first and the one for code_end, and the code blocks in that
// order, each followed by its tail: its aux field, the defaults (2 bytes; in flash:
// counted back from the records, which follow the n_fdefs words) or the names (1 byte)
// as its prelude says, then a parent's first child (runtime/image.h). Returns -1 if a
// field overflows: code that ends 32 KiB or more past the records.
static int put_records(buf_t *o, const conv_t *c, size_t n_fdefs) {
    uint32_t *order = c->kids.oom || c->codes.oom ? NULL : calloc(c->n_rec, sizeof *order);
    if (order == NULL) {
        return -1;
    }
    bfs_order(c, order);
    size_t code = 0;
    int fits = 1;
    for (size_t j = 0; j < c->n_rec; j++) {
        const frec_t *r = &c->recs[order[j]];
        fits &= code < IMAGE_FRC_CODE_LIMIT;
        put_le(o, (code & ~(size_t)IMAGE_FRC_PARENT) | (r->n_children ? IMAGE_FRC_PARENT : 0), 2);
        code += r->code_len + r->aux_bytes + (r->n_children ? 2 : 0);
    }
    fits &= code < IMAGE_FRC_CODE_LIMIT;
    put_le(o, code & ~(size_t)IMAGE_FRC_PARENT, 2);  // code_end
    uint32_t next_child = 1;
    for (size_t j = 0; j < c->n_rec && !c->codes.oom; j++) {
        const frec_t *r = &c->recs[order[j]];
        put(o, c->codes.b + r->code_off, r->code_len);
        fits &= r->aux_bytes != 1 || r->defaults == 0;
        uint32_t defs = r->defaults;
        if (defs & IMAGE_FRC_FLASH_DEFS) {  // an index into the flash defaults, till now
            defs = IMAGE_FRC_FLASH_DEFS | (uint32_t)(n_fdefs - (defs & ~IMAGE_FRC_FLASH_DEFS));
        }
        put_le(o, r->aux_bytes == 2 ? defs : r->names, r->aux_bytes);
        if (r->n_children) {
            put_le(o, next_child, 2);
            next_child += r->n_children;
        }
    }
    free(order);
    return fits && code <= UINT32_MAX ? 0 : -1;
}

// Lays the parts out after the header (runtime/image.h "Frozen module").
static int assemble(conv_t *c, const uint8_t *head, uint8_t **out, size_t *out_len) {
    buf_t o = { 0 };
    size_t n_obj = c->objs.n / c->w, n_fdefs = c->fdefs.n / c->w;
    if (c->n_qstr > IMAGE_FMOD_MAX_COUNT || n_obj > IMAGE_FMOD_MAX_COUNT
        || c->n_rec > IMAGE_FMOD_MAX_COUNT || c->cold.n > IMAGE_FMOD_MAX_COLD) {
        return -1;  // stays a .mpy
    }
    put_le(&o, IMAGE_FMOD_TAG, 1);
    put(&o, head + 3, 1);
    put_uint(&o, c->n_qstr);
    put_uint(&o, n_obj);
    put_uint(&o, c->n_rec);
    put_uint(&o, c->n_defs);
    put_uint(&o, n_fdefs);
    put_uint(&o, c->cold.n);
    align(&o, 2);
    for (size_t i = 0; i < c->n_qstr; i++) {
        put_le(&o, c->qstrs[i], 2);
    }
    align(&o, c->w);
    c->objs_off = o.n;
    put(&o, c->objs.b, c->objs.n);
    for (size_t i = 0; i < n_obj && !o.oom; i++) {  // cold constants: after the store
        uint64_t w = rd_word(o.b + c->objs_off + i * c->w, c->w);
        if (IMAGE_IS_COLD_REF(w)) {
            set_le(&o, c->objs_off + i * c->w, IMAGE_COLD_REF(c->n_defs + IMAGE_COLD_REF_INDEX(w)), c->w);
        }
    }
    put(&o, c->cold.b, c->cold.n);
    align(&o, c->w);
    size_t fdefs_at = o.n;
    put(&o, c->fdefs.b, c->fdefs.n);
    int fits = put_records(&o, c, n_fdefs) == 0;
    if (c->rom.n > 0) {
        align(&o, image_data_align(c->w, c->float_kind));  // a double's, on a 32-bit target too
    }
    size_t rom_off = o.n;
    put(&o, c->rom.b, c->rom.n);
    for (size_t at = fdefs_at; at < fdefs_at + c->fdefs.n && !o.oom; at += c->w) {
        uint64_t w = rd_word(o.b + at, c->w);
        if (IMAGE_IS_ROM_REF(w)) {  // rom_const_word's: from the flash objects' start
            set_le(&o, at, IMAGE_ROM_REF(rom_off + IMAGE_ROM_REF_OFF(w) - 1), c->w);
        }
    }
    for (size_t i = 0; i < c->n_fix && !o.oom; i++) {
        size_t at = c->objs_off + c->rom_fix[i] * c->w;
        set_le(&o, at, IMAGE_ROM_REF(rom_off + rd_word(o.b + at, c->w)), c->w);
    }
    if (o.oom || !fits) {
        free(o.b);
        return -1;
    }
    *out = o.b;
    *out_len = o.n;
    return 0;
}

static int conv_qstrs(conv_t *c) {
    c->qstrs = calloc(c->n_qstr + 1, sizeof *c->qstrs);
    if (c->qstrs == NULL) {
        return -1;
    }
    for (size_t i = 0; i < c->n_qstr; i++) {
        size_t v = rd_uint(&c->r);
        if (v & 1) {
            if ((v >> 1) == 0 || (v >> 1) >= N_STATIC) {
                return -1;
            }
            c->qstrs[i] = v >> 1;
            continue;
        }
        const uint8_t *s = rd_bytes(&c->r, (v >> 1) + 1);
        if (s == NULL || s[v >> 1] != 0 || (c->qstrs[i] = intern(c->pool, s, v >> 1)) == 0) {
            return -1;
        }
    }
    return c->r.bad ? -1 : 0;
}

int frozen_from_mpy(const uint8_t *mpy, size_t n, unsigned word_bytes, unsigned float_kind,
                    frozen_pool_t *pool, uint8_t **out, size_t *out_len) {
    *out = NULL;
    if (n < 4 || mpy[0] != MPY_MAGIC || mpy[1] != MPY_VERSION || mpy[2] != MPY_FEATURES_BYTECODE
        || (word_bytes != 4 && word_bytes != 8)) {
        return -1;
    }
    conv_t c;
    memset(&c, 0, sizeof c);
    c.r = (rd_t){ mpy + 4, mpy + n, 0 };
    c.w = word_bytes;
    c.float_kind = float_kind;
    c.pool = pool;
    c.n_qstr = rd_uint(&c.r);
    size_t n_obj = rd_uint(&c.r);
    int st = -1;
    if (!c.r.bad && c.n_qstr <= n && n_obj <= n && conv_qstrs(&c) == 0) {
        for (size_t i = 0; i < n_obj && !c.r.bad; i++) {
            conv_obj(&c);
        }
        if (!c.r.bad && conv_rc(&c, 0, NULL, NULL) == 0 && !c.r.bad && c.r.p == c.r.end) {
            st = assemble(&c, mpy, out, out_len);
        }
    }
    if (c.objs.oom || c.cold.oom || c.kids.oom || c.codes.oom || c.rom.oom || c.fdefs.oom) {
        free(*out);
        *out = NULL;
        st = -1;
    }
    free(c.qstrs);
    free(c.objs.b);
    free(c.cold.b);
    free(c.rom.b);
    free(c.rom_fix);
    free(c.fdefs.b);
    free(c.kids.b);
    free(c.codes.b);
    free(c.recs);
    return st;
}

/* ------------------------------------------------------------------------------------
 * Frozen back to .mpy (freeze inspect).
 */
typedef struct {
    const uint8_t *img, *fm;
    size_t img_len, n;
    buf_t o;
    uint32_t n_rc;
    frozen_block_t *blocks;  // the module's code blocks (frozen_blocks)
} back_t;

static uint32_t rd32_at(const uint8_t *p) {
    return image_rd32(p);
}

// The text of qstr q: built-in, or in the image's pool. NULL if out of range.
static const char *qstr_text(const back_t *b, uint64_t q, size_t *len) {
    if (q > 0 && q < N_BUILTIN) {
        *len = strlen(builtin_names[q]);
        return builtin_names[q];
    }
    uint32_t pool_off = rd32_at(b->img + IMAGE_OFF_POOL);
    const uint8_t *pool = b->img + pool_off;
    if (pool_off == 0 || q < IMAGE_QSTR_BASE || q - IMAGE_QSTR_BASE >= image_pool_count(pool)) {
        return NULL;
    }
    return image_pool_str(pool, q - IMAGE_QSTR_BASE, len);
}

// An immediate word (a constant table entry, a tuple item of an object in flash) back to
// its .mpy encoding; 0, or -1 if it is not one the frozen form writes.
static int back_item(back_t *b, uint64_t item, unsigned w) {
    size_t len;
    const char *s;
    if (item == WORD_NONE || item == WORD_FALSE || item == WORD_TRUE) {
        uint8_t k = item == WORD_NONE ? MPY_CONST_NONE : item == WORD_FALSE ? MPY_CONST_FALSE : MPY_CONST_TRUE;
        put(&b->o, &k, 1);
    } else if ((item & 7) == 2 && (s = qstr_text(b, item >> 3, &len)) != NULL) {
        uint8_t k = MPY_CONST_STR;
        put(&b->o, &k, 1);
        put_uint(&b->o, len);
        put(&b->o, s, len + 1);
    } else if (item & 1) {  // a small int: the .mpy writes ints in decimal
        int64_t v = (int64_t)(w == 8 ? item : (uint64_t)(int64_t)(int32_t)(uint32_t)item) >> 1;
        char num[24];
        int n = snprintf(num, sizeof num, "%lld", (long long)v);
        uint8_t k = MPY_CONST_INT;
        put(&b->o, &k, 1);
        put_uint(&b->o, (size_t)n);
        put(&b->o, num, (size_t)n);
    } else {
        return -1;
    }
    return 0;
}

// The .mpy encoding of the big int in flash at off with len digits: its decimal text.
static int back_int(back_t *b, uint64_t off, uint64_t len, unsigned w) {
    if (len == 0 || 3 * (uint64_t)w > b->n - off || len > (b->n - off - 3 * (uint64_t)w) / 2) {
        return -1;
    }
    uint16_t *dig = malloc((size_t)len * sizeof *dig);
    char *text = malloc((size_t)len * 5 + 2);  // 5 decimal digits a u16, and a sign
    if (dig == NULL || text == NULL) {
        free(dig);
        free(text);
        return -1;
    }
    for (uint64_t k = 0; k < len; k++) {
        dig[k] = (uint16_t)rd_word(b->fm + off + 3 * w + 2 * k, 2);
    }
    size_t n = 0, top = (size_t)len;
    while (top > 0) {  // divide by 10 until nothing is left, the digits come out last first
        uint32_t rem = 0;
        for (size_t k = top; k-- > 0;) {
            uint32_t v = rem << 16 | dig[k];
            dig[k] = (uint16_t)(v / 10);
            rem = v % 10;
        }
        text[n++] = (char)('0' + rem);
        while (top > 0 && dig[top - 1] == 0) {
            top--;
        }
    }
    if (rd_word(b->fm + off + 2 * w, w) != 0) {
        text[n++] = '-';
    }
    uint8_t k = MPY_CONST_INT;
    put(&b->o, &k, 1);
    put_uint(&b->o, n);
    for (size_t i = n; i-- > 0;) {
        put(&b->o, (const uint8_t *)&text[i], 1);
    }
    free(dig);
    free(text);
    return 0;
}

// A float in flash whose text follows from its value (IMAGE_ROM_FLOAT) at v back to its
// .mpy encoding.
static int back_float(back_t *b, const uint8_t *v, bool single) {
    double x;
    if (single) {
        float f;
        uint32_t b32 = image_rd32(v);
        memcpy(&f, &b32, 4);
        x = f;
    } else {
        uint64_t b64 = image_rd32(v) | (uint64_t)image_rd32(v + 4) << 32;
        memcpy(&x, &b64, 8);
    }
    char t[FORMATFLOAT_BUF_SIZE + 2];
    size_t n = mpy_float_text(t, x, false);
    uint8_t type = MPY_CONST_FLOAT;
    put(&b->o, &type, 1);
    put_uint(&b->o, n);
    put(&b->o, (const uint8_t *)t, n);
    return 0;
}

// An object in flash (runtime/image.h) at module offset off back to its .mpy encoding.
static int back_rom(back_t *b, uint64_t off, unsigned w) {
    if (off > b->n || 2 * (uint64_t)w > b->n - off) {
        return -1;
    }
    uint64_t kind = rd_word(b->fm + off, w), n = rd_word(b->fm + off + w, w);
    uint8_t k = kind == IMAGE_ROM_BYTES ? MPY_CONST_BYTES : MPY_CONST_TUPLE;
    if (kind == IMAGE_ROM_FLOAT || kind == IMAGE_ROM_FLOAT_TEXT) {
        bool single = b->img[IMAGE_OFF_FLOAT_KIND] == IMAGE_FLOAT_SINGLE;
        size_t fsize = single ? 4 : 8, enc = image_rom_float_enc(w, fsize);
        if (enc > b->n - off) {
            return -1;
        }
        if (kind == IMAGE_ROM_FLOAT) {  // the compiler's text of the value
            return back_float(b, b->fm + off + image_rom_float_value(w, fsize), single);
        }
        rd_t r = { b->fm + off + enc, b->fm + b->n, 0 };
        skip_obj(&r, 0);
        if (r.bad || b->fm[off + enc] != MPY_CONST_FLOAT) {
            return -1;
        }
        put(&b->o, b->fm + off + enc, (size_t)(r.p - (b->fm + off + enc)));
        return 0;
    }
    if (kind == IMAGE_ROM_INT) {  // kind, len, neg, digits: back to decimal text
        return back_int(b, off, n, w);
    }
    if (kind == IMAGE_ROM_BYTES) {  // kind, hash, len, data; the bytes and a NUL follow
        if (4 * (uint64_t)w > b->n - off) {
            return -1;
        }
        n = rd_word(b->fm + off + 2 * w, w);
        if (n >= b->n - off - 4 * (uint64_t)w || b->fm[off + 4 * w + n] != 0) {
            return -1;
        }
        put(&b->o, &k, 1);
        put_uint(&b->o, (size_t)n);
        put(&b->o, b->fm + off + 4 * w, (size_t)n + 1);
        return 0;
    }
    if (kind != IMAGE_ROM_TUPLE || n > (b->n - off) / w - 2) {
        return -1;
    }
    put(&b->o, &k, 1);
    put_uint(&b->o, (size_t)n);
    for (uint64_t i = 0; i < n; i++) {
        if (back_item(b, rd_word(b->fm + off + (2 + i) * w, w), w) != 0) {
            return -1;
        }
    }
    return 0;
}

frozen_block_t *frozen_blocks(const uint8_t *fm, size_t n, const image_fmod_t *f) {
    if (f->n_rc == 0 || f->code_off > f->code_end || f->code_end > n
        || f->rc_off + ((uint64_t)f->n_rc + 1) * IMAGE_FRC_SIZE != f->code_off
        || (image_rd16(fm + f->code_off - IMAGE_FRC_SIZE) & IMAGE_FRC_PARENT)) {
        return NULL;
    }
    frozen_block_t *v = calloc(f->n_rc, sizeof *v);
    uint32_t next_child = 1, last_parent = 0;
    bool ok = v != NULL;
    for (uint32_t i = 0; ok && i < f->n_rc; i++) {
        image_frc_t r;
        image_frc_read(fm + f->rc_off, (uint32_t)f->code_off, i, &r);
        frozen_block_t *b = &v[i];
        ok = (i > 0 || r.code_off == f->code_off) && r.end > r.code_off && r.end <= f->code_end
             && frozen_code_split(fm + r.code_off, r.end - r.code_off, &b->split) == 0;
        if (ok) {  // the code, without the tail its prelude implies
            b->tail = image_frc_tail(&r, b->split.aux_bytes);
            b->code_off = r.code_off;
            b->code_len = r.end - r.code_off - b->tail;
            ok = r.end - r.code_off > b->tail && frozen_code_split(fm + r.code_off, b->code_len, &b->split) == 0;
        }
        if (ok && r.parent) {  // each parent's children end at the next one's first child
            b->first_child = image_rd16(fm + r.end - 2);
            ok = image_frc_first_child_ok(b->first_child, i, next_child, f->n_rc);
            if (next_child > 1) {
                v[last_parent].n_children = b->first_child - v[last_parent].first_child;
            }
            next_child = b->first_child + 1;
            last_parent = i;
        }
    }
    if (ok && next_child > 1) {
        v[last_parent].n_children = f->n_rc - v[last_parent].first_child;
    }
    if (!ok || (next_child == 1 && f->n_rc != 1)) {  // records no parent has
        free(v);
        return NULL;
    }
    return v;
}

static int back_rc(back_t *b, uint32_t i, int depth) {
    if (i >= b->n_rc || depth > 64) {
        return -1;
    }
    const frozen_block_t *k = &b->blocks[i];
    put_uint(&b->o, ((size_t)k->code_len << 3) | (k->n_children ? 4 : 0));
    put(&b->o, b->fm + k->code_off, k->code_len);
    if (k->n_children) {
        put_uint(&b->o, k->n_children);
    }
    for (uint32_t j = 0; j < k->n_children; j++) {
        if (back_rc(b, k->first_child + j, depth + 1) != 0) {
            return -1;
        }
    }
    return 0;
}

int frozen_to_mpy(const uint8_t *img, size_t img_len, const uint8_t *fm, size_t n,
                  uint8_t **out, size_t *out_len) {
    *out = NULL;
    unsigned w = img_len < IMAGE_HEADER_SIZE ? 0 : img[IMAGE_OFF_WORD_BYTES];
    image_fmod_t f;
    if (w == 0 || n < IMAGE_FMOD_HDR_MIN || fm[0] != IMAGE_FMOD_TAG
        || !image_fmod_read(fm, n, w == 8 ? 8 : 4, img[IMAGE_OFF_FLOAT_KIND], &f)) {
        return -1;
    }
    back_t b = { img, fm, img_len, n, { 0 }, f.n_rc, NULL };
    uint32_t n_qstr = f.n_qstr, n_obj = f.n_obj;
    uint64_t q_off = f.qstr_off, o_off = f.obj_off, cold = f.cold_off;
    if ((w != 4 && w != 8) || o_off + (uint64_t)n_obj * w > n || f.code_off > f.code_end || f.code_end > n) {
        return -1;
    }
    put(&b.o, (const uint8_t[4]){ MPY_MAGIC, MPY_VERSION, MPY_FEATURES_BYTECODE, f.small_int_bits }, 4);
    put_uint(&b.o, n_qstr);
    put_uint(&b.o, n_obj);
    int bad = 0;
    for (uint32_t i = 0; i < n_qstr && !bad; i++) {
        uint64_t q = image_rd16(fm + q_off + (size_t)i * 2);
        size_t len;
        const char *s = q < N_STATIC ? NULL : qstr_text(&b, q, &len);
        if (q > 0 && q < N_STATIC) {
            put_uint(&b.o, (size_t)(q << 1 | 1));
        } else if (s != NULL) {
            put_uint(&b.o, len << 1);
            put(&b.o, s, len + 1);
        } else {
            bad = 1;
        }
    }
    rd_t cr = { fm + cold, fm + n, 0 };
    for (uint32_t i = 0; i < n_obj && !bad; i++) {
        uint64_t word = rd_word(fm + o_off + (size_t)i * w, w);
        if (IMAGE_IS_COLD_REF(word)) {
            const uint8_t *start = cr.p;
            skip_obj(&cr, 0);
            bad |= cr.bad;
            put(&b.o, start, (size_t)(cr.p - start));
        } else if (IMAGE_IS_ROM_REF(word)) {
            bad |= back_rom(&b, IMAGE_ROM_REF_OFF(word), w);
        } else {  // None, False, True or a str; no small int is a table entry
            bad |= (word & 1) || back_item(&b, word, w) != 0;
        }
    }
    b.blocks = bad ? NULL : frozen_blocks(fm, n, &f);
    if (b.blocks == NULL || back_rc(&b, 0, 0) != 0 || b.o.oom) {
        free(b.blocks);
        free(b.o.b);
        return -1;
    }
    free(b.blocks);
    *out = b.o.b;
    *out_len = b.o.n;
    return 0;
}
