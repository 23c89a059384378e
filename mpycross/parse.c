// SPDX-License-Identifier: MIT
// parse.c: MicroPython's table-driven parser: grammar.h's rules to the tree of parse.h.
#include "mpycross/parse.h"

#include <stdlib.h>
#include <string.h>

#include "mpycross/mpy.h"
#include "mpycross/parsestate.h"

/*
 * The parser is MicroPython's algorithm, written from its description: a rule
 * stack (rules being matched, with the index of the next arg) and a result
 * stack (finished nodes). An OR tries its alternatives in turn; an AND or LIST
 * may only backtrack before its first arg matched; anything else is a syntax
 * error at the current token. Reducing a rule pops its children from the
 * result stack and pushes one node (or passes a single child through), after
 * the transformations of compiler.md §4 (push_result_rule). Matching the
 * reference's order of token consumption is what makes the error lines, the
 * node lines and the string-interning order (§4.7) come out the same.
 */

enum { K_AND, K_AND_IDENT, K_AND_BLANK, K_OR, K_LIST, K_LIST_WITH_END, K_ONE_OR_MORE };

#define ARG_KIND_MASK 0xf000
#define ARG_VALUE_MASK 0x0fff
#define ARG_TOK 0x1000
#define ARG_RULE 0x2000
#define ARG_OPT 0x3000

#define T(t) (ARG_TOK | TOK_##t)
#define R(r) (ARG_RULE | RULE_##r)
#define O(r) (ARG_OPT | RULE_##r)
#define DEF_RULE(name, comp, kind, ...) static const uint16_t args_##name[] = {__VA_ARGS__};
#define DEF_RULE_NC(name, kind, ...) static const uint16_t args_##name[] = {__VA_ARGS__};
#include "mpycross/grammar.h"
#undef DEF_RULE
#undef DEF_RULE_NC
#undef T
#undef R
#undef O

typedef struct {
    const char *name;
    const uint16_t *args;
    uint8_t kind;
    uint8_t nargs;
} rule_info_t;

#define RULE_INFO(name, kind) {#name, args_##name, K_##kind, sizeof(args_##name) / sizeof(uint16_t)},
static const rule_info_t rule_info[RULE_NUM] = {
#define DEF_RULE(name, comp, kind, ...) RULE_INFO(name, kind)
#define DEF_RULE_NC(name, kind, ...)
#include "mpycross/grammar.h"
#undef DEF_RULE
#undef DEF_RULE_NC
    {"", NULL, 0, 0},  // RULE_NUM_COMPILED
#define DEF_RULE(name, comp, kind, ...)
#define DEF_RULE_NC(name, kind, ...) RULE_INFO(name, kind)
#include "mpycross/grammar.h"
#undef DEF_RULE
#undef DEF_RULE_NC
};

const char *parse_rule_name(int rule) {
    if (rule < 0 || rule >= RULE_NUM) {
        return "?";
    }
    return rule_info[rule].name;
}

// Built-in qstrs of mpy-cross longer than 10 bytes (compiler.md appendix B):
// a long str literal equal to one of them is a qstr.
static const char *const builtin_long_qstrs[] = {
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException",
    "GeneratorExit", "ImportError", "IndentationError", "Interpolation",
    "KeyboardInterrupt", "LookupError", "MemoryError", "NotImplementedError",
    "OverflowError", "RuntimeError", "StopAsyncIteration", "StopIteration",
    "SyntaxError", "UnicodeError", "ViperTypeError", "ZeroDivisionError",
    "__build_class__", "__complex__", "__contains__", "__delitem__",
    "__getattr__", "__getitem__", "__qualname__", "__repl_print__",
    "__reversed__", "__setitem__", "__template__", "__traceback__",
    "bound_method", "classmethod", "difference_update", "format_spec",
    "heap_unlock", "interpolations", "intersection", "intersection_update",
    "maximum recursion depth exceeded", "micropython", "staticmethod",
    "string.templatelib", "symmetric_difference", "symmetric_difference_update",
    "templatelib", "unpack_from", "vcvt_f32_s32", "vcvt_s32_f32",
};

// Strings at most this long are interned when parsed (MICROPY_ALLOC_PARSE_INTERN_STRING_LEN).
#define INTERN_STRING_LEN 10

// ---- memory --------------------------------------------------------------------------

