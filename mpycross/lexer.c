// SPDX-License-Identifier: MIT
// lexer.c: tokens of MicroPython's Python dialect: indentation, numbers, strings, f-strings.
#include "mpycross/lexer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpycross/parsestate.h"
#include "runtime/opcodes.h"

/*
 * The scanner follows mpy-cross's reading of the source character by
 * character (compiler.md §2): a three-character look-ahead over the stream of
 * parsestate.h, tokens made on demand by lexer_next. Errors never stop the
 * scan: they become error tokens (INVALID, LONELY_STRING_OPEN, ...) that the
 * parser reports when it meets them, except "\N{...}", which raises at once.
 */

#define EOFC (-1)
#define TAB_SIZE 8

static const char *const token_names[] = {
#define TOKEN_NAME(name) #name,
    TOKEN_LIST(TOKEN_NAME)
#undef TOKEN_NAME
};

const char *lexer_token_name(int tok) {
    if (tok < 0 || tok >= TOK_NUM) {
        return "?";
    }
    return token_names[tok];
}

int lexer_binary_op(int tok) {
    if (tok >= TOK_OP_LESS && tok <= TOK_OP_NOT_EQUAL) {
        return MP_BINARY_OP_LESS + (tok - TOK_OP_LESS);
    }
    if (tok >= TOK_OP_PIPE && tok <= TOK_OP_DBL_STAR) {
        return MP_BINARY_OP_OR + (tok - TOK_OP_PIPE);
    }
    if (tok >= TOK_DEL_PIPE_EQUAL && tok <= TOK_DEL_DBL_STAR_EQUAL) {
        return MP_BINARY_OP_INPLACE_OR + (tok - TOK_DEL_PIPE_EQUAL);
    }
    return -1;
}

// ---- character stream ---------------------------------------------------------------

// Character k places ahead of the front of the stream (0 = current), or EOFC.
static int peekc(const lexer_state_t *lx, size_t k) {
    if (lx->injecting) {
        size_t left = lx->inject.len - lx->inject_pos;
        if (k < left) {
            return (unsigned char)lx->inject.buf[lx->inject_pos + k];
        }
        k -= left;
    }
    if (lx->pos + k < lx->len) {
        return (unsigned char)lx->src[lx->pos + k];
    }
    return EOFC;
}

#define CUR(lx) peekc((lx), 0)
#define NEXT1(lx) peekc((lx), 1)
#define NEXT2(lx) peekc((lx), 2)

static void next_char(lexer_state_t *lx) {
    int c = CUR(lx);
    if (c == EOFC) {
        return;
    }
    if (c == '\n') {
        lx->line += 1;
        lx->col = 1;
    } else if (c == '\t') {
        lx->col = ((lx->col - 1 + TAB_SIZE) / TAB_SIZE) * TAB_SIZE + 1;
    } else {
        lx->col += 1;
    }
    if (lx->injecting) {
        lx->inject_pos += 1;
        if (lx->inject_pos >= lx->inject.len) {
            // all of the argument text has been read: back to the source
            lx->injecting = false;
            lx->inject_pos = 0;
            lx->inject.len = 0;
        }
    } else {
        lx->pos += 1;
    }
}

