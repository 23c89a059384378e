// SPDX-License-Identifier: MIT
// modsys.c: the sys module: argv, path, modules, stdio, exit, exc_info, implementation.
#include <stdint.h>

#include "runtime/objstr.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * argv, path and modules live on the heap (vm_state holds them), so sys cannot be a const
 * module dict alone: it is an object of its own type whose attr hook serves those names
 * and otherwise reads the const table (without binding functions as methods).
 */

// The exception being handled, if the VM offers it (vm.c); NULL when it does not.
extern obj_t rt_current_exception(void) __attribute__((weak));

/* ------------------------------------------------------------------------------------
 * stdin, stdout, stderr.
 */
typedef struct obj_stdio_t {
    obj_base_t base;
    int fd;
} obj_stdio_t;

static obj_t stdio_write(obj_t self, obj_t data) {
    size_t len;
    const byte *d = str_data_maybe(data, &len);
    if (d == NULL) {
        rt_raise_msg(&type_TypeError, "object with buffer protocol required");
    }
    print_strn(&print_stdout, (const char *)d, len);
    return OBJ_NEW_SMALL_INT(obj_is_str(data) ? utf8_char_count(d, len) : len);
}
static FUN_OBJ_2(stdio_write_obj, stdio_write);

static obj_t stdio_flush(obj_t self) {
    return obj_none;
}
static FUN_OBJ_1(stdio_flush_obj, stdio_flush);

static void stdio_print(const print_t *p, obj_t self, print_kind_t kind) {
    print_printf(p, "<io.TextIOWrapper %d>", ((const obj_stdio_t *)self)->fd);
}

static const map_elem_t stdio_locals_table[] = {
    { ROM_QSTR(MP_QSTR_write), ROM_PTR(&stdio_write_obj) },
    { ROM_QSTR(MP_QSTR_flush), ROM_PTR(&stdio_flush_obj) },
};
static DEFINE_CONST_DICT(stdio_locals_dict, stdio_locals_table);

static const obj_type_t type_stdio = {
    .base = {&type_type},
    .name = MP_QSTR_TextIOWrapper,
    .slots = &(const obj_type_slots_t){
        .print = stdio_print,
    },
    .locals_dict = &stdio_locals_dict,
};

static const obj_stdio_t sys_stdin_obj = {{&type_stdio}, 0};
static const obj_stdio_t sys_stdout_obj = {{&type_stdio}, 1};
static const obj_stdio_t sys_stderr_obj = {{&type_stdio}, 2};

/* ------------------------------------------------------------------------------------
 * Constants: version_info and implementation.
 */
typedef struct {
    obj_base_t base;
    size_t len;
    obj_t items[4];
} tuple4_t;

static const tuple4_t sys_version_info_obj = {{&type_tuple}, 3, {ROM_INT(3), ROM_INT(4), ROM_INT(0)}};
static const tuple4_t sys_impl_version_obj = {{&type_tuple}, 4,
                                              {ROM_INT(1), ROM_INT(29), ROM_INT(0), ROM_QSTR(MP_QSTR_empty)}};

static void impl_attr(obj_t self, qstr_t attr, obj_t *dest) {
    if (dest[0] != OBJ_NULL) {
        return;
    }
    if (attr == MP_QSTR_name) {
        dest[0] = OBJ_NEW_QSTR(MP_QSTR_micropython);
    } else if (attr == MP_QSTR_version) {
        dest[0] = (obj_t)&sys_impl_version_obj;
    } else if (attr == MP_QSTR__mpy) {
        dest[0] = OBJ_NEW_SMALL_INT(6 | (3 << 8));  // .mpy version 6.3, no native arch
    }
}

static void impl_print(const print_t *p, obj_t self, print_kind_t kind) {
    print_str(p, "(name='micropython', version=(1, 29, 0, ''), _mpy=774)");
}

static const obj_type_t type_impl = {
    .base = {&type_type},
    .name = MP_QSTR_implementation,
    .slots = &(const obj_type_slots_t){
        .print = impl_print,
        .attr = impl_attr,
    },
};
static const obj_base_t sys_implementation_obj = {&type_impl};

