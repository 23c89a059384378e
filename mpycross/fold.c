// SPDX-License-Identifier: MIT
// fold.c: the parse-time transformations of compiler.md §4 on the parser's result stack.
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mpycross/foldnum.h"
#include "mpycross/parsestate.h"
#include "runtime/opcodes.h"

/*
 * Each function here is called by push_result_rule when a rule is reduced,
 * with the rule's n children on top of the result stack; it either replaces
 * them (returns true) or leaves them for the rule's node. Folded values get
 * line 0: they never make a line mark (compiler.md §11.2).
 */

// ---- constants -----------------------------------------------------------------------

bool fold_is_const(const parse_node_t *pn) {
    if (pn == NULL) {
        return false;
    }
    switch (pn->kind) {
        case PN_SMALL_INT:
        case PN_STRING:
        case PN_CONST:
            return true;
        case PN_TOKEN:
            return pn->u.tok == TOK_KW_NONE || pn->u.tok == TOK_KW_FALSE
                   || pn->u.tok == TOK_KW_TRUE || pn->u.tok == TOK_ELLIPSIS;
        case PN_RULE:
            return pn->rule == RULE_atom_paren && pn->child[0] == NULL;  // ()
        default:
            return false;
    }
}

parse_const_t *fold_to_const(parse_t *p, const parse_node_t *pn) {
    switch (pn->kind) {
        case PN_SMALL_INT:
            return parse_int_const(p, pn->u.small);
        case PN_STRING: {
            parse_const_t *c = parse_new_const(p, PC_STR);
            c->qstr_id = pn->u.id;
            c->text = intern_str(&p->strs, pn->u.id, &c->len);
            return c;
        }
        case PN_CONST:
            return pn->u.cst;
        case PN_TOKEN:
            return parse_new_const(p, pn->u.tok == TOK_KW_NONE ? PC_NONE
                                      : pn->u.tok == TOK_KW_FALSE ? PC_FALSE
                                      : pn->u.tok == TOK_KW_TRUE ? PC_TRUE : PC_ELLIPSIS);
        default:
            return parse_new_const(p, PC_TUPLE);  // ()
    }
}

static bool const_truth(const parse_const_t *c) {
    switch (c->kind) {
        case PC_NONE:
        case PC_FALSE:
            return false;
        case PC_INT:
            return !(c->len == 1 && c->text[0] == '0');
        case PC_FLOAT:
        case PC_COMPLEX:
            return c->f != 0 || isnan(c->f);
        case PC_STR:
        case PC_BYTES:
            return c->len != 0;
        case PC_TUPLE:
            return c->n != 0;
        default:
            return true;
    }
}

// 1 / 0 for a constant that is true / false, -1 for a non-constant.
static int truth(const parse_t *p, const parse_node_t *pn) {
    if (!fold_is_const(pn)) {
        return -1;
    }
    switch (pn->kind) {
        case PN_SMALL_INT:
            return pn->u.small != 0;
        case PN_STRING: {
            size_t len = 0;
            intern_str(&p->strs, pn->u.id, &len);
            return len != 0;
        }
        case PN_TOKEN:
            return pn->u.tok == TOK_KW_TRUE || pn->u.tok == TOK_ELLIPSIS;
        case PN_CONST:
            return const_truth(pn->u.cst);
        default:
            return 0;  // ()
    }
}

parse_node_t *fold_const_use(parse_t *p, const parse_node_t *value) {
    if (value->kind == PN_SMALL_INT) {
        parse_node_t *pn = parse_new_leaf(p, PN_SMALL_INT, 0, 0);
        pn->u.small = value->u.small;
        return pn;
    }
    return parse_new_const_node(p, value->u.cst, 0, 0);
}

// ---- integer literals ----------------------------------------------------------------

static int digit_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'z' ? c - 'a' + 10 : 99;
}