static bool is_space(int c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool is_alpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(int c) {
    return c >= '0' && c <= '9';
}

static bool is_xdigit(int c) {
    return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static int xdigit_value(int c) {
    return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

static bool is_head_of_identifier(int c) {
    return is_alpha(c) || c == '_' || c >= 0x80;
}

static bool is_quote(int c) {
    return c == '\'' || c == '"';
}

// Does a string, bytes, f- or t-string literal start here? Prefixes are lower case.
static bool is_string_start(const lexer_state_t *lx) {
    int c0 = CUR(lx), c1 = NEXT1(lx), c2 = NEXT2(lx);
    if (is_quote(c0)) {
        return true;
    }
    if (c0 > 0 && strchr("rubft", c0) != NULL && is_quote(c1)) {
        return true;
    }
    if (!is_quote(c2)) {
        return false;
    }
    return (c0 == 'r' && (c1 == 'b' || c1 == 'f' || c1 == 't'))
           || ((c0 == 'b' || c0 == 'f' || c0 == 't') && c1 == 'r');
}

// ---- buffers -------------------------------------------------------------------------

static void text_add(parse_t *p, char c) {
    parse_vstr_byte(p, &p->lx.text, c);
}

// Append code point c as UTF-8 (c < 0x110000).
static void text_add_utf8(parse_t *p, unsigned long c) {
    char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xc0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xe0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        b[2] = (char)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        b[0] = (char)(0xf0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
        b[3] = (char)(0x80 | (c & 0x3f));
        n = 4;
    }
    parse_vstr_add(p, &p->lx.text, b, n);
}

// ---- string literals -----------------------------------------------------------------

// Called with the current character just before the first hex digit; leaves
// it on the last digit read. false if a non-hex character came first.
static bool get_hex(lexer_state_t *lx, int ndig, unsigned long *out) {
    unsigned long v = 0;
    while (ndig-- > 0) {
        next_char(lx);
        int c = CUR(lx);
        if (!is_xdigit(c)) {
            return false;
        }
        v = (v << 4) + (unsigned long)xdigit_value(c);
    }
    *out = v;
    return true;
}

// The escape after a backslash (current char is the one after it) in a
// non-raw literal. Returns the value to add, or -1 for "nothing to add".
static long escape_value(parse_t *p, bool is_bytes) {
    lexer_state_t *lx = &p->lx;
    int c = CUR(lx);
    switch (c) {
        case '\n':
            return -1;
        case '\\':
        case '\'':
        case '"':
            return c;
        case 'a':
            return 0x07;
        case 'b':
            return 0x08;
        case 't':
            return 0x09;
        case 'n':
            return 0x0a;
        case 'v':
            return 0x0b;
        case 'f':
            return 0x0c;
        case 'r':
            return 0x0d;
        case 'u':
        case 'U':
            if (is_bytes) {
                text_add(p, '\\');  // b'\u1234' is b'\\u1234'
                return c;
            }
            // fall through
        case 'x': {
            unsigned long v = 0;
            if (!get_hex(lx, c == 'x' ? 2 : c == 'u' ? 4 : 8, &v)) {
                p->tok.kind = TOK_INVALID;
            }
            return (long)v;
        }
        case 'N':
            diag_raise(&p->diag, "NotImplementedError", p->tok.line, p->tok.col, false,
                       "unicode name escapes");
        default:
            if (c >= '0' && c <= '7') {
                long v = c - '0';
                for (int digits = 3; NEXT1(lx) >= '0' && NEXT1(lx) <= '7' && --digits != 0;) {
                    next_char(lx);
                    v = v * 8 + (CUR(lx) - '0');
                }
                return v;
            }
            // an unknown escape keeps its backslash
            text_add(p, '\\');
            return c == EOFC ? -1 : c;
    }
}

static void add_escaped(parse_t *p, long v, bool is_bytes) {
    if (v < 0) {
        return;
    }
    if (!is_bytes && v < 0x110000) {
        text_add_utf8(p, (unsigned long)v);
    } else if (is_bytes && v < 0x100) {
        text_add(p, (char)v);
    } else {
        p->tok.kind = TOK_INVALID;
    }
}

// A replacement field of an f-string, current char just after its '{'
// (compiler.md §2.7 rules 3-6): the expression goes to the argument text.
static void fstring_field(parse_t *p) {
    lexer_state_t *lx = &p->lx;
    parse_vstr_byte(p, &lx->fargs, '(');
    size_t start = lx->fargs.len;
    unsigned depth = 0;
    for (int c = CUR(lx); c != EOFC; c = CUR(lx)) {
        if (depth == 0) {
            if (c == ':' || c == '}') {
                break;
            }
            int c2 = NEXT2(lx);
            if (c == '!' && (NEXT1(lx) == 'r' || NEXT1(lx) == 's') && (c2 == ':' || c2 == '}')) {
                break;
            }
        }
        if (c == '[' || c == '{') {
            depth += 1;
        } else if (c == ']' || c == '}') {
            depth -= 1;
        }
        parse_vstr_byte(p, &lx->fargs, (char)c);
        next_char(lx);
    }
    if (lx->fargs.len > start && lx->fargs.buf[lx->fargs.len - 1] == '=') {
        // {expr=}: the text goes to the format string, the '=' leaves the expression
        parse_vstr_add(p, &lx->text, lx->fargs.buf + start, lx->fargs.len - start);
        lx->fargs.len -= 1;
    }
    if (lx->fargs.len == start) {
        p->tok.kind = TOK_MALFORMED_FSTRING;
    }
    parse_vstr_add(p, &lx->fargs, "),", 2);
}

// Steps over the opening quote at the current char: 1 or 3 (a triple-quoted string).
static size_t open_quote(lexer_state_t *lx) {
    int quote = CUR(lx);
    next_char(lx);
    if (CUR(lx) == quote && NEXT1(lx) == quote) {
        next_char(lx);
        next_char(lx);
        return 3;
    }
    return 1;
}

// One literal part (quote at the current char); appends its value to the token text.
static void string_part(parse_t *p, bool is_raw, bool is_fstring, bool is_bytes) {
    lexer_state_t *lx = &p->lx;
    int quote = CUR(lx);
    size_t nquotes = open_quote(lx);
    if (is_fstring && lx->fargs.len == 0) {
        parse_vstr_add(p, &lx->fargs, ".format(", 8);
    }
    size_t nclosing = 0;
    for (int c = CUR(lx); c != EOFC && (nquotes > 1 || c != '\n') && nclosing < nquotes;
         c = CUR(lx)) {
        if (c == quote) {
            nclosing += 1;
            text_add(p, (char)c);
            next_char(lx);
            continue;
        }
        nclosing = 0;
        while (is_fstring && CUR(lx) == '{') {
            next_char(lx);
            if (CUR(lx) == '{') {
                text_add(p, '{');
                next_char(lx);
            } else {
                fstring_field(p);
            }
            text_add(p, '{');
        }
        c = CUR(lx);
        if (c == '\\') {
            next_char(lx);
            if (is_raw) {
                // raw literals keep the backslash; it still protects a quote
                text_add(p, '\\');
                int c1 = CUR(lx);
                add_escaped(p, c1 == EOFC ? -1 : c1, is_bytes);
            } else {
                add_escaped(p, escape_value(p, is_bytes), is_bytes);
            }
        } else if (c != EOFC) {
            text_add(p, (char)c);
        }
        next_char(lx);
    }
    if (nclosing < nquotes) {
        p->tok.kind = TOK_LONELY_STRING_OPEN;
    }
    lx->text.len -= nclosing;
}

// Skip whitespace, comments and backslash-newlines. With stop_at_newline, stop
// at a newline outside brackets and return true (it is the end of a line).
static bool skip_whitespace(lexer_state_t *lx, bool stop_at_newline) {
    for (int c = CUR(lx); c != EOFC; c = CUR(lx)) {
        if (c == '\n') {
            if (stop_at_newline && lx->bracket == 0) {
                return true;
            }
            next_char(lx);
        } else if (is_space(c)) {
            next_char(lx);
        } else if (c == '#') {
            while (CUR(lx) != EOFC && CUR(lx) != '\n') {
                next_char(lx);
            }
        } else if (c == '\\' && NEXT1(lx) == '\n') {
            next_char(lx);
            next_char(lx);
        } else {
            break;
        }
    }
    return false;
}

// Append s[0..n) to v as a Python str literal that reads back as the same bytes.
static void add_repr(parse_t *p, vstr_t *v, const char *s, size_t n) {
    parse_vstr_byte(p, v, '\'');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c == '\\' || c == '\'') {
            esc[0] = '\\';
            esc[1] = (char)c;
            parse_vstr_add(p, v, esc, 2);
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof(esc), "\\x%02x", c);
            parse_vstr_add(p, v, esc, 4);
        } else {
            parse_vstr_byte(p, v, (char)c);
        }
    }
    parse_vstr_add(p, v, "',", 2);
}

