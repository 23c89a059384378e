// SPDX-License-Identifier: MIT
// gc.h: the mark-sweep collector over the port's heap region, and the allocation macros.
#ifndef RUNTIME_GC_H
#define RUNTIME_GC_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/config.h"

void gc_init(void *start, void *end);
// Allocation never returns NULL: when the heap is exhausted after a collection it raises
// MemoryError. Memory is zeroed. Every block is scanned conservatively for pointers, so any
// struct may hold heap pointers anywhere.
void *gc_alloc(size_t n);
void *gc_realloc(void *p, size_t n);   // p NULL: as gc_alloc
void gc_free(void *p);                 // p may be NULL; only for blocks no one else references
void *gc_alloc_maybe(size_t n);        // NULL instead of MemoryError
void gc_collect(void);
bool gc_is_heap_ptr(const void *p);
size_t gc_nbytes(const void *p);       // usable size of a block
void *gc_block_of(const void *p);      // the start of the block p points into, or NULL

typedef struct gc_info_t {
    size_t total, used, free, max_free;
} gc_info_t;
void gc_info(gc_info_t *info);

#define m_new(type, n) ((type *)gc_alloc(sizeof(type) * (n)))
#define m_new0(type, n) m_new(type, n)
#define m_new_obj(type) ((type *)gc_alloc(sizeof(type)))
#define m_new_obj_var(type, var_type, n) ((type *)gc_alloc(sizeof(type) + sizeof(var_type) * (n)))
#define m_renew(type, p, n) ((type *)gc_realloc((p), sizeof(type) * (n)))
#define m_del(p) gc_free(p)

#endif // RUNTIME_GC_H
