// SPDX-License-Identifier: MIT
// map.c: the insertion-ordered hash table behind dicts, sets, instances and modules.
#include <string.h>

#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * Entries are appended to table[] in insertion order; removing one leaves a hole (key
 * OBJ_SENTINEL) that a later grow squeezes out. Up to LINEAR_MAX entries are found by a
 * linear scan; bigger tables keep an index: open addressing over entry numbers + 1, at
 * most half full, its slots as narrow as the entry numbers allow (a byte up to 254
 * entries). A removed entry's index slot keeps pointing at the hole, which lookups
 * skip, so probe chains stay intact until the next rebuild. The table grows by half.
 * Fixed maps (const method tables and module globals in flash, read-only copies) are
 * never written.
 *
 * A table of more than LINEAR_MAX entries keeps its capacity and its index in its block:
 *   [map_hdr_t][alloc entries][index_size slots]   table points at the first entry
 * A smaller one is its entries alone, as many as its GC block holds (gc_nbytes). So the
 * map itself is three words (a dict is one 16-byte block on a 32-bit MCU) and a small
 * table costs no header.
 */
#define LINEAR_MAX 16

typedef struct map_hdr_t {
    size_t alloc;          // entries the block holds
    size_t index_size;     // slots of the index after them: 0, or a power of two
} map_hdr_t;

static inline map_hdr_t *hdr(const map_t *m) {
    return (map_hdr_t *)(void *)m->table - 1;
}

static inline size_t alloc_of(const map_t *m) {
    if (m->table == NULL) {
        return 0;
    }
    if (map_is_fixed(m)) {
        return m->used;
    }
    if (m->info & MAP_FLAG_INDEX) {
        return hdr(m)->alloc;
    }
    size_t n = gc_nbytes(m->table) / sizeof(map_elem_t);
    return n < LINEAR_MAX ? n : LINEAR_MAX;
}

// Bytes of an index slot: enough for entry numbers + 1, which are at most alloc.
static inline size_t index_width(size_t alloc) {
    return alloc < 0xff ? 1 : alloc < 0xffff ? 2 : 4;
}

// Index slots for a table of alloc entries: none up to LINEAR_MAX, else >= 2 alloc.
static size_t index_slots(size_t alloc) {
    if (alloc <= LINEAR_MAX) {
        return 0;
    }
    size_t size = 16;
    while (size < 2 * alloc) {
        size *= 2;
    }
    return size;
}

// A block for at least alloc entries and their index; returns its first entry.
static map_elem_t *new_table(size_t alloc) {
    if (alloc <= LINEAR_MAX) {
        return gc_alloc(alloc * sizeof(map_elem_t));  // zeroed: empty entries
    }
    size_t slots = index_slots(alloc);
    size_t bytes = sizeof(map_hdr_t) + alloc * sizeof(map_elem_t) + slots * index_width(alloc);
    map_hdr_t *h = gc_alloc(bytes);  // zeroed: empty entries, free index slots
    h->alloc = alloc;
    h->index_size = slots;
    return (map_elem_t *)(void *)(h + 1);
}

// Whether the map has an index (a table of more than LINEAR_MAX entries that is not fixed;
// new_table's callers keep MAP_FLAG_INDEX in step).
static inline bool has_index(const map_t *m) {
    return (m->info & MAP_FLAG_INDEX) != 0;
}

// Installs table t, made by new_table(alloc), as m's, with the flag of its index.
static void set_table(map_t *m, map_elem_t *t, size_t alloc) {
    m->table = t;
    m->info = (m->info & ~MAP_FLAG_INDEX) | (alloc > LINEAR_MAX ? MAP_FLAG_INDEX : 0);
}

static void free_table(map_t *m) {
    if (m->table != NULL && !map_is_fixed(m)) {
        gc_free(has_index(m) ? (void *)hdr(m) : (void *)m->table);
    }
}

void map_init(map_t *m, size_t n) {
    memset(m, 0, sizeof(*m));
    if (n > 0) {
        set_table(m, new_table(n), n);
    }
}

