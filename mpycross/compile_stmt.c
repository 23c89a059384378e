// SPDX-License-Identifier: MIT
// compile_stmt.c: the generic node entry point, assignment targets and every statement.
#include <string.h>

#include "mpycross/compile.h"
#include "runtime/mpy.h"
#include "runtime/opcodes.h"
#include "runtime/qstrdefs.h"

/*
 * Each function handles one grammar rule and makes the emitter calls of the matching
 * template in compiler.md section 7 (the section number is given where it helps).
 */

static const mpy_const_t ellipsis_const = {MPY_CONST_ELLIPSIS, NULL, 0, 0, 0, NULL};

// MicroPython's generic_all_nodes: each child is an "element" that gives a compile
// error found inside it its line, when the error's own node has none (compiler.md 14.2).
void compile_elements(compiler_t *c, parse_node_t **items, size_t n) {
    for (size_t i = 0; i < n; i++) {
        line_frame_t frame = {c->frames, items[i]};
        c->frames = &frame;
        compile_node(c, items[i]);
        c->frames = frame.up;
    }
}

static void compile_all(compiler_t *c, parse_node_t *pn) {
    compile_elements(c, pn->child, pn->n);
}

static void compile_leaf(compiler_t *c, parse_node_t *pn) {
    switch (pn->kind) {
    case PN_SMALL_INT:
        emit_small_int(c->e, pn->u.small);
        break;
    case PN_ID:
        compile_load_id(c, pn->u.id);
        break;
    case PN_STRING:
        emit_op_qidx(c->e, MP_BC_LOAD_CONST_STRING, 1, compile_qidx(c, pn->u.id));
        break;
    default:
        switch (pn->u.tok) {
        case TOK_KW_NONE:
            emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
            break;
        case TOK_KW_TRUE:
            emit_op(c->e, MP_BC_LOAD_CONST_TRUE, 1);
            break;
        case TOK_KW_FALSE:
            emit_op(c->e, MP_BC_LOAD_CONST_FALSE, 1);
            break;
        case TOK_ELLIPSIS:
            emit_op_const(c->e, &ellipsis_const);
            break;
        default:
            break;  // NEWLINE leaves of file_input_2
        }
        break;
    }
}

// ---- assignment targets (compiler.md 7.1, 7.2) ----

enum { ASSIGN_STORE, ASSIGN_AUG_LOAD, ASSIGN_AUG_STORE };

static void assign(compiler_t *c, parse_node_t *pn, int kind);

static void assign_tuple(compiler_t *c, parse_node_t **items, size_t n) {
    size_t star = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (pn_is_rule(items[i], RULE_star_expr)) {
            if (star != (size_t)-1) {
                compile_error(c, items[i], "multiple *x in assignment");
            }
            emit_op_uint(c->e, MP_BC_UNPACK_EX, (int)(n - 1), i | ((n - i - 1) << 8));
            star = i;
        }
    }
    if (star == (size_t)-1) {
        emit_op_uint(c->e, MP_BC_UNPACK_SEQUENCE, (int)n - 1, n);
    }
    for (size_t i = 0; i < n; i++) {
        assign(c, i == star ? items[i]->child[0] : items[i], ASSIGN_STORE);
    }
}

// e.attr / e[i] targets: the base and all trailers but the last are compiled as values.
static void assign_atom_expr(compiler_t *c, parse_node_t *pn, int kind) {
    if (kind != ASSIGN_AUG_STORE) {
        compile_node(c, pn->child[0]);
    }
    parse_node_t *last = pn->child[1];
    if (pn_is_rule(last, RULE_atom_expr_trailers)) {
        if (kind != ASSIGN_AUG_STORE) {
            for (size_t i = 0; i + 1 < last->n; i++) {
                compile_node(c, last->child[i]);
            }
        }
        last = last->child[last->n - 1];
    }
    if (pn_is_rule(last, RULE_trailer_bracket)) {
        if (kind == ASSIGN_AUG_STORE) {
            emit_op(c->e, MP_BC_ROT_THREE, 0);
            emit_op(c->e, MP_BC_STORE_SUBSCR, -3);
        } else {
            compile_node(c, last->child[0]);
            if (kind == ASSIGN_AUG_LOAD) {
                emit_op(c->e, MP_BC_DUP_TOP_TWO, 2);
                emit_op(c->e, MP_BC_LOAD_SUBSCR, -1);
            } else {
                emit_op(c->e, MP_BC_STORE_SUBSCR, -3);
            }
        }
        return;
    }
    if (pn_is_rule(last, RULE_trailer_period)) {
        size_t q = compile_qidx(c, last->child[0]->u.id);
        if (kind == ASSIGN_AUG_LOAD) {
            emit_op(c->e, MP_BC_DUP_TOP, 1);
            emit_op_qidx(c->e, MP_BC_LOAD_ATTR, 0, q);
        } else {
            if (kind == ASSIGN_AUG_STORE) {
                emit_op(c->e, MP_BC_ROT_TWO, 0);
            }
            emit_op_qidx(c->e, MP_BC_STORE_ATTR, -2, q);
        }
        return;
    }
    compile_error(c, pn, "can't assign to expression");
}

// The items of a parenthesised/bracketed testlist_comp used as a target.
static void assign_testlist_comp(compiler_t *c, parse_node_t *pn, parse_node_t *orig) {
    if (pn->n == 2 && pn_is_rule(pn->child[1], RULE_comp_for)) {
        compile_error(c, orig, "can't assign to expression");
    }
    assign_tuple(c, pn->child, pn->n);
}

static void assign_inner(compiler_t *c, parse_node_t *pn, int kind);

static void assign(compiler_t *c, parse_node_t *pn, int kind) {
    compile_enter(c);
    assign_inner(c, pn, kind);
    compile_leave(c);
}

