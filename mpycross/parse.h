// SPDX-License-Identifier: MIT
// parse.h: the parse tree of a module, in MicroPython's shapes, built in one arena.
#ifndef MPYCROSS_PARSE_H
#define MPYCROSS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mpycross/mpycross.h"
#include "mpycross/lexer.h"

/*
 * Design
 * ======
 * parse_module reads a whole module and returns the tree MicroPython's parser
 * would build, after its parse-time transformations (compiler.md §4): every
 * shape a compiler written against MicroPython's py/compile.c expects is here,
 * with the same rule names, the same child order and the same pass-through of
 * single children. All memory (nodes, constants, interned strings) belongs to
 * the parse_t and is freed at once by parse_delete. No globals: one parse_t per
 * compilation, any number at once.
 *
 * Nodes
 * -----
 * A node is a parse_node_t *; the null node (absent optional part, the extra
 * "blank" child of AND_BLANK rules) is the NULL pointer. Kinds:
 *
 *   PN_RULE       rule node: rule id (parse_rule_t), n children, line, col.
 *                 MicroPython's "struct" node. aux is free for the compiler
 *                 (initially NULL), e.g. to keep a scope pointer.
 *   PN_CONST      constant object: pn->u.cst (parse_const_t). MicroPython's
 *                 RULE_const_object struct: it IS a node for line marks; line is
 *                 the token's line for literals, 0 for folded/substituted values.
 *   PN_ID         identifier leaf: pn->u.id (interned id, see Strings)
 *   PN_SMALL_INT  small int leaf: pn->u.small; only values that fit the target's
 *                 small ints (opts->small_int_bits, default 31 bits)
 *   PN_STRING     str literal that is a qstr (compiler.md §4.7): pn->u.id
 *   PN_TOKEN      token leaf: pn->u.tok (token_kind_t): KW_NONE, KW_TRUE,
 *                 KW_FALSE, ELLIPSIS, NEWLINE (file_input_2 may hold NEWLINE
 *                 leaves: compile them as nothing), and the operators kept by OR
 *                 rules of tokens (augassign, comp_op, shift_op, arith_op,
 *                 term_op, factor_op, period_or_ellipsis, KW_IN, OP_STAR of
 *                 import_from_3, KW_NOT / KW_IS in comp_op nodes).
 *
 * Leaves (ID, SMALL_INT, STRING, TOKEN) are not "nodes" in the sense of the
 * line table (compiler.md §11.2): they never make a line mark. Their line/col
 * fields are filled anyway (for diagnostics only). Use pn_is_struct() to ask
 * MicroPython's MP_PARSE_NODE_IS_STRUCT question (true for PN_RULE and PN_CONST).
 *
 * Strings
 * -------
 * Every identifier and every qstr-valued string gets an id per parse_t:
 * ids 1 .. MP_QSTR_NUM_STATIC-1 are the static qstrs of runtime/qstrdefs.h
 * (id == MP_QSTR_xxx), ids >= MP_QSTR_NUM_STATIC are the module's own strings
 * in order of first interning. 0 is never a valid id. parse_intern may be
 * called after parsing (the compiler's "<module>", dotted import names, ...);
 * that does not change the tree.
 *
 * Constants (parse_const_t)
 * -------------------------
 *   PC_NONE/FALSE/TRUE/ELLIPSIS  only as const() values and tuple items
 *   PC_INT      text: decimal digits, optional leading '-' (exactly the .mpy
 *               text). As a PN_CONST node it is always a big int (does not fit
 *               small int); inside a tuple any int.
 *   PC_FLOAT    f: the double. PC_COMPLEX f: the imaginary part (real part 0).
 *   PC_STR      text/len: UTF-8 bytes; qstr_id is the interned id if the string
 *               is interned (e.g. a const("abc") value or a short str in a
 *               tuple), else 0. Either way it is a str object (LOAD_CONST_OBJ).
 *   PC_BYTES    text/len: the bytes.
 *   PC_TUPLE    items[0..n): constant tuple built at parse time.
 * Each literal token makes its own parse_const_t; values produced by const()
 * substitution share the const's object (the same pointer each use), as do all
 * uses of math.nan etc. Equality for the constant table is the back end's
 * business (compiler.md §12.3).
 *
 * Node shapes after the transformations (children listed in order, "?" = may be
 * null, "leaf|node" = any expression). Only the rules below appear as PN_RULE;
 * an OR rule never appears, AND_IDENT/LIST/ONE_OR_MORE rules appear only when
 * they have 2+ (non-null) children, and a LIST_WITH_END rule also with 1 item
 * plus a trailing separator.
 *
 *   file_input          NULL     (root of an empty module only)
 *   file_input_2        items    (root of a module of 2+ items; one item is the root
 *                                 itself). Items are statements and TOKEN NEWLINE leaves:
 *                                 a file whose first line is blank or a comment starts
 *                                 with a NEWLINE token (compile it as nothing).
 *   suite_block_stmts, simple_stmt_2   stmt*  (a suite with one stmt is the stmt)
 *   pass_stmt/break_stmt/continue_stmt  no children
 *   expr_stmt           target, rhs?   where rhs is one of:
 *                         null                 (expression statement)
 *                         expr_stmt_augassign  [TOKEN op, value]
 *                         expr_stmt_assign_list  [expr_stmt_assign...] (chained =)
 *                         other                the single right side of "="
 *                         annassign            [annotation, value?]
 *   testlist_star_expr, testlist, subscriptlist: items (generic tuple)
 *   star_expr           expr
 *   del_stmt            exprlist-or-single
 *   return_stmt         value?
 *   yield_stmt          yield_expr
 *   raise_stmt          arg?   (arg = test, or raise_stmt_arg [exc, cause])
 *   import_name         dotted_as_names|dotted_as_name|dotted_name|ID
 *   import_from         from-part, TOKEN OP_STAR | import_as_names | import_as_name | ID
 *   global_stmt / nonlocal_stmt   name_list|ID
 *   assert_stmt         test, msg?
 *   if_stmt             test, suite, if_stmt_elif_list|if_stmt_elif|null, else?
 *   if_stmt_elif        test, suite
 *   while_stmt          test, suite, else?
 *   for_stmt            target, iter, suite, else?
 *   try_stmt            suite, try_stmt_except_and_more|try_stmt_except|
 *                              try_stmt_except_list|try_stmt_finally
 *   try_stmt_except     test-or-try_stmt_as_name?, suite
 *   try_stmt_finally    suite
 *   with_stmt           with_stmt_list|with_item|test, suite
 *   funcdef             ID name, args?, return annotation?, suite, blank
 *   classdef            ID name, arglist-or-single?, suite, blank
 *   lambdef(_nocond)    varargslist-or-single?, body, blank
 *   decorated           decorators|decorator, funcdef|classdef|async_funcdef
 *   async_stmt          funcdef|with_stmt|for_stmt
 *   namedexpr_test      target, value
 *   test_if_expr        body, test_if_else [cond, else]
 *   or_test/and_test    operands (2+)
 *   not_test_2          operand
 *   comparison          e0, op, e1, op, e2 ... (op = TOKEN OP_LESS..OP_NOT_EQUAL or
 *                       KW_IN, or comp_op_not_in [] ("not in"), or comp_op_is [null]
 *                       ("is") / comp_op_is [comp_op_is_not []] ("is not"))
 *   expr/xor_expr/and_expr   operands (2+), operator implied by the rule
 *   shift_expr/arith_expr/term   e0, TOKEN op, e1, TOKEN op, e2 ...
 *   factor_2            TOKEN op, operand
 *   power               base, exponent (power_dbl_star passed through)
 *   atom_expr_normal    atom, trailer | atom_expr_trailers [trailer...]
 *   atom_expr_await     atom, trailers?
 *   trailer_paren       arglist-or-single?
 *   trailer_bracket     subscriptlist-or-single
 *   trailer_period      ID
 *   atom_paren          null (empty tuple) | testlist_comp
 *                       ((x) and (yield x) are x and the yield_expr themselves)
 *   atom_bracket        null | testlist_comp | single item
 *   atom_brace          null | dictorsetmaker | dictorsetmaker_item | single item
 *   testlist_comp       items (2+, or 1 with trailing comma) | item, comp_for
 *   comp_for            target, iter, comp_iter?, blank
 *   comp_if             cond, comp_iter?
 *   subscript_2/_3, dictorsetmaker_item, argument (..._2 forms), typedargslist_*,
 *   varargslist_* etc.: as in grammar.h with tokens removed.
 *
 * f-strings arrive as  atom_expr_normal [STRING|const str, atom_expr_trailers
 * [trailer_period [ID format], trailer_paren [args]]]  and t-strings as a call of
 * the name __template__ (compiler.md §2.7, §2.8), exactly as if written so.
 *
 * Transformations already applied (compiler.md §2, §4): f-/t-string rewriting,
 * __debug__, redundant parentheses, numeric and logical folding, math.*
 * constants, const() (definitions of _NAME become pass_stmt with line 0),
 * constant tuples, lone constant statements -> pass_stmt, qstr-or-object
 * choice for str literals.
 */

