// SPDX-License-Identifier: MIT
// compile_expr.c: expressions: operators, conditions, trailers and calls, displays, comprehensions.
#include <stdlib.h>
#include <string.h>

#include "mpycross/compile.h"
#include "runtime/mpy.h"
#include "runtime/opcodes.h"
#include "runtime/qstrdefs.h"

/*
 * Each function handles one grammar rule with the template of compiler.md section 8.
 * Constant objects of the parse tree are turned into .mpy constants once each, keyed by
 * the parse constant's address: two uses of one object (a const() name, math.nan) share
 * a table entry even when strict equality would not find it (a NaN).
 */

// ---- constants ----

static mpy_const_t *convert_const(compiler_t *c, const parse_const_t *pc, int depth) {
    if (depth > COMPILE_MAX_DEPTH) {
        compile_depth_error(c);  // the table's equality and the writer recurse as well
    }
    mpy_const_t *m = parse_alloc(c->p, sizeof(*m));
    if (m == NULL) {
        longjmp(*c->oom, 1);
    }
    static const int kinds[] = {
        [PC_NONE] = MPY_CONST_NONE, [PC_FALSE] = MPY_CONST_FALSE, [PC_TRUE] = MPY_CONST_TRUE,
        [PC_ELLIPSIS] = MPY_CONST_ELLIPSIS, [PC_INT] = MPY_CONST_INT, [PC_FLOAT] = MPY_CONST_FLOAT,
        [PC_COMPLEX] = MPY_CONST_COMPLEX, [PC_STR] = MPY_CONST_STR, [PC_BYTES] = MPY_CONST_BYTES,
        [PC_TUPLE] = MPY_CONST_TUPLE,
    };
    m->kind = kinds[pc->kind];
    m->data = pc->text;
    m->len = pc->len;
    m->f = pc->f;
    if (pc->kind == PC_TUPLE) {
        const mpy_const_t **items = parse_alloc(c->p, (pc->n ? pc->n : 1) * sizeof(*items));
        if (items == NULL) {
            longjmp(*c->oom, 1);
        }
        for (size_t i = 0; i < pc->n; i++) {
            items[i] = convert_const(c, pc->items[i], depth + 1);
        }
        m->n_items = pc->n;
        m->items = (const mpy_const_t *const *)items;
    }
    return m;
}

static size_t ptr_slot(const void *p, size_t cap) {
    return ((uintptr_t)p >> 4) * 2654435761u & (cap - 1);
}

static void const_cache_grow(compiler_t *c) {
    size_t cap = c->ccap ? c->ccap * 2 : 64;
    const parse_const_t **keys = calloc(cap, sizeof(*keys));
    size_t *vals = calloc(cap, sizeof(*vals));
    if (keys == NULL || vals == NULL) {
        free(keys);
        free(vals);
        longjmp(*c->oom, 1);
    }
    for (size_t i = 0; i < c->ccap; i++) {
        if (c->ckeys[i] != NULL) {
            size_t s = ptr_slot(c->ckeys[i], cap);
            while (keys[s] != NULL) {
                s = (s + 1) & (cap - 1);
            }
            keys[s] = c->ckeys[i];
            vals[s] = c->cvals[i];
        }
    }
    free(c->ckeys);
    free(c->cvals);
    c->ckeys = keys;
    c->cvals = vals;
    c->ccap = cap;
}

static size_t const_index(compiler_t *c, const parse_const_t *pc) {
    if ((c->ccount + 1) * 2 > c->ccap) {
        const_cache_grow(c);
    }
    size_t s = ptr_slot(pc, c->ccap);
    while (c->ckeys[s] != NULL) {
        if (c->ckeys[s] == pc) {
            return c->cvals[s];
        }
        s = (s + 1) & (c->ccap - 1);
    }
    size_t idx = mpy_const(c->tab, convert_const(c, pc, 0));
    c->ckeys[s] = pc;
    c->cvals[s] = idx;
    c->ccount++;
    return idx;
}

