// SPDX-License-Identifier: MIT
// gc.c: conservative mark-sweep collector over one heap region given by the port.
#include <setjmp.h>
#include <string.h>

#include "runtime/bc.h"
#include "runtime/gc.h"
#include "runtime/port.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * The region is split into an allocation table (ATB) and a pool of blocks of
 * BYTES_PER_BLOCK bytes. Each block has a 2-bit state in the ATB:
 *
 *   FREE  not allocated          HEAD  first block of an allocation
 *   TAIL  further blocks of one  MARK  a HEAD found reachable in the current collection
 *
 * Marking starts from the roots (the VM state struct, the C stack and the registers,
 * spilled by setjmp) and treats every word that points into the pool as a reference, to
 * the allocation containing it (interior pointers count). Block contents are scanned the
 * same way, so objects need no type information. A small explicit mark stack bounds the
 * recursion; when it overflows, the heap is rescanned for marked blocks until none is left
 * unscanned. Sweep frees every unmarked HEAD with its TAILs and turns MARKs back into HEADs.
 */
#define BYTES_PER_BLOCK (4 * sizeof(void *))
#define BLOCKS_PER_ATB 4
#define AT_FREE 0
#define AT_HEAD 1
#define AT_TAIL 2
#define AT_MARK 3
#define MARK_STACK_SIZE 64

static struct {
    byte *atb;
    size_t atb_len;       // bytes of ATB
    byte *pool;
    byte *pool_end;
    size_t n_blocks;
    size_t first_free;    // no free block below this one
    size_t mark_sp;
    bool mark_overflow;
    size_t mark_stack[MARK_STACK_SIZE];
} gc;

static inline int block_state(size_t b) {
    return (gc.atb[b / BLOCKS_PER_ATB] >> (2 * (b % BLOCKS_PER_ATB))) & 3;
}

static inline void set_state(size_t b, int s) {
    byte *p = &gc.atb[b / BLOCKS_PER_ATB];
    int sh = 2 * (b % BLOCKS_PER_ATB);
    *p = (byte)((*p & ~(3 << sh)) | (s << sh));
}

void gc_init(void *start, void *end) {
    uintptr_t s = ((uintptr_t)start + BYTES_PER_BLOCK - 1) & ~(uintptr_t)(BYTES_PER_BLOCK - 1);
    size_t total = (uintptr_t)end > s ? (uintptr_t)end - s : 0;
    // Each block costs BYTES_PER_BLOCK bytes of pool and a quarter byte of ATB.
    size_t n = total * BLOCKS_PER_ATB / (BLOCKS_PER_ATB * BYTES_PER_BLOCK + 1);
    gc.atb_len = (n + BLOCKS_PER_ATB - 1) / BLOCKS_PER_ATB;
    gc.atb = (byte *)s;
    uintptr_t pool = (s + gc.atb_len + BYTES_PER_BLOCK - 1) & ~(uintptr_t)(BYTES_PER_BLOCK - 1);
    gc.pool = (byte *)pool;
    gc.n_blocks = pool < (uintptr_t)end ? ((uintptr_t)end - pool) / BYTES_PER_BLOCK : 0;
    if (gc.n_blocks > gc.atb_len * BLOCKS_PER_ATB) {
        gc.n_blocks = gc.atb_len * BLOCKS_PER_ATB;
    }
    gc.pool_end = gc.pool + gc.n_blocks * BYTES_PER_BLOCK;
    memset(gc.atb, 0, gc.atb_len);
    gc.first_free = 0;
}

bool gc_is_heap_ptr(const void *p) {
    return (const byte *)p >= gc.pool && (const byte *)p < gc.pool_end;
}

// The HEAD block of the allocation containing p, or SIZE_MAX if p is not in one.
static size_t head_of(const void *p) {
    if (!gc_is_heap_ptr(p)) {
        return SIZE_MAX;
    }
    size_t b = (size_t)((const byte *)p - gc.pool) / BYTES_PER_BLOCK;
    while (block_state(b) == AT_TAIL) {
        b--;
    }
    return block_state(b) == AT_FREE ? SIZE_MAX : b;
}

static size_t alloc_blocks(size_t b) {
    size_t n = 1;
    while (b + n < gc.n_blocks && block_state(b + n) == AT_TAIL) {
        n++;
    }
    return n;
}

static void mark_block(size_t b) {
    if (block_state(b) != AT_HEAD) {
        return;
    }
    set_state(b, AT_MARK);
    if (gc.mark_sp < MARK_STACK_SIZE) {
        gc.mark_stack[gc.mark_sp++] = b;
    } else {
        gc.mark_overflow = true;
    }
}