typedef enum {
#define DEF_RULE(name, comp, kind, ...) RULE_##name,
#define DEF_RULE_NC(name, kind, ...)
#include "mpycross/grammar.h"
#undef DEF_RULE
#undef DEF_RULE_NC
    RULE_NUM_COMPILED,  // rules below this have a compile function (DEF_RULE); the
                        // DEF_RULE_NC rules follow it
#define DEF_RULE(name, comp, kind, ...)
#define DEF_RULE_NC(name, kind, ...) RULE_##name,
#include "mpycross/grammar.h"
#undef DEF_RULE
#undef DEF_RULE_NC
    RULE_NUM
} parse_rule_t;

typedef enum {
    PN_RULE,
    PN_CONST,
    PN_ID,
    PN_SMALL_INT,
    PN_STRING,
    PN_TOKEN,
} pn_kind_t;

typedef enum {
    PC_NONE,
    PC_FALSE,
    PC_TRUE,
    PC_ELLIPSIS,
    PC_INT,
    PC_FLOAT,
    PC_COMPLEX,
    PC_STR,
    PC_BYTES,
    PC_TUPLE,
} parse_const_kind_t;

typedef struct parse_const parse_const_t;
struct parse_const {
    uint8_t kind;     // parse_const_kind_t
    uint32_t qstr_id; // PC_STR: interned id or 0
    const char *text; // PC_INT (decimal), PC_STR, PC_BYTES; NUL-terminated, len excludes it
    size_t len;
    double f;         // PC_FLOAT value; PC_COMPLEX imaginary part
    size_t n;         // PC_TUPLE item count
    parse_const_t **items;
};