_Noreturn void parse_nomem(parse_t *p) {
    diag_raise(&p->diag, "MemoryError", p->tok.line, p->tok.col, true, "memory allocation failed");
}

_Noreturn void parse_error(parse_t *p, const char *exc, int line, int col, const char *msg) {
    diag_raise(&p->diag, exc, line, col, true, "%s", msg);
}

void *parse_alloc(parse_t *p, size_t size) {
    void *m = arena_alloc(&p->arena, size);
    if (m == NULL && p->in_parse) {
        parse_nomem(p);
    }
    return m;
}

void parse_vstr_add(parse_t *p, vstr_t *v, const char *s, size_t n) {
    if (n == 0) {
        return;
    }
    if (v->cap - v->len < n) {
        size_t cap = v->cap ? v->cap : 64;
        while (cap - v->len < n) {
            cap *= 2;
        }
        char *b = realloc(v->buf, cap);
        if (b == NULL) {
            parse_nomem(p);
        }
        v->buf = b;
        v->cap = cap;
    }
    memcpy(v->buf + v->len, s, n);
    v->len += n;
}

void parse_vstr_byte(parse_t *p, vstr_t *v, char c) {
    parse_vstr_add(p, v, &c, 1);
}

uint32_t parse_intern_or_raise(parse_t *p, const char *s, size_t len) {
    uint32_t id = intern_add(&p->strs, s, len);
    if (id == 0) {
        parse_nomem(p);
    }
    return id;
}

// ---- nodes ---------------------------------------------------------------------------

parse_node_t *parse_new_leaf(parse_t *p, int kind, int line, int col) {
    parse_node_t *pn = parse_alloc(p, sizeof(parse_node_t));
    pn->kind = (uint8_t)kind;
    pn->line = line;
    pn->col = col;
    return pn;
}

parse_const_t *parse_new_const(parse_t *p, int kind) {
    parse_const_t *c = parse_alloc(p, sizeof(parse_const_t));
    c->kind = (uint8_t)kind;
    return c;
}

parse_node_t *parse_new_const_node(parse_t *p, parse_const_t *c, int line, int col) {
    parse_node_t *pn = parse_new_leaf(p, PN_CONST, line, col);
    pn->u.cst = c;
    return pn;
}

bool parse_fits_small(const parse_t *p, int64_t v) {
    int64_t lim = (int64_t)1 << (p->small_int_bits - 1);
    return v >= -lim && v < lim;
}

parse_const_t *parse_int_const(parse_t *p, int64_t v) {
    char buf[32];
    int n = snprintf(buf, sizeof(buf), "%lld", (long long)v);
    parse_const_t *c = parse_new_const(p, PC_INT);
    c->text = arena_strdup(&p->arena, buf, (size_t)n);
    if (c->text == NULL) {
        parse_nomem(p);
    }
    c->len = (size_t)n;
    return c;
}

parse_node_t *parse_new_int(parse_t *p, int64_t v, int line, int col) {
    if (parse_fits_small(p, v)) {
        parse_node_t *pn = parse_new_leaf(p, PN_SMALL_INT, line, col);
        pn->u.small = v;
        return pn;
    }
    return parse_new_const_node(p, parse_int_const(p, v), line, col);
}

static parse_node_t *new_rule_node(parse_t *p, int rule, size_t n, int line, int col) {
    parse_node_t *pn = parse_alloc(p, sizeof(parse_node_t) + n * sizeof(parse_node_t *));
    pn->kind = PN_RULE;
    pn->rule = (uint16_t)rule;
    pn->n = (uint32_t)n;
    pn->line = line;
    pn->col = col;
    return pn;
}

size_t parse_list(parse_node_t *pn, parse_rule_t r, parse_node_t ***items, parse_node_t **one) {
    if (pn == NULL) {
        *items = NULL;
        return 0;
    }
    if (pn->kind == PN_RULE && pn->rule == r) {
        *items = pn->child;
        return pn->n;
    }
    *one = pn;
    *items = one;
    return 1;
}

// ---- the two stacks ------------------------------------------------------------------

static void push_rule(parse_t *p, int rule, size_t arg_i, int line, int col) {
    if (p->nrules == p->caprules) {
        size_t cap = p->caprules ? p->caprules * 2 : 64;
        rule_frame_t *r = realloc(p->rules, cap * sizeof(rule_frame_t));
        if (r == NULL) {
            parse_nomem(p);
        }
        p->rules = r;
        p->caprules = cap;
    }
    p->rules[p->nrules++] = (rule_frame_t){(uint16_t)rule, (uint16_t)arg_i, line, col};
}

