// SPDX-License-Identifier: MIT
// arena.c: bump allocation from malloc'ed chunks, all freed at once.
#include "mpycross/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (64 * 1024)
#define ARENA_ALIGN (alignof(max_align_t))

struct arena_chunk {
    arena_chunk_t *next;
    alignas(max_align_t) unsigned char data[];
};

void arena_init(arena_t *a) {
    a->head = NULL;
    a->used = 0;
    a->cap = 0;
}

void *arena_alloc(arena_t *a, size_t size) {
    size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (size == 0) {
        size = ARENA_ALIGN;
    }
    if (a->head == NULL || a->cap - a->used < size) {
        size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        if (cap > SIZE_MAX - sizeof(arena_chunk_t)) {
            return NULL;
        }
        arena_chunk_t *c = malloc(sizeof(arena_chunk_t) + cap);
        if (c == NULL) {
            return NULL;
        }
        c->next = a->head;
        a->head = c;
        a->used = 0;
        a->cap = cap;
    }
    void *p = a->head->data + a->used;
    a->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strdup(arena_t *a, const char *s, size_t len) {
    char *d = arena_alloc(a, len + 1);
    if (d != NULL) {
        if (len > 0) {
            memcpy(d, s, len);
        }
        d[len] = '\0';
    }
    return d;
}

void arena_free(arena_t *a) {
    arena_chunk_t *c = a->head;
    while (c != NULL) {
        arena_chunk_t *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a);
}
