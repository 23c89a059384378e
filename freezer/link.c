// SPDX-License-Identifier: MIT
// link.c: lays out compiled modules as one frozen image: header, sorted index, names, data.
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/frozen.h"
#include "freezer/link.h"
#include "freezer/sha256.h"

/*
 * The layout is a pure function of the modules and the target (no time, no paths), so
 * two builds of the same sources give the same bytes and the same build id. Modules are
 * converted in name order, then again once the pool is sorted (by length, then bytes), so
 * the pool's order is a function of the inputs.
 * The pool goes after the data and is found through the header's pool fields. A frozen
 * module's name is the pool string of its source file where that string spells it
 * ("pkg/mod.py" for pkg.mod), so only other names take room in the names area.
 */

typedef struct {
    link_module_t m;
    char *owned;            // the name of a synthesised namespace package
    uint8_t *frozen;        // the module's frozen form, which m.data then points at
    size_t name_len;
    uint32_t name_off, data_off;
    size_t in_pool;         // 1 + offset of the name in the pool, or 0: in the names area
} entry_t;

typedef struct {
    entry_t *v;
    size_t n, cap;
} entries_t;

static int push(entries_t *es, const link_module_t *m, char *owned) {
    if (es->n == es->cap) {
        size_t cap = es->cap ? es->cap * 2 : 16;
        entry_t *v = realloc(es->v, cap * sizeof *v);
        if (v == NULL) {
            return -1;
        }
        es->v = v;
        es->cap = cap;
    }
    entry_t *e = &es->v[es->n++];
    memset(e, 0, sizeof *e);
    e->m = *m;
    e->owned = owned;
    e->name_len = strlen(m->name);
    return 0;
}

static int has_name(const entries_t *es, const char *name, size_t len) {
    for (size_t i = 0; i < es->n; i++) {
        if (es->v[i].name_len == len && memcmp(es->v[i].m.name, name, len) == 0) {
            return 1;
        }
    }
    return 0;
}

// "a.b.c" needs packages "a" and "a.b": add each one no module provides.
static int add_namespaces(entries_t *es, size_t n_real) {
    for (size_t i = 0; i < n_real; i++) {
        const char *name = es->v[i].m.name;
        for (const char *dot = strchr(name, '.'); dot != NULL; dot = strchr(dot + 1, '.')) {
            size_t len = (size_t)(dot - name);
            if (has_name(es, name, len)) {
                continue;
            }
            char *pkg = strndup(name, len);
            link_module_t m = { pkg, IMAGE_MOD_PACKAGE, NULL, 0 };
            if (pkg == NULL || push(es, &m, pkg) != 0) {
                free(pkg);
                return -1;
            }
            name = es->v[i].m.name;  // es->v may have moved
        }
    }
    return 0;
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const entry_t *)a)->m.name, ((const entry_t *)b)->m.name);
}

static size_t align4(size_t n) {
    return (n + IMAGE_DATA_ALIGN - 1) & ~(size_t)(IMAGE_DATA_ALIGN - 1);
}

// Assigns offsets; returns the total size, or 0 if the image would pass 4 GiB. The pool
// (pool_size bytes, 0 for none) goes last, at *pool_off.
static size_t layout(entries_t *es, size_t align, size_t *names_off, size_t pool_size,
                     size_t *pool_off) {
    size_t off = IMAGE_HEADER_SIZE + es->n * IMAGE_ENTRY_SIZE;
    *names_off = off;
    for (size_t i = 0; i < es->n; i++) {
        if (!es->v[i].in_pool) {
            es->v[i].name_off = (uint32_t)off;
            off += es->v[i].name_len;
        }
    }
    for (size_t i = 0; i < es->n; i++) {
        if (es->v[i].m.len == 0) {
            continue;  // a namespace package: no data
        }
        off = (size_t)image_align(off, (unsigned)align);
        es->v[i].data_off = (uint32_t)off;
        off += es->v[i].m.len;
        if (off > UINT32_MAX - 8) {
            return 0;
        }
    }
    off = align4(off);
    *pool_off = pool_size ? off : 0;
    for (size_t i = 0; i < es->n; i++) {
        if (es->v[i].in_pool) {
            es->v[i].name_off = (uint32_t)(off + es->v[i].in_pool - 1);
        }
    }
    off += pool_size;
    return off > UINT32_MAX - 8 ? 0 : align4(off);
}