static void push_rule_from_arg(parse_t *p, uint16_t arg) {
    push_rule(p, arg & ARG_VALUE_MASK, 0, p->tok.line, p->tok.col);
}

static void push_result(parse_t *p, parse_node_t *pn) {
    if (p->nres == p->capres) {
        size_t cap = p->capres ? p->capres * 2 : 64;
        parse_node_t **r = realloc(p->res, cap * sizeof(parse_node_t *));
        if (r == NULL) {
            parse_nomem(p);
        }
        p->res = r;
        p->capres = cap;
    }
    p->res[p->nres++] = pn;
}

static parse_node_t *pop_result(parse_t *p) {
    return p->res[--p->nres];
}

static parse_node_t *peek_result(const parse_t *p, size_t pos) {
    return p->res[p->nres - 1 - pos];
}

// ---- leaves from tokens --------------------------------------------------------------

static bool is_builtin_long_qstr(const char *s, size_t len) {
    for (size_t i = 0; i < sizeof(builtin_long_qstrs) / sizeof(builtin_long_qstrs[0]); i++) {
        if (strlen(builtin_long_qstrs[i]) == len && memcmp(builtin_long_qstrs[i], s, len) == 0) {
            return true;
        }
    }
    return false;
}

// A str literal: a qstr leaf or a str constant (compiler.md §4.7).
static parse_node_t *string_leaf(parse_t *p, const token_t *t) {
    uint32_t id = 0;
    if (t->len <= INTERN_STRING_LEN) {
        id = parse_intern_or_raise(p, t->text, t->len);
    } else {
        id = intern_find(&p->strs, t->text, t->len);
        if (id == 0 && is_builtin_long_qstr(t->text, t->len)) {
            id = parse_intern_or_raise(p, t->text, t->len);
        }
    }
    if (id != 0) {
        parse_node_t *pn = parse_new_leaf(p, PN_STRING, t->line, t->col);
        pn->u.id = id;
        return pn;
    }
    parse_const_t *c = parse_new_const(p, PC_STR);
    c->text = arena_strdup(&p->arena, t->text, t->len);
    if (c->text == NULL) {
        parse_nomem(p);
    }
    c->len = t->len;
    return parse_new_const_node(p, c, t->line, t->col);
}

static parse_node_t *bytes_leaf(parse_t *p, const token_t *t) {
    parse_const_t *c = parse_new_const(p, PC_BYTES);
    c->text = arena_strdup(&p->arena, t->text, t->len);
    if (c->text == NULL) {
        parse_nomem(p);
    }
    c->len = t->len;
    return parse_new_const_node(p, c, t->line, t->col);
}

// Float or imaginary token: digits [. digits] [e [+-] digits] [j], read the way
// the reference's decimal routine does (it stops at the first character it
// does not take), then the rest must be empty (compiler.md appendix A.2).
static parse_node_t *float_leaf(parse_t *p, const token_t *t) {
    const char *s = t->text;
    size_t len = t->len, i = 0;
    bool frac = false, exp = false, ok = true;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            continue;
        } else if (c == '.' && !frac && !exp) {
            frac = true;
        } else if (c == 'e' && !exp) {
            exp = true;
            if (i + 1 < len && (s[i + 1] == '+' || s[i + 1] == '-')) {
                i++;
            }
            if (i + 1 >= len) {
                ok = false;
            }
        } else {
            break;
        }
    }
    size_t end = i;
    bool imag = i < len && (s[i] == 'j' || s[i] == 'J');
    if (imag) {
        i++;
    }
    double d = 0;
    if (!ok || i != len || !mpy_float_parse(s, end, &d)) {
        parse_error(p, "SyntaxError", t->line, t->col, "invalid syntax for number");
    }
    parse_const_t *c = parse_new_const(p, imag ? PC_COMPLEX : PC_FLOAT);
    c->f = d;
    return parse_new_const_node(p, c, t->line, t->col);
}

