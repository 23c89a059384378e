// SPDX-License-Identifier: MIT
// manifestpy.c: reads a manifest.py with the compiler's parser and interprets its calls.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/load.h"
#include "mpycross/parse.h"

/*
 * A manifest.py is read, never run: each statement must be one of the calls module(),
 * package(), include(), require(), freeze(), add_library(), metadata(),
 * options.defaults(), an assignment NAME = literal, an if / elif / else on conditions of
 * those values (not, and, or, ==, !=, is, is not), a read of options.NAME, or a
 * docstring. Arguments are string, int, bool and None literals, lists and tuples of
 * strings, names assigned earlier and options.NAME. Anything else is an error naming the
 * construct, so nothing is silently skipped.
 *
 * Options are MicroPython's: the keyword arguments of include() and require() beyond
 * their own are the included manifest's options; options.NAME is the one given, else the
 * default from options.defaults(), else None.
 *
 * Each call becomes the YAML contents entry it means (a one-entry sequence in a document
 * built for this file, with the marks of the Python source), run by contents.c: the two
 * manifest forms share every check and message.
 */

typedef enum { V_NONE, V_STR, V_LIST, V_INT, V_BOOL } vkind_t;

typedef struct {
    vkind_t kind;
    const char *s;          // V_STR
    const char **items;     // V_LIST: strings (arena)
    size_t n;
    long i;                 // V_INT, V_BOOL
    int line, col;          // where the value is written
} val_t;

#define PY_MAX_VARS 64
#define PY_MAX_PARAMS 6

#define PY_MAX_OPTIONS 32

typedef struct {
    mload_t *L;
    mfile_t *f;
    parse_t *p;
    uint32_t var_id[PY_MAX_VARS];
    val_t var_val[PY_MAX_VARS];
    size_t n_vars;
    const char *def_name[PY_MAX_OPTIONS];   // options.defaults(), the last call's
    val_t def_val[PY_MAX_OPTIONS];
    size_t n_defs;
} py_t;

// A function: its parameter names in order; the first n_required must be given.
typedef struct {
    const char *name;
    const char *params[PY_MAX_PARAMS];
    size_t n_required;
} sig_t;

static const sig_t sigs[] = {
    { "module", { "module_path", "base_path", "opt" }, 1 },
    { "package", { "package_path", "files", "base_path", "opt" }, 1 },
    { "include", { "manifest_path" }, 1 },
    { "require", { "name", "version", "library", "unix_ffi", "pypi" }, 1 },
    { "freeze", { "path", "script", "opt" }, 1 },
    { "add_library", { "library", "library_path", "prepend" }, 2 },
    { "metadata", { "description", "version", "license", "author" }, 0 },
};

