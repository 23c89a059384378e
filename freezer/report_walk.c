// SPDX-License-Identifier: MIT
// report_walk.c: walks a frozen image and its .mpy modules byte by byte into size parts.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/frozen.h"
#include "freezer/report_walk.h"
#include "runtime/image.h"
#include "runtime/mpy.h"
#include "runtime/qstrdefs.h"
#include "runtime/qstrnames.h"

/*
 * Exactness comes from one rule: a reader's cursor only moves forward, and take() books
 * every byte between the last mark and the cursor to one part. So a module's parts sum
 * to its data length whatever the walker understands; what it cannot decode goes to
 * RP_OTHER. At image level a coverage map marks every byte a part claims (an overlap
 * is a corrupt image) and the unclaimed rest is the padding.
 */

const char *const rpart_key[RP_N] = {
    "bytecode", "names", "pool", "str", "bytes", "int", "float", "tuple", "const_other",
    "prelude", "lines", "mpy_header", "index", "align", "other",
};

// The runtime's built-in qstrs by number: the static .mpy list, then the runtime's own.
static const char *const static_qstrs[] = {
    "",
#define QSTR_STR(id, str) str,
    QSTR_STATIC_LIST(QSTR_STR)
    QSTR_RUNTIME_LIST(QSTR_STR)
#undef QSTR_STR
};
#define N_STATIC (sizeof static_qstrs / sizeof static_qstrs[0])

#define MAX_DEPTH 48   // nesting of code blocks and constant tuples we follow

typedef struct {
    const uint8_t *p, *mark, *end;
    int bad;
    rmod_t *mod;
    const uint8_t **q;    // qstr table: inline bytes, or NULL for a static one
    size_t *qlen;         // inline length, or the static index
    size_t n_q;
    size_t funcs_cap;
} rd_t;

static void take(rd_t *r, rpart_t part) {
    r->mod->part[part] += (uint32_t)(r->p - r->mark);
    r->mark = r->p;
}

static size_t vuint(rd_t *r) {
    size_t v = 0;
    for (int i = 0; i < 5; i++) {
        if (r->p >= r->end) {
            break;
        }
        uint8_t b = *r->p++;
        v = v << 7 | (b & 0x7f);
        if (!(b & 0x80)) {
            return v;
        }
    }
    r->bad = 1;
    return 0;
}

static void skip(rd_t *r, size_t n) {
    if (n > (size_t)(r->end - r->p)) {
        r->bad = 1;
        r->p = r->end;
    } else {
        r->p += n;
    }
}

static void read_qstrs(rd_t *r, size_t n) {
    r->q = calloc(n ? n : 1, sizeof *r->q);
    r->qlen = calloc(n ? n : 1, sizeof *r->qlen);
    if (r->q == NULL || r->qlen == NULL) {
        r->bad = 1;
        return;
    }
    for (size_t i = 0; i < n && !r->bad; i++) {
        size_t v = vuint(r);
        if (v & 1) {
            r->qlen[i] = v >> 1;
        } else {
            r->q[i] = r->p;
            r->qlen[i] = v >> 1;
            skip(r, (v >> 1) + 1);
        }
        r->n_q = i + 1;
    }
    take(r, RP_NAMES);
}

// One constant object (type byte and payload); returns its part.
static rpart_t skip_obj(rd_t *r, int depth) {
    if (r->p >= r->end || depth > MAX_DEPTH) {
        r->bad = 1;
        return RP_OTHER;
    }
    uint8_t type = *r->p++;
    switch (type) {
    case MPY_CONST_NONE: case MPY_CONST_FALSE: case MPY_CONST_TRUE: case MPY_CONST_ELLIPSIS:
        return RP_CONST_OTHER;
    case MPY_CONST_STR: case MPY_CONST_BYTES:
        skip(r, vuint(r) + 1);
        return type == MPY_CONST_STR ? RP_STR : RP_BYTES;
    case MPY_CONST_INT: case MPY_CONST_FLOAT: case MPY_CONST_COMPLEX:
        skip(r, vuint(r));
        return type == MPY_CONST_INT ? RP_INT : RP_FLOAT;
    case MPY_CONST_TUPLE: {
        size_t n = vuint(r);
        for (size_t i = 0; i < n && !r->bad; i++) {
            skip_obj(r, depth + 1);
        }
        return RP_TUPLE;
    }
    default:
        r->bad = 1;
        return RP_OTHER;
    }
}

