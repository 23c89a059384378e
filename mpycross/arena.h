// SPDX-License-Identifier: MIT
// arena.h: bump allocation from malloc'ed chunks, all freed at once.
#ifndef MPYCROSS_ARENA_H
#define MPYCROSS_ARENA_H

#include <stddef.h>

/*
 * Chunks are singly linked, newest first; a request larger than the default
 * chunk size gets a chunk of its own. Memory is zeroed and aligned for any
 * object (max_align_t). Nothing is freed before arena_free.
 */
typedef struct arena_chunk arena_chunk_t;

typedef struct {
    arena_chunk_t *head;
    size_t used;  // bytes used in head
    size_t cap;   // bytes available in head
} arena_t;

void arena_init(arena_t *a);
// Zeroed memory for size bytes; NULL if malloc fails.
void *arena_alloc(arena_t *a, size_t size);
// A NUL-terminated copy of s[0..len); NULL if malloc fails.
char *arena_strdup(arena_t *a, const char *s, size_t len);
void arena_free(arena_t *a);

#endif // MPYCROSS_ARENA_H
