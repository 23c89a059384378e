// SPDX-License-Identifier: MIT
// test_runtime.c: internals of the runtime: collector, qstrs, maps and the .mpy loader's checks.
#include <string.h>

#include "runtime/bc.h"
#include "runtime/mpyload.h"
#include "runtime/runtime.h"
#include "runtime/state.h"
#include "tests/unit/unit.h"

#define HEAP_SIZE (128 * 1024)
static char heap[HEAP_SIZE] __attribute__((aligned(16)));

// Every test starts a fresh VM over the static heap; the stack scan starts at the test.
#define VM_START() do { \
        char top_; \
        vm_state.stack_top = &top_; \
        vm_state.nlr_top = NULL; \
        rt_init(heap, heap + HEAP_SIZE, 0, NULL); \
    } while (0)

// Runs fn(arg) under an nlr handler; returns the exception raised, or OBJ_NULL.
static obj_t catch_call(void (*fn)(void *), void *arg) {
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        fn(arg);
        nlr_pop();
        return OBJ_NULL;
    }
    return nlr.ret_val;
}

__attribute__((noinline)) static void make_garbage(void *arg) {
    UNUSED(arg);
    for (int i = 0; i < 2000; i++) {
        obj_new_list(4, NULL);
    }
}

START_TEST(gc_reclaims_garbage) {
    VM_START();
    gc_info_t before, after;
    gc_collect();
    gc_info(&before);
    ck_assert_ptr_null(catch_call(make_garbage, NULL));  // 2000 lists need several collections
    gc_collect();
    gc_info(&after);
    ck_assert_uint_le(after.used, before.used + 2048);  // only stale stack words may pin a few
}
END_TEST

START_TEST(gc_keeps_roots) {
    VM_START();
    obj_t list = obj_new_list(0, NULL);
    vm_state.extra_roots[0] = list;
    for (int i = 0; i < 500; i++) {
        obj_list_append(list, obj_new_tuple(2, (obj_t[]){OBJ_NEW_SMALL_INT(i), obj_new_list(1, NULL)}));
        if (i % 50 == 0) {
            gc_collect();
        }
    }
    make_garbage(NULL);
    gc_collect();
    obj_list_t *l = (obj_list_t *)vm_state.extra_roots[0];
    ck_assert_uint_eq(l->len, 500);
    for (size_t i = 0; i < l->len; i++) {
        obj_tuple_t *t = (obj_tuple_t *)l->items[i];
        ck_assert_ptr_eq(t->base.type, &type_tuple);
        ck_assert_int_eq(OBJ_SMALL_INT_VALUE(t->items[0]), (mp_int_t)i);
        ck_assert_ptr_eq(((obj_base_t *)t->items[1])->type, &type_list);
    }
}
END_TEST

static void exhaust(void *arg) {
    obj_t list = obj_new_list(0, NULL);
    *(obj_t *)arg = list;
    for (;;) {
        obj_list_append(list, obj_new_list(16, NULL));
    }
}

START_TEST(gc_memory_error) {
    VM_START();
    obj_t keep = OBJ_NULL;
    obj_t exc = catch_call(exhaust, &keep);
    ck_assert(exc != OBJ_NULL);
    ck_assert(obj_isinstance(exc, &type_MemoryError));
    keep = OBJ_NULL;
    vm_state.extra_roots[0] = OBJ_NULL;
    gc_collect();
    ck_assert(obj_new_list(8, NULL) != OBJ_NULL);  // the heap is usable again
}
END_TEST

START_TEST(qstr_interning) {
    VM_START();
    ck_assert_uint_eq(qstr_from_str("append"), MP_QSTR_append);
    ck_assert_uint_eq(qstr_from_str("__init__"), MP_QSTR___init__);
    ck_assert_uint_eq(qstr_from_str("<genexpr>"), MP_QSTR___lt_genexpr_gt_);
    qstr_t a = qstr_from_str("a_new_name");
    ck_assert_uint_ge(a, MP_QSTR_NUM_BUILTIN);
    ck_assert_uint_eq(qstr_from_str("a_new_name"), a);
    ck_assert_str_eq(qstr_str(a), "a_new_name");
    ck_assert_uint_eq(qstr_find_strn("never_interned", 14), MP_QSTRnull);
    char buf[16];
    for (int i = 0; i < 600; i++) {  // grows the pool chain and the index several times
        snprintf(buf, sizeof(buf), "n%d", i);
        qstr_from_str(buf);
    }
    ck_assert_uint_eq(qstr_from_str("a_new_name"), a);
    ck_assert_uint_eq(qstr_hash(a), qstr_compute_hash((const byte *)"a_new_name", 10));
}
END_TEST

