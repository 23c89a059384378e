// SPDX-License-Identifier: MIT
// objbool.c: bool (an immediate word; arithmetic treats it as the int 0 or 1).
#include "runtime/runtime.h"

static void bool_print(const print_t *p, obj_t self, print_kind_t kind) {
    if (kind == PRINT_JSON) {
        print_str(p, self == obj_true ? "true" : "false");
    } else {
        print_str(p, self == obj_true ? "True" : "False");
    }
}

static obj_t bool_make_new(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args) {
    UNUSED(type);
    rt_arg_check_num(n_args, n_kw, 0, 1, false);
    return n_args == 0 ? obj_false : obj_bool(obj_is_true(args[0]));
}

static obj_t bool_unary_op(int op, obj_t self) {
    if (op == MP_UNARY_OP_LEN) {
        return OBJ_NULL;
    }
    return rt_unary_op(op, OBJ_NEW_SMALL_INT(self == obj_true));
}

static obj_t bool_binary_op(int op, obj_t lhs, obj_t rhs) {
    return rt_binary_op(op, OBJ_NEW_SMALL_INT(lhs == obj_true), rhs);
}

const obj_type_t type_bool = {
    .base = {&type_type},
    .name = MP_QSTR_bool,
    .slots = &(const obj_type_slots_t){
        .print = bool_print,
        .make_new = bool_make_new,
        .unary_op = bool_unary_op,
        .binary_op = bool_binary_op,
    },
};