void compile_const(compiler_t *c, parse_node_t *pn) {
    emit_op_uint(c->e, MP_BC_LOAD_CONST_OBJ, 1, const_index(c, pn->u.cst));
}

// ---- conditions (compiler.md 4.8, 8.4) ----

int compile_truth(compiler_t *c, const parse_node_t *pn) {
    if (pn == NULL) {
        return -1;
    }
    size_t len;
    switch (pn->kind) {
    case PN_SMALL_INT:
        return pn->u.small != 0;
    case PN_STRING:
        compile_str(c, pn->u.id, &len);
        return len != 0;
    case PN_TOKEN:
        if (pn->u.tok == TOK_KW_NONE || pn->u.tok == TOK_KW_FALSE) {
            return 0;
        }
        return pn->u.tok == TOK_KW_TRUE || pn->u.tok == TOK_ELLIPSIS ? 1 : -1;
    case PN_CONST:
        switch (pn->u.cst->kind) {
        case PC_NONE:
        case PC_FALSE:
            return 0;
        case PC_FLOAT:
        case PC_COMPLEX:
            return pn->u.cst->f != 0;
        case PC_STR:
        case PC_BYTES:
            return pn->u.cst->len != 0;
        case PC_TUPLE:
            return pn->u.cst->n != 0;
        default:
            return 1;
        }
    case PN_RULE:
        if (pn->rule == RULE_atom_paren && pn->child[0] == NULL) {
            return 0;
        }
        return -1;
    default:
        return -1;
    }
}

static void cond(compiler_t *c, parse_node_t *pn, bool jump_if, size_t label);

void compile_cond(compiler_t *c, parse_node_t *pn, bool jump_if, size_t label) {
    compile_enter(c);
    cond(c, pn, jump_if, label);
    compile_leave(c);
}

static void cond(compiler_t *c, parse_node_t *pn, bool jump_if, size_t label) {
    int t = compile_truth(c, pn);
    if (t >= 0) {
        if ((t == 1) == jump_if) {
            emit_jump(c->e, MP_BC_JUMP, 0, label);
        }
        return;
    }
    if (pn_is_rule(pn, RULE_or_test) || pn_is_rule(pn, RULE_and_test)) {
        bool is_or = pn_rule(pn) == RULE_or_test;
        size_t n = pn->n;
        if (is_or != jump_if) {
            // jump only if all agree: the first n-1 skip past on the opposite result
            size_t l2 = compile_label(c);
            for (size_t i = 0; i + 1 < n; i++) {
                compile_cond(c, pn->child[i], !jump_if, l2);
            }
            compile_cond(c, pn->child[n - 1], jump_if, label);
            emit_label(c->e, l2);
        } else {
            for (size_t i = 0; i < n; i++) {
                compile_cond(c, pn->child[i], jump_if, label);
            }
        }
        return;
    }
    if (pn_is_rule(pn, RULE_not_test_2)) {
        compile_cond(c, pn->child[0], !jump_if, label);
        return;
    }
    compile_node(c, pn);
    emit_jump(c->e, jump_if ? MP_BC_POP_JUMP_IF_TRUE : MP_BC_POP_JUMP_IF_FALSE, -1, label);
}

// ---- operators ----

static void binary(compiler_t *c, int op) {
    emit_op(c->e, (uint8_t)(MP_BC_BINARY_OP_MULTI + op), -1);
}

static void compile_or_and(compiler_t *c, parse_node_t *pn) {
    uint8_t op = pn_rule(pn) == RULE_or_test ? MP_BC_JUMP_IF_TRUE_OR_POP : MP_BC_JUMP_IF_FALSE_OR_POP;
    size_t l_end = compile_label(c);
    for (size_t i = 0; i < pn->n; i++) {
        compile_node(c, pn->child[i]);
        if (i + 1 < pn->n) {
            emit_jump(c->e, op, -1, l_end);
        }
    }
    emit_label(c->e, l_end);
}

