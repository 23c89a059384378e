// SPDX-License-Identifier: MIT
// scope.c: identifier tables, closing over enclosing scopes, and local slot numbering.
#include "mpycross/scope.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/mpy.h"
#include "runtime/qstrdefs.h"

static void *xrealloc(jmp_buf *oom, void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (q == NULL) {
        longjmp(*oom, 1);
    }
    return q;
}

scope_t *scope_new(scope_kind_t kind, scope_t *parent, void *pn, uint32_t simple_name, jmp_buf *oom) {
    scope_t *s = xrealloc(oom, NULL, sizeof(*s));
    memset(s, 0, sizeof(*s));
    s->kind = kind;
    s->parent = parent;
    s->pn = pn;
    s->simple_name = simple_name;
    return s;
}

void scope_free(scope_t *s) {
    free(s->ids);
    free(s->children);
    free(s);
}

id_info_t *scope_find(scope_t *s, uint32_t name) {
    for (size_t i = 0; i < s->n_ids; i++) {
        if (s->ids[i].name == name) {
            return &s->ids[i];
        }
    }
    return NULL;
}

id_info_t *scope_find_or_add(scope_t *s, uint32_t name, id_kind_t kind, bool *added, jmp_buf *oom) {
    id_info_t *id = scope_find(s, name);
    if (added != NULL) {
        *added = id == NULL;
    }
    if (id != NULL) {
        return id;
    }
    if (s->n_ids == s->ids_cap) {
        s->ids_cap = s->ids_cap ? s->ids_cap * 2 : 8;
        s->ids = xrealloc(oom, s->ids, s->ids_cap * sizeof(*s->ids));
    }
    id = &s->ids[s->n_ids++];
    id->name = name;
    id->kind = (uint8_t)kind;
    id->flags = 0;
    id->slot = 0;
    return id;
}

id_info_t *scope_find_global(scope_t *s, uint32_t name) {
    while (s->parent != NULL) {
        s = s->parent;
    }
    return scope_find(s, name);
}

// Every scope between s and the one binding name gets a free entry; a binding local
// becomes a cell.
static void close_over_in_parents(scope_t *s, uint32_t name, jmp_buf *oom) {
    for (scope_t *p = s->parent; p->parent != NULL; p = p->parent) {
        bool added;
        id_info_t *id = scope_find_or_add(p, name, ID_FREE, &added, oom);
        if (!added) {
            if (id->kind == ID_LOCAL) {
                id->kind = ID_CELL;
            }
            return;
        }
    }
}

void scope_close_over(scope_t *s, id_info_t *id, jmp_buf *oom) {
    if (s->parent == NULL) {
        return;
    }
    uint32_t name = id->name;
    for (scope_t *p = s->parent; p->parent != NULL; p = p->parent) {
        id_info_t *id2 = scope_find(p, name);
        if (id2 != NULL) {
            if (id2->kind == ID_LOCAL || id2->kind == ID_CELL || id2->kind == ID_FREE) {
                id->kind = ID_FREE;
                close_over_in_parents(s, name, oom);
            }
            return;
        }
    }
}

// compiler.md 5.7 step 1: the last plain parameter trades places with *args.
static void swap_star_param(scope_t *s) {
    id_info_t *last_plain = NULL;
    for (size_t i = s->n_ids; i-- > 0;) {
        id_info_t *id = &s->ids[i];
        if (id->flags & ID_FLAG_STAR_PARAM) {
            if (last_plain != NULL) {
                id_info_t tmp = *last_plain;
                *last_plain = *id;
                *id = tmp;
            }
            return;
        }
        if (last_plain == NULL && id->flags == ID_FLAG_PARAM) {
            last_plain = id;
        }
    }
}

// Free variables take the first slots, in the parent's table order.
static void number_frees(scope_t *s) {
    size_t n_free = 0;
    scope_t *p = s->parent;
    for (size_t i = 0; i < p->n_ids; i++) {
        id_info_t *pid = &p->ids[i];
        if (pid->kind != ID_CELL && pid->kind != ID_FREE) {
            continue;
        }
        for (size_t j = 0; j < s->n_ids; j++) {
            id_info_t *id = &s->ids[j];
            if (id->kind == ID_FREE && id->name == pid->name) {
                id->slot = (uint32_t)n_free++;
            }
        }
    }
    if (n_free == 0) {
        return;
    }
    for (size_t i = 0; i < s->n_ids; i++) {
        id_info_t *id = &s->ids[i];
        if (id->kind != ID_FREE || (id->flags & ID_FLAG_PARAM)) {
            id->slot += (uint32_t)n_free;
        }
    }
    s->n_pos_args += n_free;
    s->n_locals += n_free;
}

void scope_compute_slots(scope_t *s) {
    if (s->flags & MP_SCOPE_FLAG_VARARGS) {
        swap_star_param(s);
    }
    s->n_locals = 0;
    for (size_t i = 0; i < s->n_ids; i++) {
        id_info_t *id = &s->ids[i];
        if (s->kind == SCOPE_CLASS && id->name == MP_QSTR___class__) {
            continue;  // a slot only if a method made it a cell (numbered below)
        }
        if (SCOPE_IS_FUNC_LIKE(s->kind) && id->kind == ID_GLOBAL_IMPLICIT) {
            id->kind = ID_GLOBAL_EXPLICIT;
        }
        if (id->kind == ID_LOCAL || (id->flags & ID_FLAG_PARAM)) {
            id->slot = (uint32_t)s->n_locals++;
        }
    }
    for (size_t i = 0; i < s->n_ids; i++) {
        id_info_t *id = &s->ids[i];
        if (id->kind == ID_CELL && !(id->flags & ID_FLAG_PARAM)) {
            id->slot = (uint32_t)s->n_locals++;
        }
    }
    if (s->parent != NULL) {
        number_frees(s);
    }
}

void scope_set_child(scope_t *s, size_t index, scope_t *child, jmp_buf *oom) {
    if (index >= s->children_cap) {
        size_t cap = s->children_cap ? s->children_cap * 2 : 4;
        while (cap <= index) {
            cap *= 2;
        }
        s->children = xrealloc(oom, s->children, cap * sizeof(*s->children));
        s->children_cap = cap;
    }
    s->children[index] = child;
    if (index >= s->n_children) {
        s->n_children = index + 1;
    }
}
