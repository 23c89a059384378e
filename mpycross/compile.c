// SPDX-License-Identifier: MIT
// compile.c: the compiler driver (scopes and passes), names, assignment targets and statements.
#include "mpycross/compile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/mpy.h"
#include "runtime/opcodes.h"
#include "runtime/qstrdefs.h"

/*
 * Order of work (compiler.md 1, 5, 12): the SCOPE pass of every scope in scope-list order
 * (the list grows while it runs, so it is breadth-first), closing over after each; then
 * the slot numbering of every scope; then, scope by scope, STACK_SIZE, CODE_SIZE and EMIT
 * until stable. The qstr and constant tables fill up in exactly that order.
 */

static void *xrealloc(jmp_buf *oom, void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (q == NULL) {
        longjmp(*oom, 1);
    }
    return q;
}

// ---- errors ----

static int enclosing_line(const compiler_t *c, const parse_node_t *pn, int *col) {
    if (pn_is_struct(pn) && pn->line > 0) {
        *col = pn->col;
        return pn->line;
    }
    for (const line_frame_t *f = c->frames; f != NULL; f = f->up) {
        if (pn_is_struct(f->pn) && f->pn->line > 0) {
            *col = f->pn->col;
            return f->pn->line;
        }
    }
    // nothing better: the line of the scope's definition, as the reference does
    const parse_node_t *def = c->cur->pn;
    *col = def != NULL ? def->col : 0;
    return def != NULL ? def->line : 0;
}

void compile_error(compiler_t *c, const parse_node_t *pn, const char *msg) {
    mpyc_diag_t *d = c->diag;
    memset(d, 0, sizeof(*d));
    snprintf(d->exc_type, sizeof(d->exc_type), "SyntaxError");
    snprintf(d->message, sizeof(d->message), "%s", msg);
    d->line = enclosing_line(c, pn, &d->col);
    d->traceback = 1;
    size_t len;
    const char *name = compile_str(c, c->cur->simple_name, &len);
    snprintf(d->scope, sizeof(d->scope), "%.*s", (int)len, name);
    longjmp(*c->fail, 1);
}

void compile_depth_error(compiler_t *c) {
    mpyc_diag_t *d = c->diag;
    memset(d, 0, sizeof(*d));
    snprintf(d->exc_type, sizeof(d->exc_type), "RuntimeError");
    snprintf(d->message, sizeof(d->message), "maximum recursion depth exceeded");
    longjmp(*c->fail, 1);
}

void compile_enter(compiler_t *c) {
    if (++c->depth > COMPILE_MAX_DEPTH) {
        compile_depth_error(c);
    }
}

// ---- strings and labels ----

const char *compile_str(compiler_t *c, uint32_t id, size_t *len) {
    const char *s = parse_qstr_str(c->p, id, len);
    if (s == NULL) {
        *len = 0;
        return "";
    }
    return s;
}

size_t compile_qidx(compiler_t *c, uint32_t id) {
    if (id >= c->qmap_cap) {
        size_t cap = c->qmap_cap ? c->qmap_cap : 256;
        while (cap <= id) {
            cap *= 2;
        }
        c->qmap = xrealloc(c->oom, c->qmap, cap * sizeof(size_t));
        memset(c->qmap + c->qmap_cap, 0, (cap - c->qmap_cap) * sizeof(size_t));
        c->qmap_cap = cap;
    }
    if (c->qmap[id] == 0) {
        size_t len;
        const char *s = compile_str(c, id, &len);
        c->qmap[id] = mpy_qstr(c->tab, s, len) + 1;
    }
    return c->qmap[id] - 1;
}

uint32_t compile_intern(compiler_t *c, const char *s) {
    return parse_intern(c->p, s, strlen(s));
}

size_t compile_label(compiler_t *c) {
    return emit_new_label(c->e);
}

// ---- names (compiler.md 5.2, 5.5) ----