// Copy a t-string field's text to out while at bracket depth 0 none of the
// stop characters comes (the f-string rule of compiler.md §2.7).
static void tstring_copy(parse_t *p, vstr_t *out, bool is_expr) {
    lexer_state_t *lx = &p->lx;
    unsigned depth = 0;
    for (int c = CUR(lx); c != EOFC; c = CUR(lx)) {
        if (depth == 0) {
            if (c == '}' || (is_expr && c == ':')) {
                break;
            }
            int c2 = NEXT2(lx);
            if (is_expr && c == '!' && (NEXT1(lx) == 'r' || NEXT1(lx) == 's')
                && (c2 == ':' || c2 == '}')) {
                break;
            }
        }
        if (c == '[' || c == '{') {
            depth += 1;
        } else if (c == ']' || c == '}') {
            depth -= 1;
        }
        parse_vstr_byte(p, out, (char)c);
        next_char(lx);
    }
}

// One interpolation {expr!c:spec} of a t-string (current char after '{'): its
// four call arguments go to args; a self-documenting "expr=" goes to part.
static void tstring_field(parse_t *p, vstr_t *part, vstr_t *parts, vstr_t *args) {
    lexer_state_t *lx = &p->lx;
    vstr_t *expr = &lx->texpr, *spec = &lx->tspec;
    expr->len = 0;
    spec->len = 0;
    tstring_copy(p, expr, true);
    bool self_doc = expr->len > 0 && expr->buf[expr->len - 1] == '=';
    if (self_doc) {
        parse_vstr_add(p, part, expr->buf, expr->len);
        expr->len -= 1;
    }
    if (expr->len == 0) {
        p->tok.kind = TOK_MALFORMED_FSTRING;
    }
    add_repr(p, parts, part->buf, part->len);
    part->len = 0;
    int conv = 0;
    if (CUR(lx) == '!') {
        next_char(lx);
        conv = CUR(lx);
        next_char(lx);
    }
    if (CUR(lx) == ':') {
        next_char(lx);
        tstring_copy(p, spec, false);
    }
    if (CUR(lx) == '}') {
        next_char(lx);
    }
    if (self_doc && conv == 0 && spec->len == 0) {
        conv = 'r';
    }
    parse_vstr_byte(p, args, '(');
    parse_vstr_add(p, args, expr->buf, expr->len);
    parse_vstr_add(p, args, "),", 2);
    add_repr(p, args, expr->buf, expr->len);
    if (conv != 0) {
        char c = (char)conv;
        add_repr(p, args, &c, 1);
    } else {
        parse_vstr_add(p, args, "None,", 5);
    }
    // A spec with nested fields becomes an f-string, i.e. a '...'.format(...) call
    // (compiler.md section 2.8; section 16.2 lists t-strings beyond the simple forms as
    // not verified against mpy-cross). Known gap: spec text is copied unescaped from the
    // source, so a backslash escape inside a spec is re-escaped rather than decoded.
    if (spec->len > 0 && memchr(spec->buf, '{', spec->len) != NULL) {
        parse_vstr_byte(p, args, 'f');
    }
    add_repr(p, args, spec->buf, spec->len);
}

