// SPDX-License-Identifier: MIT
// intern.h: a compilation's string pool: each distinct string gets one small id.
#ifndef MPYCROSS_INTERN_H
#define MPYCROSS_INTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Ids 1 .. MP_QSTR_NUM_STATIC-1 are the static qstrs of runtime/qstrdefs.h,
 * entered by intern_init in their fixed order, so a static string's id is its
 * MP_QSTR_ value. Later strings get the following ids in order of first
 * interning. Strings are copied (NUL-terminated) into malloc'ed blocks owned by
 * the table; the static ones point at the string literals.
 */
typedef struct {
    const char *s;
    uint32_t len;
    uint32_t hash;
} intern_entry_t;

typedef struct {
    intern_entry_t *ent;  // ent[id], id 0 unused
    uint32_t n, cap;      // ids in use (including 0), capacity of ent
    uint32_t *slot;       // open-addressing hash index of ids; 0 = empty
    uint32_t nslot;       // power of two
    char **blocks;        // string storage, freed by intern_free
    size_t nblocks, capblocks;
} intern_t;

// false if out of memory (the table is then empty but can be freed).
bool intern_init(intern_t *t);
void intern_free(intern_t *t);
// Id of s[0..len), adding it if new; 0 if out of memory.
uint32_t intern_add(intern_t *t, const char *s, size_t len);
// Id of s[0..len) if present, else 0.
uint32_t intern_find(const intern_t *t, const char *s, size_t len);
// String of id (NUL-terminated), NULL for an unknown id.
const char *intern_str(const intern_t *t, uint32_t id, size_t *len);

#endif // MPYCROSS_INTERN_H