// The widest small int any module's .mpy assumes (header byte 3).
static uint8_t small_int_bits(const entries_t *es, const target_t *t) {
    uint8_t bits = 0;
    for (size_t i = 0; i < es->n; i++) {
        if (es->v[i].m.len >= 4 && es->v[i].m.data[3] > bits) {
            bits = es->v[i].m.data[3];
        }
    }
    return bits != 0 ? bits : t->params.small_int_bits;
}

typedef struct {
    size_t names_off, pool_off, pool_size;
    uint32_t main;
    uint8_t small_int_bits;
} placed_t;

static void write_header(uint8_t *img, size_t total, const entries_t *es, const placed_t *pl,
                         const target_t *t) {
    uint32_t flags = 0;
    for (size_t i = 0; i < es->n; i++) {
        flags |= es->v[i].m.len == 0 ? 0 : es->v[i].frozen ? IMAGE_FLAG_POOL : IMAGE_FLAG_MPY;
    }
    flags |= pl->pool_size ? IMAGE_FLAG_POOL : 0;
    img[0] = IMAGE_MAGIC0;
    img[1] = IMAGE_MAGIC1;
    img[2] = IMAGE_MAGIC2;
    img[3] = IMAGE_MAGIC3;
    image_wr16(img + IMAGE_OFF_VERSION, IMAGE_VERSION);
    image_wr16(img + IMAGE_OFF_HEADER_SIZE, IMAGE_HEADER_SIZE);
    image_wr32(img + IMAGE_OFF_TOTAL_LEN, (uint32_t)total);
    img[IMAGE_OFF_TARGET] = t->id;
    img[IMAGE_OFF_WORD_BYTES] = t->params.word_bytes;
    img[IMAGE_OFF_SMALL_INT_BITS] = pl->small_int_bits;
    img[IMAGE_OFF_FLOAT_KIND] = t->params.float_kind;
    image_wr32(img + IMAGE_OFF_FLAGS, flags);
    image_wr32(img + IMAGE_OFF_N_MODULES, (uint32_t)es->n);
    image_wr32(img + IMAGE_OFF_INDEX, IMAGE_HEADER_SIZE);
    image_wr32(img + IMAGE_OFF_MAIN, pl->main);
    image_wr32(img + IMAGE_OFF_NAMES, (uint32_t)pl->names_off);
    image_wr32(img + IMAGE_OFF_POOL, (uint32_t)pl->pool_off);
    image_wr32(img + IMAGE_OFF_POOL_LEN, (uint32_t)pl->pool_size);
    image_wr32(img + IMAGE_OFF_QSTR_BASE, IMAGE_QSTR_BASE);
    image_wr32(img + IMAGE_OFF_N_BUILTIN, pl->pool_size ? (uint32_t)frozen_builtin_count() : 0);
}

static void write_body(uint8_t *img, const entries_t *es) {
    for (size_t i = 0; i < es->n; i++) {
        const entry_t *en = &es->v[i];
        uint8_t *ix = img + IMAGE_HEADER_SIZE + i * IMAGE_ENTRY_SIZE;
        image_wr32(ix + IMAGE_ENT_NAME_OFF, en->name_off);
        image_wr32(ix + IMAGE_ENT_DATA_OFF,
                   en->data_off | en->m.flags | (en->frozen ? IMAGE_MOD_FROZEN : 0));
        image_wr32(ix + IMAGE_ENT_DATA_LEN, (uint32_t)en->m.len | (uint32_t)en->name_len << 24);
        if (!en->in_pool) {
            memcpy(img + en->name_off, en->m.name, en->name_len);
        }
        if (en->m.len > 0) {
            memcpy(img + en->data_off, en->m.data, en->m.len);
        }
    }
}