void compile_load_id(compiler_t *c, uint32_t id) {
    if (c->pass == EMIT_PASS_SCOPE) {
        scope_find_or_add(c->cur, id, ID_GLOBAL_IMPLICIT, NULL, c->oom);
        return;
    }
    id_info_t *info = scope_find_or_add(c->cur, id, ID_GLOBAL_IMPLICIT, NULL, c->oom);
    switch (info->kind) {
    case ID_GLOBAL_IMPLICIT:
    case ID_GLOBAL_IMPLICIT_ASSIGNED:
        emit_op_qidx(c->e, MP_BC_LOAD_NAME, 1, compile_qidx(c, id));
        break;
    case ID_GLOBAL_EXPLICIT:
        emit_op_qidx(c->e, MP_BC_LOAD_GLOBAL, 1, compile_qidx(c, id));
        break;
    case ID_LOCAL:
        emit_load_fast(c->e, info->slot);
        break;
    default:
        emit_op_uint(c->e, MP_BC_LOAD_DEREF, 1, info->slot);
        break;
    }
}

static id_info_t *id_for_modification(compiler_t *c, scope_t *s, uint32_t id) {
    id_info_t *info = scope_find_or_add(s, id, ID_GLOBAL_IMPLICIT, NULL, c->oom);
    if (info->kind == ID_GLOBAL_IMPLICIT) {
        info->kind = SCOPE_IS_FUNC_LIKE(s->kind) ? ID_LOCAL : ID_GLOBAL_IMPLICIT_ASSIGNED;
    }
    return info;
}

static void store_or_delete(compiler_t *c, uint32_t id, bool del) {
    id_info_t *info = id_for_modification(c, c->cur, id);
    if (c->pass == EMIT_PASS_SCOPE) {
        return;
    }
    switch (info->kind) {
    case ID_GLOBAL_IMPLICIT:
    case ID_GLOBAL_IMPLICIT_ASSIGNED:
        emit_op_qidx(c->e, del ? MP_BC_DELETE_NAME : MP_BC_STORE_NAME, del ? 0 : -1, compile_qidx(c, id));
        break;
    case ID_GLOBAL_EXPLICIT:
        emit_op_qidx(c->e, del ? MP_BC_DELETE_GLOBAL : MP_BC_STORE_GLOBAL, del ? 0 : -1,
                     compile_qidx(c, id));
        break;
    case ID_LOCAL:
        if (del) {
            emit_op_uint(c->e, MP_BC_DELETE_FAST, 0, info->slot);
        } else {
            emit_store_fast(c->e, info->slot);
        }
        break;
    default:
        emit_op_uint(c->e, del ? MP_BC_DELETE_DEREF : MP_BC_STORE_DEREF, del ? 0 : -1, info->slot);
        break;
    }
}

void compile_store_id(compiler_t *c, uint32_t id) {
    store_or_delete(c, id, false);
}

void compile_delete_id(compiler_t *c, uint32_t id) {
    store_or_delete(c, id, true);
}

// ---- scopes ----

scope_t *compile_new_scope(compiler_t *c, scope_kind_t kind, parse_node_t *pn, uint32_t name) {
    scope_t *s = scope_new(kind, c->cur, pn, name, c->oom);
    if (c->scope_tail == NULL) {
        c->scope_head = s;
    } else {
        c->scope_tail->next = s;
    }
    c->scope_tail = s;
    return s;
}

