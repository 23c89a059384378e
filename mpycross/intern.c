// SPDX-License-Identifier: MIT
// intern.c: a compilation's string pool: each distinct string gets one small id.
#include "mpycross/intern.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/qstrdefs.h"

static const char *const static_strs[] = {
    NULL,
#define QSTR_STR(id, str) str,
    QSTR_STATIC_LIST(QSTR_STR)
#undef QSTR_STR
};

static uint32_t hash_bytes(const char *s, size_t len) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    }
    return h;
}

static uint32_t lookup_slot(const intern_t *t, const char *s, size_t len, uint32_t h) {
    uint32_t mask = t->nslot - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t id = t->slot[i];
        if (id == 0) {
            return i;
        }
        const intern_entry_t *e = &t->ent[id];
        if (e->hash == h && e->len == len && memcmp(e->s, s, len) == 0) {
            return i;
        }
    }
}

static bool grow_slots(intern_t *t) {
    uint32_t n = t->nslot ? t->nslot * 2 : 512;
    uint32_t *slot = calloc(n, sizeof(uint32_t));
    if (slot == NULL) {
        return false;
    }
    free(t->slot);
    t->slot = slot;
    t->nslot = n;
    for (uint32_t id = 1; id < t->n; id++) {
        t->slot[lookup_slot(t, t->ent[id].s, t->ent[id].len, t->ent[id].hash)] = id;
    }
    return true;
}

// Append an entry for s (whose storage outlives the table) and index it.
static uint32_t add_entry(intern_t *t, const char *s, size_t len, uint32_t h) {
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 512;
        intern_entry_t *ent = realloc(t->ent, cap * sizeof(intern_entry_t));
        if (ent == NULL) {
            return 0;
        }
        t->ent = ent;
        t->cap = cap;
    }
    if ((t->n + 1) * 2 > t->nslot && !grow_slots(t)) {
        return 0;
    }
    uint32_t id = t->n++;
    t->ent[id] = (intern_entry_t){s, (uint32_t)len, h};
    t->slot[lookup_slot(t, s, len, h)] = id;
    return id;
}

bool intern_init(intern_t *t) {
    memset(t, 0, sizeof(*t));
    t->ent = malloc(512 * sizeof(intern_entry_t));
    if (t->ent == NULL || !grow_slots(t)) {
        return false;
    }
    t->cap = 512;
    t->ent[0] = (intern_entry_t){"", 0, 0};  // id 0: never indexed, never found
    t->n = 1;
    for (size_t i = 1; i < sizeof(static_strs) / sizeof(static_strs[0]); i++) {
        const char *s = static_strs[i];
        if (add_entry(t, s, strlen(s), hash_bytes(s, strlen(s))) == 0) {
            return false;
        }
    }
    return true;
}

void intern_free(intern_t *t) {
    for (size_t i = 0; i < t->nblocks; i++) {
        free(t->blocks[i]);
    }
    free(t->blocks);
    free(t->ent);
    free(t->slot);
    memset(t, 0, sizeof(*t));
}

uint32_t intern_find(const intern_t *t, const char *s, size_t len) {
    if (t->nslot == 0 || len > UINT32_MAX) {
        return 0;
    }
    return t->slot[lookup_slot(t, s, len, hash_bytes(s, len))];
}

uint32_t intern_add(intern_t *t, const char *s, size_t len) {
    if (t->nslot == 0 || len > UINT32_MAX - 1) {
        return 0;
    }
    uint32_t h = hash_bytes(s, len);
    uint32_t id = t->slot[lookup_slot(t, s, len, h)];
    if (id != 0) {
        return id;
    }
    if (t->nblocks == t->capblocks) {
        size_t cap = t->capblocks ? t->capblocks * 2 : 256;
        char **b = realloc(t->blocks, cap * sizeof(char *));
        if (b == NULL) {
            return 0;
        }
        t->blocks = b;
        t->capblocks = cap;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        return 0;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    t->blocks[t->nblocks++] = copy;
    return add_entry(t, copy, len, h);
}

const char *intern_str(const intern_t *t, uint32_t id, size_t *len) {
    if (id == 0 || id >= t->n) {
        return NULL;
    }
    if (len != NULL) {
        *len = t->ent[id].len;
    }
    return t->ent[id].s;
}
