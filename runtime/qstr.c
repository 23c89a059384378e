// SPDX-License-Identifier: MIT
// qstr.c: interning: the built-in names in flash, run-time names in pools with a hash index.
#include <string.h>

#include "runtime/frozenload.h"
#include "runtime/image.h"
#include "runtime/qstr.h"
#include "runtime/qstrhash.h"  // generated at build time (runtime/gen/qstrhash.c)
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * Built-in qstrs (1 .. MP_QSTR_NUM_BUILTIN-1) are const tables, with their hashes, their
 * order by hash and where each top byte of a hash starts in it, made at build time
 * (qstrhash.h), so a built-in name is found among a few in flash. Run-time qstrs live in a chain of pools on the GC heap
 * (vm_state.qstr_pool is the newest, so they are roots); each entry keeps its string
 * pointer, length and hash, and an open-addressing index of their numbers (uint16_t,
 * 0 = empty slot, at most half full; made with the first one) finds them by text.
 * Hashes are 16 bits, the same function for every str, so a str hashes like its qstr.
 * The attached image's name pool (frozenload.c) holds qstrs IMAGE_QSTR_BASE and up, in
 * flash, sorted by length and bytes, without hashes (a pool qstr's hash is computed when
 * asked); a name is interned at run time only if it is in none.
 */
typedef struct qstr_entry_t {
    const char *str;
    uint32_t len;
    uint16_t hash;
} qstr_entry_t;

struct qstr_pool_t {
    qstr_pool_t *prev;
    size_t base;   // qstr number of entries[0]
    size_t len;
    size_t alloc;
    qstr_entry_t entries[];
};

typedef struct builtin_qstr_t {
    uint16_t len;
    const char *str;
} builtin_qstr_t;

static const builtin_qstr_t builtin_qstrs[MP_QSTR_NUM_BUILTIN] = {
    {0, ""},
#define QSTR_ENTRY(id, s) {sizeof(s) - 1, s},
    QSTR_STATIC_LIST(QSTR_ENTRY)
    QSTR_RUNTIME_LIST(QSTR_ENTRY)
#undef QSTR_ENTRY
};

static const qstr_entry_t *pool_entry(qstr_t q) {
    for (qstr_pool_t *p = vm_state.qstr_pool; p != NULL; p = p->prev) {
        if (q >= p->base) {
            return &p->entries[q - p->base];
        }
    }
    return NULL;
}

const char *qstr_data(qstr_t q, size_t *len) {
    if (q >= IMAGE_QSTR_BASE) {
        return frozenload_pool_str(q, len);
    }
    if (q < MP_QSTR_NUM_BUILTIN) {
        *len = builtin_qstrs[q].len;
        return builtin_qstrs[q].str;
    }
    const qstr_entry_t *e = pool_entry(q);
    *len = e->len;
    return e->str;
}

const char *qstr_str(qstr_t q) {
    size_t len;
    return qstr_data(q, &len);
}

size_t qstr_len(qstr_t q) {
    size_t len;
    qstr_data(q, &len);
    return len;
}

size_t qstr_hash(qstr_t q) {
    if (q >= IMAGE_QSTR_BASE) {  // the pool keeps no hashes: computed from the bytes
        size_t len;
        const char *s = frozenload_pool_str(q, &len);
        return qstr_compute_hash((const byte *)s, len);
    }
    if (q < MP_QSTR_NUM_BUILTIN) {
        return qstr_builtin_hash[q];
    }
    return pool_entry(q)->hash;
}

static void index_insert(uint16_t *index, size_t size, qstr_t q, size_t hash) {
    size_t mask = size - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        if (index[i] == 0) {
            index[i] = (uint16_t)q;
            return;
        }
    }
}

// The index of the run-time qstrs, made anew with size slots.
static void index_rebuild(size_t size) {
    uint16_t *index = m_new(uint16_t, size);
    for (qstr_t q = MP_QSTR_NUM_BUILTIN; q < vm_state.qstr_count; q++) {
        index_insert(index, size, q, qstr_hash(q));
    }
    uint16_t *old = vm_state.qstr_index;
    vm_state.qstr_index = index;
    vm_state.qstr_index_size = size;
    gc_free(old);
}

