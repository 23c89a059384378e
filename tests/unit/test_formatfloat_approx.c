// SPDX-License-Identifier: MIT
// test_formatfloat_approx.c: the double APPROX method (MicroPython's choice where long double
// is no wider than double, as on 32-bit MCUs) rebuilt on the host: no oracle runs it, so
// this checks simple texts and that repr reads back.
#define FORMATFLOAT_DOUBLE_EXACT 0
// this file's own copy of the library, so the runtime archive's copy is not linked in
#include "runtime/formatfloat.c"

#include "tests/unit/unit.h"

START_TEST(simple_texts) {
    static const struct {
        double x;
        const char *repr;
    } cases[] = {
        {0.1, "0.1"}, {1.5, "1.5"}, {100.0, "100.0"}, {1e16, "1e+16"}, {1e-5, "1e-05"},
        {-0.0, "-0.0"}, {123456789.0, "123456789.0"}, {0.25, "0.25"}, {1e100, "1e+100"},
    };
    char buf[FORMATFLOAT_BUF_SIZE];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        formatfloat_repr(buf, cases[i].x);
        ck_assert_str_eq(buf, cases[i].repr);
    }
    formatfloat_format(buf, 3.14159, 'f', 3, '\0', 0);
    ck_assert_str_eq(buf, "3.142");
    formatfloat_format(buf, 12345.678, 'e', -1, '\0', 0);
    ck_assert_str_eq(buf, "1.234568e+04");
}
END_TEST

START_TEST(round_trip) {
    char buf[FORMATFLOAT_BUF_SIZE];
    uint64_t state = 88172645463325252ull;
    int fails = 0;
    for (int i = 0; i < 20000; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        uint64_t bits = state & 0x7fefffffffffffffull;
        double x, back;
        memcpy(&x, &bits, sizeof x);
        size_t len = formatfloat_repr(buf, x);
        ck_assert(formatfloat_parse(buf, len, false, &back, NULL));
        fails += back != x;
    }
    // the method is approximate by design (its parser rounds more than once, and its
    // exponent-field scaling misreads subnormals)
    ck_assert_msg(fails < 200, "%d of 20000 reprs do not read back", fails);  // 68 now
}
END_TEST

int main(void) {
    Suite *s = suite_create("formatfloat_approx");
    UNIT_ADD(s, simple_texts);
    UNIT_ADD(s, round_trip);
    return unit_run("formatfloat_approx", s);
}