// compiler.md 7.9 "closure" and "create": load the cells the new scope closes over, then
// MAKE_FUNCTION/MAKE_CLOSURE (with _DEFARGS when there are defaults).
void compile_make_closure(compiler_t *c, scope_t *s, size_t n_pos_defaults, size_t n_kw_defaults) {
    if (n_kw_defaults > 0) {
        s->flags |= MP_SCOPE_FLAG_DEFKWARGS;
    }
    s->n_def_pos_args = n_pos_defaults;
    size_t n_free = 0;
    scope_t *cur = c->cur;
    if (cur->kind != SCOPE_MODULE) {
        for (size_t i = 0; i < cur->n_ids; i++) {
            id_info_t *id = &cur->ids[i];
            if (id->kind != ID_CELL && id->kind != ID_FREE) {
                continue;
            }
            for (size_t j = 0; j < s->n_ids; j++) {
                if (s->ids[j].kind == ID_FREE && s->ids[j].name == id->name) {
                    emit_load_fast(c->e, id->slot);
                    n_free++;
                }
            }
        }
    }
    bool defargs = n_pos_defaults > 0 || n_kw_defaults > 0;
    size_t idx;
    if (n_free == 0) {
        idx = emit_make_function(c->e, defargs ? MP_BC_MAKE_FUNCTION_DEFARGS : MP_BC_MAKE_FUNCTION,
                                 defargs ? -1 : 1, 0);
    } else {
        idx = emit_make_function(c->e, defargs ? MP_BC_MAKE_CLOSURE_DEFARGS : MP_BC_MAKE_CLOSURE,
                                 defargs ? -1 - (int)n_free : 1 - (int)n_free, n_free);
    }
    if (emit_is_final_pass(c->e)) {
        scope_set_child(cur, idx, s, c->oom);
    }
}

// A parameter's default value, compiled in the enclosing scope (compiler.md 7.9 "defaults").
static void compile_param_default(compiler_t *c, parse_node_t *pn) {
    parse_node_t *name = pn, *deflt = NULL;
    if (pn_is_rule(pn, RULE_typedargslist_star) || pn_is_rule(pn, RULE_varargslist_star)) {
        c->have_star = true;
        return;
    }
    if (pn_is_rule(pn, RULE_typedargslist_dbl_star) || pn_is_rule(pn, RULE_varargslist_dbl_star)) {
        return;
    }
    if (pn_is_rule(pn, RULE_typedargslist_name)) {
        name = pn->child[0];
        deflt = pn->child[2];
    } else if (pn_is_rule(pn, RULE_varargslist_name)) {
        name = pn->child[0];
        deflt = pn->child[1];
    }
    if (deflt == NULL) {
        if (!c->have_star && c->n_default_params != 0) {
            compile_error(c, pn, "non-default argument follows default argument");
        }
        return;
    }
    if (!c->have_star) {
        c->n_default_params++;
        compile_node(c, deflt);
        return;
    }
    c->n_dict_params++;
    if (c->n_dict_params == 1) {
        if (c->n_default_params > 0) {
            emit_op_uint(c->e, MP_BC_BUILD_TUPLE, 1 - (int)c->n_default_params, c->n_default_params);
        } else {
            emit_op(c->e, MP_BC_LOAD_NULL, 1);
        }
        emit_op_uint(c->e, MP_BC_BUILD_MAP, 1, 0);
    }
    compile_node(c, deflt);
    emit_op_qidx(c->e, MP_BC_LOAD_CONST_STRING, 1, compile_qidx(c, name->u.id));
    emit_op(c->e, MP_BC_STORE_MAP, -2);
}

// def / lambda at the place of definition: scope, defaults, closure and MAKE_*.
void compile_function_scope(compiler_t *c, parse_node_t *pn, scope_kind_t kind, uint32_t name,
                            parse_node_t *params, parse_rule_t list_rule) {
    if (c->pass == EMIT_PASS_SCOPE) {
        pn->aux = compile_new_scope(c, kind, pn, name);
    }
    scope_t *s = pn->aux;
    bool old_star = c->have_star;
    size_t old_dict = c->n_dict_params, old_default = c->n_default_params;
    c->have_star = false;
    c->n_dict_params = 0;
    c->n_default_params = 0;
    parse_node_t **items, *one;
    size_t n = parse_list(params, list_rule, &items, &one);
    for (size_t i = 0; i < n; i++) {
        compile_param_default(c, items[i]);
    }
    if (c->n_default_params > 0 && c->n_dict_params == 0) {
        emit_op_uint(c->e, MP_BC_BUILD_TUPLE, 1 - (int)c->n_default_params, c->n_default_params);
        emit_op(c->e, MP_BC_LOAD_NULL, 1);
    }
    compile_make_closure(c, s, c->n_default_params, c->n_dict_params);
    c->have_star = old_star;
    c->n_dict_params = old_dict;
    c->n_default_params = old_default;
}