// A function immediate holds no pointer: it names its module's context by its slot in
// the context table, which the collector does not scan (keep_context_table), so the
// word marks the context itself.
static void mark_context_of(uintptr_t w) {
    size_t slot = RC_IMM_SLOT(OBJ_FUN_IMM_PAYLOAD(w));
    if (slot < vm_state.n_contexts) {
        size_t b = head_of(((void **)vm_state.contexts)[slot]);
        if (b != SIZE_MAX) {
            mark_block(b);
        }
    }
}

static inline void mark_word(const void *w) {
    size_t b = head_of(w);
    if (b != SIZE_MAX) {
        mark_block(b);
    } else if (OBJ_IS_FUN_IMM(w)) {
        mark_context_of((uintptr_t)w);
    }
}

static void scan_words(void *const *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        mark_word(p[i]);
    }
}

static void scan_block(size_t b) {
    size_t n = alloc_blocks(b);
    scan_words((void *const *)(gc.pool + b * BYTES_PER_BLOCK), n * BYTES_PER_BLOCK / sizeof(void *));
}

static void drain(void) {
    for (;;) {
        while (gc.mark_sp > 0) {
            scan_block(gc.mark_stack[--gc.mark_sp]);
        }
        if (!gc.mark_overflow) {
            return;
        }
        // Some marked blocks were not scanned: scan every marked block again.
        gc.mark_overflow = false;
        for (size_t b = 0; b < gc.n_blocks; b++) {
            if (block_state(b) == AT_MARK) {
                scan_block(b);
                while (gc.mark_sp > 0) {
                    scan_block(gc.mark_stack[--gc.mark_sp]);
                }
            }
        }
    }
}

// Reads the whole C stack, other frames' redzones included: not for the address sanitizer.
__attribute__((no_sanitize("address"), noinline))
static void scan_stack(void) {
    jmp_buf regs;  // spills callee-saved registers onto the stack
    setjmp(regs);
    port_stack_flush();
    void *const *sp = (void *const *)((uintptr_t)&regs & ~(uintptr_t)(sizeof(void *) - 1));
    void *const *top = (void *const *)vm_state.stack_top;
    if (top > sp) {
        for (; sp < top; sp++) {
            mark_word(*sp);
        }
    }
    drain();
}

static void sweep(void) {
    bool in_free = false;
    for (size_t b = 0; b < gc.n_blocks; b++) {
        switch (block_state(b)) {
            case AT_HEAD:
                set_state(b, AT_FREE);
                in_free = true;
                break;
            case AT_TAIL:
                if (in_free) {
                    set_state(b, AT_FREE);
                }
                break;
            case AT_MARK:
                set_state(b, AT_HEAD);
                in_free = false;
                break;
            default:
                in_free = false;
                break;
        }
    }
    gc.first_free = 0;
}

/*
 * The context table (rawcode.c) holds its contexts weakly: its block is kept but not
 * scanned, and once marking is done, an entry whose context nothing reached (no function
 * of it, no frame running its code) is cleared, for the slot to be used again. So a
 * module dropped from sys.modules is freed with its globals, as a .mpy import is.
 */
// (After a mark-stack overflow, drain rescans every marked block, the table too: then
// all its contexts live one more collection, which is only late, never wrong.)
static void keep_context_table(void) {
    size_t b = head_of(vm_state.contexts);
    if (b != SIZE_MAX && block_state(b) == AT_HEAD) {
        set_state(b, AT_MARK);  // kept, and never pushed: its entries mark nothing
    }
}

static void clear_dead_contexts(void) {
    void **t = (void **)vm_state.contexts;
    for (size_t i = 0; i < vm_state.n_contexts; i++) {
        size_t b = head_of(t[i]);
        if (b != SIZE_MAX && block_state(b) != AT_MARK) {
            t[i] = NULL;
            vm_state.contexts_free++;
        }
    }
    while (vm_state.n_contexts > 0 && t[vm_state.n_contexts - 1] == NULL) {
        vm_state.n_contexts--;
        vm_state.contexts_free--;
    }
}

void gc_collect(void) {
    if (vm_state.in_gc) {
        return;
    }
    vm_state.in_gc = true;
    gc.mark_sp = 0;
    gc.mark_overflow = false;
    keep_context_table();
    scan_words((void *const *)&vm_state, (size_t)((void **)&vm_state.roots_end - (void **)&vm_state));
    drain();
    scan_stack();
    clear_dead_contexts();
    sweep();
    vm_state.gc_allocated = 0;
    vm_state.in_gc = false;
}

