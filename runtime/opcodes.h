// SPDX-License-Identifier: MIT
// opcodes.h: every bytecode opcode of .mpy v6.3, once; expand OPCODE() where a view is needed.
#ifndef RUNTIME_OPCODES_H
#define RUNTIME_OPCODES_H

/*
 * One line per opcode (or opcode range): OPCODE(name, first, last, arg, cdelta)
 *   name   MicroPython's name without MP_BC_ (MP_BC_<name> is defined below)
 *   first  opcode byte; last: last byte of a range (== first for single opcodes)
 *   arg    argument format (see OPARG_*): the byte that follows the opcode
 *   cdelta stack delta the compiler counts for n_state, where it is a constant;
 *          OPCODE_VAR where it depends on the argument (see the emitter)
 * The argument format is a function of the high nibble; an extra byte follows
 * MAKE_CLOSURE, MAKE_CLOSURE_DEFARGS and UNWIND_JUMP. Facts: shared/spec/opcodes.tsv.
 */
#define OPCODE_VAR 99

enum {
    OPARG_NONE,  // no argument
    OPARG_QSTR,  // vuint: index into the module's qstr table
    OPARG_UINT,  // vuint
    OPARG_SINT,  // signed var-int (LOAD_CONST_SMALL_INT)
    OPARG_SOFF,  // signed jump offset, 1 or 2 bytes
    OPARG_UOFF,  // unsigned jump offset, 1 or 2 bytes
};