// The qstr table entry i as text (a static one by its number).
static void qstr_text(const rd_t *r, size_t i, const char **s, size_t *n) {
    *s = "?";
    *n = 1;
    if (i < r->n_q && r->q[i] != NULL) {
        *s = (const char *)r->q[i];
        *n = r->qlen[i];
    } else if (i < r->n_q && r->qlen[i] < N_STATIC) {
        *s = static_qstrs[r->qlen[i]];
        *n = strlen(*s);
    }
}

static rfunc_t *new_func(rd_t *r, const char *parent, size_t qi, int depth) {
    rmod_t *m = r->mod;
    if (m->n_funcs == r->funcs_cap) {
        size_t cap = r->funcs_cap ? 2 * r->funcs_cap : 8;
        rfunc_t *v = realloc(m->funcs, cap * sizeof *v);
        if (v == NULL) {
            return NULL;
        }
        m->funcs = v;
        r->funcs_cap = cap;
    }
    const char *s;
    size_t n;
    qstr_text(r, qi, &s, &n);
    size_t plen = depth > 1 && parent != NULL ? strlen(parent) + 1 : 0;
    char *name = malloc(plen + n + 1);
    if (name == NULL) {
        return NULL;
    }
    if (plen) {
        memcpy(name, parent, plen - 1);
        name[plen - 1] = '.';
    }
    memcpy(name + plen, s, n);
    name[plen + n] = 0;
    rfunc_t *f = &m->funcs[m->n_funcs++];
    *f = (rfunc_t){ name, depth, 0, 0, 0 };
    return f;
}

// The signature's positional and keyword-only argument counts (spec section 4.1).
static size_t sig_args(rd_t *r) {
    if (r->p >= r->end) {
        r->bad = 1;
        return 0;
    }
    uint8_t b = *r->p++;
    size_t a = b & 3, k = 0;
    for (int n = 0; (b & 0x80) && !r->bad; n++) {
        if (r->p >= r->end || n > 8) {
            r->bad = 1;
            return 0;
        }
        b = *r->p++;
        k |= (size_t)((b >> 3) & 1) << n;
        a |= (size_t)((b >> 2) & 1) << (2 + n);
    }
    return a + k;
}

// One raw code and its children. Each block's own counts are the growth of the module's
// parts while its own bytes (not its children's) are read.
static void raw_code(rd_t *r, const char *parent, int depth) {
    uint32_t pre0 = r->mod->part[RP_PRELUDE], lines0 = r->mod->part[RP_LINES];
    uint32_t bc0 = r->mod->part[RP_BYTECODE];
    size_t kind_len = vuint(r);
    take(r, RP_PRELUDE);
    if (r->bad || depth > MAX_DEPTH || kind_len >> 3 > (size_t)(r->end - r->p)) {
        r->bad = 1;
        return;
    }
    const uint8_t *code_end = r->p + (kind_len >> 3), *end = r->end;
    size_t simple = 0;
    if ((kind_len & 3) != MPY_CODE_BYTECODE) {  // native code: never written by mpycross
        r->p = code_end;
        take(r, RP_OTHER);
    } else {
        r->end = code_end;
        size_t n_args = sig_args(r);
        size_t n_info = 0, n_cell = 0;
        for (int n = 0; r->p < r->end && n < 8; n++) {
            uint8_t b = *r->p++;
            n_info |= (size_t)((b >> 1) & 0x3f) << (6 * n);
            n_cell |= (size_t)(b & 1) << n;
            if (!(b & 0x80)) {
                break;
            }
        }
        const uint8_t *info = r->p;
        simple = vuint(r);
        for (size_t i = 0; i < n_args && !r->bad; i++) {
            vuint(r);
        }
        if (r->bad || (size_t)(r->p - info) > n_info
            || n_info > (size_t)(r->end - info) || n_cell > (size_t)(r->end - info) - n_info) {
            r->end = end;
            r->bad = 1;
            return;
        }
        take(r, RP_PRELUDE);
        r->p = info + n_info;
        take(r, RP_LINES);
        r->p += n_cell;
        take(r, RP_PRELUDE);
        r->p = code_end;
        take(r, RP_BYTECODE);
        r->end = end;
    }
    size_t n_children = 0;
    if (kind_len & 4) {
        n_children = vuint(r);
        take(r, RP_PRELUDE);
    }
    rfunc_t *f = new_func(r, parent, simple, depth);
    if (f == NULL) {
        r->bad = 1;
        return;
    }
    f->prelude = r->mod->part[RP_PRELUDE] - pre0;
    f->lines = r->mod->part[RP_LINES] - lines0;
    f->bytecode = r->mod->part[RP_BYTECODE] - bc0;
    const char *me = f->name;  // its own allocation: stays put when funcs grows
    for (size_t i = 0; i < n_children && !r->bad; i++) {
        raw_code(r, depth == 0 ? NULL : me, depth + 1);
    }
}