void map_init_fixed(map_t *m, const map_elem_t *table, size_t n) {
    memset(m, 0, sizeof(*m));
    m->used = n;
    m->info = n | MAP_FLAG_FIXED;
    m->table = (map_elem_t *)table;
    for (size_t i = 0; i < n; i++) {
        if (OBJ_IS_PTR(table[i].key)) {
            m->info |= MAP_FLAG_PTR_KEYS;  // keyword names made at run time (f(**d))
            break;
        }
    }
}

void map_clear(map_t *m) {
    free_table(m);
    size_t is_set = m->info & MAP_FLAG_SET;
    memset(m, 0, sizeof(*m));
    m->info = is_set;
}

static inline bool keys_equal(obj_t a, obj_t b) {
    if (a == b) {
        return true;
    }
    // Interned names and small ints compare by identity alone, with each other.
    if ((OBJ_IS_QSTR(a) || OBJ_IS_SMALL_INT(a)) && (OBJ_IS_QSTR(b) || OBJ_IS_SMALL_INT(b))) {
        return false;
    }
    return obj_equal(a, b);
}

// The first index slot of a hash. str hashes have only 16 bits (MicroPython's qstr hash)
// and similar strings hash to near values: mixing spreads them, so that linear probing
// does not run into long clusters in big tables (200000 "k%d" keys took minutes).
static inline size_t first_slot(size_t hash, size_t mask) {
    uint32_t x = (uint32_t)hash ^ (uint32_t)((uint64_t)hash >> 32);
    x *= 0x9e3779b1u;
    x ^= x >> 15;
    return x & mask;
}

static inline void *index_of(const map_t *m) {
    return (void *)(m->table + hdr(m)->alloc);
}

static inline size_t index_get(const map_t *m, size_t h) {
    const void *ix = index_of(m);
    switch (index_width(hdr(m)->alloc)) {
        case 1: return ((const uint8_t *)ix)[h];
        case 2: return ((const uint16_t *)ix)[h];
        default: return ((const uint32_t *)ix)[h];
    }
}

static inline void index_set(map_t *m, size_t h, size_t v) {
    void *ix = index_of(m);
    switch (index_width(hdr(m)->alloc)) {
        case 1: ((uint8_t *)ix)[h] = (uint8_t)v; break;
        case 2: ((uint16_t *)ix)[h] = (uint16_t)v; break;
        default: ((uint32_t *)ix)[h] = (uint32_t)v; break;
    }
}

// Enters entry i in the index: the first free slot from its hash on.
static void index_add(map_t *m, size_t i, size_t hash) {
    size_t mask = hdr(m)->index_size - 1;
    size_t h = first_slot(hash, mask);
    while (index_get(m, h) != 0) {
        h = (h + 1) & mask;
    }
    index_set(m, h, i + 1);
}

static void index_rebuild(map_t *m) {
    if (!has_index(m)) {
        return;
    }
    memset(index_of(m), 0, hdr(m)->index_size * index_width(hdr(m)->alloc));
    for (size_t i = 0; i < m->used; i++) {
        if (MAP_SLOT_IS_FILLED(m, i)) {
            index_add(m, i, obj_hash(m->table[i].key));
        }
    }
}

// Makes room for n more entries: squeezes out holes, or moves to a table of at least
// used + n entries: exactly that when exact, else grown by half.
static void make_room(map_t *m, size_t n, bool exact) {
    size_t count = map_count(m), alloc = alloc_of(m);
    if (count + n > alloc) {
        // Growing by half always gains the one entry grow() asks for.
        size_t want = exact ? count + n : alloc < 2 ? 2 : alloc + alloc / 2;
        map_elem_t *t = new_table(want);  // a MemoryError here leaves m as it was
        size_t j = 0;
        for (size_t i = 0; i < m->used; i++) {
            if (MAP_SLOT_IS_FILLED(m, i)) {
                t[j++] = m->table[i];
            }
        }
        free_table(m);
        set_table(m, t, want);
        m->used = j;
    } else if (count < m->used) {
        size_t j = 0;
        for (size_t i = 0; i < m->used; i++) {
            if (MAP_SLOT_IS_FILLED(m, i)) {
                m->table[j++] = m->table[i];
            }
        }
        memset(&m->table[j], 0, (m->used - j) * sizeof(map_elem_t));
        m->used = j;
    }
    index_rebuild(m);
}

static void grow(map_t *m) {
    make_room(m, 1, false);
}

