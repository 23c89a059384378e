// SPDX-License-Identifier: MIT
// dump-tables: prints runtime/opcodes.h and runtime/qstrdefs.h in the spec's TSV
// forms, so tests/unit/run.sh can compare them with shared/spec.
#include <stdio.h>
#include <string.h>

#include "runtime/opcodes.h"
#include "runtime/qstrdefs.h"

static void print_json_string(const char *s) {
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            printf("\\%c", *s);
        } else if (*s == '\n') {
            printf("\\n");
        } else {
            putchar(*s);
        }
    }
    putchar('"');
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "opcodes") == 0) {
#define PRINT_OP(name, first, last, arg, cdelta) \
        if (first == last) { printf("%s\t0x%02x\n", #name, first); } \
        else { printf("%s\t0x%02x..0x%02x\n", #name, first, last); }
        OPCODE_LIST(PRINT_OP)
#undef PRINT_OP
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "qstrs") == 0) {
        int i = 1;
#define PRINT_QSTR(id, str) printf("%d\t", i++); print_json_string(str); putchar('\n');
        QSTR_STATIC_LIST(PRINT_QSTR)
#undef PRINT_QSTR
        return 0;
    }
    fprintf(stderr, "usage: dump-tables opcodes|qstrs\n");
    return 2;
}