static void assign_inner(compiler_t *c, parse_node_t *pn, int kind) {
    if (pn_is_id(pn)) {
        if (kind == ASSIGN_AUG_LOAD) {
            compile_load_id(c, pn->u.id);
        } else {
            compile_store_id(c, pn->u.id);
        }
        return;
    }
    if (pn_is_rule(pn, RULE_atom_expr_normal)) {
        assign_atom_expr(c, pn, kind);
        return;
    }
    if (kind == ASSIGN_STORE && (pn_is_rule(pn, RULE_testlist_star_expr) || pn_is_rule(pn, RULE_exprlist))) {
        assign_tuple(c, pn->child, pn->n);
        return;
    }
    if (kind == ASSIGN_STORE && pn_is_rule(pn, RULE_atom_paren)) {
        parse_node_t *in = pn->child[0];
        if (pn_is_rule(in, RULE_testlist_comp)) {
            assign_testlist_comp(c, in, pn);
            return;
        }
    }
    if (kind == ASSIGN_STORE && pn_is_rule(pn, RULE_atom_bracket)) {
        parse_node_t *in = pn->child[0];
        if (in == NULL) {
            assign_tuple(c, NULL, 0);
        } else if (pn_is_rule(in, RULE_testlist_comp)) {
            assign_testlist_comp(c, in, pn);
        } else {
            assign_tuple(c, pn->child, 1);
        }
        return;
    }
    compile_error(c, pn, "can't assign to expression");
}

void compile_assign(compiler_t *c, parse_node_t *pn, bool aug_load) {
    assign(c, pn, aug_load ? ASSIGN_AUG_LOAD : ASSIGN_STORE);
}

// ---- expression statements and assignment ----

// a, b = x, y and a, b, c = x, y, z with no star on the left (compiler.md 7.1)
static bool assign_swap(compiler_t *c, parse_node_t *lhs, parse_node_t *rhs) {
    if (!pn_is_rule(rhs, RULE_testlist_star_expr) || !pn_is_rule(lhs, RULE_testlist_star_expr)) {
        return false;
    }
    size_t n = lhs->n;
    if (n != rhs->n || (n != 2 && n != 3)) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (pn_is_rule(lhs->child[i], RULE_star_expr)) {
            return false;
        }
    }
    for (size_t i = 0; i < n; i++) {
        compile_node(c, rhs->child[i]);
    }
    if (n == 3) {
        emit_op(c->e, MP_BC_ROT_THREE, 0);
    }
    emit_op(c->e, MP_BC_ROT_TWO, 0);
    for (size_t i = 0; i < n; i++) {
        assign(c, lhs->child[i], ASSIGN_STORE);
    }
    return true;
}

static void plain_assign(compiler_t *c, parse_node_t *lhs, parse_node_t *rhs) {
    if (!assign_swap(c, lhs, rhs)) {
        compile_node(c, rhs);
        assign(c, lhs, ASSIGN_STORE);
    }
}

static void compile_expr_stmt(compiler_t *c, parse_node_t *pn) {
    parse_node_t *lhs = pn->child[0], *rhs = pn->child[1];
    if (rhs == NULL) {
        if ((pn_is_leaf(lhs) && !pn_is_id(lhs)) || pn_is_const(lhs)) {
            return;  // a lone constant
        }
        compile_node(c, lhs);
        emit_op(c->e, MP_BC_POP_TOP, -1);
    } else if (pn_is_rule(rhs, RULE_annassign)) {
        if (rhs->n > 1 && rhs->child[1] != NULL) {
            plain_assign(c, lhs, rhs->child[1]);
        } else if (c->cur->kind == SCOPE_FUNCTION && pn_is_id(lhs) && c->pass == EMIT_PASS_SCOPE) {
            scope_find_or_add(c->cur, lhs->u.id, ID_LOCAL, NULL, c->oom);
        }
    } else if (pn_is_rule(rhs, RULE_expr_stmt_augassign)) {
        assign(c, lhs, ASSIGN_AUG_LOAD);
        compile_node(c, rhs->child[1]);
        emit_op(c->e, (uint8_t)(MP_BC_BINARY_OP_MULTI + lexer_binary_op(rhs->child[0]->u.tok)), -1);
        assign(c, lhs, ASSIGN_AUG_STORE);
    } else if (pn_is_rule(rhs, RULE_expr_stmt_assign_list)) {
        size_t last = rhs->n - 1;
        compile_node(c, rhs->child[last]);
        if (last > 0) {
            emit_op(c->e, MP_BC_DUP_TOP, 1);
        }
        assign(c, lhs, ASSIGN_STORE);
        for (size_t i = 0; i < last; i++) {
            if (i + 1 < last) {
                emit_op(c->e, MP_BC_DUP_TOP, 1);
            }
            assign(c, rhs->child[i], ASSIGN_STORE);
        }
    } else {
        plain_assign(c, lhs, rhs);
    }
}

// ---- del (compiler.md 7.16) ----

static void del_target(compiler_t *c, parse_node_t *pn) {
    if (pn_is_id(pn)) {
        compile_delete_id(c, pn->u.id);
        return;
    }
    if (pn_is_rule(pn, RULE_atom_expr_normal)) {
        compile_node(c, pn->child[0]);
        parse_node_t *last = pn->child[1];
        if (pn_is_rule(last, RULE_atom_expr_trailers)) {
            for (size_t i = 0; i + 1 < last->n; i++) {
                compile_node(c, last->child[i]);
            }
            last = last->child[last->n - 1];
        }
        if (pn_is_rule(last, RULE_trailer_bracket)) {
            compile_node(c, last->child[0]);
            emit_op(c->e, MP_BC_LOAD_NULL, 1);
            emit_op(c->e, MP_BC_ROT_THREE, 0);
            emit_op(c->e, MP_BC_STORE_SUBSCR, -3);
            return;
        }
        if (pn_is_rule(last, RULE_trailer_period)) {
            emit_op(c->e, MP_BC_LOAD_NULL, 1);
            emit_op(c->e, MP_BC_ROT_TWO, 0);
            emit_op_qidx(c->e, MP_BC_STORE_ATTR, -2, compile_qidx(c, last->child[0]->u.id));
            return;
        }
    } else if (pn_is_rule(pn, RULE_atom_paren)) {
        // the reference reports the parenthesis' content (NULL for "()")
        parse_node_t *in = pn->child[0];
        if (pn_is_rule(in, RULE_testlist_comp) && !(in->n == 2 && pn_is_rule(in->child[1], RULE_comp_for))) {
            for (size_t i = 0; i < in->n; i++) {
                del_target(c, in->child[i]);
            }
            return;
        }
        pn = in;
    }
    compile_error(c, pn, "can't delete expression");
}