// Decimal text of the digits s[0..len) in base b (all valid), by schoolbook
// base-10^9 arithmetic; into the arena.
static const char *digits_to_decimal(parse_t *p, const char *s, size_t len, int base,
                                     size_t *out_len) {
    size_t cap = len / 2 + 2, n = 0;  // 10^9 > 16^7: len/2 limbs are plenty
    char *text = parse_alloc(p, cap * 9 + 1);  // first: it may raise
    uint32_t *limb = calloc(cap, sizeof(uint32_t));
    if (limb == NULL) {
        parse_nomem(p);
    }
    for (size_t i = 0; i < len; i++) {
        uint64_t carry = (uint64_t)digit_value(s[i]);
        for (size_t k = 0; k < n; k++) {
            uint64_t v = (uint64_t)limb[k] * (uint64_t)base + carry;
            limb[k] = (uint32_t)(v % 1000000000u);
            carry = v / 1000000000u;
        }
        if (carry != 0) {
            limb[n++] = (uint32_t)carry;
        }
    }
    size_t t = 0;
    if (n == 0) {
        text[t++] = '0';
    } else {
        t = (size_t)sprintf(text, "%u", (unsigned)limb[n - 1]);
        for (size_t k = n - 1; k > 0; k--) {
            t += (size_t)sprintf(text + t, "%09u", (unsigned)limb[k - 1]);
        }
    }
    free(limb);
    *out_len = t;
    return text;
}

parse_node_t *fold_parse_int_token(parse_t *p, const char *s, size_t len, int line, int col) {
    int base = 10, shown = 10;
    size_t skip = 0;
    if (len >= 2 && s[0] == '0') {
        char b = (char)(s[1] | 0x20);
        base = b == 'x' ? 16 : b == 'o' ? 8 : b == 'b' ? 2 : 0;
        shown = base;
        skip = base ? 2 : 0;
    }
    const char *d = s + skip;
    size_t n = len - skip;
    bool ok = n > 0;
    for (size_t i = 0; i < n && ok; i++) {
        // a leading zero ("base 0") allows only zeros
        ok = base == 0 ? d[i] == '0' : digit_value(d[i]) < base;
    }
    if (!ok) {
        char msg[200];
        snprintf(msg, sizeof(msg), "invalid syntax for integer with base %d: '%.*s'", shown,
                 (int)(n > 150 ? 150 : n), d);
        parse_error(p, "SyntaxError", line, col, msg);
    }
    if (base == 0) {
        return parse_new_int(p, 0, line, col);
    }
    uint64_t v = 0;
    bool fits = true;
    for (size_t i = 0; i < n && fits; i++) {
        fits = !__builtin_mul_overflow(v, (uint64_t)base, &v)
               && !__builtin_add_overflow(v, (uint64_t)digit_value(d[i]), &v) && v <= INT64_MAX;
    }
    if (fits) {
        return parse_new_int(p, (int64_t)v, line, col);
    }
    parse_const_t *c = parse_new_const(p, PC_INT);
    c->text = digits_to_decimal(p, d, n, base, &c->len);
    return parse_new_const_node(p, c, line, col);
}

// ---- logical folding (§4.2) ----------------------------------------------------------

bool fold_logical(parse_t *p, int rule, size_t *n) {
    if (rule == RULE_or_test || rule == RULE_and_test) {
        // Scan left to right, keeping operands compactly in place: drop the
        // neutral constants, stop after a deciding one; the last always stays.
        bool is_or = rule == RULE_or_test;
        size_t copy_to = *n;
        for (size_t i = copy_to; i > 0;) {
            parse_node_t *pn = parse_peek_result(p, --i);
            p->res[p->nres - copy_to] = pn;
            if (i == 0) {
                break;
            }
            int t = truth(p, pn);
            if (t == (is_or ? 1 : 0)) {
                break;
            } else if (t < 0) {
                copy_to -= 1;
            }
        }
        copy_to -= 1;
        p->nres -= copy_to;
        *n -= copy_to;
        return *n == 1;
    }
    if (rule == RULE_not_test_2) {
        int t = truth(p, parse_peek_result(p, 0));
        if (t < 0) {
            return false;
        }
        parse_pop_result(p);
        parse_node_t *pn = parse_new_leaf(p, PN_TOKEN, 0, 0);
        pn->u.tok = t ? TOK_KW_FALSE : TOK_KW_TRUE;
        parse_push_result(p, pn);
        return true;
    }
    return false;
}

// ---- numeric folding (§4.1) ----------------------------------------------------------

// The number of a numeric constant node; false for anything else.
static bool node_num(const parse_node_t *pn, foldnum_t *out) {
    if (pn == NULL) {
        return false;
    }
    if (pn->kind == PN_SMALL_INT) {
        foldnum_int(out, pn->u.small);
        return true;
    }
    if (pn->kind != PN_CONST) {
        return false;
    }
    const parse_const_t *c = pn->u.cst;
    if (c->kind == PC_FLOAT) {
        foldnum_float(out, c->f);
        return true;
    }
    if (c->kind != PC_INT) {
        return false;
    }
    // most "big" ints of the tree still fit an int64 (beyond the small-int range)
    char *end;
    errno = 0;
    long long v = strtoll(c->text, &end, 10);
    if (errno == 0 && end == c->text + c->len) {
        foldnum_int(out, v);
        return true;
    }
    return foldnum_from_dec(out, c->text, c->len);
}

