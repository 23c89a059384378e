// SPDX-License-Identifier: MIT
// nlr.c: the chain of setjmp buffers (portable; a per-CPU version is only worth it if measured).
#include <stddef.h>

#include "runtime/nlr.h"
#include "runtime/state.h"

void nlr_push_tail(nlr_buf_t *buf) {
    buf->prev = vm_state.nlr_top;
    buf->ret_val = NULL;
    vm_state.nlr_top = buf;
}

void nlr_pop(void) {
    vm_state.nlr_top = vm_state.nlr_top->prev;
}

NORETURN void nlr_jump(void *val) {
    nlr_buf_t *top = vm_state.nlr_top;
    if (top == NULL) {
        vm_state_fatal("uncaught exception outside any handler");
    }
    top->ret_val = val;
    vm_state.nlr_top = top->prev;
    longjmp(top->jmpbuf, 1);
}
