// SPDX-License-Identifier: MIT
// genstress.c: writes one generated stress program for the compiler and the output it must print.
//
//   genstress KIND N OUT.py OUT.exp
//
// KIND is one of expr brackets blocks defs consts names locals args bigint strings longline,
// or jump-SHAPE (SHAPE: while if ifelse for try finally with break; N is the bytes of bytecode
// the jump crosses). Each KIND pushes one limit of the compiler and the .mpy format with size N (see the table
// below); the program prints values the generator computes here, so a run can be checked
// without a reference VM. tests/mpycross/stress.sh drives it.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *py, *exp;
} out_t;

// print(x + (x + (... x))): an expression nested n deep (stack depth n).
static void gen_expr(out_t *o, long n) {
    fputs("x = 1\nprint(", o->py);
    for (long i = 0; i < n; i++) {
        fputs("x + (", o->py);
    }
    fputs("x", o->py);
    for (long i = 0; i < n; i++) {
        fputc(')', o->py);
    }
    fputs(")\n", o->py);
    fprintf(o->exp, "%ld\n", n + 1);
}

// [[[...[7]...]]]: brackets n deep, walked back down at run time.
static void gen_brackets(out_t *o, long n) {
    fputs("L = ", o->py);
    for (long i = 0; i < n; i++) {
        fputc(i % 2 ? '(' : '[', o->py);
    }
    fputc('7', o->py);
    for (long i = n - 1; i >= 0; i--) {
        fputs(i % 2 ? ",)" : "]", o->py);
    }
    fputs("\nd = 0\nwhile not isinstance(L, int):\n    L = L[0]\n    d += 1\nprint(d, L)\n", o->py);
    fprintf(o->exp, "%ld 7\n", n);
}

// n nested blocks (if / while / for / try / with), one space of indent per level.
static void gen_blocks(out_t *o, long n) {
    static const char *const heads[] = {
        "if x:", "while x:", "for _ in (1,):", "try:", "with cm:",
    };
    fputs("class CM:\n    def __enter__(self): return self\n"
          "    def __exit__(self, *a): return False\ncm = CM()\nx = 1\nhits = 0\n", o->py);
    fputs("def f():\n global hits\n", o->py);
    for (long i = 0; i < n; i++) {
        fprintf(o->py, "%*s%s\n", (int)(i + 1), "", heads[i % 5]);
    }
    fprintf(o->py, "%*shits += 1\n", (int)(n + 1), "");
    // close the blocks from the inside: while needs a break, try an except
    for (long i = n - 1; i >= 0; i--) {
        if (i % 5 == 1) {
            fprintf(o->py, "%*sbreak\n", (int)(i + 2), "");
        } else if (i % 5 == 3) {
            fprintf(o->py, "%*sexcept Exception:\n%*spass\n", (int)(i + 1), "", (int)(i + 2), "");
        }
    }
    fputs("f()\nprint('blocks', hits)\n", o->py);
    fputs("blocks 1\n", o->exp);
}

// n nested function definitions, each adding its own local and the one of its parent.
static void gen_defs(out_t *o, long n) {
    for (long i = 0; i < n; i++) {
        fprintf(o->py, "%*sdef f%ld(a):\n%*sv%ld = a + %ld\n", (int)i, "", i, (int)i + 1, "", i, i);
    }
    fprintf(o->py, "%*sreturn v%ld + v0\n", (int)n, "", n - 1);
    for (long i = n - 2; i >= 0; i--) {
        fprintf(o->py, "%*sreturn f%ld(v%ld)\n", (int)i + 1, "", i + 1, i);
    }
    fputs("print(f0(1))\n", o->py);
    // v_i = v_{i-1} + i with v_0 = 1: v_{n-1} = 1 + (n-1)n/2; the result adds v0 = 1
    fprintf(o->exp, "%ld\n", 2 + (n - 1) * n / 2);
}

