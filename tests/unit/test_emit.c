// SPDX-License-Identifier: MIT
// test_emit.c: the emitter's and .mpy writer's encodings against mpy-format.md's examples.
#include <string.h>

#include "mpycross/emit.h"
#include "mpycross/mpy.h"
#include "runtime/opcodes.h"
#include "tests/unit/unit.h"

static jmp_buf oom;

#define CHECK_BYTES(got, n, ...) do { \
        const uint8_t want_[] = {__VA_ARGS__}; \
        ck_assert_uint_eq((n), sizeof(want_)); \
        ck_assert_mem_eq((got), want_, sizeof(want_)); \
    } while (0)

START_TEST(vuint_examples) {
    uint8_t b[MPY_ENC_MAX];
    CHECK_BYTES(b, mpy_enc_vuint(b, 0), 0x00);
    CHECK_BYTES(b, mpy_enc_vuint(b, 127), 0x7f);
    CHECK_BYTES(b, mpy_enc_vuint(b, 128), 0x81, 0x00);
    CHECK_BYTES(b, mpy_enc_vuint(b, 169), 0x81, 0x29);
    CHECK_BYTES(b, mpy_enc_vuint(b, 280), 0x82, 0x18);
    CHECK_BYTES(b, mpy_enc_vuint(b, 16383), 0xff, 0x7f);
    CHECK_BYTES(b, mpy_enc_vuint(b, 16384), 0x81, 0x80, 0x00);
}
END_TEST

START_TEST(sint_examples) {
    uint8_t b[MPY_ENC_MAX];
    CHECK_BYTES(b, mpy_enc_sint(b, 48), 0x30);
    CHECK_BYTES(b, mpy_enc_sint(b, 63), 0x3f);
    CHECK_BYTES(b, mpy_enc_sint(b, 64), 0x80, 0x40);
    CHECK_BYTES(b, mpy_enc_sint(b, -17), 0x6f);
    CHECK_BYTES(b, mpy_enc_sint(b, -64), 0x40);
    CHECK_BYTES(b, mpy_enc_sint(b, -65), 0xff, 0x3f);
    CHECK_BYTES(b, mpy_enc_sint(b, 8191), 0xbf, 0x7f);
    CHECK_BYTES(b, mpy_enc_sint(b, 8192), 0x80, 0xc0, 0x00);
    CHECK_BYTES(b, mpy_enc_sint(b, -8192), 0xc0, 0x00);
    CHECK_BYTES(b, mpy_enc_sint(b, -8193), 0xff, 0xbf, 0x7f);
    CHECK_BYTES(b, mpy_enc_sint(b, 1073741823), 0x83, 0xff, 0xff, 0xff, 0x7f);
    CHECK_BYTES(b, mpy_enc_sint(b, -1073741824), 0xfc, 0x80, 0x80, 0x80, 0x00);
}
END_TEST

START_TEST(signature_examples) {
    uint8_t b[32];
    mpy_sig_t s1 = {1, 0, 0, 0, 0, 0};
    CHECK_BYTES(b, mpy_enc_signature(b, &s1), 0x00);
    mpy_sig_t s2 = {3, 0, 0, 1, 0, 0};
    CHECK_BYTES(b, mpy_enc_signature(b, &s2), 0x11);
    mpy_sig_t s3 = {8, 0, 0xe, 2, 2, 1};
    CHECK_BYTES(b, mpy_enc_signature(b, &s3), 0xba, 0x81, 0xc8, 0xc0, 0x40);
    mpy_sig_t s4 = {24, 0, 0, 18, 0, 0};
    CHECK_BYTES(b, mpy_enc_signature(b, &s4), 0xba, 0x90, 0x80, 0x04);
    mpy_sig_t s5 = {9, 1, 1, 0, 0, 0};
    CHECK_BYTES(b, mpy_enc_signature(b, &s5), 0xc4, 0x40);
    mpy_sig_t s6 = {2, 0, 0, 0, 0, 0};
    CHECK_BYTES(b, mpy_enc_signature(b, &s6), 0x08);
}
END_TEST

