// SPDX-License-Identifier: MIT
// nlr.h: non-local return: the chain of setjmp buffers that Python exceptions unwind through.
#ifndef RUNTIME_NLR_H
#define RUNTIME_NLR_H

#include <setjmp.h>

#include "runtime/config.h"

/*
 * Usage:
 *     nlr_buf_t nlr;
 *     if (nlr_push(&nlr) == 0) {
 *         ... code that may raise ...
 *         nlr_pop();
 *     } else {
 *         obj_t exc = nlr.ret_val;   // the exception; the buffer is already popped
 *     }
 * Every nlr_push must be matched by exactly one nlr_pop on the normal path.
 */
typedef struct nlr_buf_t {
    struct nlr_buf_t *prev;
    void *ret_val;
    jmp_buf jmpbuf;
} nlr_buf_t;

void nlr_push_tail(nlr_buf_t *buf);
void nlr_pop(void);
NORETURN void nlr_jump(void *val);
#define nlr_push(buf) (nlr_push_tail(buf), setjmp((buf)->jmpbuf))

#endif // RUNTIME_NLR_H