// Replace the top n results by the folded value r (consumed).
static void replace_by_num(parse_t *p, size_t n, foldnum_t *r) {
    int64_t v;
    parse_node_t *pn;
    if (r->is_float) {
        parse_const_t *c = parse_new_const(p, PC_FLOAT);
        c->f = r->f;
        pn = parse_new_const_node(p, c, 0, 0);
    } else if (foldnum_get_int64(r, &v)) {
        pn = parse_new_int(p, v, 0, 0);
    } else {
        size_t len;
        char *text = foldnum_big_text(r, &len);
        foldnum_clear(r);
        if (text == NULL) {
            parse_nomem(p);
        }
        parse_const_t *c = parse_new_const(p, PC_INT);
        c->text = arena_strdup(&p->arena, text, len);
        free(text);
        if (c->text == NULL) {
            parse_nomem(p);
        }
        c->len = len;
        pn = parse_new_const_node(p, c, 0, 0);
    }
    foldnum_clear(r);
    p->nres -= n;
    parse_push_result(p, pn);
}

static int token_binary_op(int tok) {
    return lexer_binary_op(tok);
}

// Fold a chain of operands (step 1) or operand-operator pairs (step 2) with
// the operator of the rule (op >= 0) or of the tokens between them (op < 0).
static bool fold_chain(parse_t *p, size_t n, int op, size_t step) {
    foldnum_t acc, rhs;
    if (!node_num(parse_peek_result(p, n - 1), &acc)) {
        return false;
    }
    for (size_t k = n - 1; k >= step; k -= step) {
        // operand at depth k - step; its operator (if step 2) at depth k - 1
        int o = op;
        if (step == 2) {
            const parse_node_t *t = parse_peek_result(p, k - 1);
            o = token_binary_op(t->u.tok);
        }
        if (!node_num(parse_peek_result(p, k - step), &rhs)) {
            foldnum_clear(&acc);
            return false;
        }
        foldnum_t res;
        bool ok = foldnum_binary(o, &acc, &rhs, &res);
        foldnum_clear(&rhs);
        foldnum_clear(&acc);
        if (!ok) {
            return false;
        }
        acc = res;
        if (k < 2 * step) {
            break;
        }
    }
    replace_by_num(p, n, &acc);
    return true;
}

static bool fold_factor(parse_t *p) {
    foldnum_t a, r;
    if (!node_num(parse_peek_result(p, 0), &a)) {
        return false;
    }
    int tok = parse_peek_result(p, 1)->u.tok;
    int op = tok == TOK_OP_TILDE ? MP_UNARY_OP_INVERT
             : tok == TOK_OP_MINUS ? MP_UNARY_OP_NEGATIVE : MP_UNARY_OP_POSITIVE;
    bool ok = foldnum_unary(op, &a, &r);
    foldnum_clear(&a);
    if (!ok) {
        return false;
    }
    replace_by_num(p, 2, &r);
    return true;
}

bool fold_numeric(parse_t *p, int rule, size_t n) {
    switch (rule) {
        case RULE_expr:
            return fold_chain(p, n, MP_BINARY_OP_OR, 1);
        case RULE_xor_expr:
            return fold_chain(p, n, MP_BINARY_OP_XOR, 1);
        case RULE_and_expr:
            return fold_chain(p, n, MP_BINARY_OP_AND, 1);
        case RULE_power:
            return fold_chain(p, n, MP_BINARY_OP_POWER, 1);
        case RULE_shift_expr:
        case RULE_arith_expr:
        case RULE_term:
            return fold_chain(p, n, -1, 2);
        case RULE_factor_2:
            return fold_factor(p);
        case RULE_expr_stmt:
            return fold_const_def(p, n);
        case RULE_atom_expr_normal:
            return fold_module_const(p, n);
        default:
            return false;
    }
}

// ---- const() (§4.5) and math constants (§4.3) ----------------------------------------

static bool id_is(const parse_t *p, const parse_node_t *pn, const char *s) {
    if (pn == NULL || pn->kind != PN_ID) {
        return false;
    }
    size_t len;
    const char *t = intern_str(&p->strs, pn->u.id, &len);
    return t != NULL && len == strlen(s) && memcmp(t, s, len) == 0;
}

