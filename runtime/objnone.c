// SPDX-License-Identifier: MIT
// objnone.c: the singletons None, Ellipsis and NotImplemented.
#include "runtime/runtime.h"

static void none_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(self);
    print_str(p, kind == PRINT_JSON ? "null" : "None");
}

const obj_type_t type_NoneType = {
    .base = {&type_type},
    .flags = TYPE_FLAG_EQ_BY_IDENTITY,
    .name = MP_QSTR_NoneType,
    .slots = &(const obj_type_slots_t){
        .print = none_print,
    },
};

static void ellipsis_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(kind);
    print_str(p, self == obj_const_ellipsis ? "Ellipsis" : "NotImplemented");
}

const obj_type_t type_ellipsis = {
    .base = {&type_type},
    .flags = TYPE_FLAG_EQ_BY_IDENTITY,
    .name = MP_QSTR_ellipsis,
    .slots = &(const obj_type_slots_t){
        .print = ellipsis_print,
    },
};

const obj_type_t type_NotImplementedType = {
    .base = {&type_type},
    .flags = TYPE_FLAG_EQ_BY_IDENTITY,
    .name = MP_QSTR_NotImplementedType,
    .slots = &(const obj_type_slots_t){
        .print = ellipsis_print,
    },
};

const obj_base_t obj_ellipsis = {&type_ellipsis};
const obj_base_t obj_not_implemented = {&type_NotImplementedType};
