// SPDX-License-Identifier: MIT
// modmicropython.c: the micropython module: const, opt_level, memory and stack information.
#include "runtime/runtime.h"

// const(x) is x: the compiler folds the common uses, the rest run through here.
static obj_t mp_const(obj_t x) {
    return x;
}
static FUN_OBJ_1(mp_const_obj, mp_const);

// Images are compiled ahead of time; the level they were compiled at is not recorded.
static obj_t mp_opt_level(size_t n_args, const obj_t *args) {
    return n_args == 0 ? OBJ_NEW_SMALL_INT(0) : obj_none;
}
static FUN_OBJ_VAR_BETWEEN(mp_opt_level_obj, 0, 1, mp_opt_level);

static obj_t mp_mem_info(size_t n_args, const obj_t *args) {
    gc_info_t info;
    gc_info(&info);
    print_printf(&print_stdout, "GC: total: %zu, used: %zu, free: %zu, max free: %zu\n",
                 info.total, info.used, info.free, info.max_free);
    return obj_none;
}
static FUN_OBJ_VAR_BETWEEN(mp_mem_info_obj, 0, 1, mp_mem_info);

static obj_t mp_nothing(size_t n_args, const obj_t *args) {
    return obj_none;
}
static FUN_OBJ_VAR_BETWEEN(mp_nothing_obj, 0, 1, mp_nothing);

static obj_t mp_stack_use(void) {
    return OBJ_NEW_SMALL_INT(0);
}
static FUN_OBJ_0(mp_stack_use_obj, mp_stack_use);

// schedule(fun, arg): there are no interrupts to defer to, so it runs now.
static obj_t mp_schedule(obj_t fun, obj_t arg) {
    rt_call_function_1(fun, arg);
    return obj_none;
}
static FUN_OBJ_2(mp_schedule_obj, mp_schedule);

static const map_elem_t micropython_globals_table[] = {
    { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_micropython) },
    { ROM_QSTR(MP_QSTR_const), ROM_PTR(&mp_const_obj) },
    { ROM_QSTR(MP_QSTR_opt_level), ROM_PTR(&mp_opt_level_obj) },
    { ROM_QSTR(MP_QSTR_mem_info), ROM_PTR(&mp_mem_info_obj) },
    { ROM_QSTR(MP_QSTR_qstr_info), ROM_PTR(&mp_nothing_obj) },
    { ROM_QSTR(MP_QSTR_stack_use), ROM_PTR(&mp_stack_use_obj) },
    { ROM_QSTR(MP_QSTR_heap_lock), ROM_PTR(&mp_nothing_obj) },
    { ROM_QSTR(MP_QSTR_heap_unlock), ROM_PTR(&mp_nothing_obj) },
    { ROM_QSTR(MP_QSTR_kbd_intr), ROM_PTR(&mp_nothing_obj) },
    { ROM_QSTR(MP_QSTR_schedule), ROM_PTR(&mp_schedule_obj) },
};
static DEFINE_CONST_DICT(micropython_globals, micropython_globals_table);

const obj_module_t module_micropython = {{&type_module}, (obj_dict_t *)&micropython_globals};
