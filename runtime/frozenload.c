// SPDX-License-Identifier: MIT
// frozenload.c: loads modules in the image's frozen form in place, and reads its name pool.
#include <string.h>

#include "runtime/frozenload.h"
#include "runtime/image.h"
#include "runtime/mpy.h"
#include "runtime/mpyload.h"
#include "runtime/mpz.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * The freezer has done the work the .mpy loader does at import: names are pool qstrs
 * (numbers in flash), constants that are immediates are object words in flash, each
 * code block has a record of where its code and children are, which the runtime uses in
 * place (rawcode.c decodes a record and its prelude when a function is made or called).
 * Bytes constants and tuples of immediates are objects in flash too (image.h), named in
 * the constant table by a word the VM turns into their address (LOAD_CONST_OBJ).
 * What is left for the heap is one module context (with a bit per code block and the
 * defaults store) and the constants that are heap objects (big ints, floats, other
 * tuples); the constant table itself stays in flash unless one of those exists.
 * The image's header and CRC were checked when it was attached; the ranges read here are
 * checked again so a module that does not fit its index entry raises instead of reading
 * outside the image. The bytecode itself is trusted (it is the image's own, CRC-checked).
 */

NORETURN static void corrupt(void) {
    rt_raise_msg(&type_ValueError, "corrupt frozen module");
}

static const byte *pool_base(uint32_t *n) {
    const byte *img = vm_state.image;
    if (img == NULL || !(image_rd32(img + IMAGE_OFF_FLAGS) & IMAGE_FLAG_POOL)) {
        *n = 0;
        return NULL;
    }
    const byte *pool = img + image_rd32(img + IMAGE_OFF_POOL);
    *n = image_pool_count(pool);
    return pool;
}

const char *frozenload_pool_str(qstr_t q, size_t *len) {
    uint32_t n;
    const byte *pool = pool_base(&n);
    if (pool == NULL || q < IMAGE_QSTR_BASE || q - IMAGE_QSTR_BASE >= n) {
        vm_state_fatal("bad qstr");
    }
    return image_pool_str(pool, q - IMAGE_QSTR_BASE, len);
}

// A binary search in the pool's order (by length, then bytes).
qstr_t frozenload_pool_find(const char *s, size_t len) {
    uint32_t n;
    const byte *pool = pool_base(&n);
    if (pool == NULL) {
        return MP_QSTRnull;
    }
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        size_t qlen;
        const char *qs = image_pool_str(pool, mid, &qlen);
        int c = image_pool_order(qs, qlen, s, len);
        if (c == 0) {
            return IMAGE_QSTR_BASE + mid;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return MP_QSTRnull;
}

bool frozenload_is(const byte *buf, size_t len) {
    return len >= IMAGE_FMOD_HDR_MIN && buf[0] == IMAGE_FMOD_TAG;
}


/* ------------------------------------------------------------------------------------
 * The module.
 */
typedef struct fmod_t {
    const byte *buf;
    size_t len;
    image_fmod_t h;  // the header and the offsets it implies (read_header checks them)
} fmod_t;

static void read_header(fmod_t *m, const byte *buf, size_t len) {
    const byte *img = vm_state.image;
    if (img == NULL || buf < img || buf + len > img + vm_state.image_len
            || !(image_rd32(img + IMAGE_OFF_FLAGS) & IMAGE_FLAG_POOL)) {
        corrupt();  // the pool it names is the attached image's
    }
    if (image_rd32(img + IMAGE_OFF_QSTR_BASE) != IMAGE_QSTR_BASE
            || image_rd32(img + IMAGE_OFF_N_BUILTIN) != MP_QSTR_NUM_BUILTIN) {
        rt_raise_msg(&type_ValueError, "image was frozen for another runtime's names");
    }
    m->buf = buf;
    m->len = len;
    image_fmod_t *f = &m->h;
    // The derived offsets are in order and inside the module; all are aligned.
    if (!image_fmod_read(buf, len, sizeof(obj_t), img[IMAGE_OFF_FLOAT_KIND], f)
            || f->n_qstr == 0 || f->n_qstr > IMAGE_FMOD_MAX_COUNT || f->n_obj > IMAGE_FMOD_MAX_COUNT
            || f->n_rc == 0 || f->n_rc > IMAGE_FRC_MAX_RECORDS || f->cold_len > IMAGE_FMOD_MAX_COLD
            || f->n_defs >= IMAGE_FRC_DEFS_LIMIT || f->n_fdefs >= IMAGE_FRC_DEFS_LIMIT
            || f->code_off > len || f->code_end > len
            || (image_rd16(buf + f->code_off - IMAGE_FRC_SIZE) & IMAGE_FRC_PARENT)  // code_end's record
            || (uintptr_t)(buf + f->rom_off) % sizeof(obj_t) != 0 || (uintptr_t)(buf + f->fdefs_off) % sizeof(obj_t) != 0
            || (uintptr_t)(buf + f->obj_off) % sizeof(obj_t) != 0) {
        corrupt();
    }
}

// Whether q names a name the image can: a builtin qstr or an entry of the image's pool.
static bool image_qstr_ok(uintptr_t q) {
    uint32_t n;
    return q < MP_QSTR_NUM_BUILTIN || (q >= IMAGE_QSTR_BASE && pool_base(&n) != NULL && q - IMAGE_QSTR_BASE < n);
}

// None, False, True or an image qstr: what a constant-table word or an item may be.
static bool is_plain_word(obj_t w) {
    return (OBJ_IS_QSTR(w) && image_qstr_ok(OBJ_QSTR_VALUE(w))) || w == obj_none || w == obj_false
           || w == obj_true;
}

// Checks words a frozen module keeps for values (a tuple's items, flash defaults): small
// ints and plain words, no NULL, pointer, function or reference.
static void check_immediates(const obj_t *w, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!OBJ_IS_SMALL_INT(w[i]) && !is_plain_word(w[i])) {
            corrupt();
        }
    }
}