// A t-string (compiler.md §2.8), quote at the current char: the token becomes
// the name __template__ and its arguments are read next, as for f-strings:
//   __template__(('s0', 's1', ...), (e1), 'e1', c1, 'f1', ...)
// More than TSTRING_MAX_FIELDS interpolations would need 1 + 4n > 255 call arguments;
// compiler.md section 2.8 says mpy-cross then wraps the interpolation arguments in one
// extra tuple but marks that [unverified] (also section 16.2), so rather than guess the
// exact shape (or emit an overflowing CALL_FUNCTION) such a t-string is refused.
#define TSTRING_MAX_FIELDS 63

static void tstring_part(parse_t *p, bool is_raw) {
    lexer_state_t *lx = &p->lx;
    int quote = CUR(lx);
    size_t nquotes = open_quote(lx);
    vstr_t *parts = &lx->tparts, *args = &lx->targs;
    parts->len = 0;
    args->len = 0;
    vstr_t *part = &lx->text;
    size_t nclosing = 0, nfields = 0;
    for (int c = CUR(lx); c != EOFC && (nquotes > 1 || c != '\n') && nclosing < nquotes;
         c = CUR(lx)) {
        if (c == quote) {
            nclosing += 1;
        } else {
            nclosing = 0;
        }
        if (c == '{' || (c == '}' && NEXT1(lx) == '}')) {
            next_char(lx);
            if (CUR(lx) == c) {
                text_add(p, (char)c);  // {{ and }} are the characters
                next_char(lx);
            } else {
                tstring_field(p, part, parts, args);
                nfields += 1;
            }
            continue;
        }
        if (c == '\\') {
            next_char(lx);
            if (is_raw) {
                text_add(p, '\\');
                add_escaped(p, CUR(lx) == EOFC ? -1 : CUR(lx), false);
            } else {
                add_escaped(p, escape_value(p, false), false);
            }
        } else {
            text_add(p, (char)c);
        }
        next_char(lx);
    }
    if (nclosing < nquotes) {
        p->tok.kind = TOK_LONELY_STRING_OPEN;
    }
    if (nfields > TSTRING_MAX_FIELDS) {
        diag_raise(&p->diag, "NotImplementedError", p->tok.line, p->tok.col, true,
                   "t-string with more than 63 interpolations");
    }
    part->len -= nclosing;
    add_repr(p, parts, part->buf, part->len);
    lx->fargs.len = 0;
    parse_vstr_add(p, &lx->fargs, "((", 2);
    parse_vstr_add(p, &lx->fargs, parts->buf, parts->len);
    parse_vstr_add(p, &lx->fargs, "),", 2);
    parse_vstr_add(p, &lx->fargs, args->buf, args->len);
    lx->text.len = 0;
    parse_vstr_add(p, &lx->text, "__template__", 12);
    if (p->tok.kind == TOK_STRING) {
        p->tok.kind = TOK_NAME;
    }
}

