// SPDX-License-Identifier: MIT
// lexer.h: tokens of MicroPython's Python dialect, produced one at a time.
#ifndef MPYCROSS_LEXER_H
#define MPYCROSS_LEXER_H

#include <stddef.h>
#include <stdint.h>

/*
 * Token kinds, MicroPython's MP_TOKEN_* names without the prefix. The order of
 * the operator groups is part of the contract: OP_PIPE..OP_DBL_STAR follow
 * MP_BINARY_OP_OR..MP_BINARY_OP_POWER and DEL_PIPE_EQUAL..DEL_DBL_STAR_EQUAL
 * follow MP_BINARY_OP_INPLACE_OR..INPLACE_POWER (runtime/opcodes.h), and
 * OP_LESS..OP_NOT_EQUAL follow MP_BINARY_OP_LESS..NOT_EQUAL, so an operator
 * token maps to its operator number by one subtraction (lexer_binary_op).
 * The error kinds (INVALID .. MALFORMED_FSTRING) never match a grammar rule;
 * the parser turns them into the matching message when it meets them.
 */
#define TOKEN_LIST(T) \
    T(END) T(INVALID) T(DEDENT_MISMATCH) T(LONELY_STRING_OPEN) T(MALFORMED_FSTRING) \
    T(NEWLINE) T(INDENT) T(DEDENT) \
    T(NAME) T(INTEGER) T(FLOAT_OR_IMAG) T(STRING) T(BYTES) \
    T(ELLIPSIS) \
    T(KW_FALSE) T(KW_NONE) T(KW_TRUE) T(KW___DEBUG__) T(KW_AND) T(KW_AS) T(KW_ASSERT) \
    T(KW_ASYNC) T(KW_AWAIT) T(KW_BREAK) T(KW_CLASS) T(KW_CONTINUE) T(KW_DEF) T(KW_DEL) \
    T(KW_ELIF) T(KW_ELSE) T(KW_EXCEPT) T(KW_FINALLY) T(KW_FOR) T(KW_FROM) T(KW_GLOBAL) \
    T(KW_IF) T(KW_IMPORT) T(KW_IN) T(KW_IS) T(KW_LAMBDA) T(KW_NONLOCAL) T(KW_NOT) T(KW_OR) \
    T(KW_PASS) T(KW_RAISE) T(KW_RETURN) T(KW_TRY) T(KW_WHILE) T(KW_WITH) T(KW_YIELD) \
    T(OP_ASSIGN) T(OP_TILDE) \
    /* ORDER MP_BINARY_OP_LESS .. NOT_EQUAL */ \
    T(OP_LESS) T(OP_MORE) T(OP_DBL_EQUAL) T(OP_LESS_EQUAL) T(OP_MORE_EQUAL) T(OP_NOT_EQUAL) \
    /* ORDER MP_BINARY_OP_OR .. POWER */ \
    T(OP_PIPE) T(OP_CARET) T(OP_AMPERSAND) T(OP_DBL_LESS) T(OP_DBL_MORE) T(OP_PLUS) \
    T(OP_MINUS) T(OP_STAR) T(OP_AT) T(OP_DBL_SLASH) T(OP_SLASH) T(OP_PERCENT) T(OP_DBL_STAR) \
    /* ORDER MP_BINARY_OP_INPLACE_OR .. INPLACE_POWER */ \
    T(DEL_PIPE_EQUAL) T(DEL_CARET_EQUAL) T(DEL_AMPERSAND_EQUAL) T(DEL_DBL_LESS_EQUAL) \
    T(DEL_DBL_MORE_EQUAL) T(DEL_PLUS_EQUAL) T(DEL_MINUS_EQUAL) T(DEL_STAR_EQUAL) \
    T(DEL_AT_EQUAL) T(DEL_DBL_SLASH_EQUAL) T(DEL_SLASH_EQUAL) T(DEL_PERCENT_EQUAL) \
    T(DEL_DBL_STAR_EQUAL) \
    T(DEL_PAREN_OPEN) T(DEL_PAREN_CLOSE) T(DEL_BRACKET_OPEN) T(DEL_BRACKET_CLOSE) \
    T(DEL_BRACE_OPEN) T(DEL_BRACE_CLOSE) T(DEL_COMMA) T(DEL_COLON) T(DEL_PERIOD) \
    T(DEL_SEMICOLON) T(DEL_EQUAL) T(DEL_MINUS_MORE)

typedef enum {
#define TOKEN_ENUM(name) TOK_##name,
    TOKEN_LIST(TOKEN_ENUM)
#undef TOKEN_ENUM
    TOK_NUM
} token_kind_t;

// MP_BINARY_OP_* of an operator token: OP_LESS..OP_NOT_EQUAL, OP_PIPE..OP_DBL_STAR
// or an augmented-assignment token (the INPLACE_ operator); -1 for any other token.
int lexer_binary_op(int tok);

// Name of a token kind ("NAME", "OP_PLUS", ...), for dumps and tests.
const char *lexer_token_name(int tok);

/*
 * The lexer proper. One lexer_t per compilation, owned by the parser (it lives
 * inside parse_t); the declarations below are for tests and the parser.
 */
typedef struct parse parse_t;

typedef struct {
    int kind;          // token_kind_t
    int line, col;     // of the token's first byte (1-based)
    const char *text;  // NAME: the name; STRING/BYTES: the value after escapes and
                       // concatenation; INTEGER/FLOAT_OR_IMAG: the digits with '_'
                       // removed. Valid until the next lexer_next. Not NUL-safe: use len.
    size_t len;
} token_t;

// Advance p's lexer to the next token (p->tok). May raise (longjmp) only for
// "\N{...}" (NotImplementedError) and out of memory; other problems become
// error tokens that the parser reports when it meets them.
void lexer_next(parse_t *p);

#endif // MPYCROSS_LEXER_H
