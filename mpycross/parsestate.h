// SPDX-License-Identifier: MIT
// parsestate.h: the inside of parse_t, shared by lexer.c, parse.c and fold.c only.
#ifndef MPYCROSS_PARSESTATE_H
#define MPYCROSS_PARSESTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mpycross/arena.h"
#include "mpycross/diag.h"
#include "mpycross/intern.h"
#include "mpycross/lexer.h"
#include "mpycross/parse.h"

// A growable byte buffer (malloc'ed; freed by parse_delete).
typedef struct {
    char *buf;
    size_t len, cap;
} vstr_t;

/*
 * Character stream of the lexer: the normalised source (CR/CRLF -> LF, NUL ->
 * 0x01, a final LF added), with the f-string argument text spliced in front of
 * the rest while injecting (compiler.md §2.7): a string token's arguments are
 * inserted at the current read position, so the arguments of an f-string met
 * inside injected text come right after it. line/col belong to
 * the character at the front of the stream.
 */
typedef struct {
    char *src;
    size_t len, pos;
    vstr_t fargs;       // ".format(" + "(expr)," ... of the string token being read
    vstr_t inject;      // argument text spliced into the stream, read from inject_pos
    size_t inject_pos;
    bool injecting;
    int line, col;
    int emit_dent;      // >0: INDENTs to emit, <0: DEDENTs to emit
    int bracket;        // nesting of ( [ {
    size_t *indent;     // indentation stack; indent[0] == 0
    size_t nindent, capindent;
    vstr_t text;        // current token text
    vstr_t tparts, targs, texpr, tspec;  // t-string scratch (here so that a raise frees them)
    bool debug_true;    // __debug__ reads as True (opt == 0)
} lexer_state_t;

typedef struct {
    uint16_t rule;
    uint16_t arg_i;
    int line, col;
} rule_frame_t;

struct parse {
    arena_t arena;
    intern_t strs;
    diag_t diag;
    bool in_parse;        // parse_alloc may raise
    bool used;
    int small_int_bits;
    lexer_state_t lx;
    token_t tok;
    rule_frame_t *rules;  // rule stack
    size_t nrules, caprules;
    parse_node_t **res;   // result stack
    size_t nres, capres;
    parse_node_t **consts;  // const() values by id (NULL: none)
    size_t nconsts;
    parse_const_t *math_nan;  // shared by all math.nan
    parse_node_t *root;
};

// Grow-or-raise helpers (MemoryError through diag on failure).
void parse_vstr_add(parse_t *p, vstr_t *v, const char *s, size_t n);
void parse_vstr_byte(parse_t *p, vstr_t *v, char c);
_Noreturn void parse_nomem(parse_t *p);
// Raise a SyntaxError-kind error (traceback on) at line/col.
_Noreturn void parse_error(parse_t *p, const char *exc, int line, int col, const char *msg);

// Lexer setup (lexer.c): copy and normalise src; reads the first token.
void lexer_start(parse_t *p, const char *src, size_t len);
void lexer_state_free(lexer_state_t *lx);

// Node constructors (parse.c).
parse_node_t *parse_new_leaf(parse_t *p, int kind, int line, int col);
parse_node_t *parse_new_const_node(parse_t *p, parse_const_t *c, int line, int col);
parse_const_t *parse_new_const(parse_t *p, int kind);
// An int constant (PC_INT, decimal text) of v, whatever its size.
parse_const_t *parse_int_const(parse_t *p, int64_t v);
// A small-int leaf if v fits the target's small ints, else a PC_INT constant node.
parse_node_t *parse_new_int(parse_t *p, int64_t v, int line, int col);
bool parse_fits_small(const parse_t *p, int64_t v);
uint32_t parse_intern_or_raise(parse_t *p, const char *s, size_t len);

// The parser's stacks, for fold.c.
int parse_peek_rule(const parse_t *p, size_t n);  // n-th rule from the top, -1 if none
void parse_drop_rules(parse_t *p, size_t n);
void parse_push_result(parse_t *p, parse_node_t *pn);
parse_node_t *parse_pop_result(parse_t *p);
parse_node_t *parse_peek_result(const parse_t *p, size_t pos);
parse_node_t *parse_new_rule_node(parse_t *p, int rule, size_t n, int line, int col);

// Parse-time transformations (fold.c). Each works on the top n results of the
// result stack for rule r and returns true if it replaced them.
bool fold_logical(parse_t *p, int rule, size_t *n);
bool fold_numeric(parse_t *p, int rule, size_t n);
bool fold_const_def(parse_t *p, size_t n);   // expr_stmt: NAME = const(...)
bool fold_module_const(parse_t *p, size_t n); // atom_expr_normal: math.pi
bool fold_build_tuple(parse_t *p, int rule, size_t n, int line, int col);
// True if pn is a constant in the sense of compiler.md §4.2.
bool fold_is_const(const parse_node_t *pn);
// The constant object of a constant node (fold_is_const).
parse_const_t *fold_to_const(parse_t *p, const parse_node_t *pn);
// A fresh use of a const() value (a small-int leaf or a constant node, line 0).
parse_node_t *fold_const_use(parse_t *p, const parse_node_t *value);
// Parse an integer token's text into a node (small int or PC_INT); raises the
// "invalid syntax for integer with base N" error.
parse_node_t *fold_parse_int_token(parse_t *p, const char *s, size_t len, int line, int col);

#endif // MPYCROSS_PARSESTATE_H
