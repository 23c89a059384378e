// SPDX-License-Identifier: MIT
// qstr.h: interned strings: the static .mpy list, the runtime's built-in names, and a RAM pool.
#ifndef RUNTIME_QSTR_H
#define RUNTIME_QSTR_H

#include "runtime/config.h"
#include "runtime/qstrdefs.h"
#include "runtime/qstrnames.h"

/*
 * A qstr is a small number naming an interned string; two qstrs are equal iff their
 * strings are. Numbering:
 *   0                       MP_QSTRnull
 *   1 .. 165                the static list of the .mpy format (qstrdefs.h, fixed order)
 *   166 .. NUM_BUILTIN-1    names the runtime itself uses (qstrnames.h, any order)
 *   NUM_BUILTIN ..          interned at run time (names from loaded .mpy files, getattr())
 * Built-in strings live in flash (const tables); run-time ones point at the .mpy buffer
 * when they come from one (no copy), else at a copy on the GC heap.
 */
typedef size_t qstr_t;

enum {
    MP_QSTR_runtime_first_ = MP_QSTR_NUM_STATIC - 1,
#define QSTR_ENUM(id, str) MP_QSTR_##id,
    QSTR_RUNTIME_LIST(QSTR_ENUM)
#undef QSTR_ENUM
    MP_QSTR_NUM_BUILTIN,
};

void qstr_init(void);
// Interns s[0..len); copies it to the heap if it is new. May raise MemoryError.
qstr_t qstr_from_strn(const char *s, size_t len);
qstr_t qstr_from_str(const char *s);
// As qstr_from_strn, but s stays valid for the life of the program (flash, a .mpy buffer).
qstr_t qstr_from_strn_static(const char *s, size_t len);
// The qstr of s if it is interned, else MP_QSTRnull. Never allocates.
qstr_t qstr_find_strn(const char *s, size_t len);
const char *qstr_str(qstr_t q);  // NUL-terminated
const char *qstr_data(qstr_t q, size_t *len);
size_t qstr_len(qstr_t q);
size_t qstr_hash(qstr_t q);
// The hash every str uses (so a str and its qstr hash alike), the name pool's and the
// built-in table's (runtime/gen/qstrhash.c), and the freezer's: one definition for all.
static inline size_t qstr_compute_hash(const byte *data, size_t len) {
    size_t h = 5381;
    for (size_t i = 0; i < len; i++) {
        h = (h * 33) ^ data[i];
    }
    h &= 0xffff;  // 16 bits: the same on every word size
    return h == 0 ? 1 : h;
}

#endif // RUNTIME_QSTR_H