// A parameter entering the function's own table (its SCOPE pass).
static void scope_param(compiler_t *c, parse_node_t *pn, bool is_lambda) {
    scope_t *s = c->cur;
    if (s->flags & MP_SCOPE_FLAG_VARKEYWORDS) {
        compile_error(c, pn, "invalid syntax");
    }
    uint32_t name = 0;
    uint8_t flag = ID_FLAG_PARAM;
    parse_rule_t r_name = is_lambda ? RULE_varargslist_name : RULE_typedargslist_name;
    parse_rule_t r_star = is_lambda ? RULE_varargslist_star : RULE_typedargslist_star;
    if (pn_is_id(pn) || pn_is_rule(pn, r_name)) {
        name = pn_is_id(pn) ? pn->u.id : pn->child[0]->u.id;
        if (c->have_star) {
            s->n_kwonly_args++;
        } else {
            s->n_pos_args++;
        }
    } else if (pn_is_rule(pn, r_star)) {
        if (c->have_star) {
            compile_error(c, pn, "invalid syntax");
        }
        c->have_star = true;
        flag = ID_FLAG_PARAM | ID_FLAG_STAR_PARAM;
        parse_node_t *arg = pn->n > 0 ? pn->child[0] : NULL;
        if (pn_is_rule(arg, RULE_tfpdef) || pn_is_rule(arg, RULE_vfpdef)) {
            arg = arg->child[0];
        }
        if (pn_is_id(arg)) {
            s->flags |= MP_SCOPE_FLAG_VARARGS;
            name = arg->u.id;
        }
    } else if (pn_is_any_rule(pn)) {
        name = pn->child[0]->u.id;
        flag = ID_FLAG_PARAM | ID_FLAG_DBL_STAR_PARAM;
        s->flags |= MP_SCOPE_FLAG_VARKEYWORDS;
    }
    if (name != 0) {
        bool added;
        id_info_t *id = scope_find_or_add(s, name, ID_LOCAL, &added, c->oom);
        if (!added) {
            compile_error(c, pn, "argument name reused");
        }
        id->kind = ID_LOCAL;
        id->flags = flag;
    }
}

static void scope_params(compiler_t *c, parse_node_t *params, bool is_lambda) {
    parse_node_t **items, *one;
    size_t n = parse_list(params, is_lambda ? RULE_varargslist : RULE_typedargslist, &items, &one);
    c->have_star = false;
    for (size_t i = 0; i < n; i++) {
        scope_param(c, items[i], is_lambda);
    }
}

// The qstrs a code object's prelude needs: its name, and from STACK_SIZE on its argument names.
static void register_prelude_qstrs(compiler_t *c, scope_t *s) {
    compile_qidx(c, s->simple_name);
    if (c->pass != EMIT_PASS_STACK_SIZE) {
        return;
    }
    for (size_t i = 0; i < s->n_pos_args + s->n_kwonly_args; i++) {
        uint32_t name = MP_QSTR_star;
        for (size_t j = 0; j < s->n_ids; j++) {
            if ((s->ids[j].flags & ID_FLAG_PARAM) && s->ids[j].slot == i) {
                name = s->ids[j].name;
                break;
            }
        }
        compile_qidx(c, name);
    }
}