static void compile_comparison_op(compiler_t *c, parse_node_t *op) {
    if (op->kind == PN_TOKEN) {
        binary(c, op->u.tok == TOK_KW_IN ? MP_BINARY_OP_IN : lexer_binary_op(op->u.tok));
        return;
    }
    bool invert;
    if (op->rule == RULE_comp_op_not_in) {
        binary(c, MP_BINARY_OP_IN);
        invert = true;
    } else {
        binary(c, MP_BINARY_OP_IS);
        invert = false;
        for (size_t i = 0; i < op->n; i++) {
            invert |= op->child[i] != NULL;
        }
    }
    if (invert) {
        emit_op(c->e, MP_BC_UNARY_OP_MULTI + MP_UNARY_OP_NOT, 0);
    }
}

// compiler.md 8.6
static void compile_comparison(compiler_t *c, parse_node_t *pn) {
    size_t n = pn->n;
    bool multi = n > 3;
    size_t l_fail = 0;
    compile_node(c, pn->child[0]);
    if (multi) {
        l_fail = compile_label(c);
    }
    for (size_t i = 1; i + 1 < n; i += 2) {
        compile_node(c, pn->child[i + 1]);
        if (i + 2 < n) {
            emit_op(c->e, MP_BC_DUP_TOP, 1);
            emit_op(c->e, MP_BC_ROT_THREE, 0);
        }
        compile_comparison_op(c, pn->child[i]);
        if (i + 2 < n) {
            emit_jump(c->e, MP_BC_JUMP_IF_FALSE_OR_POP, -1, l_fail);
        }
    }
    if (multi) {
        size_t l_end = compile_label(c);
        emit_jump(c->e, MP_BC_JUMP, 0, l_end);
        emit_label(c->e, l_fail);
        emit_adjust(c->e, 1);
        emit_op(c->e, MP_BC_ROT_TWO, 0);
        emit_op(c->e, MP_BC_POP_TOP, -1);
        emit_label(c->e, l_end);
    }
}

static void compile_binary_chain(compiler_t *c, parse_node_t *pn) {
    int op = pn_rule(pn) == RULE_expr ? MP_BINARY_OP_OR
             : pn_rule(pn) == RULE_xor_expr ? MP_BINARY_OP_XOR : MP_BINARY_OP_AND;
    compile_node(c, pn->child[0]);
    for (size_t i = 1; i < pn->n; i++) {
        compile_node(c, pn->child[i]);
        binary(c, op);
    }
}

static void compile_term(compiler_t *c, parse_node_t *pn) {
    compile_node(c, pn->child[0]);
    for (size_t i = 1; i + 1 < pn->n; i += 2) {
        compile_node(c, pn->child[i + 1]);
        binary(c, lexer_binary_op(pn->child[i]->u.tok));
    }
}

static void compile_factor(compiler_t *c, parse_node_t *pn) {
    compile_node(c, pn->child[1]);
    int tok = pn->child[0]->u.tok;
    int op = tok == TOK_OP_TILDE ? MP_UNARY_OP_INVERT
             : tok == TOK_OP_MINUS ? MP_UNARY_OP_NEGATIVE : MP_UNARY_OP_POSITIVE;
    emit_op(c->e, (uint8_t)(MP_BC_UNARY_OP_MULTI + op), 0);
}

static void compile_if_expr(compiler_t *c, parse_node_t *pn) {
    parse_node_t *ifelse = pn->child[1];
    size_t l_fail = compile_label(c), l_end = compile_label(c);
    compile_cond(c, ifelse->child[0], false, l_fail);
    compile_node(c, pn->child[0]);
    emit_jump(c->e, MP_BC_JUMP, 0, l_end);
    emit_label(c->e, l_fail);
    emit_adjust(c->e, -1);
    compile_node(c, ifelse->child[1]);
    emit_label(c->e, l_end);
}