static int err(py_t *P, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int err(py_t *P, int line, int col, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return load_error_in(P->L, P->f->disp, line, col, "%s", msg);
}

static const char *kind_name(vkind_t k) {
    static const char *const names[] = { "None", "a string", "a list", "an int", "a bool" };
    return names[k];
}

// What a statement or expression node is, for "... is not supported" messages.
static const char *construct(const parse_node_t *pn) {
    static const struct { parse_rule_t r; const char *what; } names[] = {
        { RULE_if_stmt, "an if statement" },       { RULE_for_stmt, "a for loop" },
        { RULE_while_stmt, "a while loop" },       { RULE_funcdef, "a function definition" },
        { RULE_classdef, "a class definition" },   { RULE_import_name, "an import" },
        { RULE_import_from, "an import" },         { RULE_try_stmt, "a try statement" },
        { RULE_with_stmt, "a with statement" },    { RULE_del_stmt, "a del statement" },
        { RULE_arith_expr, "an arithmetic expression" }, { RULE_term, "an arithmetic expression" },
        { RULE_comparison, "a comparison" },       { RULE_atom_brace, "a dict or set" },
        { RULE_test_if_expr, "a conditional expression" }, { RULE_lambdef, "a lambda" },
        { RULE_assert_stmt, "an assert statement" }, { RULE_global_stmt, "a global statement" },
        { RULE_raise_stmt, "a raise statement" },  { RULE_decorated, "a decorated definition" },
        { RULE_or_test, "a boolean expression" },  { RULE_and_test, "a boolean expression" },
        { RULE_not_test_2, "a boolean expression" },
    };
    for (size_t i = 0; pn_is_any_rule(pn) && i < sizeof names / sizeof names[0]; i++) {
        if (pn->rule == names[i].r) {
            return names[i].what;
        }
    }
    if (pn_is_any_rule(pn)) {
        return parse_rule_name(pn->rule);
    }
    return "this expression";
}

static int node_line(const parse_node_t *pn) {
    return pn != NULL && pn->line > 0 ? pn->line : 1;
}

static int node_col(const parse_node_t *pn) {
    return pn != NULL && pn->col > 0 ? pn->col : 1;
}

static const char *id_str(py_t *P, uint32_t id) {
    const char *s = parse_qstr_str(P->p, id, NULL);
    return s != NULL ? s : "?";
}

static int eval(py_t *P, parse_node_t *pn, val_t *v);

// Makes v a list of n strings, to be filled in.
static int new_list(py_t *P, val_t *v, size_t n) {
    v->kind = V_LIST;
    v->n = n;
    v->items = parse_alloc(P->p, (n + 1) * sizeof *v->items);
    return v->items == NULL ? load_io_error(P->L, P->f->disp, "out of memory") : 0;
}

static int str_item(py_t *P, parse_node_t *pn, const char **out) {
    val_t v;
    if (eval(P, pn, &v)) {
        return 1;
    }
    if (v.kind != V_STR) {
        return err(P, v.line, v.col, "a list in a manifest.py holds strings, not %s",
                   kind_name(v.kind));
    }
    *out = v.s;
    return 0;
}

static int eval_list(py_t *P, parse_node_t *inner, val_t *v) {
    parse_node_t **items, *one;
    if (pn_is_rule(inner, RULE_testlist_comp) && inner->n == 2
        && pn_is_rule(inner->child[1], RULE_comp_for)) {
        return err(P, v->line, v->col, "a comprehension is not supported in a manifest.py");
    }
    size_t n = inner == NULL ? 0 : parse_list(inner, RULE_testlist_comp, &items, &one);
    if (new_list(P, v, n)) {
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (str_item(P, items[i], &v->items[i])) {
            return 1;
        }
    }
    return 0;
}

static int eval_const(py_t *P, const parse_const_t *c, val_t *v) {
    if (c->kind == PC_STR) {
        v->kind = V_STR;
        v->s = c->text;
        return 0;
    }
    if (c->kind == PC_TUPLE) {
        if (new_list(P, v, c->n)) {
            return 1;
        }
        for (size_t i = 0; i < c->n; i++) {
            if (c->items[i]->kind != PC_STR) {
                return err(P, v->line, v->col, "a tuple in a manifest.py holds strings only");
            }
            v->items[i] = c->items[i]->text;
        }
        return 0;
    }
    return err(P, v->line, v->col, "this constant is not supported in a manifest.py "
               "(strings, small ints, True, False, None and lists of strings are)");
}

static int is_options_read(py_t *P, const parse_node_t *pn) {
    return pn_is_rule(pn, RULE_atom_expr_normal) && pn->n == 2 && pn_is_id(pn->child[0])
           && strcmp(id_str(P, pn->child[0]->u.id), "options") == 0
           && pn_is_rule(pn->child[1], RULE_trailer_period);
}

// A YAML scalar of an include's options as a value: plain true / false, null / ~ / empty
// and integers are typed as YAML reads them, anything else (and anything quoted) is a str.
static void option_scalar(const yaml_node_t *n, val_t *v) {
    const char *t = (const char *)n->data.scalar.value;
    int plain = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    char *end;
    long i = strtol(t, &end, 0);
    if (plain && (strcmp(t, "true") == 0 || strcmp(t, "True") == 0
                  || strcmp(t, "false") == 0 || strcmp(t, "False") == 0)) {
        v->kind = V_BOOL;
        v->i = t[0] == 't' || t[0] == 'T';
    } else if (plain && (t[0] == 0 || strcmp(t, "null") == 0 || strcmp(t, "~") == 0)) {
        v->kind = V_NONE;
    } else if (plain && *end == 0 && end != t) {
        v->kind = V_INT;
        v->i = i;
    } else {
        v->kind = V_STR;
        v->s = t;
    }
}

// options.NAME: what the includer passed, else this file's default, else None.
static int option(py_t *P, const char *name, val_t *v) {
    yaml_node_t *o = P->f->options;
    mfile_t *of = (mfile_t *)P->f->parent;
    for (yaml_node_pair_t *pr = o != NULL ? o->data.mapping.pairs.start : NULL;
         pr != NULL && pr < o->data.mapping.pairs.top; pr++) {
        yaml_node_t *k = yaml_node(of, pr->key), *val = yaml_node(of, pr->value);
        if (strcmp((const char *)k->data.scalar.value, name) != 0) {
            continue;
        }
        if (val->type == YAML_SCALAR_NODE) {
            option_scalar(val, v);
            return 0;
        }
        size_t n = (size_t)(val->data.sequence.items.top - val->data.sequence.items.start);
        if (new_list(P, v, n)) {
            return 1;
        }
        for (size_t i = 0; i < n; i++) {
            v->items[i] = (const char *)yaml_node(of, val->data.sequence.items.start[i])
                              ->data.scalar.value;
        }
        return 0;
    }
    for (size_t i = 0; i < P->n_defs; i++) {
        if (strcmp(P->def_name[i], name) == 0) {
            int line = v->line, col = v->col;
            *v = P->def_val[i];
            v->line = line;
            v->col = col;
            return 0;
        }
    }
    return 0;  // None
}

static int eval(py_t *P, parse_node_t *pn, val_t *v) {
    memset(v, 0, sizeof *v);
    v->line = node_line(pn);
    v->col = node_col(pn);
    if (pn_is_string(pn)) {
        v->kind = V_STR;
        v->s = id_str(P, pn->u.id);
        return 0;
    }
    if (pn_is_small_int(pn)) {
        v->kind = V_INT;
        v->i = (long)pn->u.small;
        return 0;
    }
    if (pn_is_token(pn, TOK_KW_TRUE) || pn_is_token(pn, TOK_KW_FALSE)) {
        v->kind = V_BOOL;
        v->i = pn_is_token(pn, TOK_KW_TRUE);
        return 0;
    }
    if (pn_is_token(pn, TOK_KW_NONE)) {
        return 0;
    }
    if (is_options_read(P, pn)) {
        return option(P, id_str(P, pn->child[1]->child[0]->u.id), v);
    }
    if (pn_is_const(pn)) {
        return eval_const(P, pn->u.cst, v);
    }
    if (pn_is_id(pn)) {
        for (size_t i = P->n_vars; i-- > 0;) {
            if (P->var_id[i] == pn->u.id) {
                *v = P->var_val[i];
                v->line = node_line(pn);
                v->col = node_col(pn);
                return 0;
            }
        }
        return err(P, v->line, v->col, "name '%s' is not defined (a manifest.py may use only "
                   "names assigned earlier in it from literals)", id_str(P, pn->u.id));
    }
    if (pn_is_rule(pn, RULE_atom_bracket) || pn_is_rule(pn, RULE_atom_paren)) {
        parse_node_t *inner = pn->n > 0 ? pn->child[0] : NULL;
        if (pn_is_rule(pn, RULE_atom_bracket) || inner == NULL
            || pn_is_rule(inner, RULE_testlist_comp)) {
            return eval_list(P, inner, v);
        }
        return eval(P, inner, v);
    }
    if (pn_is_rule(pn, RULE_atom_expr_normal)) {
        return err(P, v->line, v->col, "a call or attribute is not supported as an argument "
                   "in a manifest.py");
    }
    return err(P, v->line, v->col, "%s is not supported in a manifest.py", construct(pn));
}

// --- the synthesised YAML entry -------------------------------------------------------

static int ynode(py_t *P, int id, int line, int col) {
    yaml_node_t *n = id > 0 ? yaml_document_get_node(&P->f->doc, id) : NULL;
    if (n == NULL) {
        load_io_error(P->L, P->f->disp, "out of memory");
        return 0;
    }
    n->start_mark.line = n->end_mark.line = (size_t)(line - 1);
    n->start_mark.column = n->end_mark.column = (size_t)(col - 1);
    return id;
}

static int yscalar(py_t *P, const char *text, int line, int col) {
    int id = yaml_document_add_scalar(&P->f->doc, NULL, (yaml_char_t *)text, -1,
                                      YAML_PLAIN_SCALAR_STYLE);
    return ynode(P, id, line, col);
}

// The YAML node of a value; a string's column is its first character's (after the quote),
// so $(VAR) errors point into it.
static int yvalue(py_t *P, const val_t *v) {
    char num[24];
    switch (v->kind) {
    case V_STR:
        return yscalar(P, v->s, v->line, v->col + 1);
    case V_INT:
        snprintf(num, sizeof num, "%ld", v->i);
        return yscalar(P, num, v->line, v->col);
    case V_BOOL:
        return yscalar(P, v->i ? "true" : "false", v->line, v->col);
    case V_LIST: {
        int seq = yaml_document_add_sequence(&P->f->doc, NULL, YAML_FLOW_SEQUENCE_STYLE);
        if (ynode(P, seq, v->line, v->col) == 0) {
            return 0;
        }
        for (size_t i = 0; i < v->n; i++) {
            int it = yscalar(P, v->items[i], v->line, v->col);
            if (it == 0 || !yaml_document_append_sequence_item(&P->f->doc, seq, it)) {
                return 0;
            }
        }
        return seq;
    }
    case V_NONE:
        break;
    }
    return 0;
}

// The YAML node of an option's value: a str is quoted so that it reads back as a str
// ("true" stays a string), None is a plain null.
static int yoption(py_t *P, const val_t *v) {
    if (v->kind == V_STR) {
        int id = yaml_document_add_scalar(&P->f->doc, NULL, (yaml_char_t *)v->s, -1,
                                          YAML_DOUBLE_QUOTED_SCALAR_STYLE);
        return ynode(P, id, v->line, v->col + 1);
    }
    return v->kind == V_NONE ? yscalar(P, "null", v->line, v->col) : yvalue(P, v);
}

// --- calls -------------------------------------------------------------------------------

typedef struct {
    const sig_t *sig;
    val_t arg[PY_MAX_PARAMS];
    int given[PY_MAX_PARAMS];
    int line, col;      // the call
    int takes_options;  // include() and require(): other keywords are options
    const char *opt_name[PY_MAX_OPTIONS];
    val_t opt_val[PY_MAX_OPTIONS];
    size_t n_opts;
} call_t;

static int bind_one(py_t *P, call_t *c, size_t slot, parse_node_t *value) {
    if (c->given[slot]) {
        return err(P, node_line(value), node_col(value), "%s() got argument '%s' twice",
                   c->sig->name, c->sig->params[slot]);
    }
    c->given[slot] = 1;
    if (eval(P, value, &c->arg[slot])) {
        return 1;
    }
    c->given[slot] = c->arg[slot].kind != V_NONE;  // None means "not given"
    return 0;
}

static int bind_keyword(py_t *P, call_t *c, parse_node_t *a) {
    const char *kw = id_str(P, a->child[0]->u.id);
    for (size_t k = 0; k < PY_MAX_PARAMS && c->sig->params[k] != NULL; k++) {
        if (strcmp(c->sig->params[k], kw) == 0) {
            return bind_one(P, c, k, a->child[1]);
        }
    }
    if (!c->takes_options) {
        return err(P, node_line(a->child[0]), node_col(a->child[0]),
                   "%s() got an unexpected keyword argument '%s'", c->sig->name, kw);
    }
    for (size_t i = 0; i < c->n_opts; i++) {
        if (strcmp(c->opt_name[i], kw) == 0) {
            return err(P, node_line(a->child[0]), node_col(a->child[0]),
                       "%s() got option '%s' twice", c->sig->name, kw);
        }
    }
    if (c->n_opts == PY_MAX_OPTIONS) {
        return err(P, node_line(a->child[0]), node_col(a->child[0]), "more than %d options "
                   "in one call", PY_MAX_OPTIONS);
    }
    c->opt_name[c->n_opts] = kw;
    return eval(P, a->child[1], &c->opt_val[c->n_opts++]);
}

static int bind(py_t *P, call_t *c, parse_node_t *args) {
    parse_node_t **items, *one;
    size_t n = parse_list(args, RULE_arglist, &items, &one), pos = 0;
    for (size_t i = 0; i < n; i++) {
        parse_node_t *a = items[i];
        if (pn_is_rule(a, RULE_argument) && a->n == 2 && pn_is_id(a->child[0])
            && !pn_is_rule(a->child[1], RULE_comp_for)) {
            if (bind_keyword(P, c, a)) {
                return 1;
            }
        } else if (pn_is_rule(a, RULE_arglist_star) || pn_is_rule(a, RULE_arglist_dbl_star)
                   || pn_is_rule(a, RULE_argument)) {
            return err(P, node_line(a), node_col(a), "this argument form is not supported in "
                       "a manifest.py (literals, names and keyword arguments are)");
        } else if (pos >= PY_MAX_PARAMS || c->sig->params[pos] == NULL) {
            return err(P, node_line(a), node_col(a), "%s() takes at most %zu positional "
                       "arguments", c->sig->name, pos);
        } else if (bind_one(P, c, pos++, a)) {
            return 1;
        }
    }
    for (size_t k = 0; k < c->sig->n_required; k++) {
        if (!c->given[k]) {
            return err(P, c->line, c->col, "%s() needs the argument '%s'", c->sig->name,
                       c->sig->params[k]);
        }
    }
    return 0;
}

// Checks argument slot holds one of the kinds in mask (1 << V_*).
static int want(py_t *P, call_t *c, size_t slot, unsigned mask, const char *what) {
    const val_t *v = &c->arg[slot];
    if (!c->given[slot] || (mask & (1u << v->kind)) != 0) {
        return 0;
    }
    return err(P, v->line, v->col, "%s(): argument '%s' must be %s, not %s", c->sig->name,
               c->sig->params[slot], what, kind_name(v->kind));
}

// Adds key: value (slot's value, if given) to the mapping map.
static int put(py_t *P, int map, const char *key, call_t *c, size_t slot) {
    if (!c->given[slot]) {
        return 0;
    }
    int k = yscalar(P, key, c->arg[slot].line, c->arg[slot].col);
    int v = k != 0 ? yvalue(P, &c->arg[slot]) : 0;
    if (v == 0 || !yaml_document_append_mapping_pair(&P->f->doc, map, k, v)) {
        return load_io_error(P->L, P->f->disp, "out of memory");
    }
    return 0;
}

// Runs the contents entry {directive: value-of-map} through contents.c.
static int run_entry(py_t *P, call_t *c, const char *directive, int map) {
    yaml_document_t *d = &P->f->doc;
    int entry = yaml_document_add_mapping(d, NULL, YAML_BLOCK_MAPPING_STYLE);
    int seq = yaml_document_add_sequence(d, NULL, YAML_BLOCK_SEQUENCE_STYLE);
    int key = yscalar(P, directive, c->line, c->col);
    if (ynode(P, entry, c->line, c->col) == 0 || ynode(P, seq, c->line, c->col) == 0
        || key == 0 || !yaml_document_append_mapping_pair(d, entry, key, map)
        || !yaml_document_append_sequence_item(d, seq, entry)) {
        return load_io_error(P->L, P->f->disp, "out of memory");
    }
    return contents_load(P->L, P->f, yaml_document_get_node(d, seq));
}

static int new_map(py_t *P, call_t *c) {
    int map = yaml_document_add_mapping(&P->f->doc, NULL, YAML_FLOW_MAPPING_STYLE);
    return ynode(P, map, c->line, c->col);
}

static int set_meta(py_t *P, call_t *c, size_t slot, char **out) {
    if (!c->given[slot] || P->f->parent != NULL) {
        return 0;  // as in YAML, only the top manifest's metadata counts
    }
    free(*out);
    *out = strdup(c->arg[slot].s);
    return *out == NULL ? load_io_error(P->L, P->f->disp, "out of memory") : 0;
}

static int call_metadata(py_t *P, call_t *c) {
    for (size_t k = 0; k < 4; k++) {
        if (want(P, c, k, 1u << V_STR, "a string")) {
            return 1;
        }
    }
    return set_meta(P, c, 0, &P->L->m->description) || set_meta(P, c, 1, &P->L->m->version);
}

// The keys each directive's arguments become, by parameter slot (NULL: checked, unused).
static const char *const yaml_keys[][PY_MAX_PARAMS] = {
    { "path", "base_path", "opt" },                     // module
    { "path", "files", "base_path", "opt" },            // package
    { "path" },                                         // include
    { "name", "version", "library", "unix_ffi", NULL }, // require
    { "path", "script", "opt" },                        // freeze
    { "name", "path", "prepend" },                      // add_library
};

static int check_types(py_t *P, call_t *c, size_t fn) {
    const unsigned str = 1u << V_STR, list = 1u << V_LIST | str;
    const unsigned num = 1u << V_INT, flag = 1u << V_BOOL;
    static const char *const str_w = "a string", *const list_w = "a string or a list of strings";
    for (size_t k = 0; k < PY_MAX_PARAMS && c->sig->params[k] != NULL; k++) {
        const char *p = c->sig->params[k];
        int rc = strcmp(p, "opt") == 0 ? want(P, c, k, num, "an int 0..3")
                 : strcmp(p, "unix_ffi") == 0 || strcmp(p, "prepend") == 0
                     ? want(P, c, k, flag, "True or False")
                 : strcmp(p, "files") == 0 || strcmp(p, "script") == 0
                     ? want(P, c, k, list, list_w)
                     : want(P, c, k, str, str_w);
        if (rc) {
            return 1;
        }
    }
    (void)fn;
    return 0;
}

static int do_call(py_t *P, parse_node_t *pn) {
    parse_node_t *fn = pn->child[0], *tr = pn->child[1];
    if (!pn_is_id(fn) || !pn_is_rule(tr, RULE_trailer_paren)) {
        return err(P, node_line(pn), node_col(pn), "this statement is not supported in a "
                   "manifest.py (only calls of the manifest functions are)");
    }
    const char *name = id_str(P, fn->u.id);
    size_t i = 0;
    while (i < sizeof sigs / sizeof sigs[0] && strcmp(sigs[i].name, name) != 0) {
        i++;
    }
    if (i == sizeof sigs / sizeof sigs[0]) {
        return err(P, node_line(fn), node_col(fn), "a call of '%s' is not supported in a "
                   "manifest.py (module, package, include, require, freeze, add_library and "
                   "metadata are)", name);
    }
    call_t c = { .sig = &sigs[i], .line = node_line(fn), .col = node_col(fn),
                 .takes_options = strcmp(name, "include") == 0 || strcmp(name, "require") == 0 };
    if (bind(P, &c, tr->n > 0 ? tr->child[0] : NULL) || check_types(P, &c, i)) {
        return 1;
    }
    if (strcmp(name, "metadata") == 0) {
        return call_metadata(P, &c);
    }
    int map = new_map(P, &c);
    if (map == 0) {
        return 1;
    }
    for (size_t k = 0; k < PY_MAX_PARAMS && c.sig->params[k] != NULL; k++) {
        if (yaml_keys[i][k] != NULL && strcmp(name, "include") != 0
            && put(P, map, yaml_keys[i][k], &c, k)) {
            return 1;
        }
    }
    if (strcmp(name, "include") == 0) {
        int k = yscalar(P, "path", c.line, c.col), v = k != 0 ? yvalue(P, &c.arg[0]) : 0;
        if (v == 0 || !yaml_document_append_mapping_pair(&P->f->doc, map, k, v)) {
            return load_io_error(P->L, P->f->disp, "out of memory");
        }
    }
    if (c.n_opts > 0) {
        int om = new_map(P, &c), k = yscalar(P, "options", c.line, c.col);
        if (om == 0 || k == 0 || !yaml_document_append_mapping_pair(&P->f->doc, map, k, om)) {
            return load_io_error(P->L, P->f->disp, "out of memory");
        }
        for (size_t j = 0; j < c.n_opts; j++) {
            int ok = yscalar(P, c.opt_name[j], c.opt_val[j].line, c.opt_val[j].col);
            int ov = ok != 0 ? yoption(P, &c.opt_val[j]) : 0;
            if (ov == 0 || !yaml_document_append_mapping_pair(&P->f->doc, om, ok, ov)) {
                return load_io_error(P->L, P->f->disp, "out of memory");
            }
        }
    }
    return run_entry(P, &c, name, map);
}

static int assign(py_t *P, parse_node_t *target, parse_node_t *value) {
    if (!pn_is_id(target) || pn_is_rule(value, RULE_expr_stmt_augassign)
        || pn_is_rule(value, RULE_expr_stmt_assign_list) || pn_is_rule(value, RULE_annassign)) {
        return err(P, node_line(target), node_col(target), "only NAME = literal assignments "
                   "are supported in a manifest.py");
    }
    if (P->n_vars == PY_MAX_VARS) {
        return err(P, node_line(target), node_col(target), "more than %d variables in a "
                   "manifest.py", PY_MAX_VARS);
    }
    val_t v;
    if (eval(P, value, &v)) {
        return 1;
    }
    P->var_id[P->n_vars] = target->u.id;
    P->var_val[P->n_vars++] = v;
    return 0;
}

// options.defaults(NAME=value, ...): the defaults of options.NAME (a later call replaces
// the earlier ones, as in MicroPython).
static int is_options_defaults(py_t *P, const parse_node_t *pn) {
    return pn_is_rule(pn, RULE_atom_expr_normal) && pn->n == 2 && pn_is_id(pn->child[0])
           && strcmp(id_str(P, pn->child[0]->u.id), "options") == 0
           && pn_is_rule(pn->child[1], RULE_atom_expr_trailers);
}

static int options_defaults(py_t *P, parse_node_t *target) {
    parse_node_t *tr = target->child[1];
    if (tr->n != 2 || !pn_is_rule(tr->child[0], RULE_trailer_period)
        || strcmp(id_str(P, tr->child[0]->child[0]->u.id), "defaults") != 0
        || !pn_is_rule(tr->child[1], RULE_trailer_paren)) {
        return err(P, node_line(target), node_col(target), "only options.NAME and "
                   "options.defaults(NAME=value, ...) are supported in a manifest.py");
    }
    parse_node_t *args = tr->child[1]->n > 0 ? tr->child[1]->child[0] : NULL;
    parse_node_t **items, *one;
    size_t n = parse_list(args, RULE_arglist, &items, &one);
    P->n_defs = 0;
    for (size_t i = 0; i < n; i++) {
        parse_node_t *a = items[i];
        if (!pn_is_rule(a, RULE_argument) || a->n != 2 || !pn_is_id(a->child[0])
            || pn_is_rule(a->child[1], RULE_comp_for)) {
            return err(P, node_line(a), node_col(a), "options.defaults() takes keyword "
                       "arguments only");
        }
        if (P->n_defs == PY_MAX_OPTIONS) {
            return err(P, node_line(a), node_col(a), "more than %d options", PY_MAX_OPTIONS);
        }
        P->def_name[P->n_defs] = id_str(P, a->child[0]->u.id);
        if (eval(P, a->child[1], &P->def_val[P->n_defs++])) {
            return 1;
        }
    }
    return 0;
}

static int truthy(const val_t *v) {
    return v->kind == V_STR ? v->s[0] != 0 : v->kind == V_LIST ? v->n != 0
           : v->kind == V_NONE ? 0 : v->i != 0;
}

static int values_equal(const val_t *a, const val_t *b) {
    int na = a->kind == V_INT || a->kind == V_BOOL, nb = b->kind == V_INT || b->kind == V_BOOL;
    if (na && nb) {
        return a->i == b->i;  // True == 1, as in Python
    }
    if (a->kind != b->kind) {
        return 0;
    }
    if (a->kind == V_STR) {
        return strcmp(a->s, b->s) == 0;
    }
    if (a->kind == V_LIST) {
        int eq = a->n == b->n;
        for (size_t i = 0; eq && i < a->n; i++) {
            eq = strcmp(a->items[i], b->items[i]) == 0;
        }
        return eq;
    }
    return 1;  // None == None
}

// The truth of an if's condition: a value (literal, name, options.NAME), not, and, or
// (short-circuit, as Python evaluates them), and comparisons ==, !=, is, is not.
static int condition(py_t *P, parse_node_t *pn, int *out) {
    if (pn_is_rule(pn, RULE_not_test_2)) {
        if (condition(P, pn->child[0], out)) {
            return 1;
        }
        *out = !*out;
        return 0;
    }
    if (pn_is_rule(pn, RULE_or_test) || pn_is_rule(pn, RULE_and_test)) {
        int is_or = pn_is_rule(pn, RULE_or_test);
        for (uint32_t i = 0; i < pn->n; i++) {
            if (condition(P, pn->child[i], out)) {
                return 1;
            }
            if (*out == is_or) {
                return 0;
            }
        }
        return 0;
    }
    if (pn_is_rule(pn, RULE_comparison)) {
        val_t a, b;
        if (pn->n != 3 || eval(P, pn->child[0], &a)) {
            return pn->n != 3 ? err(P, node_line(pn), node_col(pn), "a chained comparison "
                                    "is not supported in a manifest.py") : 1;
        }
        parse_node_t *op = pn->child[1];
        int negate;
        if (pn_is_token(op, TOK_OP_DBL_EQUAL) || pn_is_token(op, TOK_OP_NOT_EQUAL)) {
            negate = pn_is_token(op, TOK_OP_NOT_EQUAL);
        } else if (pn_is_rule(op, RULE_comp_op_is)) {
            negate = op->n > 0 && op->child[0] != NULL;  // is not
        } else {
            return err(P, node_line(pn), node_col(pn), "only ==, !=, is and is not compare "
                       "in a manifest.py");
        }
        if (eval(P, pn->child[2], &b)) {
            return 1;
        }
        *out = values_equal(&a, &b) != negate;
        return 0;
    }
    val_t v;
    if (eval(P, pn, &v)) {
        return 1;
    }
    *out = truthy(&v);
    return 0;
}

static int statement(py_t *P, parse_node_t *st);

static int suite(py_t *P, parse_node_t *pn) {
    if (pn_is_rule(pn, RULE_suite_block_stmts)) {
        for (uint32_t i = 0; i < pn->n; i++) {
            if (statement(P, pn->child[i])) {
                return 1;
            }
        }
        return 0;
    }
    return statement(P, pn);
}

// if / elif / else: only the branch taken is read (the others are parsed, as in Python).
static int if_statement(py_t *P, parse_node_t *st) {
    int t;
    if (condition(P, st->child[0], &t)) {
        return 1;
    }
    if (t) {
        return suite(P, st->child[1]);
    }
    parse_node_t **elifs, *one;
    size_t n = parse_list(st->child[2], RULE_if_stmt_elif_list, &elifs, &one);
    for (size_t i = 0; i < n; i++) {
        if (condition(P, elifs[i]->child[0], &t)) {
            return 1;
        }
        if (t) {
            return suite(P, elifs[i]->child[1]);
        }
    }
    return st->child[3] != NULL ? suite(P, st->child[3]) : 0;
}

static int statement(py_t *P, parse_node_t *st) {
    if (st == NULL || pn_is_token(st, TOK_NEWLINE) || pn_is_rule(st, RULE_pass_stmt)) {
        return 0;  // blank lines, comments, docstrings
    }
    if (pn_is_rule(st, RULE_simple_stmt_2)) {
        for (uint32_t i = 0; i < st->n; i++) {
            if (statement(P, st->child[i])) {
                return 1;
            }
        }
        return 0;
    }
    if (pn_is_rule(st, RULE_if_stmt)) {
        return if_statement(P, st);
    }
    if (pn_is_rule(st, RULE_expr_stmt) && st->n == 2) {
        parse_node_t *target = st->child[0];
        if (st->child[1] != NULL) {
            return assign(P, target, st->child[1]);
        }
        if (is_options_read(P, target)) {
            return 0;
        }
        if (is_options_defaults(P, target)) {
            return options_defaults(P, target);
        }
        if (pn_is_rule(target, RULE_atom_expr_normal) && target->n == 2) {
            return do_call(P, target);
        }
    }
    return err(P, node_line(st), node_col(st), "%s is not supported in a manifest.py (it is "
               "read, not run: only calls of the manifest functions, NAME = literal and if "
               "statements are)", construct(st));
}

static char *read_text(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL) {
                free(buf);
            }
            buf = nb;
        }
    }
    fclose(fp);
    *len = n;
    return buf;
}