static void compile_del_stmt(compiler_t *c, parse_node_t *pn) {
    parse_node_t **items, *one;
    size_t n = parse_list(pn->child[0], RULE_exprlist, &items, &one);
    for (size_t i = 0; i < n; i++) {
        del_target(c, items[i]);
    }
}

// ---- flow ----

static void compile_break_cont(compiler_t *c, parse_node_t *pn) {
    bool is_break = pn_rule(pn) == RULE_break_stmt;
    size_t label = is_break ? c->break_label : c->continue_label;
    if (label == NO_LABEL_ID) {
        compile_error(c, pn, "'break'/'continue' outside loop");
    }
    emit_unwind_jump(c->e, label, c->except_level - c->break_continue_level, is_break && c->break_from_for);
}

static void compile_return_stmt(compiler_t *c, parse_node_t *pn) {
    if (!SCOPE_IS_FUNC_LIKE(c->cur->kind)) {
        compile_error(c, pn, "'return' outside function");
    }
    parse_node_t *v = pn->child[0];
    if (v == NULL) {
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    } else if (pn_is_rule(v, RULE_test_if_expr)) {
        parse_node_t *ifelse = v->child[1];
        size_t l_fail = compile_label(c);
        compile_cond(c, ifelse->child[0], false, l_fail);
        compile_node(c, v->child[0]);
        emit_op(c->e, MP_BC_RETURN_VALUE, -1);
        emit_label(c->e, l_fail);
        compile_node(c, ifelse->child[1]);
    } else {
        compile_node(c, v);
    }
    emit_op(c->e, MP_BC_RETURN_VALUE, -1);
}

static void compile_raise_stmt(compiler_t *c, parse_node_t *pn) {
    parse_node_t *a = pn->child[0];
    if (a == NULL) {
        emit_op(c->e, MP_BC_RAISE_LAST, 0);
    } else if (pn_is_rule(a, RULE_raise_stmt_arg)) {
        compile_node(c, a->child[0]);
        compile_node(c, a->child[1]);
        emit_op(c->e, MP_BC_RAISE_FROM, -2);
    } else {
        compile_node(c, a);
        emit_op(c->e, MP_BC_RAISE_OBJ, -1);
    }
}

static void compile_assert_stmt(compiler_t *c, parse_node_t *pn) {
    if (c->opts->opt != 0) {
        return;
    }
    size_t l_end = compile_label(c);
    compile_cond(c, pn->child[0], true, l_end);
    emit_op_qstr(c->e, MP_BC_LOAD_GLOBAL, 1, "AssertionError", 14);
    if (pn->n > 1 && pn->child[1] != NULL) {
        compile_node(c, pn->child[1]);
        emit_op_uint(c->e, MP_BC_CALL_FUNCTION, -1, 1);
    }
    emit_op(c->e, MP_BC_RAISE_OBJ, -1);
    emit_label(c->e, l_end);
}

// ---- import (compiler.md 7.12) ----

// Emit IMPORT_NAME for a (dotted) module name; *base gets the name to bind.
static void import_name(compiler_t *c, parse_node_t *pn, uint32_t *base) {
    bool is_as = false;
    if (pn_is_rule(pn, RULE_dotted_as_name)) {
        *base = pn->child[1]->u.id;
        pn = pn->child[0];
        is_as = true;
    }
    if (pn == NULL) {
        *base = MP_QSTR_empty;
        emit_op_qstr(c->e, MP_BC_IMPORT_NAME, -1, "", 0);
    } else if (pn_is_id(pn)) {
        if (!is_as) {
            *base = pn->u.id;
        }
        emit_op_qidx(c->e, MP_BC_IMPORT_NAME, -1, compile_qidx(c, pn->u.id));
    } else {
        if (!is_as) {
            *base = pn->child[0]->u.id;
        }
        mpy_buf_t full;
        mpy_buf_init(&full, c->oom);
        for (size_t i = 0; i < pn->n; i++) {
            size_t len;
            const char *s = compile_str(c, pn->child[i]->u.id, &len);
            if (i > 0) {
                mpy_buf_byte(&full, '.');
            }
            mpy_buf_bytes(&full, s, len);
        }
        size_t q = mpy_qstr(c->tab, (const char *)full.data, full.len);
        mpy_buf_free(&full);
        emit_op_qidx(c->e, MP_BC_IMPORT_NAME, -1, q);
        if (is_as) {
            for (size_t i = 1; i < pn->n; i++) {
                emit_op_qidx(c->e, MP_BC_LOAD_ATTR, 0, compile_qidx(c, pn->child[i]->u.id));
            }
        }
    }
}

static void compile_import_name(compiler_t *c, parse_node_t *pn) {
    parse_node_t **items, *one;
    size_t n = parse_list(pn->child[0], RULE_dotted_as_names, &items, &one);
    for (size_t i = 0; i < n; i++) {
        uint32_t base;
        emit_small_int(c->e, 0);
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
        import_name(c, items[i], &base);
        compile_store_id(c, base);
    }
}