static void compile_namedexpr(compiler_t *c, parse_node_t *target, parse_node_t *value) {
    if (!pn_is_id(target)) {
        compile_error(c, target, "can't assign to expression");
    }
    compile_node(c, value);
    emit_op(c->e, MP_BC_DUP_TOP, 1);
    if (c->pass == EMIT_PASS_SCOPE && SCOPE_IS_COMP_LIKE(c->cur->kind)) {
        compile_walrus_scope(c, target);
    }
    compile_store_id(c, target->u.id);
}

// ---- calls and trailers (compiler.md 8.8, 8.9) ----

void compile_call_args(compiler_t *c, parse_node_t *arglist, size_t n_extra, bool is_method) {
    parse_node_t **args, *one;
    size_t n = parse_list(arglist, RULE_arglist, &args, &one);
    size_t n_pos = n_extra, n_kw = 0;
    bool star = false, dbl = false;
    uintmax_t bitmap = 0;
    for (size_t i = 0; i < n; i++) {
        parse_node_t *a = args[i];
        if (pn_is_rule(a, RULE_arglist_star)) {
            if (dbl) {
                compile_error(c, a, "* arg after **");
            }
            if (n_kw > 0) {
                compile_error(c, a, "* arg after kwarg");
            }
            if (i >= (size_t)c->tab->small_int_bits - 1) {
                compile_error(c, a, "too many args");
            }
            star = true;
            bitmap |= (uintmax_t)1 << i;
            compile_node(c, a->child[0]);
            n_pos++;
        } else if (pn_is_rule(a, RULE_arglist_dbl_star)) {
            dbl = true;
            emit_op(c->e, MP_BC_LOAD_NULL, 1);
            compile_node(c, a->child[0]);
            n_kw++;
        } else if (pn_is_rule(a, RULE_argument) && pn_is_rule(a->child[1], RULE_argument_3)) {
            compile_namedexpr(c, a->child[0], a->child[1]->child[0]);
            n_pos++;
        } else if (pn_is_rule(a, RULE_argument) && pn_is_rule(a->child[1], RULE_comp_for)) {
            compile_comprehension(c, a, SCOPE_GEN_EXPR);
            n_pos++;
        } else if (pn_is_rule(a, RULE_argument)) {
            if (!pn_is_id(a->child[0])) {
                compile_error(c, a, "LHS of keyword arg must be an id");
            }
            emit_op_qidx(c->e, MP_BC_LOAD_CONST_STRING, 1, compile_qidx(c, a->child[0]->u.id));
            compile_node(c, a->child[1]);
            n_kw++;
        } else {
            if (dbl) {
                compile_error(c, a, "positional arg after **");
            }
            if (n_kw > 0) {
                compile_error(c, a, "positional arg after keyword arg");
            }
            compile_node(c, a);
            n_pos++;
        }
    }
    int delta = -(int)(n_pos + 2 * n_kw) - (is_method ? 1 : 0);
    uint8_t op = is_method ? MP_BC_CALL_METHOD : MP_BC_CALL_FUNCTION;
    if (star || dbl) {
        emit_small_int(c->e, (intmax_t)bitmap);
        op++;
        delta--;
    }
    emit_op_uint(c->e, op, delta, n_pos | (n_kw << 8));
}

static bool super_call(compiler_t *c, parse_node_t *atom, parse_node_t **tr, size_t n, size_t *used) {
    if (c->cur->kind != SCOPE_FUNCTION || !pn_is_id(atom) || atom->u.id != MP_QSTR_super
        || !pn_is_rule(tr[0], RULE_trailer_paren) || tr[0]->child[0] != NULL) {
        return false;
    }
    compile_load_id(c, MP_QSTR___class__);
    id_info_t *self = NULL;
    for (size_t i = 0; i < c->cur->n_ids; i++) {
        if (c->cur->ids[i].flags & ID_FLAG_PARAM) {
            self = &c->cur->ids[i];
            break;
        }
    }
    if (self == NULL) {
        compile_error(c, tr[0], "super() can't find self");
    }
    compile_load_id(c, self->name);
    if (n >= 3 && pn_is_rule(tr[1], RULE_trailer_period) && pn_is_rule(tr[2], RULE_trailer_paren)) {
        emit_op_qidx(c->e, MP_BC_LOAD_SUPER_METHOD, -1, compile_qidx(c, tr[1]->child[0]->u.id));
        compile_call_args(c, tr[2]->child[0], 0, true);
        *used = 3;
    } else {
        emit_op_uint(c->e, MP_BC_CALL_FUNCTION, -2, 2);
        *used = 1;
    }
    return true;
}