void map_reserve(map_t *m, size_t n) {
    if (!map_is_fixed(m) && map_count(m) + n > alloc_of(m)) {
        make_room(m, n, true);
    }
}

// A name as key (attributes, globals): a slot matches by identity, or when it holds a heap
// object (a str made at run time) equal to the name; other immediates never equal a name.
static map_elem_t *linear_find_qstr(map_t *m, obj_t key) {
    map_elem_t *end = m->table + m->used;
    if (!(m->info & MAP_FLAG_PTR_KEYS)) {  // names and immediates only: identity decides
        for (map_elem_t *e = m->table; e < end; e++) {
            if (e->key == key) {
                return e;
            }
        }
        return NULL;
    }
    for (map_elem_t *e = m->table; e < end; e++) {
        obj_t k = e->key;
        if (k == key || (OBJ_IS_PTR(k) && obj_equal(k, key))) {
            return e;
        }
    }
    return NULL;
}

static map_elem_t *linear_find(map_t *m, obj_t key) {
    if (OBJ_IS_QSTR(key)) {
        return linear_find_qstr(m, key);
    }
    for (size_t i = 0; i < m->used; i++) {
        obj_t k = m->table[i].key;
        if (k != OBJ_SENTINEL && k != OBJ_NULL && keys_equal(k, key)) {
            return &m->table[i];
        }
    }
    return NULL;
}

static map_elem_t *index_find(map_t *m, obj_t key, size_t hash, size_t *free_slot) {
    size_t mask = hdr(m)->index_size - 1;
    for (size_t h = first_slot(hash, mask);; h = (h + 1) & mask) {
        size_t e = index_get(m, h);
        if (e == 0) {
            *free_slot = h;
            return NULL;
        }
        obj_t k = m->table[e - 1].key;
        if (k != OBJ_SENTINEL && keys_equal(k, key)) {
            return &m->table[e - 1];
        }
    }
}

static map_elem_t *append(map_t *m, obj_t key) {
    if (m->used >= alloc_of(m)) {
        grow(m);
    }
    size_t i = m->used++;
    m->info = (m->info + 1) | (OBJ_IS_PTR(key) ? MAP_FLAG_PTR_KEYS : 0);
    m->table[i].key = key;
    m->table[i].value = OBJ_NULL;
    if (has_index(m)) {
        index_add(m, i, obj_hash(key));
    }
    return &m->table[i];
}

map_elem_t *map_lookup(map_t *m, obj_t key, map_lookup_kind_t kind) {
    map_elem_t *e;
    if (!has_index(m)) {
        if (kind == MAP_LOOKUP_ADD_IF_NOT_FOUND) {
            obj_hash(key);  // TypeError for an unhashable key, as CPython
        }
        e = linear_find(m, key);
    } else {
        size_t free_slot;
        e = index_find(m, key, obj_hash(key), &free_slot);
    }
    if (e != NULL) {
        if (kind == MAP_LOOKUP_REMOVE_IF_FOUND) {
            if (map_is_fixed(m)) {
                rt_raise_msg(&type_TypeError, "'dict' object doesn't support item deletion");
            }
            // The slot lets go of its value, so that a deleted entry keeps nothing alive
            // (a deleted global's value would live until the table is next compacted);
            // the caller reads the value from a copy.
            vm_state.removed = *e;
            e->key = OBJ_SENTINEL;
            e->value = OBJ_NULL;
            m->info--;
            return &vm_state.removed;
        }
        return e;
    }
    if (kind != MAP_LOOKUP_ADD_IF_NOT_FOUND) {
        return NULL;
    }
    if (map_is_fixed(m)) {
        rt_raise_msg(&type_TypeError, "'dict' object doesn't support item assignment");
    }
    return append(m, key);
}

void map_copy(map_t *dst, const map_t *src) {
    map_init(dst, map_count(src));
    dst->info |= src->info & MAP_FLAG_SET;
    for (size_t i = 0; i < src->used; i++) {
        if (MAP_SLOT_IS_FILLED(src, i)) {
            map_lookup(dst, src->table[i].key, MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = src->table[i].value;
        }
    }
}

void map_copy_fixed(map_t *dst, const map_t *src) {
    map_copy(dst, src);
    dst->info |= MAP_FLAG_FIXED;  // the table keeps its index, if it has one, for lookups
}