static void compile_import_from(compiler_t *c, parse_node_t *pn) {
    parse_node_t *src = pn->child[0], *rel = NULL;
    size_t level = 0;
    if (pn_is_token(src, TOK_DEL_PERIOD) || pn_is_token(src, TOK_ELLIPSIS)
        || pn_is_rule(src, RULE_one_or_more_period_or_ellipsis)) {
        rel = src;
        src = NULL;
    } else if (pn_is_rule(src, RULE_import_from_2b)) {
        rel = src->child[0];
        src = src->child[1];
    }
    if (rel != NULL) {
        parse_node_t **dots, *one;
        size_t n = parse_list(rel, RULE_one_or_more_period_or_ellipsis, &dots, &one);
        for (size_t i = 0; i < n; i++) {
            level += pn_is_token(dots[i], TOK_DEL_PERIOD) ? 1 : 3;
        }
    }
    uint32_t dummy;
    if (pn_is_token(pn->child[1], TOK_OP_STAR)) {
        if (c->cur->kind != SCOPE_MODULE) {
            compile_error(c, pn, "import * not at module level");
        }
        emit_small_int(c->e, (intmax_t)level);
        emit_op_qstr(c->e, MP_BC_LOAD_CONST_STRING, 1, "*", 1);
        emit_op_uint(c->e, MP_BC_BUILD_TUPLE, 0, 1);
        import_name(c, src, &dummy);
        emit_op(c->e, MP_BC_IMPORT_STAR, -1);
        return;
    }
    emit_small_int(c->e, (intmax_t)level);
    parse_node_t **names, *one;
    size_t n = parse_list(pn->child[1], RULE_import_as_names, &names, &one);
    for (size_t i = 0; i < n; i++) {
        emit_op_qidx(c->e, MP_BC_LOAD_CONST_STRING, 1, compile_qidx(c, names[i]->child[0]->u.id));
    }
    emit_op_uint(c->e, MP_BC_BUILD_TUPLE, 1 - (int)n, n);
    import_name(c, src, &dummy);
    for (size_t i = 0; i < n; i++) {
        uint32_t name = names[i]->child[0]->u.id;
        emit_op_qidx(c->e, MP_BC_IMPORT_FROM, 1, compile_qidx(c, name));
        parse_node_t *as = names[i]->n > 1 ? names[i]->child[1] : NULL;
        compile_store_id(c, as != NULL ? as->u.id : name);
    }
    emit_op(c->e, MP_BC_POP_TOP, -1);
}

// ---- global / nonlocal (compiler.md 5.2 rules 4-5) ----

// fresh: the entry is new ("undecided"), as for a first global/nonlocal statement.
static void declare_id(compiler_t *c, parse_node_t *stmt, id_info_t *id, bool added, bool is_global) {
    uint32_t name = id->name;
    if (is_global) {
        if (!added && id->kind != ID_GLOBAL_EXPLICIT) {
            compile_error(c, stmt, "identifier redefined as global");
        }
        id->kind = ID_GLOBAL_EXPLICIT;
        id_info_t *g = scope_find_global(c->cur, name);
        if (g != NULL) {
            g->kind = ID_GLOBAL_EXPLICIT;
        }
    } else if (added) {
        scope_close_over(c->cur, id, c->oom);
        if (id->kind == ID_GLOBAL_IMPLICIT) {
            compile_error(c, stmt, "no binding for nonlocal found");
        }
    } else if (id->kind != ID_FREE) {
        compile_error(c, stmt, "identifier redefined as nonlocal");
    }
}

static void declare(compiler_t *c, parse_node_t *stmt, uint32_t name, bool is_global) {
    bool added;
    id_info_t *id = scope_find_or_add(c->cur, name, ID_GLOBAL_IMPLICIT, &added, c->oom);
    declare_id(c, stmt, id, added, is_global);
}

static void compile_global_nonlocal(compiler_t *c, parse_node_t *pn) {
    if (c->pass != EMIT_PASS_SCOPE) {
        return;
    }
    bool is_global = pn_rule(pn) == RULE_global_stmt;
    if (!is_global && c->cur->kind == SCOPE_MODULE) {
        compile_error(c, pn, "can't declare nonlocal in outer code");
    }
    parse_node_t **names, *one;
    size_t n = parse_list(pn->child[0], RULE_name_list, &names, &one);
    for (size_t i = 0; i < n; i++) {
        declare(c, pn, names[i]->u.id, is_global);
    }
}

// Walrus binding inside a comprehension goes to the enclosing scope (compiler.md 5.4).
void compile_walrus_scope(compiler_t *c, parse_node_t *target) {
    uint32_t name = target->u.id;
    scope_t *parent = c->cur->parent;
    id_info_t *pid = scope_find_or_add(parent, name, ID_GLOBAL_IMPLICIT, NULL, c->oom);
    if (pid->kind == ID_GLOBAL_IMPLICIT) {
        pid->kind = SCOPE_IS_FUNC_LIKE(parent->kind) ? ID_LOCAL : ID_GLOBAL_IMPLICIT_ASSIGNED;
    }
    if (pid->kind == ID_GLOBAL_EXPLICIT) {
        scope_find_or_add(c->cur, name, ID_GLOBAL_EXPLICIT, NULL, c->oom);
        return;
    }
    bool is_global = parent->kind == SCOPE_MODULE;
    bool added;
    id_info_t *id = scope_find_or_add(c->cur, name, ID_GLOBAL_IMPLICIT, &added, c->oom);
    if (!is_global && id->kind == ID_GLOBAL_IMPLICIT) {
        added = true;  // already read here: close it over now
    }
    declare_id(c, target, id, added, is_global);
}

// ---- compound statements ----

typedef struct {
    size_t brk, cont;
    bool from_for;
    int level;
} loop_save_t;

static loop_save_t loop_begin(compiler_t *c, size_t *brk, size_t *cont, bool from_for) {
    loop_save_t s = {c->break_label, c->continue_label, c->break_from_for, c->break_continue_level};
    *brk = compile_label(c);
    *cont = compile_label(c);
    c->break_label = *brk;
    c->continue_label = *cont;
    c->break_from_for = from_for;
    c->break_continue_level = c->except_level;
    return s;
}

static void loop_end(compiler_t *c, loop_save_t s) {
    c->break_label = s.brk;
    c->continue_label = s.cont;
    c->break_from_for = s.from_for;
    c->break_continue_level = s.level;
}

static void compile_if_stmt(compiler_t *c, parse_node_t *pn) {
    size_t l_end = compile_label(c);
    int t = compile_truth(c, pn->child[0]);
    if (t != 0) {
        size_t l_fail = compile_label(c);
        compile_cond(c, pn->child[0], false, l_fail);
        compile_node(c, pn->child[1]);
        if (t == 1) {
            emit_label(c->e, l_end);
            return;
        }
        if (!(pn->child[2] == NULL && pn->child[3] == NULL)) {
            emit_jump(c->e, MP_BC_JUMP, 0, l_end);
        }
        emit_label(c->e, l_fail);
    }
    parse_node_t **elifs, *one;
    size_t n = parse_list(pn->child[2], RULE_if_stmt_elif_list, &elifs, &one);
    for (size_t i = 0; i < n; i++) {
        parse_node_t *el = elifs[i];
        int te = compile_truth(c, el->child[0]);
        if (te == 0) {
            continue;
        }
        size_t l_fail = compile_label(c);
        compile_cond(c, el->child[0], false, l_fail);
        compile_node(c, el->child[1]);
        if (te == 1) {
            emit_label(c->e, l_end);
            return;
        }
        emit_jump(c->e, MP_BC_JUMP, 0, l_end);
        emit_label(c->e, l_fail);
    }
    compile_node(c, pn->child[3]);
    emit_label(c->e, l_end);
}