void compile_trailers(compiler_t *c, parse_node_t *atom, parse_node_t **tr, size_t n) {
    size_t i = 0;
    super_call(c, atom, tr, n, &i);
    for (; i < n; i++) {
        if (i + 1 < n && pn_is_rule(tr[i], RULE_trailer_period) && pn_is_rule(tr[i + 1], RULE_trailer_paren)) {
            emit_op_qidx(c->e, MP_BC_LOAD_METHOD, 1, compile_qidx(c, tr[i]->child[0]->u.id));
            compile_call_args(c, tr[i + 1]->child[0], 0, true);
            i++;
        } else {
            compile_node(c, tr[i]);
        }
    }
}

static void compile_atom_expr(compiler_t *c, parse_node_t *pn) {
    compile_node(c, pn->child[0]);
    if (pn->n < 2 || pn->child[1] == NULL) {
        return;
    }
    parse_node_t **tr, *one;
    size_t n = parse_list(pn->child[1], RULE_atom_expr_trailers, &tr, &one);
    compile_trailers(c, pn->child[0], tr, n);
}

void compile_yield(compiler_t *c, parse_node_t *pn) {
    if (c->cur->kind != SCOPE_FUNCTION && c->cur->kind != SCOPE_LAMBDA) {
        compile_error(c, pn, "'yield' outside function");
    }
    c->cur->flags |= MP_SCOPE_FLAG_GENERATOR;
    parse_node_t *a = pn->child[0];
    if (a == NULL) {
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
        emit_op(c->e, MP_BC_YIELD_VALUE, 0);
    } else if (pn_is_rule(a, RULE_yield_arg_from)) {
        compile_node(c, a->child[0]);
        emit_op(c->e, MP_BC_GET_ITER, 0);
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
        emit_op(c->e, MP_BC_YIELD_FROM, -1);
    } else {
        compile_node(c, a);
        emit_op(c->e, MP_BC_YIELD_VALUE, 0);
    }
}

static void compile_await(compiler_t *c, parse_node_t *pn) {
    if (c->cur->kind != SCOPE_FUNCTION && c->cur->kind != SCOPE_LAMBDA) {
        compile_error(c, pn, "'await' outside function");
    }
    compile_atom_expr(c, pn);
    c->cur->flags |= MP_SCOPE_FLAG_GENERATOR;
    emit_op(c->e, MP_BC_GET_ITER, 0);
    emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    emit_op(c->e, MP_BC_YIELD_FROM, -1);
}

// ---- displays (compiler.md 8.13, 8.17) ----

void compile_tuple(compiler_t *c, parse_node_t *pn) {
    for (size_t i = 0; i < pn->n; i++) {
        compile_node(c, pn->child[i]);
    }
    emit_op_uint(c->e, MP_BC_BUILD_TUPLE, 1 - (int)pn->n, pn->n);
}

static bool has_comp_for(const parse_node_t *pn) {
    return pn->n == 2 && pn_is_rule(pn->child[1], RULE_comp_for);
}

static void compile_atom_paren(compiler_t *c, parse_node_t *pn) {
    parse_node_t *in = pn->child[0];
    if (in == NULL) {
        emit_op_uint(c->e, MP_BC_BUILD_TUPLE, 1, 0);
    } else if (pn_is_rule(in, RULE_testlist_comp)) {
        if (has_comp_for(in)) {
            compile_comprehension(c, in, SCOPE_GEN_EXPR);
        } else {
            compile_tuple(c, in);
        }
    } else {
        compile_node(c, in);
    }
}

