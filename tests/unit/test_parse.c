// SPDX-License-Identifier: MIT
// test_parse.c: tree shapes, folding, const(), strings and the parser's errors (compiler.md §3, §4, §14).
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpycross/parse.h"
#include "runtime/qstrdefs.h"
#include "tests/unit/unit.h"

typedef struct {
    int rc;
    mpyc_diag_t diag;
    char *dump;  // malloc'ed tree text (success only)
} parsed_t;

static void parse_str(const char *src, int opt, parsed_t *out) {
    memset(out, 0, sizeof(*out));
    mpyc_options_t opts;
    memset(&opts, 0, sizeof(opts));
    opts.source_name = "t.py";
    opts.opt = opt;
    opts.small_int_bits = 31;
    parse_t *p = parse_new();
    ck_assert_ptr_nonnull(p);
    out->rc = parse_module(p, src, strlen(src), &opts, &out->diag);
    if (out->rc == 0) {
        size_t len;
        FILE *f = open_memstream(&out->dump, &len);
        parse_dump(p, parse_root(p), f);
        fclose(f);
    }
    parse_delete(p);
}

// The tree text of src (must parse); caller frees.
static char *tree(const char *src) {
    parsed_t r;
    parse_str(src, 0, &r);
    ck_assert_msg(r.rc == 0, "parse failed: %s: %s (line %d)", r.diag.exc_type, r.diag.message,
                  r.diag.line);
    return r.dump;
}

// s with every run of spaces squeezed to one (so expectations need not
// reproduce the dump's indentation); caller frees.
static char *squeeze(const char *s) {
    char *out = malloc(strlen(s) + 1), *o = out;
    ck_assert_ptr_nonnull(out);
    for (; *s; s++) {
        if (!(*s == ' ' && o > out && o[-1] == ' ')) {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

// Does the tree of src contain text (both squeezed)?
static bool tree_has(const char *src, const char *text, char **shown) {
    char *t = tree(src), *a = squeeze(t), *b = squeeze(text);
    bool has = strstr(a, b) != NULL;
    free(a);
    free(b);
    *shown = t;
    return has;
}

#define CHECK_TREE_HAS(src, text) do { \
        char *t_; \
        bool ok_ = tree_has((src), (text), &t_); \
        if (!ok_) { \
            fprintf(stderr, "%s-- lacks --\n%s\n", t_, (text)); \
        } \
        free(t_); \
        ck_assert_msg(ok_, "tree of %s lacks %s", (src), (text)); \
    } while (0)

#define CHECK_TREE_LACKS(src, text) do { \
        char *t_; \
        bool has_ = tree_has((src), (text), &t_); \
        free(t_); \
        ck_assert_msg(!has_, "tree of %s has %s", (src), (text)); \
    } while (0)

#define CHECK_ERROR(src, exc, msg, ln) do { \
        parsed_t r_; \
        parse_str((src), 0, &r_); \
        free(r_.dump); \
        ck_assert_msg(r_.rc == 1, "no error for %s", (src)); \
        ck_assert_str_eq(r_.diag.exc_type, (exc)); \
        ck_assert_str_eq(r_.diag.message, (msg)); \
        ck_assert_int_eq(r_.diag.line, (ln)); \
    } while (0)