static void set_const(parse_t *p, uint32_t id, parse_node_t *value) {
    if (id >= p->nconsts) {
        size_t n = p->nconsts ? p->nconsts : 256;
        while (n <= id) {
            n *= 2;
        }
        parse_node_t **v = realloc(p->consts, n * sizeof(parse_node_t *));
        if (v == NULL) {
            parse_nomem(p);
        }
        memset(v + p->nconsts, 0, (n - p->nconsts) * sizeof(parse_node_t *));
        p->consts = v;
        p->nconsts = n;
    }
    p->consts[id] = value;
}

bool fold_const_def(parse_t *p, size_t n) {
    (void)n;
    parse_node_t *target = parse_peek_result(p, 1), *rhs = parse_peek_result(p, 0);
    parse_node_t *call = rhs;
    bool ann = pn_is_rule(rhs, RULE_annassign);
    if (ann) {
        call = rhs->child[1];
    }
    if (!pn_is_id(target) || !pn_is_rule(call, RULE_atom_expr_normal)
        || !id_is(p, call->child[0], "const") || !pn_is_rule(call->child[1], RULE_trailer_paren)) {
        return false;
    }
    parse_node_t *value = call->child[1]->child[0];
    if (!fold_is_const(value)) {
        parse_error(p, "SyntaxError", call->line, call->col, "not a constant");
    }
    parse_node_t *stored = value;
    if (value->kind != PN_SMALL_INT) {
        stored = parse_new_const_node(p, fold_to_const(p, value), 0, 0);
    }
    set_const(p, target->u.id, stored);
    size_t len;
    const char *name = intern_str(&p->strs, target->u.id, &len);
    if (len > 0 && name[0] == '_') {
        // a private constant leaves no trace: pass with no line
        p->nres -= 2;
        parse_push_result(p, parse_new_rule_node(p, RULE_pass_stmt, 0, 0, 0));
        return true;
    }
    // the statement becomes NAME = VALUE
    parse_pop_result(p);
    parse_push_result(p, value);
    return false;
}

bool fold_module_const(parse_t *p, size_t n) {
    (void)n;
    parse_node_t *base = parse_peek_result(p, 1), *tr = parse_peek_result(p, 0);
    if (!id_is(p, base, "math") || !pn_is_rule(tr, RULE_trailer_period)) {
        return false;
    }
    static const struct {
        const char *name;
        double value;
    } table[] = {
        {"e", 2.718281828459045}, {"pi", 3.141592653589793}, {"tau", 6.283185307179586},
        {"inf", INFINITY}, {"nan", NAN},
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (id_is(p, tr->child[0], table[i].name)) {
            parse_const_t *c;
            if (i == 4) {
                // one NaN object for every use, as the reference's module table has
                if (p->math_nan == NULL) {
                    p->math_nan = parse_new_const(p, PC_FLOAT);
                    p->math_nan->f = NAN;
                }
                c = p->math_nan;
            } else {
                c = parse_new_const(p, PC_FLOAT);
                c->f = table[i].value;
            }
            p->nres -= 2;
            parse_push_result(p, parse_new_const_node(p, c, 0, 0));
            return true;
        }
    }
    return false;
}

// ---- constant tuples (§4.6) ----------------------------------------------------------

static bool tuple_from_stack(parse_t *p, size_t n, int line, int col) {
    for (size_t i = 0; i < n; i++) {
        if (!fold_is_const(parse_peek_result(p, i))) {
            return false;
        }
    }
    parse_const_t *c = parse_new_const(p, PC_TUPLE);
    c->n = n;
    c->items = parse_alloc(p, (n ? n : 1) * sizeof(parse_const_t *));
    for (size_t i = n; i > 0; i--) {
        c->items[i - 1] = fold_to_const(p, parse_pop_result(p));
    }
    parse_push_result(p, parse_new_const_node(p, c, line, col));
    return true;
}

bool fold_build_tuple(parse_t *p, int rule, size_t n, int line, int col) {
    if (rule == RULE_testlist_comp) {
        return parse_peek_rule(p, 0) == RULE_atom_paren && tuple_from_stack(p, n, line, col);
    }
    if (rule == RULE_testlist_comp_3c) {
        // rule stack: ... atom_paren, testlist_comp, testlist_comp_3b
        if (parse_peek_rule(p, 2) == RULE_atom_paren && tuple_from_stack(p, n, line, col)) {
            parse_drop_rules(p, 2);
            return true;
        }
        return false;
    }
    if (rule == RULE_testlist_star_expr || rule == RULE_testlist || rule == RULE_subscriptlist) {
        return tuple_from_stack(p, n, line, col);
    }
    return false;
}
