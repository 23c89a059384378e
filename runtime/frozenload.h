// SPDX-License-Identifier: MIT
// frozenload.h: modules in an image's frozen form (runtime/image.h), used in place, and its name pool.
#ifndef RUNTIME_FROZENLOAD_H
#define RUNTIME_FROZENLOAD_H

#include "runtime/bc.h"

// Whether buf[0..len) is a module in the frozen form.
bool frozenload_is(const byte *buf, size_t len);

// Loads a frozen module of the attached image (vm_state.image): the qstr table, the
// immediate constants, the preludes and the bytecode are used where they lie; the heap
// gets one context, one array of raw codes, one of child pointers and, if the module
// has any, its built constants. Raises ValueError on a module that does not fit.
const module_context_t *frozenload_load(const byte *buf, size_t len, obj_dict_t *globals);

// The name pool of the attached image, for qstr.c. Pool qstrs are
// IMAGE_QSTR_BASE .. IMAGE_QSTR_BASE + n - 1; run-time qstrs stay below IMAGE_QSTR_BASE.
// The text of pool qstr q (NUL-terminated) and its length.
const char *frozenload_pool_str(qstr_t q, size_t *len);
// The pool qstr spelt s[0..len), or MP_QSTRnull.
qstr_t frozenload_pool_find(const char *s, size_t len);

#endif // RUNTIME_FROZENLOAD_H