static void compile_class_body(compiler_t *c, scope_t *s) {
    parse_node_t *pn = s->pn;
    if (c->pass == EMIT_PASS_SCOPE) {
        scope_find_or_add(s, MP_QSTR___class__, ID_LOCAL, NULL, c->oom);
    }
    compile_load_id(c, MP_QSTR___name__);
    compile_store_id(c, MP_QSTR___module__);
    emit_op_qidx(c->e, MP_BC_LOAD_CONST_STRING, 1, compile_qidx(c, pn->child[0]->u.id));
    compile_store_id(c, MP_QSTR___qualname__);
    compile_node(c, pn->child[2]);
    id_info_t *id = scope_find(s, MP_QSTR___class__);
    if (id->kind == ID_LOCAL) {
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
    } else {
        emit_load_fast(c->e, id->slot);
    }
    emit_op(c->e, MP_BC_RETURN_VALUE, -1);
}

static void compile_scope_pass(compiler_t *c, scope_t *s, int pass) {
    c->pass = pass;
    c->cur = s;
    c->depth = 0;
    c->frames = NULL;
    c->except_level = 0;
    c->break_label = c->continue_label = NO_LABEL_ID;
    emit_start_pass(c->e, pass);
    register_prelude_qstrs(c, s);
    parse_node_t *pn = s->pn;
    switch (s->kind) {
    case SCOPE_MODULE:
        compile_node(c, pn);
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
        emit_op(c->e, MP_BC_RETURN_VALUE, -1);
        break;
    case SCOPE_FUNCTION:
        if (pass == EMIT_PASS_SCOPE) {
            scope_params(c, pn->child[1], false);
        }
        compile_node(c, pn->child[3]);
        emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
        emit_op(c->e, MP_BC_RETURN_VALUE, -1);
        break;
    case SCOPE_LAMBDA:
        if (pass == EMIT_PASS_SCOPE) {
            scope_params(c, pn->child[0], true);
        }
        emit_line(c->e, pn->line);
        compile_node(c, pn->child[1]);
        if (s->flags & MP_SCOPE_FLAG_GENERATOR) {
            emit_op(c->e, MP_BC_POP_TOP, -1);
            emit_op(c->e, MP_BC_LOAD_CONST_NONE, 1);
        }
        emit_op(c->e, MP_BC_RETURN_VALUE, -1);
        break;
    case SCOPE_CLASS:
        compile_class_body(c, s);
        break;
    default:
        compile_comp_scope_body(c, s);
        break;
    }
}

// Move the final pass's results into the scope's code object.
static void finish_code(compiler_t *c, scope_t *s, emit_t *e) {
    mpy_code_t *code = mpy_code_new(c->oom);
    s->code = code;
    size_t n_state = s->n_locals + (size_t)e->max_stack;
    code->sig = (mpy_sig_t){n_state ? n_state : 1, (size_t)e->max_exc, s->flags & 0xf,
                            s->n_pos_args, s->n_kwonly_args, s->n_def_pos_args};
    code->simple_name = compile_qidx(c, s->simple_name);
    size_t n_args = s->n_pos_args + s->n_kwonly_args;
    code->arg_names = xrealloc(c->oom, NULL, (n_args ? n_args : 1) * sizeof(size_t));
    for (size_t i = 0; i < n_args; i++) {
        uint32_t name = MP_QSTR_star;
        for (size_t j = 0; j < s->n_ids; j++) {
            if ((s->ids[j].flags & ID_FLAG_PARAM) && s->ids[j].slot == i) {
                name = s->ids[j].name;
                break;
            }
        }
        code->arg_names[i] = compile_qidx(c, name);
    }
    for (size_t i = 0; i < s->n_ids; i++) {
        if (s->ids[i].kind == ID_CELL) {
            mpy_buf_byte(&code->cells, (uint8_t)s->ids[i].slot);
        }
    }
    mpy_buf_free(&code->lines);
    mpy_buf_free(&code->bytecode);
    code->lines = e->lines;
    code->bytecode = e->code;
    mpy_buf_init(&e->lines, e->oom);
    mpy_buf_init(&e->code, e->oom);
}

