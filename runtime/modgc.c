// SPDX-License-Identifier: MIT
// modgc.c: the gc module: collect, mem_alloc, mem_free, enable, disable, isenabled.
#include "runtime/runtime.h"

/*
 * The collector runs when an allocation finds no free run of blocks (gc.c), never on a
 * threshold, so there is no automatic collection to switch off: enable() and disable()
 * only set the flag isenabled() reports, and a failing allocation still collects while
 * "disabled". MicroPython would raise MemoryError there instead.
 */
static bool gc_enabled = true;

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
    gc_enabled = true;
    return obj_none;
}
static FUN_OBJ_0(gc_enable_obj, gc_enable);

static obj_t gc_disable(void) {
    gc_enabled = false;
    return obj_none;
}
static FUN_OBJ_0(gc_disable_obj, gc_disable);

static obj_t gc_isenabled(void) {
    return obj_bool(gc_enabled);
}
static FUN_OBJ_0(gc_isenabled_obj, gc_isenabled);

static const map_elem_t gc_globals_table[] = {
    { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_gc) },
    { ROM_QSTR(MP_QSTR_collect), ROM_PTR(&gc_collect_obj) },
    { ROM_QSTR(MP_QSTR_mem_alloc), ROM_PTR(&gc_mem_alloc_obj) },
    { ROM_QSTR(MP_QSTR_mem_free), ROM_PTR(&gc_mem_free_obj) },
    { ROM_QSTR(MP_QSTR_enable), ROM_PTR(&gc_enable_obj) },
    { ROM_QSTR(MP_QSTR_disable), ROM_PTR(&gc_disable_obj) },
    { ROM_QSTR(MP_QSTR_isenabled), ROM_PTR(&gc_isenabled_obj) },
};
static DEFINE_CONST_DICT(gc_globals, gc_globals_table);

const obj_module_t module_gc = {{&type_module}, (obj_dict_t *)&gc_globals};