// Books the module data d[0..n) to m's parts.
static void walk_mpy(rmod_t *m, const uint8_t *d, size_t n) {
    rd_t r = { .p = d, .mark = d, .end = d + n, .mod = m };
    if (n < 4 || d[0] != MPY_MAGIC || d[1] != MPY_VERSION) {
        r.bad = 1;
    } else {
        r.p += 4;
        if (d[2] & MPY_FEATURE_ARCH_FLAGS) {
            vuint(&r);
        }
        size_t n_q = vuint(&r), n_obj = vuint(&r);
        take(&r, RP_MPY_HEADER);
        if (!r.bad) {
            read_qstrs(&r, n_q);
        }
        for (size_t i = 0; i < n_obj && !r.bad; i++) {
            rpart_t part = skip_obj(&r, 0);
            if (!r.bad) {
                take(&r, part);
            }
        }
        if (!r.bad) {
            raw_code(&r, NULL, 0);
        }
    }
    // What was not understood (or follows the module body) is still the module's.
    r.p = r.end;
    take(&r, RP_OTHER);
    free(r.q);
    free(r.qlen);
}

// The image's name pool, for the frozen form's names and each module's share of it.
typedef struct {
    const uint8_t *img;
    size_t img_len;
    uint32_t off, n;
} rpool_t;

// Pool entry i's string, or NULL.
static const char *pool_name(const rpool_t *pl, uint32_t i, size_t *len) {
    if (pl->off == 0 || i >= pl->n) {
        return NULL;
    }
    return image_pool_str(pl->img + pl->off, i, len);
}

static uint64_t rd_word(const uint8_t *p, unsigned w) {
    uint64_t v = image_rd32(p);
    return w == 8 ? v | (uint64_t)image_rd32(p + 4) << 32 : v;
}

typedef struct {
    rmod_t *m;
    const uint8_t *d;
    size_t n;
    uint8_t *map;     // bytes of the module claimed so far
    int bad;
    const rpool_t *pool;
    uint8_t *uses;    // pool entries this module refers to
    uint32_t n_qstr;  // the module's qstr table (u16s at q_off), which names its functions
    uint32_t q_off;
    int float_single; // the image's floats are 4 bytes (objects in flash)
} fw_t;

// Books d[off, off+len) to part unless it leaves the module or overlaps a claimed range.
static int fclaim(fw_t *f, size_t off, size_t len, rpart_t part) {
    if (off > f->n || len > f->n - off) {
        f->bad = 1;
        return -1;
    }
    for (size_t i = off; i < off + len; i++) {
        if (f->map[i]) {
            f->bad = 1;
            return -1;
        }
    }
    memset(f->map + off, 1, len);
    f->m->part[part] += (uint32_t)len;
    return 0;
}

static void use_qstr(fw_t *f, uint64_t q) {
    if (q >= IMAGE_QSTR_BASE && q - IMAGE_QSTR_BASE < f->pool->n) {
        f->uses[q - IMAGE_QSTR_BASE] = 1;
    }
}