static void compile_while_stmt(compiler_t *c, parse_node_t *pn) {
    size_t brk, cont;
    loop_save_t save = loop_begin(c, &brk, &cont, false);
    int t = compile_truth(c, pn->child[0]);
    if (t != 0) {
        size_t top = compile_label(c);
        if (t != 1) {
            emit_jump(c->e, MP_BC_JUMP, 0, cont);
        }
        emit_label(c->e, top);
        compile_node(c, pn->child[1]);
        emit_label(c->e, cont);
        compile_cond(c, pn->child[0], true, top);
    }
    loop_end(c, save);
    compile_node(c, pn->n > 2 ? pn->child[2] : NULL);
    emit_label(c->e, brk);
}

// compiler.md 7.8
static void for_range(compiler_t *c, parse_node_t *var, parse_node_t *start, parse_node_t *end,
                      parse_node_t *step, parse_node_t *body, parse_node_t *els) {
    size_t brk, cont;
    loop_save_t save = loop_begin(c, &brk, &cont, false);
    size_t top = compile_label(c), entry = compile_label(c);
    bool end_on_stack = !pn_is_small_int(end);
    if (end_on_stack) {
        compile_node(c, end);
    }
    compile_node(c, start);
    emit_jump(c->e, MP_BC_JUMP, 0, entry);
    emit_label(c->e, top);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    assign(c, var, ASSIGN_STORE);
    compile_node(c, body);
    emit_label(c->e, cont);
    compile_node(c, step);
    emit_op(c->e, MP_BC_BINARY_OP_MULTI + MP_BINARY_OP_INPLACE_ADD, -1);
    emit_label(c->e, entry);
    if (end_on_stack) {
        emit_op(c->e, MP_BC_DUP_TOP_TWO, 2);
        emit_op(c->e, MP_BC_ROT_TWO, 0);
    } else {
        emit_op(c->e, MP_BC_DUP_TOP, 1);
        compile_node(c, end);
    }
    uint8_t cmp = step->u.small >= 0 ? MP_BINARY_OP_LESS : MP_BINARY_OP_MORE;
    emit_op(c->e, (uint8_t)(MP_BC_BINARY_OP_MULTI + cmp), -1);
    emit_jump(c->e, MP_BC_POP_JUMP_IF_TRUE, -1, top);
    loop_end(c, save);
    size_t l_end = 0;
    if (els != NULL) {
        emit_op(c->e, MP_BC_POP_TOP, -1);
        if (end_on_stack) {
            emit_op(c->e, MP_BC_POP_TOP, -1);
        }
        compile_node(c, els);
        l_end = compile_label(c);
        emit_jump(c->e, MP_BC_JUMP, 0, l_end);
        emit_adjust(c->e, 1 + end_on_stack);
    }
    emit_label(c->e, brk);
    emit_op(c->e, MP_BC_POP_TOP, -1);
    if (end_on_stack) {
        emit_op(c->e, MP_BC_POP_TOP, -1);
    }
    if (els != NULL) {
        emit_label(c->e, l_end);
    }
}

static bool range_arg_ok(parse_node_t *a) {
    return !(pn_is_rule(a, RULE_arglist_star) || pn_is_rule(a, RULE_arglist_dbl_star)
             || pn_is_rule(a, RULE_argument));
}

// for x in range(...) with 1-3 plain arguments and a constant non-zero step?
static bool try_for_range(compiler_t *c, parse_node_t *pn) {
    parse_node_t *it = pn->child[1];
    if (!pn_is_id(pn->child[0]) || !pn_is_rule(it, RULE_atom_expr_normal)) {
        return false;
    }
    if (!pn_is_id(it->child[0]) || it->child[0]->u.id != MP_QSTR_range
        || !pn_is_rule(it->child[1], RULE_trailer_paren)) {
        return false;
    }
    parse_node_t **args, *one;
    size_t n = parse_list(it->child[1]->child[0], RULE_arglist, &args, &one);
    if (n < 1 || n > 3) {
        return false;
    }
    parse_node_t zero = {.kind = PN_SMALL_INT, .u.small = 0};
    parse_node_t unit = {.kind = PN_SMALL_INT, .u.small = 1};
    parse_node_t *start = n == 1 ? &zero : args[0];
    parse_node_t *end = n == 1 ? args[0] : args[1];
    parse_node_t *step = n == 3 ? args[2] : &unit;
    if (n == 3 && (!pn_is_small_int(step) || step->u.small == 0)) {
        return false;
    }
    if (!range_arg_ok(start) || !range_arg_ok(end)) {
        return false;
    }
    for_range(c, pn->child[0], start, end, step, pn->child[2], pn->n > 3 ? pn->child[3] : NULL);
    return true;
}

static void compile_for_stmt(compiler_t *c, parse_node_t *pn) {
    if (try_for_range(c, pn)) {
        return;
    }
    size_t brk, cont;
    loop_save_t save = loop_begin(c, &brk, &cont, true);
    size_t pop = compile_label(c);
    compile_node(c, pn->child[1]);
    emit_op(c->e, MP_BC_GET_ITER_STACK, 3);
    emit_label(c->e, cont);
    emit_jump(c->e, MP_BC_FOR_ITER, 1, pop);
    assign(c, pn->child[0], ASSIGN_STORE);
    compile_node(c, pn->child[2]);
    emit_jump(c->e, MP_BC_JUMP, 0, cont);
    emit_label(c->e, pop);
    emit_adjust(c->e, -4);
    loop_end(c, save);
    compile_node(c, pn->n > 3 ? pn->child[3] : NULL);
    emit_label(c->e, brk);
}