static void *try_alloc(size_t nb) {
    size_t first = gc.first_free;
    if (nb == 1 && first < gc.n_blocks && block_state(first) == AT_FREE) {
        // Most allocations: one block, and the first free one is free (no scan).
        set_state(first, AT_HEAD);
        gc.first_free = first + 1;
        void *p = gc.pool + first * BYTES_PER_BLOCK;
        memset(p, 0, BYTES_PER_BLOCK);
        return p;
    }
    size_t run = 0;
    bool seen_free = false;
    for (size_t b = gc.first_free; b < gc.n_blocks; b++) {
        if (block_state(b) != AT_FREE) {
            run = 0;
            continue;
        }
        if (!seen_free) {
            gc.first_free = b;
            seen_free = true;
        }
        if (++run == nb) {
            size_t start = b + 1 - nb;
            set_state(start, AT_HEAD);
            for (size_t i = start + 1; i <= b; i++) {
                set_state(i, AT_TAIL);
            }
            if (start == gc.first_free) {
                gc.first_free = b + 1;
            }
            void *p = gc.pool + start * BYTES_PER_BLOCK;
            memset(p, 0, nb * BYTES_PER_BLOCK);
            return p;
        }
    }
    return NULL;
}

void *gc_alloc_maybe(size_t n) {
    if (vm_state.in_gc) {
        return NULL;
    }
    size_t nb = n == 0 ? 1 : (n + BYTES_PER_BLOCK - 1) / BYTES_PER_BLOCK;
    if (CONFIG_GC_STRESS || vm_state.gc_stress
            || (vm_state.gc_threshold != 0 && !vm_state.gc_auto_off
                && vm_state.gc_allocated >= vm_state.gc_threshold)) {
        gc_collect();
    }
    void *p = try_alloc(nb);
    if (p == NULL && !vm_state.gc_auto_off) {
        gc_collect();
        p = try_alloc(nb);
    }
    if (p != NULL) {
        vm_state.gc_allocated += nb * BYTES_PER_BLOCK;
    }
    return p;
}

void *gc_alloc(size_t n) {
    void *p = gc_alloc_maybe(n);
    if (p == NULL) {
        if (vm_state.memory_error == OBJ_NULL) {
            vm_state_fatal("heap too small to start");
        }
        // The one preallocated instance: drop the traceback of its last raise.
        obj_exception_clear_traceback(vm_state.memory_error);
        rt_raise(vm_state.memory_error);
    }
    return p;
}

size_t gc_nbytes(const void *p) {
    size_t b = head_of(p);
    if (b == SIZE_MAX) {
        return 0;
    }
    return alloc_blocks(b) * BYTES_PER_BLOCK;
}

void *gc_block_of(const void *p) {
    size_t b = head_of(p);
    return b == SIZE_MAX ? NULL : gc.pool + b * BYTES_PER_BLOCK;
}

void gc_free(void *p) {
    size_t b = head_of(p);
    if (b == SIZE_MAX || gc.pool + b * BYTES_PER_BLOCK != p || vm_state.in_gc) {
        return;
    }
    size_t n = alloc_blocks(b);
    for (size_t i = 0; i < n; i++) {
        set_state(b + i, AT_FREE);
    }
    if (b < gc.first_free) {
        gc.first_free = b;
    }
}

void *gc_realloc(void *p, size_t n) {
    if (p == NULL) {
        return gc_alloc(n);
    }
    size_t old = gc_nbytes(p);
    if (old == 0) {
        return gc_alloc(n);  // not a heap block (a flash object): caller copies itself
    }
    if (n <= old) {
        return p;
    }
    // Grow in place when the following blocks are free.
    size_t b = head_of(p);
    size_t have = old / BYTES_PER_BLOCK;
    size_t need = (n + BYTES_PER_BLOCK - 1) / BYTES_PER_BLOCK;
    size_t i = b + have;
    while (i < gc.n_blocks && i < b + need && block_state(i) == AT_FREE) {
        i++;
    }
    if (i == b + need) {
        for (size_t j = b + have; j < b + need; j++) {
            set_state(j, AT_TAIL);
        }
        memset((byte *)p + old, 0, (need - have) * BYTES_PER_BLOCK);
        return p;
    }
    void *q = gc_alloc(n);
    memcpy(q, p, old);
    gc_free(p);
    return q;
}

void gc_info(gc_info_t *info) {
    memset(info, 0, sizeof(*info));
    info->total = gc.n_blocks * BYTES_PER_BLOCK;
    size_t run = 0;
    for (size_t b = 0; b < gc.n_blocks; b++) {
        if (block_state(b) == AT_FREE) {
            info->free += BYTES_PER_BLOCK;
            run++;
            if (run * BYTES_PER_BLOCK > info->max_free) {
                info->max_free = run * BYTES_PER_BLOCK;
            }
        } else {
            run = 0;
        }
    }
    info->used = info->total - info->free;
}