// A jump's body of n >= 12 bytes of bytecode: statements "x += 1" (4 bytes) and "x += 50"
// (5 bytes). Returns what it adds to x.
static long body(out_t *o, const char *indent, long n) {
    long q = n / 4, r = n % 4;
    for (long i = 0; i < q - r; i++) {
        fprintf(o->py, "%sx += 1\n", indent);
    }
    for (long i = 0; i < r; i++) {
        fprintf(o->py, "%sx += 50\n", indent);
    }
    return q - r + 50 * r;
}

// The shapes a jump crosses, each a function whose body is n bytes: the head of the
// function, the text after the body, the call printed and what it prints for a body adding v.
typedef struct {
    const char *name, *head, *tail;
    long mul, add;  // the printed value is mul * v + add
} shape_t;

static const shape_t shapes[] = {
    {"while", "    i = 0\n    while i < 3:\n        i += 1\n", "", 3, 0},
    {"if", "    if c:\n", "", 1, 0},
    {"ifelse", "    if c:\n", "    else:\n        x = -1\n", 1, 0},
    {"for", "    for i in [1, 2]:\n", "", 2, 0},
    {"try", "    try:\n", "        raise ValueError\n    except ValueError:\n        x += 1000\n", 1,
     1000},
    {"finally", "    try:\n", "    finally:\n        x += 1000\n", 1, 1000},
    {"with", "    with CM():\n", "", 1, 0},
    {"break", "    for i in range(5):\n        if i == 2:\n            break\n", "", 2, 0},
};

// jump-SHAPE: one function of that shape whose body is n bytes (n >= 12).
static void gen_jump(out_t *o, const shape_t *sh, long n) {
    fputs("class CM:\n    def __enter__(self): return self\n"
          "    def __exit__(self, *a): return False\n", o->py);
    fprintf(o->py, "def f(c):\n    x = 0\n%s", sh->head);
    long v = body(o, "        ", n < 12 ? 12 : n);
    fprintf(o->py, "%s    return x\nprint(f(1))\n", sh->tail);
    fprintf(o->exp, "%ld\n", sh->mul * v + sh->add);
}

// n distinct constant objects (bytes literals), each used once.
static void gen_consts(out_t *o, long n) {
    fputs("t = 0\n", o->py);
    long sum = 0;
    for (long i = 0; i < n; i++) {
        fprintf(o->py, "t += len(b'c%ld')\n", i);
        sum += snprintf(NULL, 0, "c%ld", i);
    }
    fprintf(o->py, "print(t, %ld)\n", n);
    fprintf(o->exp, "%ld %ld\n", sum, n);
}

// n distinct global names (each a new qstr), then their sum on one long line.
static void gen_names(out_t *o, long n) {
    for (long i = 0; i < n; i++) {
        fprintf(o->py, "name_%ld = %ld\n", i, i % 7);
    }
    fputs("print(0", o->py);
    long sum = 0;
    for (long i = 0; i < n; i++) {
        fprintf(o->py, " + name_%ld", i);
        sum += i % 7;
    }
    fputs(")\n", o->py);
    fprintf(o->exp, "%ld\n", sum);
}

// A function with n locals (past the 16 one-byte slots and the 1-byte vuint).
static void gen_locals(out_t *o, long n) {
    fputs("def f():\n", o->py);
    for (long i = 0; i < n; i++) {
        fprintf(o->py, "    a%ld = %ld\n", i, i);
    }
    fputs("    return 0", o->py);
    for (long i = 0; i < n; i++) {
        fprintf(o->py, " + a%ld", i);
    }
    fputs("\nprint(f())\n", o->py);
    fprintf(o->exp, "%ld\n", n * (n - 1) / 2);
}

// A function with n positional parameters, called with *range(n).
static void gen_args(out_t *o, long n) {
    fputs("def g(", o->py);
    for (long i = 0; i < n; i++) {
        fprintf(o->py, "%sp%ld", i ? ", " : "", i);
    }
    fprintf(o->py, "):\n    return p0 - p%ld\nprint(g(*range(%ld)))\n", n - 1, n);
    fprintf(o->exp, "%ld\n", -(n - 1));
}

