// SPDX-License-Identifier: MIT
// test_lexer.c: the token stream for compiler.md §2's rules (white box: through parsestate.h).
#include <string.h>

#include "mpycross/parsestate.h"
#include "runtime/opcodes.h"
#include "tests/unit/unit.h"

#define MAX_TOKS 64

typedef struct {
    int kind[MAX_TOKS];
    int line[MAX_TOKS];
    char text[MAX_TOKS][64];
    int n;
    mpyc_diag_t diag;
    int raised;
} lexed_t;

// Lex src to the END token (or MAX_TOKS), at optimisation level opt.
static void lex_all(const char *src, int opt, lexed_t *out) {
    memset(out, 0, sizeof(*out));
    parse_t *p = parse_new();
    ck_assert_ptr_nonnull(p);
    diag_init(&p->diag, &out->diag);
    p->lx.debug_true = opt == 0;
    p->in_parse = true;
    if (setjmp(p->diag.jb) == 0) {
        lexer_start(p, src, strlen(src));
        for (;;) {
            int i = out->n++;
            out->kind[i] = p->tok.kind;
            out->line[i] = p->tok.line;
            snprintf(out->text[i], sizeof(out->text[i]), "%.*s", (int)p->tok.len, p->tok.text);
            if (p->tok.kind == TOK_END || out->n == MAX_TOKS) {
                break;
            }
            lexer_next(p);
        }
    } else {
        out->raised = 1;
    }
    parse_delete(p);
}

#define CHECK_KINDS(lx, ...) do { \
        const int want_[] = {__VA_ARGS__}; \
        size_t n_ = sizeof(want_) / sizeof(want_[0]); \
        ck_assert_int_eq((lx)->n, (int)n_); \
        for (size_t i_ = 0; i_ < n_; i_++) { \
            ck_assert_msg((lx)->kind[i_] == want_[i_], "token %zu: got %s, want %s", i_, \
                          lexer_token_name((lx)->kind[i_]), lexer_token_name(want_[i_])); \
        } \
    } while (0)

START_TEST(indentation) {
    lexed_t lx;
    lex_all("if x:\n    y\n\n  # c\nz\n", 0, &lx);
    CHECK_KINDS(&lx, TOK_KW_IF, TOK_NAME, TOK_DEL_COLON, TOK_NEWLINE, TOK_INDENT, TOK_NAME,
                TOK_NEWLINE, TOK_DEDENT, TOK_NAME, TOK_NEWLINE, TOK_END);
    ck_assert_int_eq(lx.line[3], 1);  // NEWLINE: line it ends
    ck_assert_int_eq(lx.line[4], 2);  // INDENT: line of the next token
    ck_assert_int_eq(lx.line[7], 5);
    lex_all("if 1:\n    x = 1\n  y = 2\n", 0, &lx);
    ck_assert_int_eq(lx.kind[8], TOK_DEDENT_MISMATCH);
    ck_assert_int_eq(lx.line[8], 2);
    lex_all(" x = 1\n", 0, &lx);
    ck_assert_int_eq(lx.kind[0], TOK_INDENT);
    // a leading blank or comment line is a NEWLINE token; brackets join lines
    lex_all("# c\nf(1,\n  2)\n", 0, &lx);
    CHECK_KINDS(&lx, TOK_NEWLINE, TOK_NAME, TOK_DEL_PAREN_OPEN, TOK_INTEGER, TOK_DEL_COMMA,
                TOK_INTEGER, TOK_DEL_PAREN_CLOSE, TOK_NEWLINE, TOK_END);
    lex_all("", 0, &lx);
    CHECK_KINDS(&lx, TOK_END);
}
END_TEST

START_TEST(newlines_and_tabs) {
    lexed_t lx;
    lex_all("a\r\nb\rc\\\nd", 0, &lx);
    CHECK_KINDS(&lx, TOK_NAME, TOK_NEWLINE, TOK_NAME, TOK_NEWLINE, TOK_NAME, TOK_NAME,
                TOK_NEWLINE, TOK_END);
    ck_assert_int_eq(lx.line[4], 3);
    ck_assert_int_eq(lx.line[5], 4);
    lex_all("if 1:\n\tx\n        y\n", 0, &lx);  // a tab is 8 columns
    CHECK_KINDS(&lx, TOK_KW_IF, TOK_INTEGER, TOK_DEL_COLON, TOK_NEWLINE, TOK_INDENT, TOK_NAME,
                TOK_NEWLINE, TOK_NAME, TOK_NEWLINE, TOK_DEDENT, TOK_END);
}
END_TEST