START_TEST(size_examples) {
    uint8_t b[MPY_ENC_MAX];
    CHECK_BYTES(b, mpy_enc_size(b, 1, 0), 0x02);
    CHECK_BYTES(b, mpy_enc_size(b, 4, 1), 0x09);
    CHECK_BYTES(b, mpy_enc_size(b, 6, 1), 0x0d);
    CHECK_BYTES(b, mpy_enc_size(b, 1, 2), 0x82, 0x01);
    CHECK_BYTES(b, mpy_enc_size(b, 64, 0), 0x80, 0x02);
    CHECK_BYTES(b, mpy_enc_size(b, 2, 0), 0x04);
}
END_TEST

// Line table entry for (bytes, lines), as the emitter writes it in an EMIT pass.
static size_t line_entry(uint8_t *out, size_t bytes, int lines) {
    mpy_tables_t t;
    emit_t e;
    mpy_tables_init(&t, &oom, "t.py", 31);
    emit_init(&e, &t, false);
    emit_start_pass(&e, EMIT_PASS_EMIT);
    for (size_t i = 0; i < bytes; i++) {
        emit_op(&e, MP_BC_POP_TOP, 0);
    }
    emit_line(&e, 1 + lines);
    size_t n = e.lines.len;
    memcpy(out, e.lines.data, n);
    emit_free(&e);
    mpy_tables_free(&t);
    return n;
}

START_TEST(line_table_examples) {
    uint8_t b[64];
    if (setjmp(oom)) {
        ck_abort_msg("out of memory");
    }
    CHECK_BYTES(b, line_entry(b, 3, 1), 0x23);
    CHECK_BYTES(b, line_entry(b, 9, 3), 0x69);
    CHECK_BYTES(b, line_entry(b, 9, 4), 0x69, 0x20);
    CHECK_BYTES(b, line_entry(b, 9, 9), 0x89, 0x09);
    CHECK_BYTES(b, line_entry(b, 0, 6), 0x60, 0x60);
    CHECK_BYTES(b, line_entry(b, 47, 1), 0x1f, 0x30);
    CHECK_BYTES(b, line_entry(b, 7, 8), 0x87, 0x08);
    CHECK_BYTES(b, line_entry(b, 8, 17), 0x88, 0x11);
    CHECK_BYTES(b, line_entry(b, 0, 5), 0x60, 0x40);
    CHECK_BYTES(b, line_entry(b, 0, 7), 0x80, 0x07);
}
END_TEST

// Compile "jump op over `body` one-byte instructions" (or back over them) through all passes.
static size_t jump_over(uint8_t *out, uint8_t op, size_t body, bool backward) {
    mpy_tables_t t;
    emit_t e;
    mpy_tables_init(&t, &oom, "t.py", 31);
    emit_init(&e, &t, false);
    int pass = EMIT_PASS_STACK_SIZE;
    for (;;) {
        emit_start_pass(&e, pass);
        size_t l = emit_new_label(&e);
        if (backward) {
            emit_label(&e, l);
        }
        if (!backward) {
            emit_jump(&e, op, 0, l);
        }
        for (size_t i = 0; i < body; i++) {
            emit_op(&e, MP_BC_DUP_TOP, 0);
        }
        if (backward) {
            emit_jump(&e, op, 0, l);
        } else {
            emit_label(&e, l);
        }
        if (emit_end_pass(&e) && pass == EMIT_PASS_EMIT) {
            break;
        }
        if (pass < EMIT_PASS_EMIT) {
            pass++;
        }
    }
    size_t n = backward ? 3 : 3;
    const uint8_t *j = backward ? e.code.data + body : e.code.data;
    n = backward ? e.code.len - body : e.code.len - body;
    memcpy(out, j, n);
    emit_free(&e);
    mpy_tables_free(&t);
    return n;
}

