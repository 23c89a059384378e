// SPDX-License-Identifier: MIT
// objseq.h: what tuple and list share: printing, comparison, search, repetition, iteration.
#ifndef RUNTIME_OBJSEQ_H
#define RUNTIME_OBJSEQ_H

#include "runtime/obj.h"

// The separators of PRINT_JSON output (json.dumps's separators=, reset after each dump).
extern const char *json_item_sep, *json_key_sep;
extern size_t json_item_sep_len, json_key_sep_len;

// The items of a list, or of a tuple or tuple subclass (namedtuple); not copied.
void seq_items(obj_t seq, size_t *n, obj_t **items);
// Writes items as open item, item close (one-item tuples add a trailing comma themselves).
void seq_print(const print_t *p, const obj_t *items, size_t n, print_kind_t kind,
               const char *open, const char *close);
// Lexicographic comparison for op (MP_BINARY_OP_LESS ... NOT_EQUAL): a bool object.
obj_t seq_compare(int op, const obj_t *a, size_t alen, const obj_t *b, size_t blen);
bool seq_contains(const obj_t *items, size_t n, obj_t value);
// list.index / tuple.index: args[0] self, args[1] value, optional start and stop.
obj_t seq_index(const obj_t *items, size_t n, size_t n_args, const obj_t *args);
obj_t seq_count(const obj_t *items, size_t n, obj_t value);
// n * times, or MemoryError when that many items cannot exist ("x" * 2**62).
size_t seq_repeat_len(size_t n, size_t times, size_t item_size);
// dst receives n * times items (dst has room).
void seq_repeat(obj_t *dst, const obj_t *items, size_t n, size_t times);
// An iterator over a tuple's or list's items, by position (a list may grow meanwhile).
obj_t seq_iter_new(obj_t seq);
// The hash of a tuple of items.
size_t seq_hash(const obj_t *items, size_t n);
// tuple's slots, which namedtuple types share (objtuple.c).
obj_t tuple_unary_op(int op, obj_t self);
obj_t tuple_binary_op(int op, obj_t lhs, obj_t rhs);
obj_t tuple_subscr(obj_t self, obj_t index, obj_t value);
obj_t tuple_getiter(obj_t self);

#endif // RUNTIME_OBJSEQ_H