// Build id over the image with the CRC and the id still zero, then the CRC over all.
static int seal(uint8_t *img, size_t total) {
    uint8_t digest[SHA256_LEN];
    if (sha256(img, total, digest) != 0) {
        return -1;
    }
    memcpy(img + IMAGE_OFF_BUILD_ID, digest, IMAGE_BUILD_ID_LEN);
    uint32_t crc = image_crc32(0, img, IMAGE_OFF_CRC);
    image_wr32(img + IMAGE_OFF_CRC, image_crc32(crc, img + IMAGE_CRC_START, total - IMAGE_CRC_START));
    return 0;
}

static status_t check(const entries_t *es, const char *main_name, uint32_t *main,
                      errors_t *e) {
    *main = IMAGE_NO_MAIN;
    for (size_t i = 0; i < es->n; i++) {
        if (es->v[i].name_len == 0 || es->v[i].name_len > IMAGE_ENT_MAX_NAME) {
            return errors_add(e, ST_INPUT, NULL, 0, 0, "bad module name '%s' (1 to %u bytes)",
                              es->v[i].m.name, IMAGE_ENT_MAX_NAME);
        }
        if (es->v[i].m.len > IMAGE_ENT_MAX_DATA) {
            return errors_add(e, ST_INPUT, NULL, 0, 0, "module '%s' is over 16 MiB",
                              es->v[i].m.name);
        }
        if (i > 0 && strcmp(es->v[i - 1].m.name, es->v[i].m.name) == 0) {
            return errors_add(e, ST_INPUT, NULL, 0, 0, "duplicate module '%s'", es->v[i].m.name);
        }
        if (main_name != NULL && strcmp(es->v[i].m.name, main_name) == 0) {
            *main = (uint32_t)i;
        }
    }
    if (main_name != NULL && *main == IMAGE_NO_MAIN) {
        return errors_add(e, ST_INPUT, NULL, 0, 0, "main module '%s' is not in the image",
                          main_name);
    }
    return ST_OK;
}

static void free_entries(entries_t *es) {
    for (size_t i = 0; i < es->n; i++) {
        free(es->v[i].owned);
        free(es->v[i].frozen);
    }
    free(es->v);
}

// Converts every module with data to the frozen form, its names into pool; returns how
// many were. Unless keep, the results are dropped: the pass only gathers the names.
static size_t freeze_all(entries_t *es, const target_t *t, frozen_pool_t *pool, int keep) {
    size_t n = 0;
    for (size_t i = 0; i < es->n; i++) {
        entry_t *en = &es->v[i];
        size_t len;
        uint8_t *fm;
        if (en->m.len == 0) {
            continue;
        }
        if (frozen_from_mpy(en->m.data, en->m.len, t->params.word_bytes, t->params.float_kind,
                            pool, &fm, &len) != 0) {
            continue;  // stays a .mpy: link_warn_unfrozen tells
        }
        n++;
        if (!keep) {
            free(fm);
            continue;
        }
        en->frozen = fm;
        en->m.data = fm;
        en->m.len = len;
    }
    return n;
}

// The frozen forms, in two passes: the first gathers the names, which the pool then
// sorts into the image's order, and the second converts against the sorted pool.
static size_t freeze_twice(entries_t *es, const target_t *t, frozen_pool_t *pool, errors_t *e,
                           status_t *st) {
    if (freeze_all(es, t, pool, 0) == 0) {
        return 0;
    }
    if (frozen_pool_seal(pool) != 0) {
        *st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
        return 0;
    }
    return freeze_all(es, t, pool, 1);
}

// Whether the pool string s[0..len) is the source file of module name as freeze names
// it: the dotted name with '/' for '.', then ".py" or, for a package, "/__init__.py".
static bool names_module(const char *s, size_t len, const char *name, size_t name_len,
                         bool package) {
    const char *suffix = package ? "/__init__.py" : ".py";
    size_t n = strlen(suffix);
    if (len != name_len + n || memcmp(s + name_len, suffix, n) != 0) {
        return false;
    }
    for (size_t i = 0; i < name_len; i++) {
        if (s[i] != (name[i] == '.' ? '/' : name[i])) {
            return false;
        }
    }
    return true;
}

