// SPDX-License-Identifier: MIT
// mpyload.h: loading .mpy files in place, and finding modules in the image or the port.
#ifndef RUNTIME_MPYLOAD_H
#define RUNTIME_MPYLOAD_H

#include "runtime/bc.h"

// Loads the .mpy in buf[0..len), which must stay valid and unchanged for the life of the
// program: prelude and bytecode are used where they are, strings point into buf. The qstr
// table and the constants are resolved now, and every raw code's bytecode is checked
// (opcodes, indices, jump targets, stack depth). Bad input raises ValueError. globals is
// the dict the module's functions will use.
// A bounded reader over .mpy-encoded bytes. what: the ValueError message for truncated
// or malformed content (NULL: "corrupt .mpy file").
typedef struct reader_t {
    const byte *p;
    const byte *end;
    const char *what;
} reader_t;

// Decodes one constant object of the .mpy constant table (mpy-format.md 3.3) at r->p,
// at tuple nesting depth. Raises ValueError on bad input; may allocate.
obj_t mpyload_const(reader_t *r, int depth);

// Decodes the prelude at r->p (mpy-format.md 4.1, 4.2) into rc, whose ctx must be set
// (the name indexes its qstr table); leaves rc->bytecode at the first instruction. Raises
// ValueError (r->what) on bad input. Both loaders and rc_decode share it.
void mpyload_prelude(reader_t *r, raw_code_t *rc);
// What the loaders check of a decoded prelude besides: argument names and cells in range,
// and some bytecode. Raises ValueError (r->what).
void mpyload_check_prelude(reader_t *r, const raw_code_t *rc);

// Returns the module's context; its record 0 is the module's top level.
const module_context_t *mpyload_load(const byte *buf, size_t len, obj_dict_t *globals);

typedef struct mpyload_found_t {
    const byte *data;    // .mpy bytes, or NULL for a namespace package
    size_t len;
    bool is_package;
    bool source_only;    // not found, but a .py exists (for the ImportError message)
} mpyload_found_t;

// Finds the module named name[0..len) (dotted): in the frozen image (vm_state.image), then
// through mpyload_port_finder. False if there is none.
bool mpyload_find(const char *name, size_t len, mpyload_found_t *out);

typedef bool (*mpyload_finder_t)(const char *name, size_t len, mpyload_found_t *out);
extern mpyload_finder_t mpyload_port_finder;

// Loads and runs a .mpy as module `name` (registered in sys.modules first); returns it.
obj_t mpyload_run_module(qstr_t name, const byte *buf, size_t len);

#endif // RUNTIME_MPYLOAD_H