// An object in flash at off (runtime/image.h): its bytes, booked as bytes or tuple.
static void fw_rom(fw_t *f, uint64_t off, unsigned w) {
    if (off > f->n || 2 * (uint64_t)w > f->n - off) {
        f->bad = 1;
        return;
    }
    uint64_t kind = rd_word(f->d + off, w), len = rd_word(f->d + off + w, w), size;
    if (kind == IMAGE_ROM_FLOAT) {  // the value alone
        size_t enc = image_rom_float_enc(w, f->float_single ? 4 : 8);
        if (enc > f->n - off || fclaim(f, (size_t)off, enc, RP_FLOAT) != 0) {
            f->bad = 1;
        }
        return;
    }
    if (kind == IMAGE_ROM_FLOAT_TEXT) {  // value, then the .mpy encoding (freeze inspect)
        size_t enc = image_rom_float_enc(w, f->float_single ? 4 : 8);
        rd_t r = { .p = f->d + off + enc, .mark = f->d + off + enc, .end = f->d + f->n, .mod = f->m };
        if (enc > f->n - off || (skip_obj(&r, 0), r.bad)
            || fclaim(f, (size_t)off, (size_t)(r.p - (f->d + off)), RP_FLOAT) != 0) {
            f->bad = 1;
        }
        return;
    }
    if (kind == IMAGE_ROM_BYTES && 4 * (uint64_t)w <= f->n - off) {
        len = rd_word(f->d + off + 2 * w, w);
        size = 4 * (uint64_t)w + len + 1;
    } else if (kind == IMAGE_ROM_INT) {  // kind, len, neg, then len u16 digits
        size = 3 * (uint64_t)w + 2 * len;
    } else {
        size = (2 + len) * (uint64_t)w;
    }
    int part = kind == IMAGE_ROM_BYTES ? RP_BYTES : kind == IMAGE_ROM_INT ? RP_INT : RP_TUPLE;
    if ((kind != IMAGE_ROM_BYTES && kind != IMAGE_ROM_TUPLE && kind != IMAGE_ROM_INT) || len > f->n
        || size > f->n - off || fclaim(f, (size_t)off, (size_t)size, part) != 0) {
        f->bad = 1;
        return;
    }
    for (uint64_t i = 0; kind == IMAGE_ROM_TUPLE && i < len; i++) {
        uint64_t item = rd_word(f->d + off + (2 + i) * w, w);
        if ((item & 7) == 2) {
            use_qstr(f, item >> 3);
        }
    }
}

// The constant table: a str word is a pool qstr; an IMAGE_COLD_REF is built from the cold
// stream; an IMAGE_ROM_REF word names an object in flash.
static void fw_objs(fw_t *f, uint32_t n_obj, uint32_t obj_off, uint32_t cold_off, unsigned w) {
    size_t cold = cold_off;
    for (uint32_t i = 0; i < n_obj && !f->bad; i++) {
        size_t at = obj_off + (size_t)i * w;
        if (at > f->n || w > f->n - at) {
            f->bad = 1;
            return;
        }
        uint64_t v = rd_word(f->d + at, w);
        rpart_t kind = RP_CONST_OTHER;
        if ((v & 7) == 2) {
            kind = RP_STR;
            use_qstr(f, v >> 3);
        } else if (IMAGE_IS_ROM_REF(v)) {
            fw_rom(f, IMAGE_ROM_REF_OFF(v), w);
        } else if (IMAGE_IS_COLD_REF(v) && cold < f->n) {
            rd_t r = { .p = f->d + cold, .mark = f->d + cold, .end = f->d + f->n, .mod = f->m };
            kind = skip_obj(&r, 0);
            size_t len = (size_t)(r.p - (f->d + cold));
            if (r.bad || fclaim(f, cold, len, kind) != 0) {
                f->bad = 1;
                return;
            }
            cold += len;
        }
        fclaim(f, at, w, kind);
    }
}

static void fw_name(fw_t *f, uint32_t q, const char *parent, int depth, char **out) {
    const char *s = "?";
    size_t n = 1;
    char num[24];
    if (q >= IMAGE_QSTR_BASE && pool_name(f->pool, q - IMAGE_QSTR_BASE, &n) != NULL) {
        s = pool_name(f->pool, q - IMAGE_QSTR_BASE, &n);
    } else if (q < N_STATIC) {
        s = static_qstrs[q];
        n = strlen(s);
    } else {
        n = (size_t)snprintf(num, sizeof num, "qstr%u", (unsigned)q);
        s = num;
    }
    size_t plen = depth > 1 && parent != NULL ? strlen(parent) + 1 : 0;
    *out = malloc(plen + n + 1);
    if (*out != NULL) {
        if (plen) {
            memcpy(*out, parent, plen - 1);
            (*out)[plen - 1] = '.';
        }
        memcpy(*out + plen, s, n);
        (*out)[plen + n] = 0;
    }
}