static void compile_atom_bracket(compiler_t *c, parse_node_t *pn) {
    parse_node_t *in = pn->child[0];
    if (in == NULL) {
        emit_op_uint(c->e, MP_BC_BUILD_LIST, 1, 0);
    } else if (pn_is_rule(in, RULE_testlist_comp)) {
        if (has_comp_for(in)) {
            compile_comprehension(c, in, SCOPE_LIST_COMP);
        } else {
            compile_elements(c, in->child, in->n);
            emit_op_uint(c->e, MP_BC_BUILD_LIST, 1 - (int)in->n, in->n);
        }
    } else {
        compile_node(c, in);
        emit_op_uint(c->e, MP_BC_BUILD_LIST, 0, 1);
    }
}

static void compile_dict_or_set(compiler_t *c, parse_node_t *pn) {
    parse_node_t *first = pn->child[0], *tail = pn->child[1];
    if (pn_is_rule(tail, RULE_comp_for)) {
        compile_comprehension(c, pn, pn_is_rule(first, RULE_dictorsetmaker_item) ? SCOPE_DICT_COMP
                                                                                 : SCOPE_SET_COMP);
        return;
    }
    parse_node_t **items, *one;
    size_t n = parse_list(tail != NULL && tail->n > 0 ? tail->child[0] : NULL,
                          RULE_dictorsetmaker_list2, &items, &one);
    bool is_dict = pn_is_rule(first, RULE_dictorsetmaker_item);
    if (is_dict) {
        emit_op_uint(c->e, MP_BC_BUILD_MAP, 1, 1 + n);
        compile_node(c, first);
        emit_op(c->e, MP_BC_STORE_MAP, -2);
    } else {
        compile_node(c, first);
    }
    for (size_t i = 0; i < n; i++) {
        bool kv = pn_is_rule(items[i], RULE_dictorsetmaker_item);
        compile_node(c, items[i]);
        if (is_dict) {
            if (!kv) {
                compile_error(c, pn, "expecting key:value for dict");
            }
            emit_op(c->e, MP_BC_STORE_MAP, -2);
        } else if (kv) {
            compile_error(c, pn, "expecting just a value for set");
        }
    }
    if (!is_dict) {
        emit_op_uint(c->e, MP_BC_BUILD_SET, -(int)n, 1 + n);
    }
}

static void compile_atom_brace(compiler_t *c, parse_node_t *pn) {
    parse_node_t *in = pn->child[0];
    if (in == NULL) {
        emit_op_uint(c->e, MP_BC_BUILD_MAP, 1, 0);
    } else if (pn_is_rule(in, RULE_dictorsetmaker_item)) {
        emit_op_uint(c->e, MP_BC_BUILD_MAP, 1, 1);
        compile_node(c, in);
        emit_op(c->e, MP_BC_STORE_MAP, -2);
    } else if (pn_is_rule(in, RULE_dictorsetmaker)) {
        compile_dict_or_set(c, in);
    } else {
        compile_node(c, in);
        emit_op_uint(c->e, MP_BC_BUILD_SET, 0, 1);
    }
}

static void slice_build(compiler_t *c, size_t n) {
    emit_op_uint(c->e, MP_BC_BUILD_SLICE, 1 - (int)n, n);
}

static void compile_subscript(compiler_t *c, parse_node_t *pn) {
    if (pn_rule(pn) == RULE_subscript_2) {
        compile_node(c, pn->child[0]);
        pn = pn->child[1];
    } else {
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    }
    parse_node_t *rest = pn->child[0];  // pn is subscript_3
    if (rest == NULL) {
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
        slice_build(c, 2);
    } else if (pn_is_rule(rest, RULE_subscript_3c)) {
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
        if (rest->child[0] == NULL) {
            slice_build(c, 2);
        } else {
            compile_node(c, rest->child[0]);
            slice_build(c, 3);
        }
    } else if (pn_is_rule(rest, RULE_subscript_3d)) {
        compile_node(c, rest->child[0]);
        parse_node_t *sliceop = rest->child[1];
        if (sliceop->child[0] == NULL) {
            slice_build(c, 2);
        } else {
            compile_node(c, sliceop->child[0]);
            slice_build(c, 3);
        }
    } else {
        compile_node(c, rest);
        slice_build(c, 2);
    }
}

