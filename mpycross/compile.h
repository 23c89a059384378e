// SPDX-License-Identifier: MIT
// compile.h: the parse tree to emitter-calls compiler, shared by compile.c and compile_expr.c.
#ifndef MPYCROSS_COMPILE_H
#define MPYCROSS_COMPILE_H

#include <setjmp.h>
#include <stdbool.h>

#include "mpycross/emit.h"
#include "mpycross/mpy.h"
#include "mpycross/mpycross.h"
#include "mpycross/parse.h"
#include "mpycross/scope.h"

/*
 * The compiler walks each scope's tree once per pass (emit.h) and makes the same emitter
 * calls in every pass. State that must be identical across passes (labels, child indices)
 * is renumbered from zero at the start of each pass. The first error longjmps to the
 * entry point (compile_module); "which line" follows compiler.md 14.2 and the reference: the
 * node's own line if it is a struct node with a line, else that of the innermost enclosing
 * element of a statement list, list display or power, else the scope's definition.
 */

#define NO_LABEL_ID ((size_t)-1)

typedef struct line_frame line_frame_t;
struct line_frame {
    line_frame_t *up;
    const parse_node_t *pn;
};

typedef struct {
    parse_t *p;
    const mpyc_options_t *opts;
    mpy_tables_t *tab;
    jmp_buf *oom;
    jmp_buf *fail;            // compile error: diag filled, then longjmp here
    mpyc_diag_t *diag;
    emit_t emit;              // one emitter, reused scope after scope
    emit_t *e;                // &emit
    int pass;
    scope_t *scope_head, *scope_tail, *cur;
    line_frame_t *frames;     // statement-list and list-display elements being compiled
    int depth;                // recursion depth of the tree walk (see compile_enter)
    // loops
    size_t break_label, continue_label;
    bool break_from_for;
    int break_continue_level;
    int except_level;
    // parameters (SCOPE pass of a function)
    bool have_star;
    size_t n_dict_params, n_default_params;
    // qstr table index + 1 of each parse id (0 = not yet looked up)
    size_t *qmap;
    size_t qmap_cap;
    // constant table index + 1 of each parse constant, by pointer
    const parse_const_t **ckeys;
    size_t *cvals;
    size_t ccap, ccount;
} compiler_t;

// compile.c
int compile_module(parse_t *p, const mpyc_options_t *opts, mpy_tables_t *tab, jmp_buf *oom,
                   mpy_code_t **out, mpyc_diag_t *diag);
void compile_node(compiler_t *c, parse_node_t *pn);
void compile_elements(compiler_t *c, parse_node_t **items, size_t n);
void compile_error(compiler_t *c, const parse_node_t *pn, const char *msg);
// Bound the C recursion of the tree walk: a pathological nesting fails with
// "RuntimeError: maximum recursion depth exceeded" instead of overflowing the stack
// (the freezer runs compilers on threads with ordinary stacks).
// A level costs about 370 bytes of stack (about 1.8 KB with the sanitizers).
#if defined(FREEZE_TEST_BUILD) && FREEZE_TEST_BUILD
#define COMPILE_MAX_DEPTH 2000
#else
#define COMPILE_MAX_DEPTH 10000
#endif
void compile_enter(compiler_t *c);
_Noreturn void compile_depth_error(compiler_t *c);
static inline void compile_leave(compiler_t *c) {
    c->depth--;
}
size_t compile_qidx(compiler_t *c, uint32_t id);
const char *compile_str(compiler_t *c, uint32_t id, size_t *len);
uint32_t compile_intern(compiler_t *c, const char *s);
void compile_load_id(compiler_t *c, uint32_t id);
void compile_store_id(compiler_t *c, uint32_t id);
void compile_delete_id(compiler_t *c, uint32_t id);
void compile_assign(compiler_t *c, parse_node_t *pn, bool aug_load);
void compile_function_scope(compiler_t *c, parse_node_t *pn, scope_kind_t kind, uint32_t name,
                            parse_node_t *params, parse_rule_t list_rule);
scope_t *compile_new_scope(compiler_t *c, scope_kind_t kind, parse_node_t *pn, uint32_t name);
void compile_make_closure(compiler_t *c, scope_t *s, size_t n_pos_defaults, size_t n_kw_defaults);
size_t compile_label(compiler_t *c);
void compile_walrus_scope(compiler_t *c, parse_node_t *target);

// compile_expr.c
void compile_expr_rule(compiler_t *c, parse_node_t *pn);
void compile_const(compiler_t *c, parse_node_t *pn);
void compile_cond(compiler_t *c, parse_node_t *pn, bool jump_if, size_t label);
int compile_truth(compiler_t *c, const parse_node_t *pn);  // -1 unknown, 0 false, 1 true
void compile_call_args(compiler_t *c, parse_node_t *args, size_t n_extra, bool is_method);
void compile_trailers(compiler_t *c, parse_node_t *atom, parse_node_t **tr, size_t n);
void compile_comprehension(compiler_t *c, parse_node_t *pn, scope_kind_t kind);
void compile_comp_scope_body(compiler_t *c, scope_t *s);
void compile_lambda(compiler_t *c, parse_node_t *pn);
void compile_tuple(compiler_t *c, parse_node_t *pn);
void compile_yield(compiler_t *c, parse_node_t *pn);

#endif // MPYCROSS_COMPILE_H
