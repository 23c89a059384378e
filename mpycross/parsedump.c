// SPDX-License-Identifier: MIT
// parsedump.c: the parse tree as indented text, for tests and for reading the back end's input.
#include <stdio.h>

#include "mpycross/mpy.h"
#include "mpycross/parse.h"

/*
 * One node per line: "[line] " for nodes that carry a line (rules and
 * constants, blank for leaves), two spaces of indent per level, then
 *   rule_name(n)         id(name)      int(5)      str('text')     tok(NAME)
 *   const(float 1.5)     const(int 123...)        const(str '...')  ...
 */

static void print_text(FILE *f, const char *s, size_t len) {
    fputc('\'', f);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '\'') {
            fprintf(f, "\\%c", c);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(f, "\\x%02x", c);
        } else {
            fputc(c, f);
        }
    }
    fputc('\'', f);
}

static void print_const(FILE *f, const parse_const_t *c) {
    char buf[64];
    switch (c->kind) {
        case PC_NONE: fprintf(f, "None"); break;
        case PC_FALSE: fprintf(f, "False"); break;
        case PC_TRUE: fprintf(f, "True"); break;
        case PC_ELLIPSIS: fprintf(f, "Ellipsis"); break;
        case PC_INT: fprintf(f, "int %s", c->text); break;
        case PC_FLOAT:
            fprintf(f, "float %.*s", (int)mpy_float_text(buf, c->f, false), buf);
            break;
        case PC_COMPLEX:
            fprintf(f, "complex %.*s", (int)mpy_float_text(buf, c->f, true), buf);
            break;
        case PC_STR:
            fprintf(f, "str%s ", c->qstr_id ? "(q)" : "");
            print_text(f, c->text, c->len);
            break;
        case PC_BYTES:
            fprintf(f, "bytes ");
            print_text(f, c->text, c->len);
            break;
        case PC_TUPLE:
            fprintf(f, "tuple(");
            for (size_t i = 0; i < c->n; i++) {
                fprintf(f, i ? ", " : "");
                print_const(f, c->items[i]);
            }
            fprintf(f, ")");
            break;
        default: fprintf(f, "?"); break;
    }
}

static void dump(const parse_t *p, const parse_node_t *pn, FILE *f, int depth) {
    if (pn != NULL && (pn->kind == PN_RULE || pn->kind == PN_CONST)) {
        fprintf(f, "[%4d] ", pn->line);
    } else {
        fprintf(f, "       ");
    }
    fprintf(f, "%*s", depth * 2, "");
    if (pn == NULL) {
        fprintf(f, "NULL\n");
        return;
    }
    size_t len = 0;
    const char *s;
    switch (pn->kind) {
        case PN_RULE:
            fprintf(f, "%s(%u)\n", parse_rule_name(pn->rule), (unsigned)pn->n);
            for (uint32_t i = 0; i < pn->n; i++) {
                dump(p, pn->child[i], f, depth + 1);
            }
            return;
        case PN_CONST:
            fprintf(f, "const(");
            print_const(f, pn->u.cst);
            fprintf(f, ")\n");
            return;
        case PN_ID:
            s = parse_qstr_str(p, pn->u.id, &len);
            fprintf(f, "id(%.*s)\n", (int)len, s ? s : "?");
            return;
        case PN_SMALL_INT:
            fprintf(f, "int(%lld)\n", (long long)pn->u.small);
            return;
        case PN_STRING:
            s = parse_qstr_str(p, pn->u.id, &len);
            fprintf(f, "str(");
            print_text(f, s ? s : "", len);
            fprintf(f, ")\n");
            return;
        default:
            fprintf(f, "tok(%s)\n", lexer_token_name(pn->u.tok));
            return;
    }
}

void parse_dump(const parse_t *p, const parse_node_t *pn, FILE *f) {
    dump(p, pn, f, 0);
}