START_TEST(shapes) {
    char *t = tree("x = 1\n");
    ck_assert_str_eq(t, "[   1] expr_stmt(2)\n"
                        "         id(x)\n"
                        "         int(1)\n");
    free(t);
    t = tree("");
    ck_assert_str_eq(t, "[   1] file_input(1)\n         NULL\n");
    free(t);
    t = tree("def f(a, b=1):\n    return a\n");
    ck_assert_str_eq(t, "[   1] funcdef(5)\n"
                        "         id(f)\n"
                        "[   1]   typedargslist(2)\n"
                        "           id(a)\n"
                        "[   1]     typedargslist_name(3)\n"
                        "             id(b)\n"
                        "             NULL\n"
                        "             int(1)\n"
                        "         NULL\n"
                        "[   2]   return_stmt(1)\n"
                        "           id(a)\n"
                        "         NULL\n");
    free(t);
    CHECK_TREE_HAS("(a.b)()\n", "atom_expr_normal(2)\n[ 1] atom_expr_normal(2)\n id(a)\n");
    CHECK_TREE_HAS("x = (a, b)\n", "atom_paren(1)\n");
    CHECK_TREE_HAS("x = ()\n", "atom_paren(1)\n             NULL\n");
    CHECK_TREE_HAS("x = [a for a in b if a]\n", "comp_for(4)");
    CHECK_TREE_HAS("f(*a, k=1, **b)\n", "arglist_star(1)");
    CHECK_TREE_HAS("a[1:2, ::3]\n", "subscript_3(1)");
    CHECK_TREE_HAS("x = a if b else c\n", "test_if_expr(2)");
    CHECK_TREE_HAS("async def f():\n    await x\n", "atom_expr_await(2)");
    CHECK_TREE_HAS("x: int = 5\n", "annassign(2)");
    CHECK_TREE_HAS("if (n := 10) > 5: pass\n", "namedexpr_test(2)");
    CHECK_TREE_HAS("from . import (a, b)\n", "import_from(2)");
}
END_TEST

START_TEST(numeric_folding) {
    CHECK_TREE_HAS("x = 1 + 2 * 3\n", "int(7)");
    CHECK_TREE_HAS("x = 2 ** 40\n", "[   0]     const(int 1099511627776)");
    CHECK_TREE_HAS("x = -(2 ** 30)\n", "int(-1073741824)");
    CHECK_TREE_HAS("x = 2 ** -1\n", "const(float 0.5)");
    CHECK_TREE_HAS("x = 7 // 2, 7 / 2, -7 % 3\n", "const(tuple(int 3, float 3.5, int 2))");
    CHECK_TREE_HAS("x = 1 / 0\n", "term(3)");
    CHECK_TREE_HAS("x = 1 << -1\n", "shift_expr(3)");
    CHECK_TREE_HAS("x = 0 ** -1\n", "power(2)");
    CHECK_TREE_HAS("x = 3 @ 4\n", "term(3)");
    CHECK_TREE_HAS("x = (-8) ** 0.5\n", "power(2)");
    CHECK_TREE_HAS("x = ~1.5\n", "factor_2(2)");
    CHECK_TREE_HAS("x = -2j\n", "const(complex 2j)");
    CHECK_TREE_HAS("x = -0.0\n", "const(float -0.0)");
    CHECK_TREE_HAS("x = 1e308 * 10\n", "const(float inf)");
    CHECK_TREE_HAS("x = 2 * math.pi\n", "const(float 6.283185307179586)");
    CHECK_TREE_HAS("x = -7.5 // 2\n", "const(float -4.0)");
    CHECK_TREE_HAS("x = 7.5 % -2\n", "const(float -0.5)");
    // no partial folding
    CHECK_TREE_HAS("x = 1 + 2 + y\n", "arith_expr(5)");
    CHECK_TREE_HAS("x = True + 1\n", "arith_expr(3)");
    CHECK_TREE_HAS("x = 'a' + 'b'\n", "arith_expr(3)");
    CHECK_TREE_HAS("x = 0x_ff + 1_000 + 0o17 + 0b101\n", "int(1275)");
}
END_TEST

START_TEST(logical_folding) {
    CHECK_TREE_HAS("x = a or 1 or b\n", "or_test(2)\n             id(a)\n             int(1)\n");
    CHECK_TREE_HAS("x = 0 or a\n", "         id(x)\n         id(a)\n");
    CHECK_TREE_HAS("x = a or 0 or b\n", "or_test(2)\n             id(a)\n             id(b)\n");
    CHECK_TREE_HAS("x = a and 0 and b\n", "and_test(2)\n             id(a)\n             int(0)\n");
    CHECK_TREE_HAS("x = 1 and 2 or y\n", "         id(x)\n         int(2)\n");
    CHECK_TREE_HAS("x = not ()\n", "tok(KW_TRUE)");
    CHECK_TREE_HAS("x = not (1,)\n", "tok(KW_FALSE)");
    CHECK_TREE_HAS("x = () and a\n", "atom_paren(1)");
}
END_TEST

