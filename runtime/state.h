// SPDX-License-Identifier: MIT
// state.h: the one VM state struct; its first part is the collector's list of roots.
#ifndef RUNTIME_STATE_H
#define RUNTIME_STATE_H

#include "runtime/nlr.h"
#include "runtime/obj.h"

typedef struct qstr_pool_t qstr_pool_t;

typedef struct vm_state_t {
    // ---- roots: every word from here to roots_end is scanned by the collector
    obj_dict_t *globals;        // of the running function
    obj_dict_t *locals;         // of the running module or class body
    obj_t modules;              // dict: name -> module (sys.modules)
    obj_t sys_argv;             // list
    obj_t sys_path;             // list
    qstr_pool_t *qstr_pool;     // newest pool of run-time qstrs
    uint16_t *qstr_index;       // hash index over the run-time qstrs (slots hold their numbers)
    obj_t memory_error;         // preallocated MemoryError instance
    obj_t main_module;
    obj_t cur_exception;        // being handled (sys.exc_info); cleared when a block pops
    obj_t image_obj;            // keeps the running image's loaded data alive
    void *contexts;             // module_context_t *[]: the context table (rawcode.c)
    obj_t extra_roots[8];       // for ports and loaders
    void *roots_end;
    // ---- not roots
    nlr_buf_t *nlr_top;
    char *stack_top;            // C stack at rt_init; the scan runs from sp to here
    size_t stack_limit;
    size_t qstr_index_size;     // power of two
    size_t qstr_count;          // next qstr number
    map_elem_t removed;         // the entry map_lookup last removed (read at once: not a root)
    size_t n_contexts;          // entries of the context table
    size_t contexts_free;       // of them, cleared ones (NULL: gc.c clear_dead_contexts)
    size_t contexts_alloc;
    const void *image;          // the frozen image, if the port has one
    size_t image_len;
    bool in_gc;
    bool gc_auto_off;           // gc.disable(): a full heap raises MemoryError, no collection
    size_t gc_threshold;        // gc.threshold(): collect after this many bytes (0: never)
    size_t gc_allocated;        // bytes allocated since the last collection
    bool gc_stress;             // collect at every allocation (tests; CONFIG_GC_STRESS builds it in)
} vm_state_t;

extern vm_state_t vm_state;

NORETURN void vm_state_fatal(const char *msg);

#endif // RUNTIME_STATE_H