// An int literal of n digits: its length, a residue and its first digits.
static void gen_bigint(out_t *o, long n) {
    fputs("x = ", o->py);
    long r = 0;
    char first[6] = {0};
    for (long i = 0; i < n; i++) {
        int d = (int)((i * 7 + 3) % 10);
        if (i == 0 && d == 0) {
            d = 1;
        }
        fputc('0' + d, o->py);
        r = (r * 10 + d) % 1000003;
        if (i < 5) {
            first[i] = (char)('0' + d);
        }
    }
    fprintf(o->py, "\nprint(len(str(x)), x %% 1000003, str(x)[:5], -x < 0)\n");
    fprintf(o->exp, "%ld %ld %s True\n", n, r, first);
}

// A str and a bytes literal of n characters each.
static void gen_strings(out_t *o, long n) {
    fputs("s = '", o->py);
    for (long i = 0; i < n; i++) {
        fputc('a' + (int)(i % 26), o->py);
    }
    fputs("'\nb = b'", o->py);
    for (long i = 0; i < n; i++) {
        fputc('A' + (int)(i % 26), o->py);
    }
    fputs("'\nprint(len(s), s[-3:], len(b), b[-3:].decode(), s.count('z'))\n", o->py);
    char tail[4], btail[4];
    for (int k = 0; k < 3; k++) {
        tail[k] = (char)('a' + (n - 3 + k) % 26);
        btail[k] = (char)('A' + (n - 3 + k) % 26);
    }
    tail[3] = btail[3] = '\0';
    fprintf(o->exp, "%ld %s %ld %s %ld\n", n, tail, n, btail, n / 26);
}

// A list display of n elements on one line.
static void gen_longline(out_t *o, long n) {
    fputs("L = [", o->py);
    long sum = 0;
    for (long i = 0; i < n; i++) {
        fprintf(o->py, "%s%ld", i ? ", " : "", i % 1000);
        sum += i % 1000;
    }
    fputs("]\nprint(len(L), sum(L))\n", o->py);
    fprintf(o->exp, "%ld %ld\n", n, sum);
}

typedef struct {
    const char *name;
    void (*gen)(out_t *, long);
} kind_t;

static const kind_t kinds[] = {
    {"expr", gen_expr},       {"brackets", gen_brackets}, {"blocks", gen_blocks},
    {"defs", gen_defs},       {"consts", gen_consts},
    {"names", gen_names},     {"locals", gen_locals},   {"args", gen_args},     {"bigint", gen_bigint},
    {"strings", gen_strings}, {"longline", gen_longline},
};

// Writes the program and its output for a kind or a jump shape; returns the exit status.
static int write_case(char **argv, const kind_t *k, const shape_t *sh, long n) {
    out_t o = {fopen(argv[3], "w"), fopen(argv[4], "w")};
    if (o.py == NULL || o.exp == NULL || n < 1) {
        fputs("genstress: cannot write the outputs (or N < 1)\n", stderr);
        if (o.py != NULL) {
            fclose(o.py);
        }
        if (o.exp != NULL) {
            fclose(o.exp);
        }
        return 2;
    }
    if (k != NULL) {
        k->gen(&o, n);
    } else {
        gen_jump(&o, sh, n);
    }
    int bad = fclose(o.py) != 0;
    bad |= fclose(o.exp) != 0;
    return bad ? 2 : 0;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fputs("usage: genstress KIND N OUT.py OUT.exp\n", stderr);
        return 2;
    }
    long n = strtol(argv[2], NULL, 10);
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        if (strncmp(argv[1], "jump-", 5) == 0 && strcmp(argv[1] + 5, shapes[i].name) == 0) {
            return write_case(argv, NULL, &shapes[i], n);
        }
    }
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strcmp(argv[1], kinds[i].name) == 0) {
            return write_case(argv, &kinds[i], NULL, n);
        }
    }
    fprintf(stderr, "genstress: unknown kind %s\n", argv[1]);
    return 2;
}
