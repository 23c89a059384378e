// SPDX-License-Identifier: MIT
// map.c: the insertion-ordered hash table behind dicts, sets, instances and modules.
#include <string.h>

#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * Entries are appended to table[] in insertion order; removing one leaves a hole (key
 * OBJ_SENTINEL) that a later grow squeezes out. Up to LINEAR_MAX entries are found by a
 * linear scan; bigger tables keep index[]: open addressing over entry numbers + 1, at
 * most half full, its slots as narrow as the entry numbers allow (a byte up to 254
 * entries). A removed entry's index slot keeps pointing at the hole, which lookups
 * skip, so probe chains stay intact until the next rebuild. The table grows by half. Fixed maps (const method
 * tables and module globals in flash) are only ever scanned.
 */
#define LINEAR_MAX 16

void map_init(map_t *m, size_t n) {
    memset(m, 0, sizeof(*m));
    if (n > 0) {
        m->alloc = n;
        m->table = m_new(map_elem_t, n);
    }
}

void map_init_fixed(map_t *m, const map_elem_t *table, size_t n) {
    memset(m, 0, sizeof(*m));
    m->used = m->count = m->alloc = n;
    m->table = (map_elem_t *)table;
    m->is_fixed = 1;
}

void map_clear(map_t *m) {
    if (!m->is_fixed) {
        gc_free(m->table);
        gc_free(m->index);
    }
    uint16_t is_set = m->is_set;
    memset(m, 0, sizeof(*m));
    m->is_set = is_set;
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

// Bytes of an index slot: enough for entry numbers + 1, which are at most alloc (the index
// is rebuilt whenever alloc changes).
static inline size_t index_width(size_t alloc) {
    return alloc < 0xff ? 1 : alloc < 0xffff ? 2 : 4;
}

static inline size_t index_get(const map_t *m, size_t h) {
    switch (index_width(m->alloc)) {
        case 1: return ((const uint8_t *)m->index)[h];
        case 2: return ((const uint16_t *)m->index)[h];
        default: return ((const uint32_t *)m->index)[h];
    }
}

static inline void index_set(map_t *m, size_t h, size_t v) {
    switch (index_width(m->alloc)) {
        case 1: ((uint8_t *)m->index)[h] = (uint8_t)v; break;
        case 2: ((uint16_t *)m->index)[h] = (uint16_t)v; break;
        default: ((uint32_t *)m->index)[h] = (uint32_t)v; break;
    }
}

// Enters entry i in the index: the first free slot from its hash on.
static void index_add(map_t *m, size_t i, size_t hash) {
    size_t mask = m->index_size - 1;
    size_t h = first_slot(hash, mask);
    while (index_get(m, h) != 0) {
        h = (h + 1) & mask;
    }
    index_set(m, h, i + 1);
}

static void index_build(map_t *m, size_t size) {
    gc_free(m->index);
    m->index = NULL;  // a MemoryError below leaves the map without an index, still valid
    m->index_size = 0;
    m->index = gc_alloc(size * index_width(m->alloc));
    memset(m->index, 0, size * index_width(m->alloc));
    m->index_size = (uint32_t)size;
    for (size_t i = 0; i < m->used; i++) {
        if (MAP_SLOT_IS_FILLED(m, i)) {
            index_add(m, i, obj_hash(m->table[i].key));
        }
    }
}

// Makes room for n more entries: squeezes out holes, or grows the table to at least
// used + n entries: exactly that when exact, else by half.
static void make_room(map_t *m, size_t n, bool exact) {
    if (m->count < m->used) {
        size_t j = 0;
        for (size_t i = 0; i < m->used; i++) {
            if (MAP_SLOT_IS_FILLED(m, i)) {
                m->table[j++] = m->table[i];
            }
        }
        memset(&m->table[j], 0, (m->used - j) * sizeof(map_elem_t));
        m->used = j;
    }
    if (m->used + n > m->alloc) {
        size_t alloc = exact ? m->used + n : m->alloc < 4 ? 4 : m->alloc + m->alloc / 2;
        m->table = m_renew(map_elem_t, m->table, alloc);
        m->alloc = alloc;
    }
    if (m->alloc > LINEAR_MAX) {
        size_t size = 16;
        while (size < 2 * m->alloc) {
            size *= 2;
        }
        index_build(m, size);
    } else if (m->index != NULL) {
        gc_free(m->index);
        m->index = NULL;
        m->index_size = 0;
    }
}

static void grow(map_t *m) {
    make_room(m, 1, false);
}

void map_reserve(map_t *m, size_t n) {
    if (!m->is_fixed && m->count + n > m->alloc) {
        make_room(m, n, true);  // holes go first: then used == count
    }
}

// A name as key (attributes, globals): a slot matches by identity, or when it holds a heap
// object (a str made at run time) equal to the name; other immediates never equal a name.
static map_elem_t *linear_find_qstr(map_t *m, obj_t key) {
    map_elem_t *end = m->table + m->used;
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
    size_t mask = m->index_size - 1;
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
    if (m->used >= m->alloc || (m->index == NULL && m->alloc > LINEAR_MAX)) {
        grow(m);
    }
    size_t i = m->used++;
    m->count++;
    m->table[i].key = key;
    m->table[i].value = OBJ_NULL;
    if (m->index != NULL) {
        index_add(m, i, obj_hash(key));
    }
    return &m->table[i];
}

map_elem_t *map_lookup(map_t *m, obj_t key, map_lookup_kind_t kind) {
    map_elem_t *e;
    if (m->index == NULL) {
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
            if (m->is_fixed) {
                rt_raise_msg(&type_TypeError, "'dict' object doesn't support item deletion");
            }
            // The slot lets go of its value, so that a deleted entry keeps nothing alive
            // (a deleted global's value would live until the table is next compacted);
            // the caller reads the value from a copy.
            vm_state.removed = *e;
            e->key = OBJ_SENTINEL;
            e->value = OBJ_NULL;
            m->count--;
            return &vm_state.removed;
        }
        return e;
    }
    if (kind != MAP_LOOKUP_ADD_IF_NOT_FOUND) {
        return NULL;
    }
    if (m->is_fixed) {
        rt_raise_msg(&type_TypeError, "'dict' object doesn't support item assignment");
    }
    return append(m, key);
}

void map_copy(map_t *dst, const map_t *src) {
    map_init(dst, src->count);
    dst->is_set = src->is_set;
    for (size_t i = 0; i < src->used; i++) {
        if (MAP_SLOT_IS_FILLED(src, i)) {
            map_lookup(dst, src->table[i].key, MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = src->table[i].value;
        }
    }
}
