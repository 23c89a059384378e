// SPDX-License-Identifier: MIT
// test_opcodes.c: invariants of runtime/opcodes.h and runtime/qstrdefs.h.
#include <string.h>

#include "runtime/opcodes.h"
#include "runtime/qstrdefs.h"
#include "tests/unit/unit.h"

static const char *const static_qstrs[] = {
    "",
#define QSTR_STR(id, str) str,
    QSTR_STATIC_LIST(QSTR_STR)
#undef QSTR_STR
};

START_TEST(opcode_ranges_ordered) {
    int prev_last = -1;
#define CHECK_RANGE(name, first, last, arg, cdelta) \
    ck_assert_int_le(first, last); \
    ck_assert_int_gt(first, prev_last); \
    prev_last = last;
    OPCODE_LIST(CHECK_RANGE)
#undef CHECK_RANGE
    ck_assert_int_eq(prev_last, 0xf9);
}
END_TEST

START_TEST(opcode_arg_follows_high_nibble) {
    // mpy-format.md 6.1: the argument format is a function of the high nibble.
#define CHECK_ARG(name, first, last, arg, cdelta) \
    switch ((first) >> 4) { \
    case 1: ck_assert_int_eq(arg, OPARG_QSTR); break; \
    case 2: case 3: ck_assert(arg == OPARG_UINT || arg == OPARG_SINT); break; \
    case 4: ck_assert(arg == OPARG_SOFF || arg == OPARG_UOFF); break; \
    default: ck_assert_int_eq(arg, OPARG_NONE); break; \
    }
    OPCODE_LIST(CHECK_ARG)
#undef CHECK_ARG
}
END_TEST

START_TEST(operator_numbering) {
    ck_assert_int_eq(MP_BC_UNARY_OP_MULTI + MP_UNARY_OP_NOT, 0xd3);
    ck_assert_int_eq(MP_BC_BINARY_OP_MULTI + MP_BINARY_OP_POWER, 0xf9);
    ck_assert_int_eq(MP_BINARY_OP_INPLACE_ADD + MP_BINARY_OP_INPLACE_DELTA, MP_BINARY_OP_ADD);
    ck_assert_int_eq(MP_BINARY_OP_REVERSE_POWER, 49);
}
END_TEST

START_TEST(static_qstr_indices) {
    ck_assert_int_eq(MP_QSTR_NUM_STATIC, 166);
    ck_assert_str_eq(static_qstrs[MP_QSTR__lt_module_gt_], "<module>");
    ck_assert_str_eq(static_qstrs[MP_QSTR_format], "format");
    ck_assert_int_eq(MP_QSTR_format, 84);
    ck_assert_str_eq(static_qstrs[MP_QSTR_zip], "zip");
    for (int i = 2; i < MP_QSTR_NUM_STATIC; i++) {
        ck_assert_msg(strcmp(static_qstrs[i - 1], static_qstrs[i]) != 0, "duplicate qstr %d", i);
    }
}
END_TEST

int main(void) {
    Suite *s = suite_create("opcodes");
    UNIT_ADD(s, opcode_ranges_ordered);
    UNIT_ADD(s, opcode_arg_follows_high_nibble);
    UNIT_ADD(s, operator_numbering);
    UNIT_ADD(s, static_qstr_indices);
    return unit_run("opcodes", s);
}