// ---- comprehensions (compiler.md 8.14) ----

static const char *const comp_names[] = {
    [SCOPE_LIST_COMP] = "<listcomp>", [SCOPE_DICT_COMP] = "<dictcomp>",
    [SCOPE_SET_COMP] = "<setcomp>", [SCOPE_GEN_EXPR] = "<genexpr>",
};

void compile_comprehension(compiler_t *c, parse_node_t *pn, scope_kind_t kind) {
    parse_node_t *comp_for = pn->child[1];
    if (c->pass == EMIT_PASS_SCOPE) {
        comp_for->aux = compile_new_scope(c, kind, pn, compile_intern(c, comp_names[kind]));
    }
    compile_make_closure(c, comp_for->aux, 0, 0);
    compile_node(c, comp_for->child[1]);
    if (kind == SCOPE_GEN_EXPR) {
        emit_op(c->e, MP_BC_GET_ITER, 0);
    }
    emit_op_uint(c->e, MP_BC_CALL_FUNCTION, -1, 1);
}

static void comp_loop(compiler_t *c, parse_node_t *comp_for, parse_node_t *elt, size_t depth) {
    size_t l_top = compile_label(c), l_end = compile_label(c);
    emit_label(c->e, l_top);
    emit_jump(c->e, MP_BC_FOR_ITER, 1, l_end);
    compile_assign(c, comp_for->child[0], false);
    parse_node_t *it = comp_for->n > 2 ? comp_for->child[2] : NULL;
    while (pn_is_rule(it, RULE_comp_if)) {
        compile_cond(c, it->child[0], false, l_top);
        it = it->n > 1 ? it->child[1] : NULL;
    }
    if (it != NULL) {
        compile_node(c, it->child[1]);
        emit_op(c->e, MP_BC_GET_ITER_STACK, 3);
        comp_loop(c, it, elt, depth + 1);
    } else {
        compile_node(c, elt);
        size_t idx = 4 * depth + 5;
        switch (c->cur->kind) {
        case SCOPE_GEN_EXPR:
            c->cur->flags |= MP_SCOPE_FLAG_GENERATOR;
            emit_op(c->e, MP_BC_YIELD_VALUE, 0);
            emit_op(c->e, MP_BC_POP_TOP, -1);
            break;
        case SCOPE_LIST_COMP:
            emit_op_uint(c->e, MP_BC_STORE_COMP, -1, idx << 2);
            break;
        case SCOPE_DICT_COMP:
            emit_op_uint(c->e, MP_BC_STORE_COMP, -2, (idx + 1) << 2 | 1);
            break;
        default:
            emit_op_uint(c->e, MP_BC_STORE_COMP, -1, idx << 2 | 2);
            break;
        }
    }
    emit_jump(c->e, MP_BC_JUMP, 0, l_top);
    emit_label(c->e, l_end);
    emit_adjust(c->e, -4);
}