// Points each frozen module's name at its source file's string in the pool (image bytes
// pool[0..)), where that string spells it.
static void names_in_pool(entries_t *es, const uint8_t *pool) {
    uint32_t n = image_pool_count(pool);
    for (size_t i = 0; i < es->n; i++) {
        entry_t *en = &es->v[i];
        if (en->frozen == NULL) {
            continue;
        }
        image_fmod_t h;
        if (!image_fmod_read(en->frozen, en->m.len, 4, 0, &h) || h.n_qstr == 0) {
            continue;
        }
        uint32_t q = image_rd16(en->frozen + h.qstr_off);  // qstr 0: the source file
        if (q < IMAGE_QSTR_BASE || q - IMAGE_QSTR_BASE >= n) {
            continue;
        }
        size_t len;
        const char *s = image_pool_str(pool, q - IMAGE_QSTR_BASE, &len);
        if (names_module(s, len, en->m.name, en->name_len, (en->m.flags & IMAGE_MOD_PACKAGE) != 0)) {
            en->in_pool = 1 + (size_t)((const uint8_t *)s - pool);
        }
    }
}

status_t link_image(const link_module_t *mods, size_t n, const char *main_name,
                    const target_t *t, int frozen, uint8_t **out, size_t *out_len, errors_t *e) {
    entries_t es = { 0 };
    for (size_t i = 0; i < n; i++) {
        if (push(&es, &mods[i], NULL) != 0) {
            free_entries(&es);
            return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
        }
    }
    if (add_namespaces(&es, n) != 0) {
        free_entries(&es);
        return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    qsort(es.v, es.n, sizeof es.v[0], by_name);
    placed_t pl = { 0 };
    status_t st = check(&es, main_name, &pl.main, e);
    pl.small_int_bits = small_int_bits(&es, t);
    frozen_pool_t *pool = frozen ? frozen_pool_new() : NULL;
    if (st == ST_OK && frozen && pool == NULL) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    size_t n_frozen = st == ST_OK && frozen ? freeze_twice(&es, t, pool, e, &st) : 0;
    pl.pool_size = n_frozen > 0 ? frozen_pool_size(pool) : 0;
    uint8_t *pool_bytes = pl.pool_size ? calloc(1, pl.pool_size) : NULL;
    if (st == ST_OK && pl.pool_size && pool_bytes == NULL) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    if (st == ST_OK && pool_bytes != NULL) {
        frozen_pool_write(pool, pool_bytes);
        names_in_pool(&es, pool_bytes);
    }
    size_t align = image_data_align(t->params.word_bytes, t->params.float_kind);
    size_t total = st == ST_OK ? layout(&es, align, &pl.names_off, pl.pool_size, &pl.pool_off) : 0;
    if (st == ST_OK && total == 0) {
        st = errors_add(e, ST_INPUT, NULL, 0, 0, "the image would exceed 4 GiB");
    }
    uint8_t *img = st == ST_OK ? calloc(1, total) : NULL;
    if (st == ST_OK && img == NULL) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    if (st == ST_OK) {
        write_header(img, total, &es, &pl, t);
        write_body(img, &es);
        if (pl.pool_size) {
            memcpy(img + pl.pool_off, pool_bytes, pl.pool_size);
        }
    }
    if (st == ST_OK && seal(img, total) != 0) {
        free(img);
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    } else if (st == ST_OK) {
        *out = img;
        *out_len = total;
    }
    free(pool_bytes);
    frozen_pool_free(pool);
    free_entries(&es);
    return st;
}

void link_warn_unfrozen(const uint8_t *img, size_t len) {
    image_t im;
    if (image_open(&im, img, len) != IMAGE_OK) {
        return;
    }
    for (uint32_t i = 0; i < im.n_modules; i++) {
        image_module_t m;
        image_module_at(&im, i, &m);
        char name[256];
        if (m.data_len > 0 && !(m.flags & IMAGE_MOD_FROZEN)
            && image_name_copy(&m, name, sizeof name) != NULL) {
            fprintf(stderr, "freeze: warning: module '%s' goes into the image as its .mpy: "
                    "it is past the frozen form's limits (runtime/image.h), so its "
                    "constants and code records are built in RAM at import\n", name);
        }
    }
}