void qstr_init(void) {
    _Static_assert(QSTR_BUILTIN_HASHED == MP_QSTR_NUM_BUILTIN, "qstrhash.h is out of date");
    vm_state.qstr_pool = NULL;
    vm_state.qstr_count = MP_QSTR_NUM_BUILTIN;
    vm_state.qstr_index = NULL;
    vm_state.qstr_index_size = 0;
}

// A built-in qstr: a scan of the few whose hash has the same top byte (by hash order).
static qstr_t find_builtin(const char *s, size_t len, size_t hash) {
    for (size_t i = qstr_builtin_bucket[hash >> 8], end = qstr_builtin_bucket[(hash >> 8) + 1]; i < end; i++) {
        if (qstr_builtin_hash[qstr_builtin_by_hash[i]] != hash) {
            continue;
        }
        const builtin_qstr_t *b = &builtin_qstrs[qstr_builtin_by_hash[i]];
        if (b->len == len && (len == 0 || memcmp(b->str, s, len) == 0)) {
            return qstr_builtin_by_hash[i];
        }
    }
    return MP_QSTRnull;
}

qstr_t qstr_find_strn(const char *s, size_t len) {
    size_t hash = qstr_compute_hash((const byte *)s, len);
    qstr_t q = find_builtin(s, len, hash);
    if (q != MP_QSTRnull) {
        return q;
    }
    size_t mask = vm_state.qstr_index_size - 1;
    for (size_t i = hash & mask; vm_state.qstr_index_size > 0; i = (i + 1) & mask) {
        q = vm_state.qstr_index[i];
        if (q == 0) {
            break;
        }
        size_t qlen;
        const char *qs = qstr_data(q, &qlen);
        if (qlen == len && (len == 0 || memcmp(qs, s, len) == 0)) {
            return q;
        }
    }
    return frozenload_pool_find(s, len);
}

static qstr_t add(const char *s, size_t len) {
    if (vm_state.qstr_count >= IMAGE_QSTR_BASE) {
        rt_raise_msg(&type_RuntimeError, "name table full");
    }
    qstr_pool_t *p = vm_state.qstr_pool;
    if (p == NULL || p->len == p->alloc) {
        size_t alloc = p == NULL ? 32 : p->alloc * 2;
        qstr_pool_t *np = (qstr_pool_t *)gc_alloc(sizeof(qstr_pool_t) + alloc * sizeof(qstr_entry_t));
        np->prev = p;
        np->base = vm_state.qstr_count;
        np->alloc = alloc;
        vm_state.qstr_pool = np;
        p = np;
    }
    if (2 * (vm_state.qstr_count + 1 - MP_QSTR_NUM_BUILTIN) > vm_state.qstr_index_size) {
        index_rebuild(vm_state.qstr_index_size ? vm_state.qstr_index_size * 2 : 32);
    }
    qstr_t q = vm_state.qstr_count++;
    qstr_entry_t *e = &p->entries[p->len++];
    e->str = s;
    e->len = (uint32_t)len;
    e->hash = (uint16_t)qstr_compute_hash((const byte *)s, len);
    index_insert(vm_state.qstr_index, vm_state.qstr_index_size, q, e->hash);
    return q;
}

qstr_t qstr_from_strn_static(const char *s, size_t len) {
    qstr_t q = qstr_find_strn(s, len);
    return q != MP_QSTRnull ? q : add(s, len);
}

qstr_t qstr_from_strn(const char *s, size_t len) {
    qstr_t q = qstr_find_strn(s, len);
    if (q != MP_QSTRnull) {
        return q;
    }
    char *copy = m_new(char, len + 1);
    mem_copy(copy, s, len);
    copy[len] = 0;
    return add(copy, len);
}

qstr_t qstr_from_str(const char *s) {
    return qstr_from_strn(s, strlen(s));
}