/* ------------------------------------------------------------------------------------
 * Functions.
 */
static obj_t sys_exit(size_t n_args, const obj_t *args) {
    rt_raise(obj_new_exception(&type_SystemExit, n_args, args));
}
static FUN_OBJ_VAR_BETWEEN(sys_exit_obj, 0, 1, sys_exit);

static obj_t sys_exc_info(void) {
    obj_t exc = rt_current_exception != NULL ? rt_current_exception() : OBJ_NULL;
    obj_t t[3] = {obj_none, obj_none, obj_none};
    if (exc != OBJ_NULL && exc != obj_none) {
        t[0] = (obj_t)obj_get_type(exc);
        t[1] = exc;
    }
    return obj_new_tuple(3, t);
}
static FUN_OBJ_0(sys_exc_info_obj, sys_exc_info);

static obj_t sys_print_exception(size_t n_args, const obj_t *args) {
    obj_print_exception(&print_stdout, args[0]);
    return obj_none;
}
static FUN_OBJ_VAR_BETWEEN(sys_print_exception_obj, 1, 2, sys_print_exception);

static const map_elem_t sys_globals_table[] = {
    { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_sys) },
    { ROM_QSTR(MP_QSTR_byteorder), ROM_QSTR(MP_QSTR_little) },
    { ROM_QSTR(MP_QSTR_exc_info), ROM_PTR(&sys_exc_info_obj) },
    { ROM_QSTR(MP_QSTR_exit), ROM_PTR(&sys_exit_obj) },
    { ROM_QSTR(MP_QSTR_implementation), ROM_PTR(&sys_implementation_obj) },
    { ROM_QSTR(MP_QSTR_platform), ROM_QSTR(MP_QSTR_linux) },
    { ROM_QSTR(MP_QSTR_print_exception), ROM_PTR(&sys_print_exception_obj) },
    { ROM_QSTR(MP_QSTR_stderr), ROM_PTR(&sys_stderr_obj) },
    { ROM_QSTR(MP_QSTR_stdin), ROM_PTR(&sys_stdin_obj) },
    { ROM_QSTR(MP_QSTR_stdout), ROM_PTR(&sys_stdout_obj) },
    { ROM_QSTR(MP_QSTR_version), ROM_QSTR(MP_QSTR_sys_version) },
    { ROM_QSTR(MP_QSTR_version_info), ROM_PTR(&sys_version_info_obj) },
};
static DEFINE_CONST_DICT(sys_globals, sys_globals_table);

static void sys_attr(obj_t self, qstr_t attr, obj_t *dest) {
    if (dest[0] != OBJ_NULL) {
        return;  // sys attributes are read-only here
    }
    if (attr == MP_QSTR_argv) {
        dest[0] = vm_state.sys_argv;
    } else if (attr == MP_QSTR_path) {
        dest[0] = vm_state.sys_path;
    } else if (attr == MP_QSTR_modules) {
        dest[0] = vm_state.modules;
    } else if (attr == MP_QSTR_maxsize) {
        dest[0] = obj_new_int_from_ll((long long)INTPTR_MAX);
    } else if (attr == MP_QSTR___dict__) {
        dest[0] = (obj_t)&sys_globals;
    } else {
        map_elem_t *e = map_lookup((map_t *)&sys_globals.map, OBJ_NEW_QSTR(attr), MAP_LOOKUP);
        if (e != NULL) {
            dest[0] = e->value;
        }
    }
}

static void sys_print(const print_t *p, obj_t self, print_kind_t kind) {
    print_str(p, "<module 'sys'>");
}

static const obj_type_t type_sys_module = {
    .base = {&type_type},
    .name = MP_QSTR_module,
    .slots = &(const obj_type_slots_t){
        .print = sys_print,
        .attr = sys_attr,
    },
};

// Laid out as an obj_module_t, so code that reads module globals finds the const table.
const obj_module_t module_sys = {{&type_sys_module}, (obj_dict_t *)&sys_globals};
