// SPDX-License-Identifier: MIT
// scope.h: scopes and their identifier tables: local/global/cell/free, slot numbers.
#ifndef MPYCROSS_SCOPE_H
#define MPYCROSS_SCOPE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mpycross/mpy.h"

/*
 * One scope per module, class, function, lambda and comprehension, kept in one list in
 * creation order (breadth-first, compiler.md 5.1). Each has an identifier table in order
 * of first mention during its SCOPE pass; the kinds evolve as compiler.md 5.2-5.5 says,
 * and scope_compute_slots numbers the slots once every SCOPE pass is done (5.7).
 */

typedef enum {
    SCOPE_MODULE,
    SCOPE_CLASS,
    SCOPE_FUNCTION,
    SCOPE_LAMBDA,
    SCOPE_LIST_COMP,
    SCOPE_DICT_COMP,
    SCOPE_SET_COMP,
    SCOPE_GEN_EXPR,
} scope_kind_t;

#define SCOPE_IS_FUNC_LIKE(k) ((k) >= SCOPE_FUNCTION)
#define SCOPE_IS_COMP_LIKE(k) ((k) >= SCOPE_LIST_COMP)

typedef enum {
    ID_GLOBAL_IMPLICIT,
    ID_GLOBAL_IMPLICIT_ASSIGNED,
    ID_GLOBAL_EXPLICIT,
    ID_LOCAL,
    ID_CELL,
    ID_FREE,
} id_kind_t;

enum {
    ID_FLAG_PARAM = 0x01,
    ID_FLAG_STAR_PARAM = 0x02,
    ID_FLAG_DBL_STAR_PARAM = 0x04,
};

typedef struct {
    uint32_t name;  // parse id of the identifier
    uint8_t kind;   // id_kind_t
    uint8_t flags;  // ID_FLAG_*
    uint32_t slot;
} id_info_t;

typedef struct scope scope_t;
struct scope {
    scope_kind_t kind;
    scope_t *parent, *next;
    void *pn;                 // the parse node that defines it
    uint32_t simple_name;     // parse id
    unsigned flags;           // MP_SCOPE_FLAG_* of runtime/mpy.h
    size_t n_pos_args, n_kwonly_args, n_def_pos_args, n_locals;
    id_info_t *ids;
    size_t n_ids, ids_cap;
    mpy_code_t *code;         // the code object once compiled (owned by the module tree)
    scope_t **children;       // child scopes by child index (final pass)
    size_t n_children, children_cap;
};

scope_t *scope_new(scope_kind_t kind, scope_t *parent, void *pn, uint32_t simple_name, jmp_buf *oom);
void scope_free(scope_t *s);  // s only, not the list
id_info_t *scope_find(scope_t *s, uint32_t name);
// Find name or append it with kind; *added (if not NULL) tells which happened.
id_info_t *scope_find_or_add(scope_t *s, uint32_t name, id_kind_t kind, bool *added, jmp_buf *oom);
// The module scope's entry for name, or NULL.
id_info_t *scope_find_global(scope_t *s, uint32_t name);
// End of a SCOPE pass: an implicit global that an enclosing function binds becomes free.
void scope_close_over(scope_t *s, id_info_t *id, jmp_buf *oom);
// After all SCOPE passes: star-parameter swap, implicit -> explicit globals, slot numbers.
void scope_compute_slots(scope_t *s);
void scope_set_child(scope_t *s, size_t index, scope_t *child, jmp_buf *oom);

#endif // MPYCROSS_SCOPE_H