static void setup_block(compiler_t *c, uint8_t op, size_t label) {
    emit_jump(c->e, op, op == MP_BC_SETUP_WITH ? 2 : 0, label);
    c->except_level++;
    emit_exc(c->e, 1);
}

static void end_block(compiler_t *c) {
    c->except_level--;
    emit_exc(c->e, -1);
    emit_op(c->e, MP_BC_END_FINALLY, -1);
}

// compiler.md 7.13, try/except with optional else
static void try_except(compiler_t *c, parse_node_t *body, parse_node_t **excepts, size_t n,
                       parse_node_t *els) {
    size_t l1 = compile_label(c), success = compile_label(c);
    setup_block(c, MP_BC_SETUP_EXCEPT, l1);
    compile_node(c, body);
    emit_jump(c->e, MP_BC_POP_EXCEPT_JUMP, 0, success);
    emit_label(c->e, l1);
    emit_adjust(c->e, 4);
    size_t l2 = compile_label(c);
    for (size_t i = 0; i < n; i++) {
        parse_node_t *ex = excepts[i];
        uint32_t as_name = 0;
        size_t l_next = compile_label(c);
        parse_node_t *test = ex->child[0];
        if (test == NULL) {
            if (i + 1 != n) {
                compile_error(c, ex, "default 'except' must be last");
            }
        } else {
            if (pn_is_rule(test, RULE_try_stmt_as_name)) {
                as_name = test->child[1]->u.id;
                test = test->child[0];
            }
            emit_op(c->e, MP_BC_DUP_TOP, 1);
            compile_node(c, test);
            emit_op(c->e, MP_BC_BINARY_OP_MULTI + MP_BINARY_OP_EXCEPTION_MATCH, -1);
            emit_jump(c->e, MP_BC_POP_JUMP_IF_FALSE, -1, l_next);
        }
        if (as_name == 0) {
            emit_op(c->e, MP_BC_POP_TOP, -1);
        } else {
            compile_store_id(c, as_name);
        }
        size_t l3 = 0;
        if (as_name != 0) {
            l3 = compile_label(c);
            setup_block(c, MP_BC_SETUP_FINALLY, l3);
        }
        compile_node(c, ex->child[1]);
        if (as_name != 0) {
            emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
            emit_label(c->e, l3);
            emit_adjust(c->e, 1);
            emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
            compile_store_id(c, as_name);
            compile_delete_id(c, as_name);
            emit_adjust(c->e, -1);
            end_block(c);
        }
        emit_jump(c->e, MP_BC_POP_EXCEPT_JUMP, 0, l2);
        emit_label(c->e, l_next);
        emit_adjust(c->e, 1);
    }
    end_block(c);
    emit_adjust(c->e, -3);
    emit_label(c->e, success);
    compile_node(c, els);
    emit_label(c->e, l2);
}

static void try_finally(compiler_t *c, parse_node_t *body, parse_node_t **excepts, size_t n,
                        parse_node_t *els, parse_node_t *fin) {
    size_t l_fin = compile_label(c);
    setup_block(c, MP_BC_SETUP_FINALLY, l_fin);
    if (n == 0) {
        emit_adjust(c->e, 3);
        compile_node(c, body);
        emit_adjust(c->e, -3);
    } else {
        try_except(c, body, excepts, n, els);
    }
    emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    emit_label(c->e, l_fin);
    emit_adjust(c->e, 1);
    compile_node(c, fin->child[0]);
    emit_adjust(c->e, -1);
    end_block(c);
}

static void compile_try_stmt(compiler_t *c, parse_node_t *pn) {
    parse_node_t *body = pn->child[0], *rest = pn->child[1];
    parse_node_t **excepts, *one;
    if (pn_is_rule(rest, RULE_try_stmt_finally)) {
        try_finally(c, body, NULL, 0, NULL, rest);
    } else if (pn_is_rule(rest, RULE_try_stmt_except_and_more)) {
        size_t n = parse_list(rest->child[0], RULE_try_stmt_except_list, &excepts, &one);
        if (rest->child[2] == NULL) {
            try_except(c, body, excepts, n, rest->child[1]);
        } else {
            try_finally(c, body, excepts, n, rest->child[1], rest->child[2]);
        }
    } else {
        size_t n = parse_list(rest, RULE_try_stmt_except_list, &excepts, &one);
        try_except(c, body, excepts, n, NULL);
    }
}

// compiler.md 7.14: the items nest left to right
static void with_items(compiler_t *c, parse_node_t **items, size_t n, parse_node_t *body) {
    if (n == 0) {
        compile_node(c, body);
        return;
    }
    size_t l_end = compile_label(c);
    if (pn_is_rule(items[0], RULE_with_item)) {
        compile_node(c, items[0]->child[0]);
        setup_block(c, MP_BC_SETUP_WITH, l_end);
        assign(c, items[0]->child[1], ASSIGN_STORE);
    } else {
        compile_node(c, items[0]);
        setup_block(c, MP_BC_SETUP_WITH, l_end);
        emit_op(c->e, MP_BC_POP_TOP, -1);
    }
    with_items(c, items + 1, n - 1, body);
    emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    emit_label(c->e, l_end);
    emit_op(c->e, MP_BC_WITH_CLEANUP, 2);
    emit_adjust(c->e, -4);
    end_block(c);
}

static void compile_with_stmt(compiler_t *c, parse_node_t *pn) {
    parse_node_t **items, *one;
    size_t n = parse_list(pn->child[0], RULE_with_stmt_list, &items, &one);
    with_items(c, items, n, pn->child[1]);
}

static void yield_from(compiler_t *c) {
    c->cur->flags |= MP_SCOPE_FLAG_GENERATOR;
    emit_op(c->e, MP_BC_GET_ITER, 0);
    emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    emit_op(c->e, MP_BC_YIELD_FROM, -1);
}

static void method0(compiler_t *c, const char *name) {
    emit_op_qstr(c->e, MP_BC_LOAD_METHOD, 1, name, strlen(name));
    emit_op_uint(c->e, MP_BC_CALL_METHOD, -1, 0);
}