void compile_comp_scope_body(compiler_t *c, scope_t *s) {
    parse_node_t *pn = s->pn;
    if (c->pass == EMIT_PASS_SCOPE) {
        scope_find_or_add(s, MP_QSTR_empty, ID_LOCAL, NULL, c->oom);
        s->n_pos_args = 1;
    }
    emit_line(c->e, pn->line);
    if (s->kind == SCOPE_LIST_COMP) {
        emit_op_uint(c->e, MP_BC_BUILD_LIST, 1, 0);
    } else if (s->kind == SCOPE_DICT_COMP) {
        emit_op_uint(c->e, MP_BC_BUILD_MAP, 1, 0);
    } else if (s->kind == SCOPE_SET_COMP) {
        emit_op_uint(c->e, MP_BC_BUILD_SET, 1, 0);
    }
    if (s->kind == SCOPE_GEN_EXPR) {
        emit_op(c->e, MP_BC_LOAD_NULL, 1);
        compile_load_id(c, MP_QSTR_empty);
        emit_op(c->e, MP_BC_LOAD_NULL, 1);
        emit_op(c->e, MP_BC_LOAD_NULL, 1);
    } else {
        compile_load_id(c, MP_QSTR_empty);
        emit_op(c->e, MP_BC_GET_ITER_STACK, 3);
    }
    comp_loop(c, pn->child[1], pn->child[0], 0);
    if (s->kind == SCOPE_GEN_EXPR) {
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    }
    emit_op(c->e, MP_BC_RETURN_VALUE, -1);
}

void compile_lambda(compiler_t *c, parse_node_t *pn) {
    compile_function_scope(c, pn, SCOPE_LAMBDA, compile_intern(c, "<lambda>"), pn->child[0],
                           RULE_varargslist);
}

// ---- dispatch ----

void compile_expr_rule(compiler_t *c, parse_node_t *pn) {
    switch (pn_rule(pn)) {
    case RULE_testlist_star_expr:
    case RULE_testlist:
    case RULE_subscriptlist:
    case RULE_exprlist:
    case RULE_testlist_comp:
        compile_tuple(c, pn);
        break;
    case RULE_star_expr:
        compile_error(c, pn, "*x must be assignment target");
        break;
    case RULE_namedexpr_test:
        compile_namedexpr(c, pn->child[0], pn->child[1]);
        break;
    case RULE_test_if_expr:
        compile_if_expr(c, pn);
        break;
    case RULE_lambdef:
    case RULE_lambdef_nocond:
        compile_lambda(c, pn);
        break;
    case RULE_or_test:
    case RULE_and_test:
        compile_or_and(c, pn);
        break;
    case RULE_not_test_2:
        compile_node(c, pn->child[0]);
        emit_op(c->e, MP_BC_UNARY_OP_MULTI + MP_UNARY_OP_NOT, 0);
        break;
    case RULE_comparison:
        compile_comparison(c, pn);
        break;
    case RULE_expr:
    case RULE_xor_expr:
    case RULE_and_expr:
        compile_binary_chain(c, pn);
        break;
    case RULE_shift_expr:
    case RULE_arith_expr:
    case RULE_term:
        compile_term(c, pn);
        break;
    case RULE_factor_2:
        compile_factor(c, pn);
        break;
    case RULE_power:
        compile_elements(c, pn->child, pn->n);
        binary(c, MP_BINARY_OP_POWER);
        break;
    case RULE_atom_expr_normal:
        compile_atom_expr(c, pn);
        break;
    case RULE_atom_expr_await:
        compile_await(c, pn);
        break;
    case RULE_atom_paren:
        compile_atom_paren(c, pn);
        break;
    case RULE_atom_bracket:
        compile_atom_bracket(c, pn);
        break;
    case RULE_atom_brace:
        compile_atom_brace(c, pn);
        break;
    case RULE_trailer_paren:
        compile_call_args(c, pn->child[0], 0, false);
        break;
    case RULE_trailer_bracket:
        compile_node(c, pn->child[0]);
        emit_op(c->e, MP_BC_LOAD_SUBSCR, -1);
        break;
    case RULE_trailer_period:
        emit_op_qidx(c->e, MP_BC_LOAD_ATTR, 0, compile_qidx(c, pn->child[0]->u.id));
        break;
    case RULE_subscript_2:
    case RULE_subscript_3:
        compile_subscript(c, pn);
        break;
    case RULE_dictorsetmaker_item:
        compile_node(c, pn->child[1]);
        compile_node(c, pn->child[0]);
        break;
    case RULE_yield_expr:
        compile_yield(c, pn);
        break;
    default:
        compile_error(c, pn, "invalid syntax");
        break;
    }
}