// The string token just read has arguments (f- or t-string): splice
// "<args>)" into the stream at the current read position.
static void inject_args(parse_t *p) {
    lexer_state_t *lx = &p->lx;
    parse_vstr_byte(p, &lx->fargs, ')');
    if (!lx->injecting) {
        lx->inject.len = 0;
        lx->inject_pos = 0;
    }
    // make room in inject at inject_pos, then copy the arguments there
    size_t n = lx->fargs.len, tail = lx->inject.len - lx->inject_pos;
    parse_vstr_add(p, &lx->inject, lx->fargs.buf, n);  // grows by n
    memmove(lx->inject.buf + lx->inject_pos + n, lx->inject.buf + lx->inject_pos, tail);
    memcpy(lx->inject.buf + lx->inject_pos, lx->fargs.buf, n);
    lx->injecting = true;
    lx->fargs.len = 0;
}

enum { PART_STR, PART_BYTES, PART_TSTR };

// A literal with its implicit concatenation (compiler.md §2.6).
static void string_token(parse_t *p) {
    lexer_state_t *lx = &p->lx;
    int kind = -1;
    do {
        bool is_raw = false, is_f = false;
        int part = PART_STR;
        int c0 = CUR(lx), c1 = NEXT1(lx);
        int nprefix = is_quote(c0) ? 0 : is_quote(c1) ? 1 : 2;
        for (int i = 0; i < nprefix; i++) {
            int c = i == 0 ? c0 : c1;
            if (c == 'r') {
                is_raw = true;
            } else if (c == 'b') {
                part = PART_BYTES;
            } else if (c == 'f') {
                is_f = true;
            } else if (c == 't') {
                part = PART_TSTR;
            }
        }
        if (kind == -1) {
            kind = part;
            p->tok.kind = part == PART_BYTES ? TOK_BYTES : TOK_STRING;
        } else if (kind != part || part == PART_TSTR) {
            break;
        }
        for (int i = 0; i < nprefix; i++) {
            next_char(lx);
        }
        if (part == PART_TSTR) {
            tstring_part(p, is_raw);
        } else {
            string_part(p, is_raw, is_f, part == PART_BYTES);
        }
        skip_whitespace(lx, true);
    } while (is_string_start(lx));
    if (lx->fargs.len > 0) {
        inject_args(p);
    }
}