// The leaf for the current token, as matched by rule (a NAME matched as an
// atom may be a const() name).
static void push_result_token(parse_t *p, int rule) {
    const token_t *t = &p->tok;
    parse_node_t *pn;
    switch (t->kind) {
        case TOK_NAME: {
            uint32_t id = parse_intern_or_raise(p, t->text, t->len);
            if (rule == RULE_atom && id < p->nconsts && p->consts[id] != NULL) {
                pn = fold_const_use(p, p->consts[id]);
            } else {
                pn = parse_new_leaf(p, PN_ID, t->line, t->col);
                pn->u.id = id;
            }
            break;
        }
        case TOK_INTEGER:
            pn = fold_parse_int_token(p, t->text, t->len, t->line, t->col);
            break;
        case TOK_FLOAT_OR_IMAG:
            pn = float_leaf(p, t);
            break;
        case TOK_STRING:
            pn = string_leaf(p, t);
            break;
        case TOK_BYTES:
            pn = bytes_leaf(p, t);
            break;
        default:
            pn = parse_new_leaf(p, PN_TOKEN, t->line, t->col);
            pn->u.tok = t->kind;
            break;
    }
    push_result(p, pn);
}

// ---- reducing a rule -----------------------------------------------------------------

static int peek_rule(const parse_t *p, size_t n) {
    return n < p->nrules ? p->rules[p->nrules - 1 - n].rule : -1;
}

// Parenthesis removal and the testlist_comp reshaping; true if the rule's
// result is already in place.
static bool reshape(parse_t *p, int rule, size_t *n) {
    if (rule == RULE_atom_paren) {
        // (x) is x; () and (a, ...) keep their node
        parse_node_t *pn = peek_result(p, 0);
        return pn != NULL && !pn_is_rule(pn, RULE_testlist_comp);
    }
    if (rule == RULE_testlist_comp) {
        parse_node_t *pn = peek_result(p, 0);
        if (pn_is_rule(pn, RULE_testlist_comp_3b)) {
            // one item and a trailing comma
            pop_result(p);
            *n -= 1;
        } else if (pn_is_rule(pn, RULE_testlist_comp_3c)) {
            // the 3c node already holds every item (see below): it becomes the result
            pop_result(p);
            pn->rule = RULE_testlist_comp;
            return true;
        }
    } else if (rule == RULE_testlist_comp_3c) {
        *n += 1;  // take the first item, pushed before by testlist_comp
    }
    return false;
}

static void push_result_rule(parse_t *p, int line, int col, int rule, size_t n) {
    if (reshape(p, rule, &n)) {
        return;
    }
    if (fold_logical(p, rule, &n) || fold_numeric(p, rule, n)) {
        return;
    }
    if (fold_build_tuple(p, rule, n, line, col)) {
        return;
    }
    parse_node_t *pn = new_rule_node(p, rule, n, line, col);
    for (size_t i = n; i > 0; i--) {
        pn->child[i - 1] = pop_result(p);
    }
    if (rule == RULE_testlist_comp_3c) {
        // once for testlist_comp_3b/testlist_comp to consume, once to stay
        push_result(p, pn);
    }
    push_result(p, pn);
}

int parse_peek_rule(const parse_t *p, size_t n) {
    return peek_rule(p, n);
}

void parse_drop_rules(parse_t *p, size_t n) {
    p->nrules -= n;
}

void parse_push_result(parse_t *p, parse_node_t *pn) {
    push_result(p, pn);
}

parse_node_t *parse_pop_result(parse_t *p) {
    return pop_result(p);
}

parse_node_t *parse_peek_result(const parse_t *p, size_t pos) {
    return peek_result(p, pos);
}

parse_node_t *parse_new_rule_node(parse_t *p, int rule, size_t n, int line, int col) {
    return new_rule_node(p, rule, n, line, col);
}

// ---- matching ------------------------------------------------------------------------

_Noreturn static void syntax_error(parse_t *p) {
    const char *exc = "SyntaxError", *msg = "invalid syntax";
    if (p->tok.kind == TOK_INDENT) {
        exc = "IndentationError";
        msg = "unexpected indent";
    } else if (p->tok.kind == TOK_DEDENT_MISMATCH) {
        exc = "IndentationError";
        msg = "unindent doesn't match any outer indent level";
    } else if (p->tok.kind == TOK_MALFORMED_FSTRING) {
        msg = "malformed f-string";
    }
    parse_error(p, exc, p->tok.line, p->tok.col, msg);
}

static bool match_tok(const parse_t *p, uint16_t arg) {
    return p->tok.kind == (arg & ARG_VALUE_MASK);
}