// compiler.md 7.15 async for
static void async_for(compiler_t *c, parse_node_t *pn) {
    size_t else_loop = compile_label(c), exc = compile_label(c);
    size_t try_else = compile_label(c), fin = compile_label(c);
    size_t brk, cont;
    loop_save_t save = loop_begin(c, &brk, &cont, false);
    compile_node(c, pn->child[1]);
    method0(c, "__aiter__");
    emit_label(c->e, cont);
    setup_block(c, MP_BC_SETUP_EXCEPT, exc);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    method0(c, "__anext__");
    yield_from(c);
    assign(c, pn->child[0], ASSIGN_STORE);
    emit_jump(c->e, MP_BC_POP_EXCEPT_JUMP, 0, try_else);
    emit_label(c->e, exc);
    emit_adjust(c->e, 4);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    emit_op_qstr(c->e, MP_BC_LOAD_GLOBAL, 1, "StopAsyncIteration", 18);
    emit_op(c->e, MP_BC_BINARY_OP_MULTI + MP_BINARY_OP_EXCEPTION_MATCH, -1);
    emit_jump(c->e, MP_BC_POP_JUMP_IF_FALSE, -1, fin);
    emit_op(c->e, MP_BC_POP_TOP, -1);
    emit_jump(c->e, MP_BC_POP_EXCEPT_JUMP, 0, else_loop);
    emit_label(c->e, fin);
    emit_adjust(c->e, 1);
    end_block(c);
    emit_adjust(c->e, -3);
    emit_label(c->e, try_else);
    compile_node(c, pn->child[2]);
    emit_jump(c->e, MP_BC_JUMP, 0, cont);
    emit_label(c->e, else_loop);
    loop_end(c, save);
    compile_node(c, pn->n > 3 ? pn->child[3] : NULL);
    emit_label(c->e, brk);
    emit_op(c->e, MP_BC_POP_TOP, -1);
}

static void async_with_items(compiler_t *c, parse_node_t **items, size_t n, parse_node_t *body) {
    if (n == 0) {
        compile_node(c, body);
        return;
    }
    size_t l_finally = compile_label(c), l_noexc = compile_label(c);
    size_t l_ret = compile_label(c), l_end = compile_label(c);
    parse_node_t *target = NULL, *ctx = items[0];
    if (pn_is_rule(ctx, RULE_with_item)) {
        target = ctx->child[1];
        ctx = ctx->child[0];
    }
    compile_node(c, ctx);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    method0(c, "__aenter__");
    yield_from(c);
    if (target != NULL) {
        assign(c, target, ASSIGN_STORE);
    } else {
        emit_op(c->e, MP_BC_POP_TOP, -1);
    }
    setup_block(c, MP_BC_SETUP_FINALLY, l_finally);
    emit_adjust(c->e, 3);
    async_with_items(c, items + 1, n - 1, body);
    emit_adjust(c->e, -3);
    emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    emit_op(c->e, MP_BC_ROT_TWO, 0);
    emit_jump(c->e, MP_BC_JUMP, 0, l_noexc);
    emit_label(c->e, l_finally);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    emit_op_qstr(c->e, MP_BC_LOAD_GLOBAL, 1, "BaseException", 13);
    emit_op(c->e, MP_BC_BINARY_OP_MULTI + MP_BINARY_OP_EXCEPTION_MATCH, -1);
    emit_jump(c->e, MP_BC_POP_JUMP_IF_FALSE, -1, l_ret);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    emit_op(c->e, MP_BC_ROT_THREE, 0);
    emit_op(c->e, MP_BC_ROT_TWO, 0);
    emit_op_qstr(c->e, MP_BC_LOAD_METHOD, 1, "__aexit__", 9);
    emit_op(c->e, MP_BC_ROT_THREE, 0);
    emit_op(c->e, MP_BC_ROT_THREE, 0);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    emit_op_qidx(c->e, MP_BC_LOAD_ATTR, 0, compile_qidx(c, MP_QSTR___class__));
    emit_op(c->e, MP_BC_ROT_TWO, 0);
    emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    emit_op_uint(c->e, MP_BC_CALL_METHOD, -4, 3);
    yield_from(c);
    emit_jump(c->e, MP_BC_POP_JUMP_IF_FALSE, -1, l_end);
    emit_op(c->e, MP_BC_POP_TOP, -1);
    emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    emit_jump(c->e, MP_BC_JUMP, 0, l_end);
    emit_adjust(c->e, 2);
    emit_label(c->e, l_ret);
    emit_op(c->e, MP_BC_ROT_THREE, 0);
    emit_op(c->e, MP_BC_ROT_THREE, 0);
    emit_label(c->e, l_noexc);
    emit_op_qstr(c->e, MP_BC_LOAD_METHOD, 1, "__aexit__", 9);
    emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    emit_op_uint(c->e, MP_BC_CALL_METHOD, -4, 3);
    yield_from(c);
    emit_op(c->e, MP_BC_POP_TOP, -1);
    emit_adjust(c->e, -1);
    emit_label(c->e, l_end);
    end_block(c);
}

static void compile_funcdef_at(compiler_t *c, parse_node_t *fd) {
    compile_function_scope(c, fd, SCOPE_FUNCTION, fd->child[0]->u.id, fd->child[1], RULE_typedargslist);
}

static void compile_classdef_at(compiler_t *c, parse_node_t *cd) {
    if (c->pass == EMIT_PASS_SCOPE) {
        cd->aux = compile_new_scope(c, SCOPE_CLASS, cd, cd->child[0]->u.id);
    }
    scope_t *s = cd->aux;
    emit_op(c->e, MP_BC_LOAD_BUILD_CLASS, 1);
    compile_make_closure(c, s, 0, 0);
    emit_op_qidx(c->e, MP_BC_LOAD_CONST_STRING, 1, compile_qidx(c, s->simple_name));
    parse_node_t *bases = cd->child[1];
    if (pn_is_rule(bases, RULE_classdef_2)) {
        bases = NULL;
    }
    compile_call_args(c, bases, 2, false);
}