typedef struct parse_node parse_node_t;
struct parse_node {
    uint8_t kind;   // pn_kind_t
    uint16_t rule;  // PN_RULE: parse_rule_t
    uint32_t n;     // PN_RULE: number of children
    int line;       // see Design: 0 = "no line" (folded)
    int col;        // 1-based column of the first token (0 if none); diagnostics only
    void *aux;      // PN_RULE: free for the compiler
    union {
        uint32_t id;        // PN_ID, PN_STRING
        int64_t small;      // PN_SMALL_INT
        int tok;            // PN_TOKEN
        parse_const_t *cst; // PN_CONST
    } u;
    parse_node_t *child[];  // PN_RULE: n children
};

// Accessors (all take possibly-NULL nodes where it makes sense).
#define pn_is_null(pn) ((pn) == NULL)
#define pn_is_rule(pn, r) ((pn) != NULL && (pn)->kind == PN_RULE && (pn)->rule == (r))
#define pn_is_any_rule(pn) ((pn) != NULL && (pn)->kind == PN_RULE)
#define pn_is_struct(pn) ((pn) != NULL && ((pn)->kind == PN_RULE || (pn)->kind == PN_CONST))
#define pn_is_leaf(pn) ((pn) != NULL && (pn)->kind >= PN_ID)
#define pn_is_id(pn) ((pn) != NULL && (pn)->kind == PN_ID)
#define pn_is_small_int(pn) ((pn) != NULL && (pn)->kind == PN_SMALL_INT)
#define pn_is_string(pn) ((pn) != NULL && (pn)->kind == PN_STRING)
#define pn_is_token(pn, t) ((pn) != NULL && (pn)->kind == PN_TOKEN && (pn)->u.tok == (t))
#define pn_is_const(pn) ((pn) != NULL && (pn)->kind == PN_CONST)
#define pn_rule(pn) ((parse_rule_t)(pn)->rule)
#define pn_nargs(pn) ((pn)->n)
#define pn_child(pn, i) ((pn)->child[i])
#define pn_line(pn) ((pn)->line)

// A "list" node: the children of pn if it is rule r, else pn itself as a list
// of one (or of none if pn is NULL). Returns the count; *items points into the
// tree or to *one. MicroPython's mp_parse_node_extract_list.
size_t parse_list(parse_node_t *pn, parse_rule_t r, parse_node_t ***items, parse_node_t **one);

typedef struct parse parse_t;

// New empty parse state; NULL if out of memory. Free with parse_delete.
parse_t *parse_new(void);
void parse_delete(parse_t *p);

// Parse src[0..len) as a module. The source name and (for static interning of
// the names) opts->source_name are interned first, as mpy-cross does before
// lexing; opts->opt selects __debug__; opts->small_int_bits the small-int
// range. Returns 0 and sets the root (parse_root) on success; on the first
// lexer/parser error returns 1 and fills *diag (line, col, exc type, message,
// traceback = 1 except for "NotImplementedError: unicode name escapes").
// Call at most once per parse_t. mpy-cross also interns the input path when
// it differs from the -s name (compiler.md §4.7 rule 2): to reproduce that,
// parse_intern(p, input_path, len) before parse_module (mpyc_compile does so
// for opts->input_path).
int parse_module(parse_t *p, const char *src, size_t len, const mpyc_options_t *opts,
                 mpyc_diag_t *diag);

// The module's tree: file_input [NULL] for an empty module, else the single
// item (a stmt or a NEWLINE token leaf) or file_input_2.
parse_node_t *parse_root(const parse_t *p);

// Intern s[0..len) and return its id (static ids for static qstrs).
uint32_t parse_intern(parse_t *p, const char *s, size_t len);
// The string of an id (NUL-terminated; *len if len != NULL); NULL if unknown.
const char *parse_qstr_str(const parse_t *p, uint32_t id, size_t *len);
// Number of ids handed out so far (valid ids are 1 .. parse_qstr_count-1).
uint32_t parse_qstr_count(const parse_t *p);

// Memory from the parse's arena (freed by parse_delete); zeroed. Raises
// (longjmp) MemoryError only while parse_module runs; otherwise NULL on failure.
void *parse_alloc(parse_t *p, size_t size);

// Rule name ("funcdef"), for dumps.
const char *parse_rule_name(int rule);

// Print the tree to f, one node per line, indented: the debug view.
#include <stdio.h>
void parse_dump(const parse_t *p, const parse_node_t *pn, FILE *f);

#endif // MPYCROSS_PARSE_H
