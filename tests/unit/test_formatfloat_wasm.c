// SPDX-License-Identifier: MIT
// test_formatfloat_wasm.c: runtime/formatfloat rebuilt with binary128 as its long double, as
// in the oracle (MicroPython compiled to wasm32), must reproduce the oracle's tables exactly.
#if defined(__SIZEOF_FLOAT128__) && (defined(__x86_64__) || defined(__aarch64__))
#define QUAD_AVAILABLE 1
// this file's own copy of the library, so the runtime archive's copy is not linked in
#define FORMATFLOAT_LARGE_T __float128
#include "runtime/formatfloat.c"
#else
#define QUAD_AVAILABLE 0
#endif

#include "tests/unit/floattables.h"

#if QUAD_AVAILABLE
START_TEST(repr_exact) {
    repr_table(0);
}
END_TEST

START_TEST(format_exact) {
    format_table(0);
}
END_TEST

START_TEST(percent_exact) {
    percent_table(0);
}
END_TEST

START_TEST(parse_exact) {
    parse_table(0);
}
END_TEST
#endif

int main(void) {
#if QUAD_AVAILABLE
    Suite *s = suite_create("formatfloat_wasm");
    UNIT_ADD(s, repr_exact);
    UNIT_ADD(s, format_exact);
    UNIT_ADD(s, percent_exact);
    UNIT_ADD(s, parse_exact);
    return unit_run("formatfloat_wasm", s);
#else
    printf("skip unit/formatfloat_wasm: no __float128 on this compiler\n");
    return 0;
#endif
}