#define OPCODE_LIST(OPCODE) \
    /* push the interned str object named by the qstr */ \
    OPCODE(LOAD_CONST_STRING, 0x10, 0x10, OPARG_QSTR, 1) \
    /* push value of name: look in the current locals dict, then globals, then builtins; NameError if absen */ \
    OPCODE(LOAD_NAME, 0x11, 0x11, OPARG_QSTR, 1) \
    /* push value of name from globals, then builtins; NameError if absent */ \
    OPCODE(LOAD_GLOBAL, 0x12, 0x12, OPARG_QSTR, 1) \
    /* TOS = getattr(TOS, name) */ \
    OPCODE(LOAD_ATTR, 0x13, 0x13, OPARG_QSTR, 0) \
    /* look up name on obj; if it is a method bound to obj push the plain function then obj, otherwise push */ \
    OPCODE(LOAD_METHOD, 0x14, 0x14, OPARG_QSTR, 1) \
    /* method lookup starting after cls in the MRO of type(self), for super().name(...); the bottom slot (t */ \
    OPCODE(LOAD_SUPER_METHOD, 0x15, 0x15, OPARG_QSTR, -1) \
    /* pop TOS and store it under name in the current locals dict */ \
    OPCODE(STORE_NAME, 0x16, 0x16, OPARG_QSTR, -1) \
    /* pop TOS and store it under name in the globals dict */ \
    OPCODE(STORE_GLOBAL, 0x17, 0x17, OPARG_QSTR, -1) \
    /* setattr(obj, name, value); if value is NULL the attribute is deleted instead */ \
    OPCODE(STORE_ATTR, 0x18, 0x18, OPARG_QSTR, -2) \
    /* delete name from the current locals dict (NameError if absent) */ \
    OPCODE(DELETE_NAME, 0x19, 0x19, OPARG_QSTR, 0) \
    /* delete name from the globals dict (NameError if absent) */ \
    OPCODE(DELETE_GLOBAL, 0x1a, 0x1a, OPARG_QSTR, 0) \
    /* __import__(name, fromlist, level): level is a small int, fromlist None or a tuple of str */ \
    OPCODE(IMPORT_NAME, 0x1b, 0x1b, OPARG_QSTR, -1) \
    /* push getattr(module, name); if absent, try importing submodule module.__name__ + '.' + name; ImportE */ \
    OPCODE(IMPORT_FROM, 0x1c, 0x1c, OPARG_QSTR, 1) \
    /* uint = index of child raw code; extra byte n = number of closed-over cells popped; push closure of a */ \
    OPCODE(MAKE_CLOSURE, 0x20, 0x20, OPARG_UINT, OPCODE_VAR) \
    /* as MAKE_CLOSURE but also pops the default-positional tuple (or NULL) and the default-keyword dict (o */ \
    OPCODE(MAKE_CLOSURE_DEFARGS, 0x21, 0x21, OPARG_UINT, OPCODE_VAR) \
    /* push the small integer (used for values outside -16..47) */ \
    OPCODE(LOAD_CONST_SMALL_INT, 0x22, 0x22, OPARG_SINT, 1) \
    /* push constant object number uint of the file's constant table */ \
    OPCODE(LOAD_CONST_OBJ, 0x23, 0x23, OPARG_UINT, 1) \
    /* push local slot uint (NameError 'local variable referenced before assignment' if empty) */ \
    OPCODE(LOAD_FAST_N, 0x24, 0x24, OPARG_UINT, 1) \
    /* push contents of the cell in local slot uint (same NameError if the cell is empty) */ \
    OPCODE(LOAD_DEREF, 0x25, 0x25, OPARG_UINT, 1) \
    /* pop TOS into local slot uint */ \
    OPCODE(STORE_FAST_N, 0x26, 0x26, OPARG_UINT, -1) \
    /* pop TOS into the cell held in local slot uint */ \
    OPCODE(STORE_DEREF, 0x27, 0x27, OPARG_UINT, -1) \
    /* empty local slot uint (NameError if already empty) */ \
    OPCODE(DELETE_FAST, 0x28, 0x28, OPARG_UINT, 0) \
    /* empty the cell held in local slot uint (NameError if already empty) */ \
    OPCODE(DELETE_DEREF, 0x29, 0x29, OPARG_UINT, 0) \
    /* pop n items (first pushed = first element) and push a tuple */ \
    OPCODE(BUILD_TUPLE, 0x2a, 0x2a, OPARG_UINT, OPCODE_VAR) \
    /* pop n items and push a list */ \
    OPCODE(BUILD_LIST, 0x2b, 0x2b, OPARG_UINT, OPCODE_VAR) \
    /* push a new empty dict; uint is only a size hint (number of key/value pairs that follow) */ \
    OPCODE(BUILD_MAP, 0x2c, 0x2c, OPARG_UINT, 1) \
    /* pop n items and push a set */ \
    OPCODE(BUILD_SET, 0x2d, 0x2d, OPARG_UINT, OPCODE_VAR) \
    /* pop n items and push slice(start, stop[, step]); missing parts are None */ \
    OPCODE(BUILD_SLICE, 0x2e, 0x2e, OPARG_UINT, OPCODE_VAR) \
    /* comprehension store: kind 0 list.append(TOS), 1 dict[TOS] = TOS1 (pops 2), 2 set.add(TOS); the colle */ \
    OPCODE(STORE_COMP, 0x2f, 0x2f, OPARG_UINT, OPCODE_VAR) \
    /* pop an iterable that must yield exactly n items and push them so the first item is TOS */ \
    OPCODE(UNPACK_SEQUENCE, 0x30, 0x30, OPARG_UINT, OPCODE_VAR) \
    /* star-unpack: push L leading items, a list of the middle items, and R trailing items (first leading i */ \
    OPCODE(UNPACK_EX, 0x31, 0x31, OPARG_UINT, OPCODE_VAR) \
    /* push a new function for child raw code number uint (no defaults, no closure) */ \
    OPCODE(MAKE_FUNCTION, 0x32, 0x32, OPARG_UINT, 1) \
    /* pop default-keyword dict (or NULL) and default-positional tuple (or NULL); push new function for chi */ \
    OPCODE(MAKE_FUNCTION_DEFARGS, 0x33, 0x33, OPARG_UINT, -1) \
    /* call f with P positional args and K keyword args (keys are interned str objects) */ \
    OPCODE(CALL_FUNCTION, 0x34, 0x34, OPARG_UINT, OPCODE_VAR) \
    /* positional slot i whose bit i is set in the bitmap is an iterable to splat (*x); a keyword pair whos */ \
    OPCODE(CALL_FUNCTION_VAR_KW, 0x35, 0x35, OPARG_UINT, OPCODE_VAR) \
    /* call a LOAD_METHOD result: if self is not NULL it is passed as an extra first positional argument */ \
    OPCODE(CALL_METHOD, 0x36, 0x36, OPARG_UINT, OPCODE_VAR) \
    /* method call with *args / **kwargs, bitmap as for CALL_FUNCTION_VAR_KW (bit i refers to the i-th expl */ \
    OPCODE(CALL_METHOD_VAR_KW, 0x37, 0x37, OPARG_UINT, OPCODE_VAR) \
    /* break/continue out of try/with blocks: unwinds the given number of exception blocks, running finally */ \
    OPCODE(UNWIND_JUMP, 0x40, 0x40, OPARG_SOFF, 0) \
    /* unconditional relative jump */ \
    OPCODE(JUMP, 0x42, 0x42, OPARG_SOFF, 0) \
    /* pop TOS; jump if it is true */ \
    OPCODE(POP_JUMP_IF_TRUE, 0x43, 0x43, OPARG_SOFF, -1) \
    /* pop TOS; jump if it is false */ \
    OPCODE(POP_JUMP_IF_FALSE, 0x44, 0x44, OPARG_SOFF, -1) \
    /* if TOS is true jump (leaving TOS), else pop TOS and continue */ \
    OPCODE(JUMP_IF_TRUE_OR_POP, 0x45, 0x45, OPARG_UOFF, -1) \
    /* if TOS is false jump (leaving TOS), else pop TOS and continue */ \
    OPCODE(JUMP_IF_FALSE_OR_POP, 0x46, 0x46, OPARG_UOFF, -1) \
    /* look up mgr.__exit__ (kept as method+self pair) and call mgr.__enter__(); push an exception block (f */ \
    OPCODE(SETUP_WITH, 0x47, 0x47, OPARG_UOFF, 2) \
    /* push an exception block (except-type) whose handler is the target; records the current stack depth */ \
    OPCODE(SETUP_EXCEPT, 0x48, 0x48, OPARG_UOFF, 0) \
    /* push an exception block (finally-type) whose handler is the target; records the current stack depth */ \
    OPCODE(SETUP_FINALLY, 0x49, 0x49, OPARG_UOFF, 0) \
    /* pop the innermost exception block and jump (end of try body / end of an except handler) */ \
    OPCODE(POP_EXCEPT_JUMP, 0x4a, 0x4a, OPARG_UOFF, 0) \
    /* get next item from the 4-slot iterator on the stack and push it; when exhausted pop the 4 iterator s */ \
    OPCODE(FOR_ITER, 0x4b, 0x4b, OPARG_UOFF, OPCODE_VAR) \
    /* push False */ \
    OPCODE(LOAD_CONST_FALSE, 0x50, 0x50, OPARG_NONE, 1) \
    /* push None */ \
    OPCODE(LOAD_CONST_NONE, 0x51, 0x51, OPARG_NONE, 1) \
    /* push True */ \
    OPCODE(LOAD_CONST_TRUE, 0x52, 0x52, OPARG_NONE, 1) \
    /* push the NULL marker (used for 'no default args', '** key', delete-by-store, iterator layout) */ \
    OPCODE(LOAD_NULL, 0x53, 0x53, OPARG_NONE, 1) \
    /* push the __build_class__ builtin */ \
    OPCODE(LOAD_BUILD_CLASS, 0x54, 0x54, OPARG_NONE, 1) \
    /* subscript load */ \
    OPCODE(LOAD_SUBSCR, 0x55, 0x55, OPARG_NONE, -1) \
    /* obj[index] = value; if value is NULL the item is deleted instead */ \
    OPCODE(STORE_SUBSCR, 0x56, 0x56, OPARG_NONE, -3) \
    /* duplicate TOS */ \
    OPCODE(DUP_TOP, 0x57, 0x57, OPARG_NONE, 1) \
    /* duplicate the top two items */ \
    OPCODE(DUP_TOP_TWO, 0x58, 0x58, OPARG_NONE, 2) \
    /* discard TOS */ \
    OPCODE(POP_TOP, 0x59, 0x59, OPARG_NONE, -1) \
    /* swap the top two items */ \
    OPCODE(ROT_TWO, 0x5a, 0x5a, OPARG_NONE, 0) \
    /* move TOS down to third position */ \
    OPCODE(ROT_THREE, 0x5b, 0x5b, OPARG_NONE, 0) \
    /* end of a with block: call __exit__ with (None, None, None) or (type, exc, None); a true result swall */ \
    OPCODE(WITH_CLEANUP, 0x5c, 0x5c, OPARG_NONE, OPCODE_VAR) \
    /* pop the innermost exception block; then: None -> pop and continue; small int -> resume the pending r */ \
    OPCODE(END_FINALLY, 0x5d, 0x5d, OPARG_NONE, -1) \
    /* TOS = iter(TOS) (heap iterator; used before YIELD_FROM and for generator-expression arguments) */ \
    OPCODE(GET_ITER, 0x5e, 0x5e, OPARG_NONE, 0) \
    /* replace TOS by a 4-slot iterator stored in place on the value stack (used by for loops and comprehen */ \
    OPCODE(GET_ITER_STACK, 0x5f, 0x5f, OPARG_NONE, 3) \
    /* map[key] = value, map stays on the stack */ \
    OPCODE(STORE_MAP, 0x62, 0x62, OPARG_NONE, -2) \
    /* return TOS from the function, first running any pending finally/with-exit handlers */ \
    OPCODE(RETURN_VALUE, 0x63, 0x63, OPARG_NONE, -1) \
    /* bare 'raise': re-raise the exception currently being handled (RuntimeError 'no active exception to r */ \
    OPCODE(RAISE_LAST, 0x64, 0x64, OPARG_NONE, 0) \
    /* raise TOS (a class is instantiated with no args; non-exception -> TypeError) */ \
    OPCODE(RAISE_OBJ, 0x65, 0x65, OPARG_NONE, -1) \
    /* 'raise exc from cause': cause is popped and ignored (a warning is printed if it is not None); exc is */ \
    OPCODE(RAISE_FROM, 0x66, 0x66, OPARG_NONE, -2) \
    /* suspend the generator, yielding TOS; on resume TOS becomes the value passed to send() (None for next */ \
    OPCODE(YIELD_VALUE, 0x67, 0x67, OPARG_NONE, 0) \
    /* delegate to sub-iterator iter (yield from / await); re-executes itself on each resume; when iter fin */ \
    OPCODE(YIELD_FROM, 0x68, 0x68, OPARG_NONE, -1) \
    /* pop a module and copy its public names into the current locals dict */ \
    OPCODE(IMPORT_STAR, 0x69, 0x69, OPARG_NONE, -1) \
    /* push small int -16..47 (0x70 = -16, 0x80 = 0, 0xaf = 47) */ \
    OPCODE(LOAD_CONST_SMALL_INT_MULTI, 0x70, 0xaf, OPARG_NONE, 1) \
    /* push local slot 0..15 (NameError if empty) */ \
    OPCODE(LOAD_FAST_MULTI, 0xb0, 0xbf, OPARG_NONE, 1) \
    /* pop TOS into local slot 0..15 */ \
    OPCODE(STORE_FAST_MULTI, 0xc0, 0xcf, OPARG_NONE, -1) \
    /* unary operator, numbering in binary-ops.tsv (0xd4..0xd6 invalid) */ \
    OPCODE(UNARY_OP_MULTI, 0xd0, 0xd3, OPARG_NONE, 0) \
    /* binary operator, numbering in binary-ops.tsv (0xfa..0xff invalid) */ \
    OPCODE(BINARY_OP_MULTI, 0xd7, 0xf9, OPARG_NONE, -1) \

