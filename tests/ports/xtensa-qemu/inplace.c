// SPDX-License-Identifier: MIT
// inplace.c: the image runs in place: the main module's code objects all point into the
// linked image (in FLASH on the target), code records included, and importing it takes
// heap only for its objects.
// Prints, for run.sh to compare between the target and the host build of this file:
//   code N in-image M     code objects reachable from the module's functions
//   first ADDRESS         where the first function's bytecode lies (hex)
//   module BYTES          the module's .mpy size in the image
//   heap BYTES            heap in use after the import, less the heap in use before
#include "runtime/bc.h"
#include "runtime/gc.h"
#include "runtime/image.h"
#include "runtime/mpyload.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

int main(void);

static uint64_t heap[128 * 1024 / 8];

typedef struct {
    unsigned codes, inside;
    uintptr_t first;
} counts_t;

static bool in_image(const byte *p) {
    return p >= freeze_image && p < freeze_image + freeze_image_len;
}

// Whether frozen record idx of ctx has children (image.h: its record's parent flag).
static bool is_parent(const module_context_t *ctx, uint32_t idx) {
    return (image_rd16(ctx->records + (size_t)idx * IMAGE_FRC_SIZE) & IMAGE_FRC_PARENT) != 0;
}

// Code block idx of a frozen module of len bytes and its children (a parent's run to the
// next parent's first child).
static void walk(const module_context_t *ctx, uint32_t len, uint32_t idx, counts_t *c) {
    raw_code_t rc;
    rc_decode(ctx, idx, &rc);
    const byte *end = rc_frozen_end(ctx, idx);
    c->codes++;
    c->inside += in_image(rc.code) && in_image(rc.bytecode) && in_image(end - 1)
        && (uint32_t)(end - ctx->data) <= len
        && in_image(ctx->records + (idx + 1) * IMAGE_FRC_SIZE - 1);
    if (c->first == 0) {
        c->first = (uintptr_t)rc.bytecode;
    }
    if (!is_parent(ctx, idx)) {
        return;
    }
    uint32_t child_end = ctx->n_rc;
    for (uint32_t j = idx + 1; j < ctx->n_rc; j++) {
        if (is_parent(ctx, j)) {
            child_end = rc_child(ctx, j, 0);
            break;
        }
    }
    for (uint32_t k = rc_child(ctx, idx, 0); k < child_end; k++) {
        walk(ctx, len, k, c);
    }
}

static size_t heap_used(void) {
    gc_collect();
    gc_info_t info;
    gc_info(&info);
    return info.used;
}

static void run(const image_module_t *m) {
    size_t before = heap_used();
    obj_t mod = mpyload_run_module(MP_QSTR___main__, m->data, m->data_len);
    size_t after = heap_used();
    counts_t c = { 0, 0, 0 };
    const map_t *g = &((obj_module_t *)mod)->globals->map;
    for (size_t i = 0; i < g->used; i++) {
        obj_t v = g->table[i].value;
        if (g->table[i].key != OBJ_NULL && v != OBJ_NULL && obj_get_type(v) == &type_fun_bc) {
            fun_bc_t f;
            fun_bc_get(v, &f);
            walk(f.ctx, (uint32_t)m->data_len, f.idx, &c);
        }
    }
    print_printf(&print_stdout, "code %u in-image %u\nfirst %x\nmodule %u\nheap %u\n",
                 c.codes, c.inside, (unsigned)c.first, (unsigned)m->data_len,
                 (unsigned)(after - before));
}

int main(void) {
    char stack_top;
    image_t img;
    image_module_t m;
    if (image_open(&img, freeze_image, freeze_image_len) != IMAGE_OK || !image_main(&img, &m)) {
        print_printf(&print_stdout, "bad image\n");
        return 3;
    }
    vm_state.stack_top = &stack_top;
    vm_state.image = freeze_image;
    vm_state.image_len = img.len;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        rt_init(heap, (char *)heap + sizeof heap, 0, NULL);
        vm_state.stack_limit = 8 * 1024;
        run(&m);
        nlr_pop();
        return 0;
    }
    obj_print_exception(&print_stdout, nlr.ret_val);
    return 1;
}