// ---- names, numbers, operators -------------------------------------------------------

static const struct {
    const char *s;
    int tok;
} keywords[] = {
    {"False", TOK_KW_FALSE}, {"None", TOK_KW_NONE}, {"True", TOK_KW_TRUE},
    {"__debug__", TOK_KW___DEBUG__}, {"and", TOK_KW_AND}, {"as", TOK_KW_AS},
    {"assert", TOK_KW_ASSERT}, {"async", TOK_KW_ASYNC}, {"await", TOK_KW_AWAIT},
    {"break", TOK_KW_BREAK}, {"class", TOK_KW_CLASS}, {"continue", TOK_KW_CONTINUE},
    {"def", TOK_KW_DEF}, {"del", TOK_KW_DEL}, {"elif", TOK_KW_ELIF}, {"else", TOK_KW_ELSE},
    {"except", TOK_KW_EXCEPT}, {"finally", TOK_KW_FINALLY}, {"for", TOK_KW_FOR},
    {"from", TOK_KW_FROM}, {"global", TOK_KW_GLOBAL}, {"if", TOK_KW_IF},
    {"import", TOK_KW_IMPORT}, {"in", TOK_KW_IN}, {"is", TOK_KW_IS},
    {"lambda", TOK_KW_LAMBDA}, {"nonlocal", TOK_KW_NONLOCAL}, {"not", TOK_KW_NOT},
    {"or", TOK_KW_OR}, {"pass", TOK_KW_PASS}, {"raise", TOK_KW_RAISE},
    {"return", TOK_KW_RETURN}, {"try", TOK_KW_TRY}, {"while", TOK_KW_WHILE},
    {"with", TOK_KW_WITH}, {"yield", TOK_KW_YIELD},
};

static void name_token(parse_t *p) {
    lexer_state_t *lx = &p->lx;
    p->tok.kind = TOK_NAME;
    while (is_head_of_identifier(CUR(lx)) || is_digit(CUR(lx))) {
        text_add(p, (char)CUR(lx));
        next_char(lx);
    }
    for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        if (strlen(keywords[i].s) == lx->text.len
            && memcmp(keywords[i].s, lx->text.buf, lx->text.len) == 0) {
            p->tok.kind = keywords[i].tok;
            if (p->tok.kind == TOK_KW___DEBUG__) {
                p->tok.kind = lx->debug_true ? TOK_KW_TRUE : TOK_KW_FALSE;
            }
            break;
        }
    }
}

// Greedy number scan (compiler.md §2.5); '_' is dropped, 'E' is written 'e'.
static void number_token(parse_t *p) {
    lexer_state_t *lx = &p->lx;
    bool forced_int = false;
    if (CUR(lx) == '.') {
        p->tok.kind = TOK_FLOAT_OR_IMAG;
    } else {
        p->tok.kind = TOK_INTEGER;
        int b = NEXT1(lx) | 0x20;
        forced_int = CUR(lx) == '0' && (b == 'b' || b == 'o' || b == 'x');
    }
    text_add(p, (char)CUR(lx));
    next_char(lx);
    for (int c = CUR(lx); c != EOFC; c = CUR(lx)) {
        if (!forced_int && (c == 'e' || c == 'E')) {
            p->tok.kind = TOK_FLOAT_OR_IMAG;
            text_add(p, 'e');
            next_char(lx);
            if (CUR(lx) == '+' || CUR(lx) == '-') {
                text_add(p, (char)CUR(lx));
                next_char(lx);
            }
        } else if (is_alpha(c) || is_digit(c) || c == '.') {
            if (c == '.' || c == 'j' || c == 'J') {
                p->tok.kind = TOK_FLOAT_OR_IMAG;
            }
            text_add(p, (char)c);
            next_char(lx);
        } else if (c == '_') {
            next_char(lx);
        } else {
            break;
        }
    }
}