/* MP_BC_<name> for every opcode (first byte of a range) */
enum {
#define OPCODE_ENUM(name, first, last, arg, cdelta) MP_BC_##name = first,
    OPCODE_LIST(OPCODE_ENUM)
#undef OPCODE_ENUM
};

// Range bases: LOAD_CONST_SMALL_INT_MULTI encodes value + 0x80 - 0x70 offset.
#define MP_BC_SMALL_INT_MULTI_ZERO 0x80
#define MP_BC_SMALL_INT_MULTI_MIN (-16)
#define MP_BC_SMALL_INT_MULTI_MAX 47

// True if opcode byte op takes an extra byte after its argument.
#define MP_BC_HAS_EXTRA_BYTE(op) (((op) & 0x9e) == 0)

/*
 * Operator numbering of UNARY_OP_MULTI (0xd0 + n) and BINARY_OP_MULTI (0xd7 + n).
 * Facts: shared/spec/binary-ops.tsv. Indices past the bytecode ones are runtime-only.
 */
#define UNARY_OP_LIST(OP) \
    OP(POSITIVE, __pos__) OP(NEGATIVE, __neg__) OP(INVERT, __invert__) OP(NOT, __bool__) \
    OP(BOOL, __bool__) OP(LEN, __len__) OP(HASH, __hash__) OP(ABS, __abs__) \
    OP(INT_MAYBE, __int__) OP(FLOAT_MAYBE, __float__) OP(COMPLEX_MAYBE, __complex__) \
    OP(SIZEOF, __sizeof__)