// OR: returns the new backtrack flag.
static bool match_or(parse_t *p, const rule_frame_t *fr, bool backtrack) {
    const rule_info_t *ri = &rule_info[fr->rule];
    size_t i = fr->arg_i;
    if (i > 0 && !backtrack) {
        return false;  // an alternative matched
    }
    for (; i < ri->nargs; i++) {
        uint16_t arg = ri->args[i];
        if ((arg & ARG_KIND_MASK) == ARG_TOK) {
            if (match_tok(p, arg)) {
                push_result_token(p, fr->rule);
                lexer_next(p);
                return false;
            }
        } else {
            if (i + 1 < ri->nargs) {
                push_rule(p, fr->rule, i + 1, fr->line, fr->col);
            }
            push_rule_from_arg(p, arg);
            return false;
        }
    }
    return true;
}

// A lone constant expression statement (a doc string) becomes pass (§4.4).
static bool drop_lone_constant(parse_t *p, const rule_frame_t *fr) {
    if (fr->rule != RULE_expr_stmt || peek_result(p, 0) != NULL) {
        return false;
    }
    parse_node_t *e = peek_result(p, 1);
    if (!((pn_is_leaf(e) && e->kind != PN_ID) || pn_is_const(e))) {
        return false;
    }
    pop_result(p);
    pop_result(p);
    push_result_rule(p, fr->line, fr->col, RULE_pass_stmt, 0);
    return true;
}

// The AND rule fr has matched all its args: make its node.
static void reduce_and(parse_t *p, const rule_frame_t *fr) {
    const rule_info_t *ri = &rule_info[fr->rule];
    if (drop_lone_constant(p, fr)) {
        return;
    }
    size_t n = 0, not_null = 0;
    for (size_t x = ri->nargs; x > 0; x--) {
        uint16_t arg = ri->args[x - 1];
        if ((arg & ARG_KIND_MASK) == ARG_TOK) {
            if ((arg & ARG_VALUE_MASK) == TOK_NAME) {
                n++;
                not_null++;
            }
        } else {
            not_null += peek_result(p, n) != NULL;
            n++;
        }
    }
    if (not_null == 1 && ri->kind == K_AND_IDENT) {
        parse_node_t *keep = NULL;
        for (size_t x = 0; x < n; x++) {
            parse_node_t *pn = pop_result(p);
            if (pn != NULL) {
                keep = pn;
            }
        }
        push_result(p, keep);
        return;
    }
    if (ri->kind == K_AND_BLANK) {
        push_result(p, NULL);
        n++;
    }
    push_result_rule(p, fr->line, fr->col, fr->rule, n);
}

// AND: returns the new backtrack flag.
static bool match_and(parse_t *p, const rule_frame_t *fr, bool backtrack) {
    const rule_info_t *ri = &rule_info[fr->rule];
    size_t i = fr->arg_i;
    if (backtrack) {
        if ((ri->args[i - 1] & ARG_KIND_MASK) == ARG_OPT) {
            push_result(p, NULL);  // the optional part is absent
        } else if (i > 1) {
            syntax_error(p);
        } else {
            return true;
        }
    }
    for (; i < ri->nargs; i++) {
        uint16_t arg = ri->args[i];
        if ((arg & ARG_KIND_MASK) == ARG_TOK) {
            if (!match_tok(p, arg)) {
                if (i > 0) {
                    syntax_error(p);
                }
                return true;
            }
            if ((arg & ARG_VALUE_MASK) == TOK_NAME) {
                push_result_token(p, fr->rule);
            }
            lexer_next(p);
        } else {
            push_rule(p, fr->rule, i + 1, fr->line, fr->col);
            push_rule_from_arg(p, arg);
            return false;
        }
    }
    reduce_and(p, fr);
    return false;
}