// Every built-in qstr is found by its text through the build-time table (qstrhash.h),
// hashes as its text does, and takes no heap: the run-time index starts empty.
START_TEST(qstr_builtins_by_hash) {
    VM_START();
    ck_assert_ptr_null(vm_state.qstr_index);
    for (qstr_t q = 1; q < MP_QSTR_NUM_BUILTIN; q++) {
        size_t len;
        const char *s = qstr_data(q, &len);
        ck_assert_uint_eq(qstr_hash(q), qstr_compute_hash((const byte *)s, len));
        ck_assert_uint_eq(qstr_find_strn(s, len), q);
    }
    ck_assert_ptr_null(vm_state.qstr_index);
    ck_assert_uint_eq(qstr_find_strn("appendx", 7), MP_QSTRnull);
}
END_TEST

START_TEST(map_keeps_insertion_order) {
    VM_START();
    map_t m;
    map_init(&m, 0);
    for (int i = 0; i < 100; i++) {
        map_lookup(&m, OBJ_NEW_SMALL_INT(i), MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = OBJ_NEW_SMALL_INT(i * 2);
    }
    for (int i = 0; i < 100; i += 2) {
        ck_assert_ptr_nonnull(map_lookup(&m, OBJ_NEW_SMALL_INT(i), MAP_LOOKUP_REMOVE_IF_FOUND));
    }
    map_lookup(&m, OBJ_NEW_SMALL_INT(-1), MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = obj_none;
    ck_assert_uint_eq(map_count(&m), 51);
    mp_int_t expect = 1;
    size_t seen = 0;
    for (size_t i = 0; i < m.used; i++) {
        if (!MAP_SLOT_IS_FILLED(&m, i)) {
            continue;
        }
        mp_int_t k = OBJ_SMALL_INT_VALUE(m.table[i].key);
        if (seen < 50) {
            ck_assert_int_eq(k, expect);
            ck_assert_int_eq(OBJ_SMALL_INT_VALUE(m.table[i].value), expect * 2);
            expect += 2;
        } else {
            ck_assert_int_eq(k, -1);
        }
        seen++;
    }
    ck_assert_uint_eq(seen, 51);
    ck_assert_ptr_null(map_lookup(&m, OBJ_NEW_SMALL_INT(4), MAP_LOOKUP));
    ck_assert_ptr_nonnull(map_lookup(&m, OBJ_NEW_SMALL_INT(99), MAP_LOOKUP));
}
END_TEST

typedef struct {
    const byte *data;
    size_t len;
} blob_t;

static void load_blob(void *arg) {
    blob_t *b = (blob_t *)arg;
    mpyload_load(b->data, b->len, (obj_dict_t *)obj_new_dict(0));
}

// The message of the ValueError loading data raises, or "" if it loads.
static const char *load_error(const byte *data, size_t len) {
    blob_t b = {data, len};
    obj_t exc = catch_call(load_blob, &b);
    if (exc == OBJ_NULL) {
        return "";
    }
    ck_assert(obj_isinstance(exc, &type_ValueError));
    return obj_str_get_cstr(obj_str(exc));
}

// "a = 1" compiled by mpy-cross -s a.py.
static const byte tiny_mpy[] = {
    0x4d, 0x06, 0x00, 0x1f, 0x03, 0x00, 0x08, 0x61, 0x2e, 0x70, 0x79, 0x00, 0x0f, 0x02, 0x61, 0x00,
    0x40, 0x00, 0x02, 0x01, 0x81, 0x16, 0x02, 0x51, 0x63,
};

// "def f():\n    return 7\n" compiled by mpy-cross -s f.py.
static const byte fun_mpy[] = {
    0x4d, 0x06, 0x00, 0x1f, 0x03, 0x00, 0x08, 0x66, 0x2e, 0x70, 0x79, 0x00, 0x0f, 0x02, 0x66, 0x00,
    0x4c, 0x00, 0x02, 0x01, 0x32, 0x00, 0x16, 0x02, 0x51, 0x63, 0x01, 0x30, 0x00, 0x04, 0x02, 0x20,
    0x87, 0x63,
};

static obj_t run_fun_module(const char *name) {
    obj_t m = mpyload_run_module(qstr_from_str(name), fun_mpy, sizeof(fun_mpy));
    obj_t f = obj_dict_get(((obj_module_t *)m)->globals, OBJ_NEW_QSTR(qstr_from_str("f")));
    ck_assert(obj_get_type(f) == &type_fun_bc);
    ck_assert_int_eq(OBJ_SMALL_INT_VALUE(rt_call_function_n_kw(f, 0, 0, NULL)), 7);
    return f;
}

// The .mpy loader's records (image.h): f's code block is record 1, the module's first
// child; the module body stores one name, f's body none (the names field, by which the
// globals are sized once).
START_TEST(mpy_records) {
    VM_START();
    obj_t f = run_fun_module("mr");
    fun_bc_t fb;
    fun_bc_get(f, &fb);
    ck_assert_uint_eq(fb.idx, 1);
    ck_assert_uint_eq(rc_child(fb.ctx, 0, 0), 1);
    ck_assert_uint_eq(rc_store_names(fb.ctx, 0), 1);
    ck_assert_uint_eq(rc_store_names(fb.ctx, 1), 0);
}
END_TEST

// A def run once makes an immediate; once the context table is full (more modules than an
// immediate can name), a heap function that works the same.
START_TEST(fun_immediate_and_heap) {
    VM_START();
    ck_assert(OBJ_IS_FUN_IMM(run_fun_module("m1")));
    // As if that many modules were loaded; the table is not that long, so no collection
    // may walk it meanwhile.
    vm_state.gc_auto_off = true;
    vm_state.n_contexts = RC_IMM_MAX_SLOTS - 1;
    obj_t f = run_fun_module("m2");
    ck_assert(!OBJ_IS_FUN_IMM(f) && OBJ_IS_PTR(f) && gc_is_heap_ptr(f));
    vm_state.n_contexts = 1;
    vm_state.gc_auto_off = false;
}
END_TEST

START_TEST(mpyload_checks) {
    VM_START();
    ck_assert_str_eq(load_error(tiny_mpy, sizeof(tiny_mpy)), "");
    byte b[sizeof(tiny_mpy)];
    memcpy(b, tiny_mpy, sizeof(b));
    b[0] = 'C';
    ck_assert_str_eq(load_error(b, sizeof(b)), "incompatible .mpy file");
    memcpy(b, tiny_mpy, sizeof(b));
    b[1] = 5;
    ck_assert_str_eq(load_error(b, sizeof(b)), "incompatible .mpy file");
    memcpy(b, tiny_mpy, sizeof(b));
    b[2] = 0x0a;  // x64 native code, sub-version 2
    ck_assert_str_eq(load_error(b, sizeof(b)), "incompatible .mpy file");
    memcpy(b, tiny_mpy, sizeof(b));
    b[3] = 64;
    ck_assert_str_eq(load_error(b, sizeof(b)), "incompatible .mpy file");
    for (size_t n = 0; n < sizeof(tiny_mpy); n++) {
        ck_assert_str_ne(load_error(tiny_mpy, n), "");  // every truncation is refused
    }
    memcpy(b, tiny_mpy, sizeof(b));
    b[sizeof(b) - 3] = 0x27;  // STORE_DEREF of a slot beyond n_state
    ck_assert_str_eq(load_error(b, sizeof(b)), "corrupt .mpy file");
    memcpy(b, tiny_mpy, sizeof(b));
    b[sizeof(b) - 1] = 0x59;  // POP_TOP instead of RETURN_VALUE: pops an empty stack
    ck_assert_str_eq(load_error(b, sizeof(b)), "corrupt .mpy file");
}
END_TEST

int main(void) {
    Suite *s = suite_create("runtime");
    UNIT_ADD(s, gc_reclaims_garbage);
    UNIT_ADD(s, gc_keeps_roots);
    UNIT_ADD(s, gc_memory_error);
    UNIT_ADD(s, qstr_interning);
    UNIT_ADD(s, qstr_builtins_by_hash);
    UNIT_ADD(s, mpy_records);
    UNIT_ADD(s, map_keeps_insertion_order);
    UNIT_ADD(s, mpyload_checks);
    UNIT_ADD(s, fun_immediate_and_heap);
    return unit_run("runtime", s);
}