#define BINARY_OP_LIST(OP) \
    OP(LESS, __lt__) OP(MORE, __gt__) OP(EQUAL, __eq__) OP(LESS_EQUAL, __le__) \
    OP(MORE_EQUAL, __ge__) OP(NOT_EQUAL, __ne__) OP(IN, __contains__) OP(IS, __none__) \
    OP(EXCEPTION_MATCH, __none__) OP(INPLACE_OR, __ior__) OP(INPLACE_XOR, __ixor__) OP(INPLACE_AND, __iand__) \
    OP(INPLACE_LSHIFT, __ilshift__) OP(INPLACE_RSHIFT, __irshift__) OP(INPLACE_ADD, __iadd__) OP(INPLACE_SUBTRACT, __isub__) \
    OP(INPLACE_MULTIPLY, __imul__) OP(INPLACE_MAT_MULTIPLY, __imatmul__) OP(INPLACE_FLOOR_DIVIDE, __ifloordiv__) OP(INPLACE_TRUE_DIVIDE, __itruediv__) \
    OP(INPLACE_MODULO, __imod__) OP(INPLACE_POWER, __ipow__) OP(OR, __or__) OP(XOR, __xor__) \
    OP(AND, __and__) OP(LSHIFT, __lshift__) OP(RSHIFT, __rshift__) OP(ADD, __add__) \
    OP(SUBTRACT, __sub__) OP(MULTIPLY, __mul__) OP(MAT_MULTIPLY, __matmul__) OP(FLOOR_DIVIDE, __floordiv__) \
    OP(TRUE_DIVIDE, __truediv__) OP(MODULO, __mod__) OP(POWER, __pow__) OP(DIVMOD, __divmod__) \
    OP(CONTAINS, __contains__) OP(REVERSE_OR, __ror__) OP(REVERSE_XOR, __rxor__) OP(REVERSE_AND, __rand__) \
    OP(REVERSE_LSHIFT, __rlshift__) OP(REVERSE_RSHIFT, __rrshift__) OP(REVERSE_ADD, __radd__) OP(REVERSE_SUBTRACT, __rsub__) \
    OP(REVERSE_MULTIPLY, __rmul__) OP(REVERSE_MAT_MULTIPLY, __rmatmul__) OP(REVERSE_FLOOR_DIVIDE, __rfloordiv__) OP(REVERSE_TRUE_DIVIDE, __rtruediv__) \
    OP(REVERSE_MODULO, __rmod__) OP(REVERSE_POWER, __rpow__) \

enum {
#define OP_ENUM(name, meth) MP_UNARY_OP_##name,
    UNARY_OP_LIST(OP_ENUM)
#undef OP_ENUM
    MP_UNARY_OP_NUM_BYTECODE = MP_UNARY_OP_NOT + 1,
};

enum {
#define OP_ENUM(name, meth) MP_BINARY_OP_##name,
    BINARY_OP_LIST(OP_ENUM)
#undef OP_ENUM
    MP_BINARY_OP_NUM_BYTECODE = MP_BINARY_OP_POWER + 1,
};

// An in-place operator's index minus this gives the plain operator.
#define MP_BINARY_OP_INPLACE_DELTA (MP_BINARY_OP_OR - MP_BINARY_OP_INPLACE_OR)

#endif // RUNTIME_OPCODES_H