// Books code block i (its parent, if any, already booked); its tail is metadata.
static void fw_code(fw_t *f, const frozen_block_t *b, int parent) {
    uint32_t off = b->code_off, len = b->code_len;
    const frozen_code_t *fc = &b->split;
    if (fc->name >= f->n_qstr) {
        f->bad = 1;
        return;
    }
    uint32_t bc = (uint32_t)fc->bytecode, li = (uint32_t)fc->line_info;
    uint32_t le = (uint32_t)fc->line_info_end;
    uint32_t q = image_rd16(f->d + f->q_off + 2 * fc->name);
    rfunc_t *fn = &f->m->funcs[f->m->n_funcs++];
    const rfunc_t *up = parent < 0 ? NULL : &f->m->funcs[parent];
    fn->depth = up == NULL ? 0 : up->depth + 1;
    fn->depth = fn->depth > MAX_DEPTH ? MAX_DEPTH : fn->depth;
    fw_name(f, q, up == NULL ? NULL : up->name, fn->depth, &fn->name);
    use_qstr(f, q);
    fn->bytecode = len - bc;
    fn->lines = le - li;
    fn->prelude = len - fn->bytecode - fn->lines;
    if (fclaim(f, off, len, RP_BYTECODE) == 0) {
        f->m->part[RP_BYTECODE] -= fn->lines + fn->prelude;
        f->m->part[RP_LINES] += fn->lines;
        f->m->part[RP_PRELUDE] += fn->prelude;
    }
    fclaim(f, off + len, b->tail, RP_PRELUDE);
}

// The raw-code records (breadth-first) and their code, booked in
// .mpy order (depth-first) so that a listing shows each function after its parent.
static void fw_codes(fw_t *f, const image_fmod_t *h) {
    uint32_t n_rc = h->n_rc;
    frozen_block_t *blocks = frozen_blocks(f->d, f->n, h);
    if (blocks == NULL || fclaim(f, (size_t)h->rc_off, ((size_t)n_rc + 1) * IMAGE_FRC_SIZE, RP_PRELUDE)) {
        free(blocks);
        f->bad = 1;
        return;
    }
    uint32_t *stack = malloc(n_rc * sizeof *stack);
    int *funcs = malloc(n_rc * sizeof *funcs);  // a booked block's funcs entry
    f->m->funcs = calloc(n_rc, sizeof *f->m->funcs);
    f->bad = stack == NULL || funcs == NULL || f->m->funcs == NULL;
    size_t top = 0;
    stack[top++] = 0;
    if (!f->bad) {
        funcs[0] = -1;  // read as the top level's parent
    }
    // A block's children come after it (frozen_blocks checks it), so this is a tree walk.
    int *parent_of = f->bad ? NULL : calloc(n_rc, sizeof *parent_of);
    f->bad |= parent_of == NULL;
    for (uint32_t i = 0; i < n_rc && !f->bad; i++) {
        parent_of[i] = -1;
    }
    for (uint32_t i = 0; i < n_rc && !f->bad; i++) {
        for (uint32_t k = 0; k < blocks[i].n_children; k++) {
            parent_of[blocks[i].first_child + k] = (int)i;
        }
    }
    while (top > 0 && !f->bad) {
        uint32_t i = stack[--top];
        int up = parent_of[i] < 0 ? -1 : funcs[parent_of[i]];
        funcs[i] = (int)f->m->n_funcs;
        f->bad = f->m->n_funcs >= n_rc;
        if (!f->bad) {
            fw_code(f, &blocks[i], up);
        }
        const frozen_block_t *b = &blocks[i];
        for (uint32_t k = b->n_children; k-- > 0 && !f->bad;) {
            f->bad = top >= n_rc;
            stack[top++] = b->first_child + k;
        }
    }
    free(parent_of);
    free(stack);
    free(funcs);
    free(blocks);
}

