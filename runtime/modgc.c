// SPDX-License-Identifier: MIT
// modgc.c: the gc module: collect, mem_alloc, mem_free, enable, disable, isenabled, threshold.
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * As in MicroPython: the collector runs when an allocation finds no room, and also once
 * threshold() bytes have been allocated since the last collection, if a threshold is set.
 * disable() stops both (a full heap then raises MemoryError); collect() always runs.
 */

// collect() returns None, as on most MicroPython ports (MICROPY_PY_GC_COLLECT_RETVAL off).
static obj_t gc_collect_(void) {
    gc_collect();
    return obj_none;
}
static FUN_OBJ_0(gc_collect_obj, gc_collect_);

static obj_t gc_mem_alloc(void) {
    gc_info_t info;
    gc_info(&info);
    return obj_new_int_from_uint(info.used);
}
static FUN_OBJ_0(gc_mem_alloc_obj, gc_mem_alloc);

static obj_t gc_mem_free(void) {
    gc_info_t info;
    gc_info(&info);
    return obj_new_int_from_uint(info.free);
}
static FUN_OBJ_0(gc_mem_free_obj, gc_mem_free);

static obj_t gc_enable(void) {
    vm_state.gc_auto_off = false;
    return obj_none;
}
static FUN_OBJ_0(gc_enable_obj, gc_enable);

static obj_t gc_disable(void) {
    vm_state.gc_auto_off = true;
    return obj_none;
}
static FUN_OBJ_0(gc_disable_obj, gc_disable);

static obj_t gc_isenabled(void) {
    return obj_bool(!vm_state.gc_auto_off);
}
static FUN_OBJ_0(gc_isenabled_obj, gc_isenabled);

// threshold(): the threshold, -1 when none; threshold(n): set it (-1: none).
static obj_t gc_threshold_(size_t n_args, const obj_t *args) {
    if (n_args == 0) {
        return vm_state.gc_threshold == 0 ? OBJ_NEW_SMALL_INT(-1)
                                          : obj_new_int_from_uint(vm_state.gc_threshold);
    }
    mp_int_t n = obj_get_int(args[0]);
    vm_state.gc_threshold = n < 0 ? 0 : n == 0 ? 1 : (size_t)n;
    return obj_none;
}
static FUN_OBJ_VAR_BETWEEN(gc_threshold_obj, 0, 1, gc_threshold_);

static const map_elem_t gc_globals_table[] = {
    { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_gc) },
    { ROM_QSTR(MP_QSTR_collect), ROM_PTR(&gc_collect_obj) },
    { ROM_QSTR(MP_QSTR_mem_alloc), ROM_PTR(&gc_mem_alloc_obj) },
    { ROM_QSTR(MP_QSTR_mem_free), ROM_PTR(&gc_mem_free_obj) },
    { ROM_QSTR(MP_QSTR_enable), ROM_PTR(&gc_enable_obj) },
    { ROM_QSTR(MP_QSTR_disable), ROM_PTR(&gc_disable_obj) },
    { ROM_QSTR(MP_QSTR_isenabled), ROM_PTR(&gc_isenabled_obj) },
    { ROM_QSTR(MP_QSTR_threshold), ROM_PTR(&gc_threshold_obj) },
};
static DEFINE_CONST_DICT(gc_globals, gc_globals_table);

const obj_module_t module_gc = {{&type_module}, (obj_dict_t *)&gc_globals};