START_TEST(operators) {
    lexed_t lx;
    lex_all("a<<=b**c//d!=e->f:=g...h.i<>j@=k", 0, &lx);
    CHECK_KINDS(&lx, TOK_NAME, TOK_DEL_DBL_LESS_EQUAL, TOK_NAME, TOK_OP_DBL_STAR, TOK_NAME,
                TOK_OP_DBL_SLASH, TOK_NAME, TOK_OP_NOT_EQUAL, TOK_NAME, TOK_DEL_MINUS_MORE,
                TOK_NAME, TOK_OP_ASSIGN, TOK_NAME, TOK_ELLIPSIS, TOK_NAME, TOK_DEL_PERIOD,
                TOK_NAME, TOK_OP_LESS, TOK_OP_MORE, TOK_NAME, TOK_DEL_AT_EQUAL, TOK_NAME,
                TOK_NEWLINE, TOK_END);
    lex_all("a ! b $", 0, &lx);
    ck_assert_int_eq(lx.kind[1], TOK_INVALID);
    ck_assert_int_eq(lx.kind[3], TOK_INVALID);
    lex_all("....", 0, &lx);
    CHECK_KINDS(&lx, TOK_ELLIPSIS, TOK_DEL_PERIOD, TOK_NEWLINE, TOK_END);
}
END_TEST

START_TEST(binary_op_numbers) {
    ck_assert_int_eq(lexer_binary_op(TOK_OP_PLUS), MP_BINARY_OP_ADD);
    ck_assert_int_eq(lexer_binary_op(TOK_OP_SLASH), MP_BINARY_OP_TRUE_DIVIDE);
    ck_assert_int_eq(lexer_binary_op(TOK_OP_DBL_SLASH), MP_BINARY_OP_FLOOR_DIVIDE);
    ck_assert_int_eq(lexer_binary_op(TOK_OP_DBL_STAR), MP_BINARY_OP_POWER);
    ck_assert_int_eq(lexer_binary_op(TOK_OP_AT), MP_BINARY_OP_MAT_MULTIPLY);
    ck_assert_int_eq(lexer_binary_op(TOK_OP_NOT_EQUAL), MP_BINARY_OP_NOT_EQUAL);
    ck_assert_int_eq(lexer_binary_op(TOK_DEL_PERCENT_EQUAL), MP_BINARY_OP_INPLACE_MODULO);
    ck_assert_int_eq(lexer_binary_op(TOK_DEL_DBL_STAR_EQUAL), MP_BINARY_OP_INPLACE_POWER);
    ck_assert_int_eq(lexer_binary_op(TOK_NAME), -1);
}
END_TEST

START_TEST(numbers) {
    lexed_t lx;
    lex_all("1_000 0x_ff 1.e5 1E-3 00.5 1j 0b1e 1if 5L .5", 0, &lx);
    CHECK_KINDS(&lx, TOK_INTEGER, TOK_INTEGER, TOK_FLOAT_OR_IMAG, TOK_FLOAT_OR_IMAG,
                TOK_FLOAT_OR_IMAG, TOK_FLOAT_OR_IMAG, TOK_INTEGER, TOK_INTEGER, TOK_INTEGER,
                TOK_FLOAT_OR_IMAG, TOK_NEWLINE, TOK_END);
    ck_assert_str_eq(lx.text[0], "1000");
    ck_assert_str_eq(lx.text[1], "0xff");
    ck_assert_str_eq(lx.text[3], "1e-3");
    ck_assert_str_eq(lx.text[6], "0b1e");
    ck_assert_str_eq(lx.text[7], "1if");
}
END_TEST

START_TEST(strings) {
    lexed_t lx;
    lex_all("'a\\tb\\x41\\101\\q\\\nc' r'\\n\\'' b'\\u12\\xff' \"\"\"x\ny\"\"\"", 0, &lx);
    ck_assert_int_eq(lx.kind[0], TOK_STRING);
    ck_assert_str_eq(lx.text[0], "a\tbAA\\qc\\n\\'");  // concatenated with the raw part
    ck_assert_int_eq(lx.kind[1], TOK_BYTES);
    ck_assert_str_eq(lx.text[1], "\\u12\xff");
    ck_assert_int_eq(lx.kind[2], TOK_STRING);
    ck_assert_str_eq(lx.text[2], "x\ny");
    lex_all("'\\u00e9' '\\xe9'", 0, &lx);
    ck_assert_str_eq(lx.text[0], "\xc3\xa9\xc3\xa9");
    lex_all("x = \"abc\ny\n", 0, &lx);
    ck_assert_int_eq(lx.kind[2], TOK_LONELY_STRING_OPEN);
    lex_all("'\\x4g'", 0, &lx);  // the non-hex char is swallowed, as the reference does
    ck_assert_int_eq(lx.kind[0], TOK_INVALID);
    lex_all("b'\\777'", 0, &lx);
    ck_assert_int_eq(lx.kind[0], TOK_INVALID);
    lex_all("B'x' ur'x'", 0, &lx);
    CHECK_KINDS(&lx, TOK_NAME, TOK_STRING, TOK_NAME, TOK_STRING, TOK_NEWLINE, TOK_END);
    lex_all("'a' b'b'", 0, &lx);  // str and bytes do not mix
    CHECK_KINDS(&lx, TOK_STRING, TOK_BYTES, TOK_NEWLINE, TOK_END);
    lex_all("'\\N{DASH}'", 0, &lx);
    ck_assert_int_eq(lx.raised, 1);
    ck_assert_str_eq(lx.diag.exc_type, "NotImplementedError");
    ck_assert_str_eq(lx.diag.message, "unicode name escapes");
    ck_assert_int_eq(lx.diag.traceback, 0);
}
END_TEST