START_TEST(constants_and_docstrings) {
    char *t0 = tree("\"\"\"doc\"\"\"\n_A = const(5)\nB = const(2 ** 40)\ny = _A + 1\nz = B\n");
    char *t = squeeze(t0);
    free(t0);
    ck_assert_msg(strstr(t, "[ 1] pass_stmt(0)") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "[ 0] pass_stmt(0)") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "id(y)\n int(6)") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "id(z)\n[ 0] const(int 1099511627776)") != NULL, "%s", t);
    ck_assert_msg(strstr(t, "id(_A)") == NULL, "%s", t);
    free(t);
    CHECK_TREE_HAS("X = const('s')\ny = X\n", "const(str(q) 's')");
    CHECK_TREE_HAS("X = const(None)\ny = X\n", "const(None)");
    CHECK_TREE_HAS("X: int = const(3)\ny = X\n", "id(y)\n           int(3)");
    CHECK_TREE_HAS("X = Y = const(1)\n", "expr_stmt_assign_list");
    CHECK_TREE_HAS("X = const(10)\ny = X.real\n", "atom_expr_normal(2)\n             int(10)");
    CHECK_ERROR("X = const(f())\n", "SyntaxError", "not a constant", 1);
    CHECK_ERROR("X = const()\n", "SyntaxError", "not a constant", 1);
    CHECK_ERROR("X = const(1, 2)\n", "SyntaxError", "not a constant", 1);
    CHECK_TREE_HAS("x\n1\n", "id(x)");
    CHECK_TREE_LACKS("1\nb'x'\n...\n(1, 2)\n", "expr_stmt");
    CHECK_TREE_HAS("()\n", "expr_stmt");
}
END_TEST

START_TEST(strings_qstr_or_object) {
    CHECK_TREE_HAS("x = '01234567890'\n", "const(str '01234567890')");
    CHECK_TREE_HAS("x = '0123456789'\n", "str('0123456789')");
    CHECK_TREE_HAS("abcdefghijk = 0\nx = 'abcdefghijk'\n", "str('abcdefghijk')");
    CHECK_TREE_HAS("x = 'abcdefghijk'\nabcdefghijk = 0\n", "const(str 'abcdefghijk')");
    CHECK_TREE_HAS("x = '__qualname__'\n", "str('__qualname__')");
    CHECK_TREE_HAS("x = 'maximum recursion depth exceeded'\n", "str('maximum recursion");
    CHECK_TREE_HAS("x = '\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9'\n", "str(");
    CHECK_TREE_HAS("x = 't.py'\n", "str('t.py')");  // the source name is interned first
    CHECK_TREE_HAS("x = ('a', 1)\n", "const(tuple(str(q) 'a', int 1))");
    CHECK_TREE_HAS("x = b'\\x00'\n", "const(bytes '\\x00')");
}
END_TEST

START_TEST(tuple_lines) {
    // with parentheses, 3+ items (or a trailing comma after the 2nd) take the 2nd item's line
    CHECK_TREE_HAS("x = (1,\n 2,\n 3)\n", "[   2]     const(tuple(int 1, int 2, int 3))");
    CHECK_TREE_HAS("x = (1,\n 2)\n", "[   1]     const(tuple(int 1, int 2))");
    CHECK_TREE_HAS("x = (1,\n 2,)\n", "[   2]     const(tuple(int 1, int 2))");
    CHECK_TREE_HAS("x = 1,\\\n 2\n", "[   1]     const(tuple(int 1, int 2))");
    CHECK_TREE_HAS("x = [1, 2]\n", "atom_bracket(1)");
}
END_TEST