// Whether the magnitude dig[0..len) (u16 digits, least significant first), with its sign,
// is normalised (top digit not 0) and out of the small-int range: as the runtime makes
// big ints, so that an int equal to a small int is always the small int.
static bool rom_int_is_big(const uint16_t *dig, size_t len, bool neg) {
    if (dig[len - 1] == 0) {
        return false;
    }
    if (len > 4) {
        return true;  // at least 2**64
    }
    uint64_t v = 0;
    for (size_t i = len; i-- > 0;) {
        v = v << 16 | dig[i];
    }
    uint64_t max = (uint64_t)SMALL_INT_MAX;
    return neg ? v > max + 1 : v > max;
}

// Checks the object in flash that constant word w names (image.h "Object in flash"):
// inside [rom_off, the module's end), aligned, of a known kind, its bytes or items inside, a
// tuple's items plain immediates (no pointer, no function).
static void check_rom(const fmod_t *m, obj_t w) {
    const size_t W = sizeof(obj_t);
    size_t off = IMAGE_ROM_REF_OFF((uintptr_t)w);
    if (off < m->h.rom_off || off >= m->len || off % W != 0 || m->len - off < 2 * W) {
        corrupt();
    }
    size_t room = m->len - off, len;
    const obj_t *o = (const obj_t *)(const void *)(m->buf + off);
    bool ok = false;
    switch ((uintptr_t)o[0]) {
        case IMAGE_ROM_FLOAT:
        case IMAGE_ROM_FLOAT_TEXT:
            ok = room >= sizeof(obj_float_t) && (uintptr_t)(m->buf + off) % _Alignof(obj_float_t) == 0;
            break;
        case IMAGE_ROM_BYTES:  // hash 0, data 0: the bytes and a NUL follow the header
            ok = room >= 4 * W && o[1] == OBJ_NULL && o[3] == OBJ_NULL
                 && (len = (size_t)(uintptr_t)o[2]) < room - 4 * W && m->buf[off + 4 * W + len] == 0;
            break;
        case IMAGE_ROM_TUPLE:
            ok = (len = (size_t)(uintptr_t)o[1]) <= room / W - 2;
            if (ok) {
                check_immediates(o + 2, len);
            }
            break;
        case IMAGE_ROM_INT:  // kind, len, neg, digits: normalised, and no small int
            ok = room >= 3 * W && (len = (size_t)(uintptr_t)o[1]) > 0 && len <= (room - 3 * W) / 2
                 && len <= MPZ_CAP_MAX && ((uintptr_t)o[2] == 0 || (uintptr_t)o[2] == 1)
                 && rom_int_is_big((const uint16_t *)(const void *)(o + 3), len, o[2] != OBJ_NULL);
            break;
        default:
            break;
    }
    if (!ok) {
        corrupt();
    }
}

// Checks the flash defaults: immediates, or objects in flash (a float or bytes default).
static void check_flash_defaults(const fmod_t *m) {
    const obj_t *w = (const obj_t *)(const void *)(m->buf + m->h.fdefs_off);
    for (size_t i = 0; i < m->h.n_fdefs; i++) {
        if (IMAGE_IS_ROM_REF((uintptr_t)w[i])) {
            check_rom(m, w[i]);
        } else {
            check_immediates(w + i, 1);
        }
    }
}