// LIST, LIST_WITH_END, ONE_OR_MORE: returns the new backtrack flag. code is
// 1 (list), 3 (list with end) or 2 (one or more): with code & 1, odd indices
// are separators.
static bool match_list(parse_t *p, const rule_frame_t *fr, bool backtrack) {
    const rule_info_t *ri = &rule_info[fr->rule];
    size_t code = ri->kind == K_LIST ? 1 : ri->kind == K_LIST_WITH_END ? 3 : 2;
    size_t i = fr->arg_i;
    bool trailing_sep = false;
    while (!backtrack) {
        uint16_t arg = ri->args[i & 1 & code];
        if ((arg & ARG_KIND_MASK) != ARG_TOK) {
            push_rule(p, fr->rule, i + 1, fr->line, fr->col);
            push_rule_from_arg(p, arg);
            return false;
        }
        i++;
        if (!match_tok(p, arg)) {
            backtrack = true;
            break;
        }
        if (((i - 1) & 1 & code) == 0) {
            push_result_token(p, fr->rule);  // an item; token separators leave nothing
        }
        lexer_next(p);
    }
    // an element failed to match at index i - 1
    if (i == 1) {
        return true;  // the first item: the list itself fails
    }
    if (code != 2 && (i & 1) == 1) {
        // an item failed after a separator
        if (code != 3) {
            syntax_error(p);
        }
        trailing_sep = true;
    }
    size_t n = i - 1;
    if ((code & 1) && (ri->args[1] & ARG_KIND_MASK) == ARG_TOK) {
        n = (n + 1) / 2;
    }
    if (n != 1 || trailing_sep) {
        push_result_rule(p, fr->line, fr->col, fr->rule, n);
    }
    return false;
}

static void parse_file(parse_t *p) {
    push_rule(p, RULE_file_input, 0, p->tok.line, p->tok.col);
    bool backtrack = false;
    while (p->nrules > 0) {
        rule_frame_t fr = p->rules[--p->nrules];
        switch (rule_info[fr.rule].kind) {
            case K_OR:
                backtrack = match_or(p, &fr, backtrack);
                break;
            case K_AND:
            case K_AND_IDENT:
            case K_AND_BLANK:
                backtrack = match_and(p, &fr, backtrack);
                break;
            default:
                backtrack = match_list(p, &fr, backtrack);
                break;
        }
    }
    if (p->tok.kind != TOK_END || p->nres == 0) {
        syntax_error(p);
    }
    p->root = p->res[0];
}

// ---- the public face -----------------------------------------------------------------

parse_t *parse_new(void) {
    parse_t *p = calloc(1, sizeof(parse_t));
    if (p == NULL) {
        return NULL;
    }
    arena_init(&p->arena);
    if (!intern_init(&p->strs)) {
        intern_free(&p->strs);
        free(p);
        return NULL;
    }
    p->small_int_bits = 31;
    return p;
}

// The parser's working memory (stacks, lexer buffers); the tree stays.
static void free_work(parse_t *p) {
    lexer_state_free(&p->lx);
    free(p->rules);
    free(p->res);
    free(p->consts);
    p->rules = NULL;
    p->res = NULL;
    p->consts = NULL;
    p->nrules = p->caprules = p->nres = p->capres = p->nconsts = 0;
}

void parse_delete(parse_t *p) {
    if (p == NULL) {
        return;
    }
    free_work(p);
    intern_free(&p->strs);
    arena_free(&p->arena);
    free(p);
}

int parse_module(parse_t *p, const char *src, size_t len, const mpyc_options_t *opts,
                 mpyc_diag_t *diag) {
    diag_init(&p->diag, diag);
    if (p->used) {
        snprintf(diag->exc_type, sizeof(diag->exc_type), "RuntimeError");
        snprintf(diag->message, sizeof(diag->message), "parse_module called twice");
        return 1;
    }
    p->used = true;
    int bits = opts != NULL && opts->small_int_bits > 0 ? opts->small_int_bits : 31;
    p->small_int_bits = bits > 63 ? 63 : bits < 2 ? 2 : bits;
    p->lx.debug_true = opts == NULL || opts->opt == 0;
    p->in_parse = true;
    if (setjmp(p->diag.jb) != 0) {
        p->in_parse = false;
        p->root = NULL;
        free_work(p);
        return 1;
    }
    const char *name = opts != NULL && opts->source_name != NULL ? opts->source_name : "<stdin>";
    parse_intern_or_raise(p, name, strlen(name));
    lexer_start(p, src, len);
    parse_file(p);
    p->in_parse = false;
    free_work(p);
    return 0;
}

parse_node_t *parse_root(const parse_t *p) {
    return p->root;
}

uint32_t parse_intern(parse_t *p, const char *s, size_t len) {
    return intern_add(&p->strs, s, len);
}

const char *parse_qstr_str(const parse_t *p, uint32_t id, size_t *len) {
    return intern_str(&p->strs, id, len);
}

uint32_t parse_qstr_count(const parse_t *p) {
    return p->strs.n;
}
