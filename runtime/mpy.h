// SPDX-License-Identifier: MIT
// mpy.h: constants of the .mpy v6.3 container, shared by the compiler, freezer and loader.
#ifndef RUNTIME_MPY_H
#define RUNTIME_MPY_H

/*
 * file     := header n_qstr n_obj qstr* obj* raw_code
 * header   := 'M' version features small_int_bits
 * raw_code := vuint(code_len << 3 | has_children << 2 | kind) code [n_children raw_code*]
 * Facts: shared/spec/mpy-format.md sections 2 and 3.
 */
#define MPY_MAGIC 0x4d            // 'M'
#define MPY_VERSION 6
#define MPY_SUB_VERSION 3         // written only by files with native code
#define MPY_FEATURES_BYTECODE 0   // feature byte of a bytecode-only file
#define MPY_FEATURE_ARCH_FLAGS 0x40
#define MPY_DEFAULT_SMALL_INT_BITS 31

// Qstr table entry: vuint V; odd = static qstr V >> 1, even = inline string of V >> 1 bytes + NUL.
#define MPY_QSTR_IS_STATIC(v) ((v) & 1)

// Constant object type bytes (mpy-format.md 3.3).
enum {
    MPY_CONST_FUN_TABLE = 0,  // native code only
    MPY_CONST_NONE = 1,
    MPY_CONST_FALSE = 2,
    MPY_CONST_TRUE = 3,
    MPY_CONST_ELLIPSIS = 4,
    MPY_CONST_STR = 5,        // vuint len, bytes, NUL
    MPY_CONST_BYTES = 6,      // vuint len, bytes, NUL
    MPY_CONST_INT = 7,        // vuint len, decimal text
    MPY_CONST_FLOAT = 8,      // vuint len, text
    MPY_CONST_COMPLEX = 9,    // vuint len, text ending in 'j'
    MPY_CONST_TUPLE = 10,     // vuint n, n objects
};

// Raw code kinds, as stored in kind_len & 3.
enum {
    MPY_CODE_BYTECODE = 0,
    MPY_CODE_NATIVE_PY = 1,
    MPY_CODE_NATIVE_VIPER = 2,
    MPY_CODE_NATIVE_ASM = 3,
};

// Scope flags in the prelude signature (mpy-format.md 5.1).
#define MP_SCOPE_FLAG_GENERATOR 0x01
#define MP_SCOPE_FLAG_VARKEYWORDS 0x02
#define MP_SCOPE_FLAG_VARARGS 0x04
#define MP_SCOPE_FLAG_DEFKWARGS 0x08

#endif // RUNTIME_MPY_H