START_TEST(jump_size_boundaries) {
    uint8_t b[8];
    if (setjmp(oom)) {
        ck_abort_msg("out of memory");
    }
    CHECK_BYTES(b, jump_over(b, MP_BC_POP_JUMP_IF_FALSE, 62, false), 0x44, 0x7e);
    CHECK_BYTES(b, jump_over(b, MP_BC_POP_JUMP_IF_FALSE, 63, false), 0x44, 0xbf, 0x80);
    CHECK_BYTES(b, jump_over(b, MP_BC_JUMP, 0, false), 0x42, 0x40);
    CHECK_BYTES(b, jump_over(b, MP_BC_FOR_ITER, 126, false), 0x4b, 0x7e);
    CHECK_BYTES(b, jump_over(b, MP_BC_FOR_ITER, 127, false), 0x4b, 0xff, 0x00);
    // backward: D = pos + 2 - target; short iff D <= 64
    CHECK_BYTES(b, jump_over(b, MP_BC_JUMP, 62, true), 0x42, 0x00);
    CHECK_BYTES(b, jump_over(b, MP_BC_JUMP, 63, true), 0x42, 0xbe, 0x7f);
}
END_TEST

START_TEST(float_text_examples) {
    static const struct { double x; const char *text; } cases[] = {
        {0.1, "0.1"}, {1.5, "1.5"}, {91.4, "91.40000000000001"},
        {9.7e-12, "9.699999999999999e-12"}, {7e-05, "6.999999999999999e-05"},
        {5e-324, "4.940656458412465e-324"}, {1e15, "1000000000000000.0"}, {1e16, "1e+16"},
        {1e22, "1e+22"}, {0.001234, "0.001234"}, {100.0, "100.0"}, {-0.0, "-0.0"},
        {0.0, "0.0"}, {0.5, "0.5"}, {3.5, "3.5"}, {6.283185307179586, "6.283185307179586"},
    };
    char buf[64];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = mpy_float_text(buf, cases[i].x, false);
        buf[n] = 0;
        ck_assert_str_eq(buf, cases[i].text);
    }
    size_t n = mpy_float_text(buf, 2.0, true);
    buf[n] = 0;
    ck_assert_str_eq(buf, "2j");
    n = mpy_float_text(buf, 1e20, true);
    buf[n] = 0;
    ck_assert_str_eq(buf, "1e+20j");
    n = mpy_float_text(buf, 1e15, true);
    buf[n] = 0;
    ck_assert_str_eq(buf, "1000000000000000j");
}
END_TEST

START_TEST(smallest_module_file) {
    // compiler.md 15.1: x = 1 / print(x), written by hand through the tables and the writer
    if (setjmp(oom)) {
        ck_abort_msg("out of memory");
    }
    mpy_tables_t t;
    mpy_tables_init(&t, &oom, "ex01.py", 31);
    mpy_code_t *c = mpy_code_new(&oom);
    c->sig = (mpy_sig_t){2, 0, 0, 0, 0, 0};
    c->simple_name = mpy_qstr_cstr(&t, "<module>");
    size_t x = mpy_qstr_cstr(&t, "x"), pr = mpy_qstr_cstr(&t, "print");
    const uint8_t code[] = {0x81, 0x16, (uint8_t)x, 0x11, (uint8_t)pr, 0x11, (uint8_t)x, 0x34, 0x01,
                            0x59, 0x51, 0x63};
    mpy_buf_bytes(&c->bytecode, code, sizeof(code));
    mpy_buf_byte(&c->lines, 0x23);
    mpy_buf_t out;
    mpy_buf_init(&out, &oom);
    mpy_write(&out, &t, c);
    CHECK_BYTES(out.data, out.len, 0x4d, 0x06, 0x00, 0x1f, 0x04, 0x00, 0x0e, 'e', 'x', '0', '1', '.',
                'p', 'y', 0x00, 0x0f, 0x02, 0x78, 0x00, 0x81, 0x77, 0x81, 0x00, 0x08, 0x04, 0x01,
                0x23, 0x81, 0x16, 0x02, 0x11, 0x03, 0x11, 0x02, 0x34, 0x01, 0x59, 0x51, 0x63);
    mpy_buf_free(&out);
    mpy_code_free(c);
    mpy_tables_free(&t);
}
END_TEST

int main(void) {
    Suite *s = suite_create("emit");
    UNIT_ADD(s, vuint_examples);
    UNIT_ADD(s, sint_examples);
    UNIT_ADD(s, signature_examples);
    UNIT_ADD(s, size_examples);
    UNIT_ADD(s, line_table_examples);
    UNIT_ADD(s, jump_size_boundaries);
    UNIT_ADD(s, float_text_examples);
    UNIT_ADD(s, smallest_module_file);
    return unit_run("emit", s);
}