// Books a frozen module d[0..n) (runtime/image.h) to m's parts.
static void walk_frozen(rmod_t *m, const uint8_t *d, size_t n, const image_target_t *t,
                        const rpool_t *pool, uint8_t *uses) {
    unsigned w = t->word_bytes;
    fw_t f = { m, d, n, calloc(n ? n : 1, 1), 0, pool, uses, 0, 0,
               t->float_kind == IMAGE_FLOAT_SINGLE };
    image_fmod_t h;
    if (f.map == NULL || n < IMAGE_FMOD_HDR_MIN || d[0] != IMAGE_FMOD_TAG
        || !image_fmod_read(d, n, w, t->float_kind, &h) || h.code_off > n) {
        f.bad = 1;
    } else {
        fclaim(&f, 0, h.hdr_len, RP_MPY_HEADER);
        uint32_t n_q = h.n_qstr, q_off = (uint32_t)h.qstr_off;
        if (h.code_off > h.code_end || h.code_end > n || fclaim(&f, q_off, (size_t)n_q * 2, RP_NAMES) != 0) {
            f.bad = 1;
        } else {
            f.n_qstr = n_q;
            f.q_off = q_off;
        }
        for (uint32_t i = 0; i < n_q && !f.bad; i++) {  // u16 qstr numbers
            use_qstr(&f, image_rd16(d + q_off + (size_t)i * 2));
        }
        if (!f.bad) {
            fw_objs(&f, h.n_obj, (uint32_t)h.obj_off, (uint32_t)h.cold_off, w);
        }
        uint32_t n_fd = h.n_fdefs;  // the flash defaults: constants
        if (!f.bad && n_fd > 0 && fclaim(&f, (uint32_t)h.fdefs_off, (size_t)n_fd * w, RP_CONST_OTHER)) {
            f.bad = 1;
        }
        if (!f.bad) {
            fw_codes(&f, &h);
        }
    }
    // Unclaimed bytes are alignment; if the walk failed they are what it did not decode.
    size_t claimed = 0;
    for (size_t i = 0; f.map != NULL && i < n; i++) {
        claimed += f.map[i];
    }
    m->part[f.bad ? RP_OTHER : RP_ALIGN] += (uint32_t)(n - claimed);
    free(f.map);
}

// Splits each used pool entry's bytes (its entry and its string) among the modules that
// refer to it, the first of them taking the remainder; the rest stays the image's. Both
// passes read uses module by module, in memory order.
static void share_pool(rimage_t *out, const rpool_t *pl, const uint8_t *uses, uint32_t pool_len) {
    uint32_t *users = calloc((size_t)pl->n + 1, sizeof *users);
    uint32_t *first = calloc((size_t)pl->n + 1, sizeof *first);  // 1 + the first user
    uint32_t charged = 0;
    for (size_t k = 0; users != NULL && first != NULL && k < out->n_mods; k++) {
        const uint8_t *u = uses + k * pl->n;
        for (uint32_t i = 0; i < pl->n; i++) {
            if (u[i]) {
                users[i]++;
                first[i] = first[i] ? first[i] : (uint32_t)k + 1;
            }
        }
    }
    for (size_t k = 0; users != NULL && first != NULL && k < out->n_mods; k++) {
        const uint8_t *u = uses + k * pl->n;
        for (uint32_t i = 0; i < pl->n; i++) {
            size_t len;
            if (!u[i] || pool_name(pl, i, &len) == NULL) {
                continue;
            }
            uint32_t cost = image_pool_off_bytes(pl->img + pl->off) + (uint32_t)len + 1;
            uint32_t share = cost / users[i] + (first[i] == k + 1 ? cost % users[i] : 0);
            out->mods[k].part[RP_POOL] += share;
            out->mods[k].total += share;
            charged += share;
        }
    }
    free(users);
    free(first);
    out->pool = pool_len - charged;
}

const char *rwalk_target_name(uint8_t target) {
    static const char *const names[] = { "host", "xtensa-qemu", "esp32s3" };
    return target < sizeof names / sizeof names[0] ? names[target] : "unknown";
}

// Marks [off, off+n) as claimed; -1 if it leaves the image or was claimed already.
static int claim(uint8_t *map, size_t len, size_t off, size_t n) {
    if (off > len || n > len - off) {
        return -1;
    }
    for (size_t i = off; i < off + n; i++) {
        if (map[i]) {
            return -1;
        }
        map[i] = 1;
    }
    return 0;
}