static void compile_scope_all_passes(compiler_t *c, scope_t *s) {
    emit_t *e = c->e;
    emit_begin_scope(e);
    compile_scope_pass(c, s, EMIT_PASS_STACK_SIZE);
    emit_end_pass(e);
    compile_scope_pass(c, s, EMIT_PASS_CODE_SIZE);
    emit_end_pass(e);
    do {
        compile_scope_pass(c, s, EMIT_PASS_EMIT);
    } while (!emit_end_pass(e));
    if (e->overflow) {
        memset(c->diag, 0, sizeof(*c->diag));
        snprintf(c->diag->exc_type, sizeof(c->diag->exc_type), "RuntimeError");
        snprintf(c->diag->message, sizeof(c->diag->message), "bytecode overflow");
        longjmp(*c->fail, 1);
    }
    finish_code(c, s, e);
}

static void scope_pass_one(compiler_t *c, scope_t *s) {
    emit_begin_scope(c->e);
    compile_scope_pass(c, s, EMIT_PASS_SCOPE);
    for (size_t i = 0; i < s->n_ids; i++) {
        if (s->ids[i].kind == ID_GLOBAL_IMPLICIT) {
            scope_close_over(s, &s->ids[i], c->oom);
        }
    }
}

static void free_scopes(compiler_t *c, bool free_codes) {
    for (scope_t *s = c->scope_head, *next; s != NULL; s = next) {
        next = s->next;
        if (free_codes && s->code != NULL) {
            s->code->n_children = 0;
            mpy_code_free(s->code);
        }
        scope_free(s);
    }
    c->scope_head = c->scope_tail = NULL;
}

static void compiler_free(compiler_t *c) {
    emit_free(&c->emit);
    free(c->qmap);
    free(c->ckeys);
    free(c->cvals);
}

int compile_module(parse_t *p, const mpyc_options_t *opts, mpy_tables_t *tab, jmp_buf *oom,
                   mpy_code_t **out, mpyc_diag_t *diag) {
    compiler_t c;
    memset(&c, 0, sizeof(c));
    c.p = p;
    c.opts = opts;
    c.tab = tab;
    c.oom = oom;
    c.diag = diag;
    jmp_buf fail, oom_here;
    *out = NULL;
    // MemoryError and compile errors both unwind to here; the scopes are freed either way
    int r = setjmp(oom_here);
    if (r) {
        free_scopes(&c, true);
        compiler_free(&c);
        tab->oom = oom;
        memset(diag, 0, sizeof(*diag));
        snprintf(diag->exc_type, sizeof(diag->exc_type), "MemoryError");
        snprintf(diag->message, sizeof(diag->message), "memory allocation failed");
        return 1;
    }
    if (setjmp(fail)) {
        free_scopes(&c, true);
        compiler_free(&c);
        tab->oom = oom;
        return 1;
    }
    c.fail = &fail;
    c.oom = &oom_here;
    tab->oom = &oom_here;
    emit_init(&c.emit, tab, opts->opt >= 3 || opts->no_source_lines);
    c.e = &c.emit;
    scope_t *module = compile_new_scope(&c, SCOPE_MODULE, parse_root(p), MP_QSTR__lt_module_gt_);
    for (scope_t *s = c.scope_head; s != NULL; s = s->next) {
        scope_pass_one(&c, s);
    }
    for (scope_t *s = c.scope_head; s != NULL; s = s->next) {
        scope_compute_slots(s);
    }
    for (scope_t *s = c.scope_head; s != NULL; s = s->next) {
        compile_scope_all_passes(&c, s);
    }
    for (scope_t *s = c.scope_head; s != NULL; s = s->next) {
        for (size_t i = 0; i < s->n_children; i++) {
            mpy_code_add_child(s->code, s->children[i]->code, c.oom);
        }
    }
    *out = module->code;
    free_scopes(&c, false);
    compiler_free(&c);
    tab->oom = oom;
    return 0;
}