// If the current char is c, consume it and return true.
static bool accept(lexer_state_t *lx, int c) {
    if (CUR(lx) == c) {
        next_char(lx);
        return true;
    }
    return false;
}

// X, X= and (when d is given) XX, XX= operators.
static int op2(lexer_state_t *lx, int single, int single_eq, int dbl, int dbl_eq) {
    int c = CUR(lx);
    next_char(lx);
    if (dbl >= 0 && accept(lx, c)) {
        return accept(lx, '=') ? dbl_eq : dbl;
    }
    return accept(lx, '=') ? single_eq : single;
}

static int operator_token(lexer_state_t *lx) {
    int c = CUR(lx);
    switch (c) {
        case '(': case ')': case '[': case ']': case '{': case '}': case ',': case ';': case '~': {
            static const char singles[] = "()[]{},;~";
            static const int kinds[] = {TOK_DEL_PAREN_OPEN, TOK_DEL_PAREN_CLOSE,
                TOK_DEL_BRACKET_OPEN, TOK_DEL_BRACKET_CLOSE, TOK_DEL_BRACE_OPEN,
                TOK_DEL_BRACE_CLOSE, TOK_DEL_COMMA, TOK_DEL_SEMICOLON, TOK_OP_TILDE};
            next_char(lx);
            int k = kinds[strchr(singles, c) - singles];
            if (c == '(' || c == '[' || c == '{') {
                lx->bracket += 1;
            } else if (c == ')' || c == ']' || c == '}') {
                lx->bracket -= 1;
            }
            return k;
        }
        case ':':
            next_char(lx);
            return accept(lx, '=') ? TOK_OP_ASSIGN : TOK_DEL_COLON;
        case '<':
            return op2(lx, TOK_OP_LESS, TOK_OP_LESS_EQUAL, TOK_OP_DBL_LESS, TOK_DEL_DBL_LESS_EQUAL);
        case '>':
            return op2(lx, TOK_OP_MORE, TOK_OP_MORE_EQUAL, TOK_OP_DBL_MORE, TOK_DEL_DBL_MORE_EQUAL);
        case '*':
            return op2(lx, TOK_OP_STAR, TOK_DEL_STAR_EQUAL, TOK_OP_DBL_STAR, TOK_DEL_DBL_STAR_EQUAL);
        case '/':
            return op2(lx, TOK_OP_SLASH, TOK_DEL_SLASH_EQUAL, TOK_OP_DBL_SLASH,
                       TOK_DEL_DBL_SLASH_EQUAL);
        case '+':
            return op2(lx, TOK_OP_PLUS, TOK_DEL_PLUS_EQUAL, -1, -1);
        case '-':
            next_char(lx);
            if (accept(lx, '=')) {
                return TOK_DEL_MINUS_EQUAL;
            }
            return accept(lx, '>') ? TOK_DEL_MINUS_MORE : TOK_OP_MINUS;
        case '&':
            return op2(lx, TOK_OP_AMPERSAND, TOK_DEL_AMPERSAND_EQUAL, -1, -1);
        case '|':
            return op2(lx, TOK_OP_PIPE, TOK_DEL_PIPE_EQUAL, -1, -1);
        case '%':
            return op2(lx, TOK_OP_PERCENT, TOK_DEL_PERCENT_EQUAL, -1, -1);
        case '^':
            return op2(lx, TOK_OP_CARET, TOK_DEL_CARET_EQUAL, -1, -1);
        case '@':
            return op2(lx, TOK_OP_AT, TOK_DEL_AT_EQUAL, -1, -1);
        case '=':
            return op2(lx, TOK_DEL_EQUAL, TOK_OP_DBL_EQUAL, -1, -1);
        case '!':
            next_char(lx);
            return accept(lx, '=') ? TOK_OP_NOT_EQUAL : TOK_INVALID;
        case '.':
            next_char(lx);
            if (CUR(lx) == '.' && NEXT1(lx) == '.') {
                next_char(lx);
                next_char(lx);
                return TOK_ELLIPSIS;
            }
            return TOK_DEL_PERIOD;
        default:
            next_char(lx);
            return TOK_INVALID;
    }
}