START_TEST(tstrings) {
    CHECK_TREE_HAS("x = t'hello'\n", "id(__template__)\n[ 1] trailer_paren(1)\n[ 1] arglist(1)\n"
                   "[ 1] const(tuple(str(q) 'hello'))");
    CHECK_TREE_HAS("x = t'x{y}z'\n", "arglist(5)\n[ 1] const(tuple(str(q) 'x', str(q) 'z'))\n"
                   " id(y)\n str('y')\n tok(KW_NONE)\n str('')\n");
    CHECK_TREE_HAS("x = t'{v=}'\n", "const(tuple(str(q) 'v=', str(q) ''))\n id(v)\n str('v')\n"
                   " str('r')\n str('')\n");
    CHECK_TREE_HAS("x = t'{w!s:>4}'\n", " id(w)\n str('w')\n str('s')\n str('>4')\n");
    CHECK_ERROR("x = t'a' 'b'\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x = t'{}'\n", "SyntaxError", "malformed f-string", 1);
}
END_TEST

START_TEST(errors) {
    CHECK_ERROR("x = \n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x = (1,\n     2\n\n", "SyntaxError", "invalid syntax", 4);
    CHECK_ERROR(" x = 1\n", "IndentationError", "unexpected indent", 1);
    CHECK_ERROR("if 1:\n    x = 1\n  y = 2\n", "IndentationError",
                "unindent doesn't match any outer indent level", 2);
    CHECK_ERROR("if 1:\nx = 1\n", "SyntaxError", "invalid syntax", 2);
    CHECK_ERROR("x = 1\n    y = 2\n", "IndentationError", "unexpected indent", 2);
    CHECK_ERROR("x = \"abc\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x = \"\"\"abc\n\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x = 0777\n", "SyntaxError", "invalid syntax for integer with base 0: '0777'", 1);
    CHECK_ERROR("x = 12abc\n", "SyntaxError",
                "invalid syntax for integer with base 10: '12abc'", 1);
    CHECK_ERROR("x = 0b102\n", "SyntaxError", "invalid syntax for integer with base 2: '102'", 1);
    CHECK_ERROR("x = 0x\n", "SyntaxError", "invalid syntax for integer with base 16: ''", 1);
    CHECK_ERROR("x = 5L\n", "SyntaxError", "invalid syntax for integer with base 10: '5L'", 1);
    CHECK_ERROR("x = 1.2.3\n", "SyntaxError", "invalid syntax for number", 1);
    CHECK_ERROR("x = 1jj\n", "SyntaxError", "invalid syntax for number", 1);
    CHECK_ERROR("x = 1e\n", "SyntaxError", "invalid syntax for number", 1);
    CHECK_ERROR("x = '\\N{DASH}'\n", "NotImplementedError", "unicode name escapes", 1);
    CHECK_ERROR("x = '\\x4'\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x = f'{}'\n", "SyntaxError", "malformed f-string", 1);
    CHECK_ERROR("x = a.__debug__\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x = 1 <> 2\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("match x:\n    case 1:\n        pass\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("def f(a, /): pass\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x = 1if x else 2\n", "SyntaxError",
                "invalid syntax for integer with base 10: '1if'", 1);
    CHECK_ERROR("x = B'x'\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x = {**a}\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("return *a, b\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x := 1\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("@x[0]\ndef f(): pass\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("x = 'a' b'b'\n", "SyntaxError", "invalid syntax", 1);
    CHECK_ERROR("try:\n    pass\nexcept* E:\n    pass\n", "SyntaxError", "invalid syntax", 3);
}
END_TEST

START_TEST(accepted_forms) {
    static const char *const ok[] = {
        "def f(*, k, m=1): pass\n", "lambda *, k: 0\n", "def f(*): pass\n",
        "def f(**k,): pass\n", "def f(a: int, *b: str, **c) -> int: pass\n",
        "a.b: T = v\n", "@a.b(1)\ndef f(): pass\n", "f(x for x in y, 1)\n",
        "class C(x for x in y): pass\n", "with (a, b): pass\n", "del (a, b)\n",
        "if x: a; b\n", "x = [(yield) for y in z]\n", "raise X from Y\n",
        "from ....a import b\n", "x = {1: 2}\n",
        "nonlocal q\n", "f(*a, *b, **c, **d)\n", "x = a[1, 2]\n", "x = {a, b}\n",
        "x = {a: b for a in c}\n", "async def f():\n    async for x in y: pass\n",
        "x = ...\n", "print(f'{x=}', f'{x!r}', rf'{x}')\n", "x = f'{x,y}'\n",
        // compiler.md §14: errors the compiler reports, so the parser must accept them
        "return 1\n", "class C:\n    return 1\n", "break\n", "1 = x\n", "f() = 1\n",
        "x + 1 = 2\n", "(a, b) += 1\n", "[a] += 1\n", "del f()\n", "del 1\n",
        "a, *b, *c = d\n", "*a = b\n", "x = *a, 1\n", "x = [*a]\n", "def f(a, a): pass\n",
        "def f(a=1, b): pass\n", "def f(*a, *b): pass\n", "def f(**a, b): pass\n",
        "await x\n", "async for x in y:\n    pass\n", "yield 1\n",
        "def f():\n    x = 1\n    global x\n", "f(**a, *b)\n", "f(k=1, *b)\n", "f(**a, b)\n",
        "f(k=1, b)\n", "f(a.b=1)\n", "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n",
        "x = {1: 2, 3}\n", "x = {1, 2: 3}\n", "def f():\n    super()\n",
        "@micropython.native\ndef f(): pass\n", "__debug__ = 1\n", "(a.b := 1)\n",
        "X = const(1)\nf(X=2)\n",
    };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        parsed_t r;
        parse_str(ok[i], 0, &r);
        ck_assert_msg(r.rc == 0, "%s: %s %s line %d", ok[i], r.diag.exc_type, r.diag.message,
                      r.diag.line);
        free(r.dump);
    }
}
END_TEST

START_TEST(interning) {
    parse_t *p = parse_new();
    mpyc_options_t opts;
    memset(&opts, 0, sizeof(opts));
    opts.source_name = "m.py";
    mpyc_diag_t d;
    ck_assert_int_eq(parse_module(p, "foo = __name__\n", 15, &opts, &d), 0);
    uint32_t name = parse_intern(p, "__name__", 8);
    ck_assert_int_eq(name, MP_QSTR___name__);
    uint32_t first = parse_intern(p, "m.py", 4);
    ck_assert_int_eq(first, MP_QSTR_NUM_STATIC);  // interned before lexing
    ck_assert_int_eq(parse_intern(p, "foo", 3), MP_QSTR_NUM_STATIC + 1);
    size_t len;
    ck_assert_str_eq(parse_qstr_str(p, MP_QSTR_NUM_STATIC + 1, &len), "foo");
    ck_assert_int_eq(parse_qstr_count(p), MP_QSTR_NUM_STATIC + 2);
    parse_node_t *root = parse_root(p);
    ck_assert(pn_is_rule(root, RULE_expr_stmt));
    ck_assert(pn_is_id(pn_child(root, 1)) && pn_child(root, 1)->u.id == MP_QSTR___name__);
    parse_delete(p);
    // the input path, interned by the caller before parsing, counts for §4.7
    p = parse_new();
    parse_intern(p, "dir/input_path.py", 17);
    const char *src = "x = 'dir/input_path.py'\n";
    ck_assert_int_eq(parse_module(p, src, strlen(src), &opts, &d), 0);
    root = parse_root(p);
    ck_assert(pn_is_string(pn_child(root, 1)));
    parse_delete(p);
}
END_TEST

int main(void) {
    Suite *s = suite_create("parse");
    UNIT_ADD(s, shapes);
    UNIT_ADD(s, numeric_folding);
    UNIT_ADD(s, logical_folding);
    UNIT_ADD(s, constants_and_docstrings);
    UNIT_ADD(s, strings_qstr_or_object);
    UNIT_ADD(s, tuple_lines);
    UNIT_ADD(s, tstrings);
    UNIT_ADD(s, errors);
    UNIT_ADD(s, accepted_forms);
    UNIT_ADD(s, interning);
    return unit_run("parse", s);
}