static void compile_async_stmt(compiler_t *c, parse_node_t *pn) {
    parse_node_t *s = pn->child[0];
    if (pn_is_rule(s, RULE_funcdef)) {
        compile_funcdef_at(c, s);
        ((scope_t *)s->aux)->flags |= MP_SCOPE_FLAG_GENERATOR;
        compile_store_id(c, s->child[0]->u.id);
        return;
    }
    if (!(c->cur->flags & MP_SCOPE_FLAG_GENERATOR)) {
        compile_error(c, s, "async for/with outside async function");
    }
    if (pn_is_rule(s, RULE_for_stmt)) {
        async_for(c, s);
    } else {
        parse_node_t **items, *one;
        size_t n = parse_list(s->child[0], RULE_with_stmt_list, &items, &one);
        async_with_items(c, items, n, s->child[1]);
    }
}

// @micropython.xxx: true if it is one (it generates no code); errors for the native ones.
static bool builtin_decorator(compiler_t *c, parse_node_t **names, size_t n) {
    if (!pn_is_id(names[0]) || names[0]->u.id != MP_QSTR_micropython) {
        return false;
    }
    if (n != 2) {
        compile_error(c, names[0], "invalid micropython decorator");
    }
    size_t len;
    const char *attr = compile_str(c, names[1]->u.id, &len);
    if (names[1]->u.id == MP_QSTR_bytecode) {
        return true;
    }
    if ((len == 6 && memcmp(attr, "native", 6) == 0) || (len == 5 && memcmp(attr, "viper", 5) == 0)
        || (len >= 4 && memcmp(attr, "asm_", 4) == 0)) {
        compile_error(c, names[1], "invalid arch");
    }
    compile_error(c, names[1], "invalid micropython decorator");
    return true;
}

static void compile_decorated(compiler_t *c, parse_node_t *pn) {
    parse_node_t **decos, *one;
    size_t n = parse_list(pn->child[0], RULE_decorators, &decos, &one);
    size_t n_builtin = 0;
    for (size_t i = 0; i < n; i++) {
        parse_node_t **names, *one_name;
        size_t nn = parse_list(decos[i]->child[0], RULE_dotted_name, &names, &one_name);
        if (builtin_decorator(c, names, nn)) {
            n_builtin++;
            continue;
        }
        compile_node(c, names[0]);
        for (size_t j = 1; j < nn; j++) {
            emit_op_qidx(c->e, MP_BC_LOAD_ATTR, 0, compile_qidx(c, names[j]->u.id));
        }
        if (decos[i]->n > 1 && decos[i]->child[1] != NULL) {
            compile_node(c, decos[i]->child[1]);
        }
    }
    parse_node_t *body = pn->child[1];
    uint32_t name;
    if (pn_is_rule(body, RULE_funcdef)) {
        compile_funcdef_at(c, body);
        name = body->child[0]->u.id;
    } else if (pn_is_rule(body, RULE_classdef)) {
        compile_classdef_at(c, body);
        name = body->child[0]->u.id;
    } else {
        parse_node_t *fd = body->child[0];  // async_funcdef
        compile_funcdef_at(c, fd);
        ((scope_t *)fd->aux)->flags |= MP_SCOPE_FLAG_GENERATOR;
        name = fd->child[0]->u.id;
    }
    for (size_t i = 0; i < n - n_builtin; i++) {
        emit_op_uint(c->e, MP_BC_CALL_FUNCTION, -1, 1);
    }
    compile_store_id(c, name);
}

// ---- dispatch ----

static bool compile_stmt_rule(compiler_t *c, parse_node_t *pn) {
    switch (pn_rule(pn)) {
    case RULE_file_input:
    case RULE_file_input_2:
    case RULE_suite_block_stmts:
    case RULE_simple_stmt_2:
    case RULE_pass_stmt:
        compile_all(c, pn);
        break;
    case RULE_expr_stmt:
        compile_expr_stmt(c, pn);
        break;
    case RULE_del_stmt:
        compile_del_stmt(c, pn);
        break;
    case RULE_break_stmt:
    case RULE_continue_stmt:
        compile_break_cont(c, pn);
        break;
    case RULE_return_stmt:
        compile_return_stmt(c, pn);
        break;
    case RULE_yield_stmt:
        compile_node(c, pn->child[0]);
        emit_op(c->e, MP_BC_POP_TOP, -1);
        break;
    case RULE_raise_stmt:
        compile_raise_stmt(c, pn);
        break;
    case RULE_import_name:
        compile_import_name(c, pn);
        break;
    case RULE_import_from:
        compile_import_from(c, pn);
        break;
    case RULE_global_stmt:
    case RULE_nonlocal_stmt:
        compile_global_nonlocal(c, pn);
        break;
    case RULE_assert_stmt:
        compile_assert_stmt(c, pn);
        break;
    case RULE_if_stmt:
        compile_if_stmt(c, pn);
        break;
    case RULE_while_stmt:
        compile_while_stmt(c, pn);
        break;
    case RULE_for_stmt:
        compile_for_stmt(c, pn);
        break;
    case RULE_try_stmt:
        compile_try_stmt(c, pn);
        break;
    case RULE_with_stmt:
        compile_with_stmt(c, pn);
        break;
    case RULE_funcdef:
        compile_funcdef_at(c, pn);
        compile_store_id(c, pn->child[0]->u.id);
        break;
    case RULE_classdef:
        compile_classdef_at(c, pn);
        compile_store_id(c, pn->child[0]->u.id);
        break;
    case RULE_decorated:
        compile_decorated(c, pn);
        break;
    case RULE_async_stmt:
        compile_async_stmt(c, pn);
        break;
    default:
        return false;
    }
    return true;
}

void compile_node(compiler_t *c, parse_node_t *pn) {
    if (pn == NULL) {
        return;
    }
    if (pn->kind != PN_RULE && pn->kind != PN_CONST) {
        compile_leaf(c, pn);
        return;
    }
    emit_line(c->e, pn->line);
    compile_enter(c);
    if (pn->kind == PN_CONST) {
        compile_const(c, pn);
    } else if (!compile_stmt_rule(c, pn)) {
        compile_expr_rule(c, pn);
    }
    compile_leave(c);
}