// Checks the constant table, which is used in place: each word an immediate (None, False,
// True, an image qstr), an object in flash, or IMAGE_COLD_REF(n_defs + j) for the j-th
// constant of the cold stream, in order. Returns how many constants the cold stream holds.
static size_t check_consts(const fmod_t *m) {
    const obj_t *flash = (const obj_t *)(const void *)(m->buf + m->h.obj_off);
    size_t n_cold = 0;
    for (size_t i = 0; i < m->h.n_obj; i++) {
        uintptr_t w = (uintptr_t)flash[i];
        if (IMAGE_IS_ROM_REF(w)) {
            check_rom(m, flash[i]);
        } else if (IMAGE_IS_COLD_REF(w)) {
            if (IMAGE_COLD_REF_INDEX(w) != m->h.n_defs + n_cold++) {
                corrupt();
            }
        } else if (!is_plain_word(flash[i])) {
            corrupt();  // no small int is a table entry (LOAD_CONST_SMALL_INT has them)
        }
    }
    return n_cold;
}

// Builds the n constants of the cold stream into objs[0..n).
static void load_cold(const fmod_t *m, obj_t *objs, size_t n) {
    reader_t r = {m->buf + m->h.cold_off, m->buf + m->h.cold_off + m->h.cold_len, "corrupt frozen module"};
    for (size_t j = 0; j < n; j++) {
        objs[j] = mpyload_const(&r, 0);
    }
}

// Checks record i, its code and its tail: its bytes inside the code, after the previous
// block's; its prelude well formed and followed by bytecode before the tail; its room in
// the defaults store inside the store. A parent's first child (*next_child: where the
// previous parent's children end, at least) comes after it and after the previous
// parent's; so the children ranges split 1 .. n_rc - 1 once the last parent's end at
// n_rc (frozenload_load).
static void check_rc(const fmod_t *m, const module_context_t *ctx, uint32_t i, uint32_t *next_child) {
    image_frc_t f;
    image_frc_read(m->buf + m->h.rc_off, (uint32_t)m->h.code_off, i, &f);
    if ((i == 0 && f.code_off != m->h.code_off) || f.end <= f.code_off || f.end > m->h.code_end) {
        corrupt();
    }
    // The prelude is decoded with the checked decoder: the bytes must stay inside the
    // code, which ends where the tail its prelude implies starts.
    raw_code_t rc = {.ctx = ctx, .idx = i, .code = m->buf + f.code_off, .code_end = m->buf + f.end};
    reader_t r = {rc.code, rc.code_end, "corrupt frozen module"};
    mpyload_prelude(&r, &rc);
    unsigned aux_bytes = rc_aux_bytes(&rc);
    uint32_t tail = image_frc_tail(&f, aux_bytes);
    if (f.end - f.code_off <= tail) {
        corrupt();
    }
    rc.code_end = m->buf + f.end - tail;
    r = (reader_t){rc.code, rc.code_end, "corrupt frozen module"};
    mpyload_prelude(&r, &rc);
    mpyload_check_prelude(&r, &rc);
    if (f.parent) {
        uint32_t first = image_rd16(m->buf + f.end - 2);
        if (!image_frc_first_child_ok(first, i, *next_child, m->h.n_rc)) {
            corrupt();
        }
        *next_child = first + 1;  // the previous parent has one child at least
    }
    if (aux_bytes == 2) {  // where the defaults are
        uint32_t aux = image_rd16(rc.code_end), at = aux & ~IMAGE_FRC_FLASH_DEFS;
        if (aux != 0 && ((aux & IMAGE_FRC_FLASH_DEFS) ? at < rc.n_def_pos_args || at > m->h.n_fdefs
                                                     : at - 1 + rc.n_def_pos_args > m->h.n_defs)) {
            corrupt();
        }
    }
}

const module_context_t *frozenload_load(const byte *buf, size_t len, obj_dict_t *globals) {
    fmod_t m;
    read_header(&m, buf, len);
    for (uint32_t i = 0; i < m.h.n_qstr; i++) {
        if (!image_qstr_ok(image_rd16(buf + m.h.qstr_off + 2 * i))) {
            corrupt();  // the bytecode's names must be the image's
        }
    }
    size_t n_cold = check_consts(&m);
    module_context_t *ctx = rc_new_context(m.h.n_rc, m.h.n_defs + n_cold);  // bc.h rc_flash_obj
    load_cold(&m, rc_defaults_store(ctx) + m.h.n_defs, n_cold);
    ctx->globals = globals;
    ctx->qstrs = (const uint16_t *)(const void *)(buf + m.h.qstr_off);
    ctx->consts = (const obj_t *)(const void *)(buf + m.h.obj_off);
    ctx->data = buf;
    ctx->records = buf + m.h.rc_off;
    check_flash_defaults(&m);
    uint32_t next_child = 1;
    for (uint32_t i = 0; i < m.h.n_rc; i++) {
        check_rc(&m, ctx, i, &next_child);
    }
    if (next_child == 1 && m.h.n_rc != 1) {
        corrupt();  // records no parent has
    }
    return ctx;
}
