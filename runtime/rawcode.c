// SPDX-License-Identifier: MIT
// rawcode.c: code records: module contexts, decoding a code block on demand, making functions.

#include "runtime/bc.h"
#include "runtime/image.h"
#include "runtime/mpy.h"
#include "runtime/mpyload.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * Every loaded module has one context, entered in the context table (vm_state.contexts,
 * a root) so that a function can name its module by a small number. The first function
 * made of a code block (a def at the top level of a module or class, typically run once)
 * is then an immediate word, (slot + 1) << 17 | record << 1 | generator, and costs no
 * heap: its code, names and constants are all in the image. A code block with positional
 * defaults has room for them in the context's defaults store (its record says where), so
 * its first function is an immediate too and its defaults cost a word each. A def that
 * runs again, or one with keyword-only defaults, makes a heap object (one GC block with
 * up to one default on a 32-bit MCU: they are stored in it).
 * An immediate holds no pointer, so the collector marks a context from the immediates
 * it finds (gc.c mark_context_of) and holds the table's entries weakly: a context nothing
 * uses any more is freed and its slot taken by the next module loaded.
 */

static void register_context(module_context_t *ctx) {
    module_context_t **t = (module_context_t **)vm_state.contexts;
    for (size_t i = 0; vm_state.contexts_free > 0 && i < vm_state.n_contexts; i++) {
        if (t[i] == NULL) {  // cleared by the collector (gc.c clear_dead_contexts)
            t[i] = ctx;
            ctx->slot = (uint16_t)i;
            vm_state.contexts_free--;
            return;
        }
    }
    size_t n = vm_state.n_contexts;
    if (n + 1 >= RC_IMM_MAX_SLOTS) {
        ctx->slot = RC_NO_SLOT;  // past what an immediate can name: heap functions only
        return;
    }
    if (n == vm_state.contexts_alloc) {
        size_t alloc = n == 0 ? 8 : 2 * n;
        vm_state.contexts = gc_realloc(vm_state.contexts, alloc * sizeof(module_context_t *));
        vm_state.contexts_alloc = alloc;
    }
    ((module_context_t **)vm_state.contexts)[n] = ctx;
    vm_state.n_contexts = n + 1;
    ctx->slot = (uint16_t)n;
}

// A loaded module is its context: obj_module_t's fields come first.
_Static_assert(offsetof(module_context_t, globals) == offsetof(obj_module_t, globals),
               "a context must read as a module object");

module_context_t *rc_new_context(size_t n_rc, size_t n_defs) {
    module_context_t *ctx = (module_context_t *)gc_alloc(RC_CONTEXT_SIZE(n_rc, n_defs));  // zeroed
    ctx->base.type = &type_module;
    ctx->n_rc = (uint16_t)n_rc;
    register_context(ctx);
    return ctx;
}

// Entry `which` (0: qstrs, 1: constants) of a module's table sizes, from its data: a
// frozen module's header, or a .mpy's two counts after its 4-byte header (the loader
// refuses the header flags that would put more before them).
static size_t table_count(const module_context_t *ctx, int which) {
    // Both are vuints of the same encoding, checked at import.
    const byte *p = ctx->data + (rc_is_frozen(ctx) ? IMAGE_FMOD_OFF_COUNTS : 4);
    size_t n = bc_read_uint(&p);
    return which == 0 ? n : bc_read_uint(&p);
}

size_t rc_n_qstr(const module_context_t *ctx) {
    return table_count(ctx, 0);
}

size_t rc_n_obj(const module_context_t *ctx) {
    return table_count(ctx, 1);
}

const byte *bc_decode_prelude_head_long(const byte *p, bc_prelude_head_t *h) {
    byte z = *p++;
    bc_prelude_head_first(z, h);
    for (unsigned n = 0; z & 0x80; n++) {
        z = *p++;
        h->scope_flags |= (size_t)((z >> 6) & 1) << n;
        h->n_state_1 |= (size_t)((z >> 4) & 3) << (4 + 2 * n);
        h->n_kwonly_args |= (size_t)((z >> 3) & 1) << n;
        h->n_pos_args |= (size_t)((z >> 2) & 1) << (2 + n);
        h->n_exc_stack |= (size_t)((z >> 1) & 1) << (1 + n);
        h->n_def_pos_args |= (size_t)(z & 1) << n;
    }
    h->n_info = 0;
    h->n_cell = 0;
    unsigned n = 0;
    do {
        z = *p++;
        if (6 * n < 8 * sizeof(size_t)) {
            h->n_info |= (size_t)((z >> 1) & 0x3f) << (6 * n);
        }
        h->n_cell |= (size_t)(z & 1) << n;
        n++;
    } while (z & 0x80);
    return p;
}

