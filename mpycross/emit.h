// SPDX-License-Identifier: MIT
// emit.h: the bytecode emitter, the only writer of opcode bytes (labels, jumps, stack, lines).
#ifndef MPYCROSS_EMIT_H
#define MPYCROSS_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mpycross/mpy.h"

/*
 * The compiler walks a scope once per pass and makes the same sequence of emitter calls
 * each time; only what the emitter does with them differs:
 *   SCOPE       registers qstr and constant operands in the module tables, nothing else
 *               (the compiler makes no name-opcode calls in this pass);
 *   STACK_SIZE  counts stack and exception depth; every jump is 3 bytes; records labels;
 *   CODE_SIZE   sizes each jump from the label positions known so far (backward: this pass,
 *               forward: the previous pass); records labels;
 *   EMIT        the same, and writes the bytes and the line table; repeated until the
 *               bytecode size no longer changes (sizes only shrink).
 * Bytes exist only in EMIT passes, so sizes and bytes come from one code path.
 * After JUMP, UNWIND_JUMP, POP_EXCEPT_JUMP, RETURN_VALUE and RAISE_* the emitter suppresses
 * bytes (dead code) until the next label; stack, tables and line marks still count.
 */

enum {
    EMIT_PASS_SCOPE = 1,
    EMIT_PASS_STACK_SIZE,
    EMIT_PASS_CODE_SIZE,
    EMIT_PASS_EMIT,
};

typedef struct {
    mpy_tables_t *tab;
    jmp_buf *oom;
    int pass;
    bool suppress;
    bool no_lines;         // -O3: empty line table
    bool overflow;         // a long jump offset did not fit: "bytecode overflow"
    int stack, max_stack;
    int exc_level, max_exc;
    size_t offset;         // bytecode offset in this pass
    size_t last_size;      // bytecode size at the end of the previous pass
    size_t *labels;        // label positions, (size_t)-1 when not yet placed
    size_t n_labels, labels_cap;
    size_t next_label;     // labels are numbered afresh in each pass
    size_t n_children;     // child index counter of this pass
    mpy_buf_t code;        // EMIT: the bytecode
    mpy_buf_t lines;       // EMIT: the line table
    int last_line;
    size_t last_line_offset;
} emit_t;

void emit_init(emit_t *e, mpy_tables_t *tab, bool no_lines);
void emit_free(emit_t *e);
// Forget the previous scope's labels, depths and sizes.
void emit_begin_scope(emit_t *e);
void emit_start_pass(emit_t *e, int pass);
// End of a pass; true if the layout is final (always true for passes before EMIT).
bool emit_end_pass(emit_t *e);

size_t emit_new_label(emit_t *e);
void emit_label(emit_t *e, size_t label);
void emit_line(emit_t *e, int line);
void emit_adjust(emit_t *e, int delta);  // stack change without an instruction
void emit_exc(emit_t *e, int delta);     // exception-block level change

// Plain instructions. delta is the stack change the compiler model counts.
void emit_op(emit_t *e, uint8_t op, int delta);
void emit_op_uint(emit_t *e, uint8_t op, int delta, size_t arg);
void emit_op_qstr(emit_t *e, uint8_t op, int delta, const char *s, size_t len);
void emit_op_qidx(emit_t *e, uint8_t op, int delta, size_t qidx);
void emit_op_const(emit_t *e, const mpy_const_t *c);            // LOAD_CONST_OBJ
void emit_small_int(emit_t *e, intmax_t v);                      // LOAD_CONST_SMALL_INT
void emit_jump(emit_t *e, uint8_t op, int delta, size_t label);  // 0x42..0x4b
void emit_unwind_jump(emit_t *e, size_t label, int depth, bool from_for);
void emit_load_fast(emit_t *e, size_t slot);
void emit_store_fast(emit_t *e, size_t slot);
// MAKE_FUNCTION* / MAKE_CLOSURE*: takes the next child index, returned.
size_t emit_make_function(emit_t *e, uint8_t op, int delta, size_t n_closed);

static inline bool emit_is_final_pass(const emit_t *e) {
    return e->pass == EMIT_PASS_EMIT;
}

#endif // MPYCROSS_EMIT_H