static int interpret(py_t *P) {
    parse_node_t *root = parse_root(P->p);
    if (pn_is_rule(root, RULE_file_input)) {
        return 0;
    }
    parse_node_t **items, *one;
    size_t n = parse_list(root, RULE_file_input_2, &items, &one);
    for (size_t i = 0; i < n; i++) {
        if (statement(P, items[i])) {
            return 1;
        }
    }
    return 0;
}

int manifestpy_load(mload_t *L, mfile_t *f) {
    size_t len;
    char *src = read_text(f->abs, &len);
    if (src == NULL) {
        return load_io_error(L, f->disp, "cannot read manifest");
    }
    if (!yaml_document_initialize(&f->doc, NULL, NULL, NULL, 1, 1)) {
        free(src);
        return load_io_error(L, f->disp, "out of memory");
    }
    f->has_doc = 1;
    py_t P = { .L = L, .f = f, .p = parse_new() };
    mpyc_options_t o;
    mpyc_options_init(&o);
    o.source_name = f->disp;
    mpyc_diag_t diag;
    int rc;
    if (P.p == NULL) {
        rc = load_io_error(L, f->disp, "out of memory");
    } else if (parse_module(P.p, src, len, &o, &diag) != 0) {
        rc = load_error_in(L, f->disp, diag.line, diag.col, "%s: %s", diag.exc_type,
                           diag.message);
    } else {
        rc = interpret(&P);
    }
    parse_delete(P.p);
    free(src);
    return rc;
}