qstr_t rc_name(const raw_code_t *rc) {
    const byte *p = rc->info;
    return rc->ctx->qstrs[bc_read_uint(&p)];
}

const byte *rc_arg_names(const raw_code_t *rc) {
    const byte *p = rc->info;
    bc_read_uint(&p);
    return p;
}

uint32_t rc_child(const module_context_t *ctx, uint32_t idx, size_t k) {
    if (!rc_is_frozen(ctx)) {
        return image_rd16(ctx->records + (size_t)idx * RC_MPY_RECORD + RC_MPY_FIRST_CHILD) + (uint32_t)k;
    }
    return image_rd16(rc_frozen_end(ctx, idx) - 2) + (uint32_t)k;
}

// Whether an immediate can carry defaults: none for a record without them; else, all
// its positional defaults, equal word for word to its flash defaults, or stored in its
// room in the defaults store.
static bool keep_defaults(const module_context_t *ctx, const raw_code_t *rc, obj_t defaults) {
    bool in_flash;
    const obj_t *kept = rc_kept_defaults(ctx, rc->idx, rc->n_def_pos_args, &in_flash);
    if (kept == NULL || defaults == OBJ_NULL) {
        return kept == NULL && defaults == OBJ_NULL;
    }
    size_t n;
    obj_t *items;
    obj_get_array(defaults, &n, &items);
    if (n != rc->n_def_pos_args) {
        return false;
    }
    if (in_flash) {
        for (size_t i = 0; i < n; i++) {
            if (rc_flash_obj(ctx, kept[i]) != items[i]) {
                return false;
            }
        }
        return true;
    }
    mem_copy((obj_t *)kept, items, n * sizeof(obj_t));  // the store is the context's, on the heap
    return true;
}

obj_t rc_make_function(const module_context_t *ctx, uint32_t idx, obj_t defaults, obj_t kwdefaults) {
    uint32_t *made = &((module_context_t *)ctx)->made[idx / 32], bit = (uint32_t)1 << (idx % 32);
    bool first = !(*made & bit);
    *made |= bit;
    raw_code_t rc;
    rc_decode(ctx, idx, &rc);
    bool is_gen = (rc.scope_flags & MP_SCOPE_FLAG_GENERATOR) != 0;
    if (first && kwdefaults == OBJ_NULL && ctx->slot != RC_NO_SLOT
            && idx < ((uint32_t)1 << RC_IMM_RECORD_BITS) && keep_defaults(ctx, &rc, defaults)) {
        uintptr_t payload = ((uintptr_t)ctx->slot + 1) << (1 + RC_IMM_RECORD_BITS);
        return OBJ_NEW_FUN_IMM(payload | (uintptr_t)idx << 1 | is_gen);
    }
    // The defaults go inline: one block on a 32-bit MCU for a function with one default.
    size_t n_def = 0;
    obj_t *defs = NULL;
    if (defaults != OBJ_NULL) {
        obj_get_array(defaults, &n_def, &defs);
        if (n_def > FUN_BC_MAX_DEFAULTS) {
            rt_raise_msg(&type_ValueError, "too many default arguments");
        }
    }
    bool has_kw = kwdefaults != OBJ_NULL;
    obj_fun_bc_t *f = m_new_obj_var(obj_fun_bc_t, obj_t, n_def + has_kw);
    // A generator function is its own type, named "generator" as in MicroPython.
    f->base.type = is_gen ? &type_gen_wrap : &type_fun_bc;
    f->ctx = ctx;
    f->code = (uintptr_t)idx << 16 | n_def << 1 | has_kw;
    mem_copy(f->extra, defs, n_def * sizeof(obj_t));
    if (has_kw) {
        f->extra[n_def] = kwdefaults;
    }
    return f;
}