// ---- the token loop ------------------------------------------------------------------

static void indent_push(parse_t *p, size_t n) {
    lexer_state_t *lx = &p->lx;
    if (lx->nindent == lx->capindent) {
        size_t cap = lx->capindent ? lx->capindent * 2 : 16;
        size_t *v = realloc(lx->indent, cap * sizeof(size_t));
        if (v == NULL) {
            parse_nomem(p);
        }
        lx->indent = v;
        lx->capindent = cap;
    }
    lx->indent[lx->nindent++] = n;
}

// After a physical newline: the NEWLINE token, and the indentation that follows.
static void newline_token(parse_t *p) {
    lexer_state_t *lx = &p->lx;
    skip_whitespace(lx, false);
    p->tok.kind = TOK_NEWLINE;
    size_t n = (size_t)(lx->col - 1);
    size_t top = lx->indent[lx->nindent - 1];
    if (n > top) {
        indent_push(p, n);
        lx->emit_dent += 1;
    } else if (n < top) {
        while (n < lx->indent[lx->nindent - 1]) {
            lx->nindent -= 1;
            lx->emit_dent -= 1;
        }
        if (n != lx->indent[lx->nindent - 1]) {
            p->tok.kind = TOK_DEDENT_MISMATCH;
        }
    }
}

void lexer_next(parse_t *p) {
    lexer_state_t *lx = &p->lx;
    lx->text.len = 0;
    bool had_newline = skip_whitespace(lx, true);
    p->tok.line = lx->line;
    p->tok.col = lx->col;
    if (lx->emit_dent < 0) {
        p->tok.kind = TOK_DEDENT;
        lx->emit_dent += 1;
    } else if (lx->emit_dent > 0) {
        p->tok.kind = TOK_INDENT;
        lx->emit_dent -= 1;
    } else if (had_newline) {
        newline_token(p);
    } else if (CUR(lx) == EOFC) {
        p->tok.kind = TOK_END;
    } else if (is_string_start(lx)) {
        string_token(p);
    } else if (is_head_of_identifier(CUR(lx))) {
        name_token(p);
    } else if (is_digit(CUR(lx)) || (CUR(lx) == '.' && is_digit(NEXT1(lx)))) {
        number_token(p);
    } else {
        p->tok.kind = operator_token(lx);
    }
    parse_vstr_byte(p, &lx->text, '\0');
    lx->text.len -= 1;
    p->tok.text = lx->text.buf;
    p->tok.len = lx->text.len;
}

void lexer_start(parse_t *p, const char *src, size_t len) {
    lexer_state_t *lx = &p->lx;
    lx->src = malloc(len + 1);
    if (lx->src == NULL) {
        parse_nomem(p);
    }
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        if (c == '\r') {
            c = '\n';
            if (i + 1 < len && src[i + 1] == '\n') {
                i++;
            }
        } else if (c == '\0') {
            c = '\x01';
        }
        lx->src[n++] = c;
    }
    if (n > 0 && lx->src[n - 1] != '\n') {
        lx->src[n++] = '\n';
    }
    lx->len = n;
    lx->line = 1;
    lx->col = 1;
    indent_push(p, 0);
    lexer_next(p);
    if (p->tok.col != 1 && p->tok.kind != TOK_NEWLINE) {
        p->tok.kind = TOK_INDENT;
    }
}

void lexer_state_free(lexer_state_t *lx) {
    free(lx->src);
    free(lx->fargs.buf);
    free(lx->inject.buf);
    free(lx->tparts.buf);
    free(lx->targs.buf);
    free(lx->texpr.buf);
    free(lx->tspec.buf);
    free(lx->indent);
    free(lx->text.buf);
    memset(lx, 0, sizeof(*lx));
}
