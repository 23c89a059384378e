// SPDX-License-Identifier: MIT
// test_compile.c: the compiler library: reentrancy across threads, errors as data, options.
#include <pthread.h>
#include <string.h>

#include "mpycross/mpycross.h"
#include "tests/unit/unit.h"

static const char *const sources[] = {
    "x = 1\nprint(x)\n",
    "def f(a, b=2, *c, d, **e):\n    return [i * a for i in range(b) if i]\n",
    "class C:\n    def m(self):\n        return super().m()\n",
    "try:\n    import os\nexcept ImportError as e:\n    print(e)\nfinally:\n    pass\n",
    "async def g(x):\n    async with x as y:\n        await y\n    async for z in x:\n        yield z\n",
    "for i in range(10):\n    if i % 2:\n        continue\n    while i:\n        i -= 1\n        break\n",
};
#define N_SOURCES (sizeof(sources) / sizeof(sources[0]))

static int compile_one(const char *src, mpyc_output_t *out) {
    mpyc_options_t o;
    mpyc_diag_t d;
    mpyc_options_init(&o);
    o.source_name = "t.py";
    return mpyc_compile(src, strlen(src), &o, out, &d);
}

START_TEST(smallest_module) {
    // compiler.md 15.1, with the file name "ex01.py"
    static const uint8_t want[] = {
        0x4d, 0x06, 0x00, 0x1f, 0x04, 0x00, 0x0e, 'e', 'x', '0', '1', '.', 'p', 'y', 0x00, 0x0f,
        0x02, 0x78, 0x00, 0x81, 0x77, 0x81, 0x00, 0x08, 0x04, 0x01, 0x23, 0x81, 0x16, 0x02, 0x11,
        0x03, 0x11, 0x02, 0x34, 0x01, 0x59, 0x51, 0x63};
    mpyc_options_t o;
    mpyc_diag_t d;
    mpyc_output_t out;
    mpyc_options_init(&o);
    o.source_name = "ex01.py";
    ck_assert_int_eq(mpyc_compile("x = 1\nprint(x)\n", 15, &o, &out, &d), 0);
    ck_assert_uint_eq(out.len, sizeof(want));
    ck_assert_mem_eq(out.data, want, sizeof(want));
    mpyc_free(&out);
}
END_TEST

START_TEST(compile_error_is_data) {
    mpyc_options_t o;
    mpyc_diag_t d;
    mpyc_output_t out;
    mpyc_options_init(&o);
    o.source_name = "e.py";
    const char *src = "def f():\n    x = 1\n    global x\n";
    ck_assert_int_eq(mpyc_compile(src, strlen(src), &o, &out, &d), 1);
    ck_assert_ptr_null(out.data);
    ck_assert_str_eq(d.exc_type, "SyntaxError");
    ck_assert_str_eq(d.message, "identifier redefined as global");
    ck_assert_int_eq(d.line, 3);
    ck_assert_int_eq(d.col, 5);
    ck_assert_str_eq(d.scope, "f");
    ck_assert_int_eq(d.traceback, 1);
    src = "x = (\n";
    ck_assert_int_eq(mpyc_compile(src, strlen(src), &o, &out, &d), 1);
    ck_assert_str_eq(d.scope, "");  // a parse error: no scope in the traceback
}
END_TEST

START_TEST(optimisation_drops_asserts_and_lines) {
    const char *src = "assert x\ny = 2\n";
    mpyc_options_t o;
    mpyc_diag_t d;
    mpyc_output_t o0, o1, o3;
    mpyc_options_init(&o);
    ck_assert_int_eq(mpyc_compile(src, strlen(src), &o, &o0, &d), 0);
    o.opt = 1;
    ck_assert_int_eq(mpyc_compile(src, strlen(src), &o, &o1, &d), 0);
    o.opt = 3;
    ck_assert_int_eq(mpyc_compile(src, strlen(src), &o, &o3, &d), 0);
    ck_assert_uint_lt(o1.len, o0.len);  // no assert code, no AssertionError qstr
    ck_assert_uint_lt(o3.len, o1.len);  // and no line table
    mpyc_free(&o0);
    mpyc_free(&o1);
    mpyc_free(&o3);
}
END_TEST

START_TEST(deep_nesting_is_an_error) {
    // 100000 unary minus signs: a tree far deeper than any program; an error, not a crash
    size_t n = 100000;
    char *src = malloc(n + 16);
    ck_assert_ptr_nonnull(src);
    memcpy(src, "x = ", 4);
    memset(src + 4, '-', n);
    memcpy(src + 4 + n, "y\n", 3);
    mpyc_options_t o;
    mpyc_diag_t d;
    mpyc_output_t out;
    mpyc_options_init(&o);
    ck_assert_int_eq(mpyc_compile(src, strlen(src), &o, &out, &d), 1);
    ck_assert_str_eq(d.exc_type, "RuntimeError");
    ck_assert_str_eq(d.message, "maximum recursion depth exceeded");
    free(src);
}
END_TEST

static void *compile_all(void *arg) {
    mpyc_output_t *outs = arg;
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < N_SOURCES; i++) {
            mpyc_output_t out;
            if (compile_one(sources[i], &out) != 0 || out.len != outs[i].len
                || memcmp(out.data, outs[i].data, out.len) != 0) {
                mpyc_free(&out);
                return (void *)1;
            }
            mpyc_free(&out);
        }
    }
    return NULL;
}

START_TEST(parallel_compiles_agree) {
    mpyc_output_t ref[N_SOURCES];
    for (size_t i = 0; i < N_SOURCES; i++) {
        ck_assert_int_eq(compile_one(sources[i], &ref[i]), 0);
    }
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(pthread_create(&th[i], NULL, compile_all, ref), 0);
    }
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(th[i], &r);
        ck_assert_ptr_null(r);
    }
    for (size_t i = 0; i < N_SOURCES; i++) {
        mpyc_free(&ref[i]);
    }
}
END_TEST

int main(void) {
    Suite *s = suite_create("compile");
    UNIT_ADD(s, smallest_module);
    UNIT_ADD(s, compile_error_is_data);
    UNIT_ADD(s, optimisation_drops_asserts_and_lines);
    UNIT_ADD(s, deep_nesting_is_an_error);
    UNIT_ADD(s, parallel_compiles_agree);
    return unit_run("compile", s);
}