START_TEST(fstrings) {
    lexed_t lx;
    lex_all("f'{x}'", 0, &lx);
    CHECK_KINDS(&lx, TOK_STRING, TOK_DEL_PERIOD, TOK_NAME, TOK_DEL_PAREN_OPEN,
                TOK_DEL_PAREN_OPEN, TOK_NAME, TOK_DEL_PAREN_CLOSE, TOK_DEL_COMMA,
                TOK_DEL_PAREN_CLOSE, TOK_NEWLINE, TOK_END);
    ck_assert_str_eq(lx.text[0], "{}");
    ck_assert_str_eq(lx.text[2], "format");
    lex_all("f'{x!r:>10} and {y:{w}}'", 0, &lx);
    ck_assert_str_eq(lx.text[0], "{!r:>10} and {:{}}");
    lex_all("'p' f'{x}' 'q' f'{{}}{a=}'", 0, &lx);
    ck_assert_str_eq(lx.text[0], "p{}q{{}}a={}");
    ck_assert_str_eq(lx.text[5], "x");
    ck_assert_str_eq(lx.text[9], "a");
    lex_all("f'{a!=b}'", 0, &lx);
    ck_assert_int_eq(lx.kind[6], TOK_OP_NOT_EQUAL);
    lex_all("f'abc'", 0, &lx);  // still a call
    CHECK_KINDS(&lx, TOK_STRING, TOK_DEL_PERIOD, TOK_NAME, TOK_DEL_PAREN_OPEN,
                TOK_DEL_PAREN_CLOSE, TOK_NEWLINE, TOK_END);
    lex_all("f'{}'", 0, &lx);
    ck_assert_int_eq(lx.kind[0], TOK_MALFORMED_FSTRING);
    lex_all("f'{!r}'", 0, &lx);
    ck_assert_int_eq(lx.kind[0], TOK_MALFORMED_FSTRING);
    lex_all("rf'\\d{x}'", 0, &lx);
    ck_assert_str_eq(lx.text[0], "\\d{}");
}
END_TEST

START_TEST(fstring_nested) {
    // the arguments of an f-string inside injected text come right after it
    lexed_t lx;
    lex_all("f\"{f'inner {1 + 1}'} outer\"", 0, &lx);
    CHECK_KINDS(&lx, TOK_STRING, TOK_DEL_PERIOD, TOK_NAME, TOK_DEL_PAREN_OPEN,
                TOK_DEL_PAREN_OPEN, TOK_STRING, TOK_DEL_PERIOD, TOK_NAME, TOK_DEL_PAREN_OPEN,
                TOK_DEL_PAREN_OPEN, TOK_INTEGER, TOK_OP_PLUS, TOK_INTEGER, TOK_DEL_PAREN_CLOSE,
                TOK_DEL_COMMA, TOK_DEL_PAREN_CLOSE, TOK_DEL_PAREN_CLOSE, TOK_DEL_COMMA,
                TOK_DEL_PAREN_CLOSE, TOK_NEWLINE, TOK_END);
    ck_assert_str_eq(lx.text[0], "{} outer");
    ck_assert_str_eq(lx.text[5], "inner {}");
    lex_all("f'{=}'", 0, &lx);  // an expression that is only '=' is empty
    ck_assert_int_eq(lx.kind[0], TOK_MALFORMED_FSTRING);
}
END_TEST

START_TEST(fstring_line_quirk) {
    // a newline inside a field's expression is counted twice (compiler.md §2.7)
    lexed_t lx;
    lex_all("x = 0\ny = f\"\"\"{\nx+1}\n\"\"\"\nz\n", 0, &lx);
    int i = 0;
    while (i < lx.n && !(lx.kind[i] == TOK_NAME && strcmp(lx.text[i], "z") == 0)) {
        i++;
    }
    ck_assert_int_lt(i, lx.n);
    ck_assert_int_eq(lx.line[i], 6);
}
END_TEST

START_TEST(names_and_debug) {
    lexed_t lx;
    lex_all("__debug__ match async é1", 0, &lx);
    CHECK_KINDS(&lx, TOK_KW_TRUE, TOK_NAME, TOK_KW_ASYNC, TOK_NAME, TOK_NEWLINE, TOK_END);
    ck_assert_str_eq(lx.text[3], "é1");
    lex_all("__debug__", 1, &lx);
    ck_assert_int_eq(lx.kind[0], TOK_KW_FALSE);
}
END_TEST

int main(void) {
    Suite *s = suite_create("lexer");
    UNIT_ADD(s, indentation);
    UNIT_ADD(s, newlines_and_tabs);
    UNIT_ADD(s, operators);
    UNIT_ADD(s, binary_op_numbers);
    UNIT_ADD(s, numbers);
    UNIT_ADD(s, strings);
    UNIT_ADD(s, fstrings);
    UNIT_ADD(s, fstring_nested);
    UNIT_ADD(s, fstring_line_quirk);
    UNIT_ADD(s, names_and_debug);
    return unit_run("lexer", s);
}