static int fail(char *err, size_t errlen, const char *why) {
    snprintf(err, errlen, "%s", why);
    return -1;
}

int rwalk_image(const uint8_t *buf, size_t len, rimage_t *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    image_t img;
    image_err_t ie = image_open(&img, buf, len);
    if (ie != IMAGE_OK) {
        return fail(err, errlen, image_error_text(ie));
    }
    out->bytes = img.len;
    out->header = img.header_size;
    out->target = img.target;
    out->word_bytes = img.params.word_bytes;
    out->float_kind = img.params.float_kind;
    for (int i = 0; i < IMAGE_BUILD_ID_LEN; i++) {
        snprintf(out->build_id + 2 * i, 3, "%02x", buf[IMAGE_OFF_BUILD_ID + i]);
    }
    uint8_t *map = calloc(img.len ? img.len : 1, 1);
    out->mods = calloc(img.n_modules ? img.n_modules : 1, sizeof *out->mods);
    if (map == NULL || out->mods == NULL) {
        free(map);
        return fail(err, errlen, "out of memory");
    }
    int bad = claim(map, img.len, 0, img.header_size);
    uint32_t pool_off = image_rd32(buf + IMAGE_OFF_POOL), pool_len = image_rd32(buf + IMAGE_OFF_POOL_LEN);
    rpool_t pl = { buf, img.len, 0, 0 };
    if (pool_off != 0) {
        bad |= claim(map, img.len, pool_off, pool_len);
        out->pool = pool_len;
        pl.off = pool_off;
        pl.n = image_pool_count(buf + pool_off);  // image_open checked the pool
    }
    uint8_t *uses = calloc((size_t)img.n_modules * pl.n + 1, 1);
    if (uses == NULL) {
        free(map);
        return fail(err, errlen, "out of memory");
    }
    for (uint32_t i = 0; i < img.n_modules && !bad; i++) {
        image_module_t im;
        image_module_at(&img, i, &im);
        rmod_t *m = &out->mods[out->n_mods++];
        m->flags = im.flags;
        m->is_main = img.main == i;
        m->name = malloc(im.name_len + 1);
        if (m->name != NULL) {
            image_name_copy(&im, m->name, im.name_len + 1);
        }
        if (m->name == NULL) {
            free(map);
            free(uses);
            return fail(err, errlen, "out of memory");
        }
        // A name inside a pool string (its source file's) is the pool's bytes.
        size_t name_off = (size_t)((const uint8_t *)im.name - buf);
        size_t data_off = im.data_len ? (size_t)(im.data - buf) : 0;
        bool in_pool = pool_off != 0 && name_off >= pool_off && name_off - pool_off < pool_len;
        bad |= claim(map, img.len, img.index_off + (size_t)i * IMAGE_ENTRY_SIZE, IMAGE_ENTRY_SIZE)
               | (in_pool ? 0 : claim(map, img.len, name_off, im.name_len))
               | claim(map, img.len, data_off, im.data_len);
        m->part[RP_INDEX] = IMAGE_ENTRY_SIZE + (in_pool ? 0 : (uint32_t)im.name_len);
        if (im.data_len != 0 && (im.flags & IMAGE_MOD_FROZEN)) {
            walk_frozen(m, im.data, im.data_len, &img.params, &pl, uses + (size_t)i * pl.n);
        } else if (im.data_len != 0) {
            walk_mpy(m, im.data, im.data_len);
        }
        for (int p = 0; p < RP_N; p++) {
            m->total += m->part[p];
        }
    }
    if (!bad && pool_off != 0) {
        share_pool(out, &pl, uses, pool_len);
    }
    free(uses);
    size_t claimed = 0;
    for (size_t i = 0; i < img.len; i++) {
        claimed += map[i];
    }
    free(map);
    out->padding = img.len - (uint32_t)claimed;
    return bad ? fail(err, errlen, "image parts overlap or leave the image") : 0;
}

void rwalk_free(rimage_t *img) {
    for (size_t i = 0; i < img->n_mods; i++) {
        for (size_t j = 0; j < img->mods[i].n_funcs; j++) {
            free(img->mods[i].funcs[j].name);
        }
        free(img->mods[i].funcs);
        free(img->mods[i].name);
    }
    free(img->mods);
    memset(img, 0, sizeof *img);
}
