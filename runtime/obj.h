// SPDX-License-Identifier: MIT
// obj.h: the object word, the type structure, the core object layouts and the object API.
#ifndef RUNTIME_OBJ_H
#define RUNTIME_OBJ_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "runtime/config.h"
#include "runtime/gc.h"
#include "runtime/qstr.h"

/*
 * The object word (obj_t) is one machine word. Its low bits say what it is:
 *
 *   ...xxxxxxx1   small int: value = word >> 1 (arithmetic); 31 bits on a 32-bit MCU
 *   ...xxxxx010   qstr: an interned str; qstr number = word >> 3
 *   ...xxxxx110   immediate: None (0x06), False (0x0e), True (0x16); and from 0x20 up,
 *                 with low bits 00110, a bytecode function that lives in flash (bc.h:
 *                 payload = (context slot + 1) << 17 | record number << 1 | generator)
 *   ...xxxxxx00   pointer to an object whose first word is its type (obj_base_t)
 *   0             OBJ_NULL: "no object" (empty slot, unbound local, end of iteration)
 *
 * A pointer may point into flash (a `const` object: builtin types, functions, method
 * tables, strings of the image) or into the GC heap. Code never writes to an object it
 * did not allocate. Objects must be 4-byte aligned.
 *
 * Writing a type file (obj<type>.c), in objlist.c's order:
 *   static void list_print(const print_t *p, obj_t self, print_kind_t kind) {...}
 *   static obj_t list_make_new(const obj_type_t *type, size_t n_args, size_t n_kw,
 *                              const obj_t *args) {...}      // args: n_args then n_kw pairs
 *   static obj_t list_unary_op(int op, obj_t self)          // OBJ_NULL = unsupported
 *   static obj_t list_binary_op(int op, obj_t lhs, obj_t rhs) // OBJ_NULL = unsupported
 *   static obj_t list_subscr(obj_t self, obj_t index, obj_t value)
 *                         // value OBJ_SENTINEL = load, OBJ_NULL = delete, else store;
 *                         // return the item (load) or obj_none (store/delete)
 *   static obj_t list_getiter(obj_t self)                   // a (heap) iterator
 *   static obj_t list_append(obj_t self, obj_t arg) {...}
 *   static FUN_OBJ_2(list_append_obj, list_append);
 *   static const map_elem_t list_locals_table[] = {
 *       { ROM_QSTR(MP_QSTR_append), ROM_PTR(&list_append_obj) },
 *   };
 *   static DEFINE_CONST_DICT(list_locals_dict, list_locals_table);
 *   const obj_type_t type_list = {
 *       .base = { &type_type }, .name = MP_QSTR_list,
 *       .slots = &(const obj_type_slots_t){ .print = list_print, .make_new = list_make_new, ... },
 *       .locals_dict = &list_locals_dict,
 *   };
 * Functions in the locals table are bound as methods (self first); wrap them in
 * STATICMETHOD_OBJ / CLASSMETHOD_OBJ for the other kinds. A name that is not a static qstr
 * is added to runtime/qstrnames.h. Everything above is `const` and stays in flash.
 *
 * Writing a module file (mod<name>.c):
 *   static const map_elem_t math_globals_table[] = {
 *       { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_math) },
 *       { ROM_QSTR(MP_QSTR_sqrt), ROM_PTR(&math_sqrt_obj) },
 *   };
 *   static DEFINE_CONST_DICT(math_globals, math_globals_table);
 *   const obj_module_t module_math = { { &type_module }, (obj_dict_t *)&math_globals };
 * and add one line M(math, module_math) to BUILTIN_MODULE_LIST in runtime/modules.h
 * (a strong reference: list only modules whose file exists).
 *
 * Raising: rt_raise_msg(&type_ValueError, "bad value %d for %q", n, qstr) (runtime.h);
 * allocation: m_new / m_new_obj (gc.h) raise MemoryError and never return NULL.
 */

typedef void *obj_t;
typedef const void *const_obj_t;
typedef struct obj_type_t obj_type_t;

// The first member of every object that is a pointer.
typedef struct obj_base_t {
    const obj_type_t *type;
} obj_base_t;

#define OBJ_NULL ((obj_t)0)
#define OBJ_STOP_ITERATION ((obj_t)0)            // what iternext returns when exhausted
#define OBJ_SENTINEL ((obj_t)(uintptr_t)0x1e)    // immediate 3: "load" for subscr, "store" for attr

#define OBJ_IS_SMALL_INT(o) ((((uintptr_t)(o)) & 1) != 0)
#define OBJ_SMALL_INT_VALUE(o) (((mp_int_t)(uintptr_t)(o)) >> 1)
#define OBJ_NEW_SMALL_INT(v) ((obj_t)(uintptr_t)((((mp_uint_t)(mp_int_t)(v)) << 1) | 1))
// True if v fits a small int (one bit less than a word).
#define SMALL_INT_FITS(v) \
    (((((mp_uint_t)(v)) ^ (((mp_uint_t)(v)) << 1)) & ((mp_uint_t)1 << (sizeof(mp_int_t) * 8 - 1))) == 0)
#define SMALL_INT_MIN ((mp_int_t)(((mp_uint_t)-1) << (sizeof(mp_int_t) * 8 - 2)))
#define SMALL_INT_MAX ((mp_int_t)(~SMALL_INT_MIN))

#define OBJ_IS_QSTR(o) ((((uintptr_t)(o)) & 7) == 2)
#define OBJ_QSTR_VALUE(o) (((uintptr_t)(o)) >> 3)
#define OBJ_NEW_QSTR(q) ((obj_t)(uintptr_t)((((uintptr_t)(q)) << 3) | 2))

#define OBJ_IS_IMMEDIATE(o) ((((uintptr_t)(o)) & 7) == 6)
// A bytecode function as an immediate (rawcode.c makes them; bc.h).
#define OBJ_IS_FUN_IMM(o) ((((uintptr_t)(o)) & 0x1f) == 6 && ((uintptr_t)(o)) > 0x1f)
#define OBJ_FUN_IMM_PAYLOAD(o) (((uintptr_t)(o)) >> 5)
#define OBJ_NEW_FUN_IMM(p) ((obj_t)(((uintptr_t)(p) << 5) | 6))
#define OBJ_IS_PTR(o) ((((uintptr_t)(o)) & 3) == 0 && (o) != OBJ_NULL)

#define obj_none ((obj_t)(uintptr_t)0x06)
#define obj_false ((obj_t)(uintptr_t)0x0e)
#define obj_true ((obj_t)(uintptr_t)0x16)
#define obj_bool(b) ((b) ? obj_true : obj_false)

// Entries of const tables (method tables, module globals): keys are qstrs.
#define ROM_QSTR(q) ((obj_t)(uintptr_t)((((uintptr_t)(q)) << 3) | 2))
#define ROM_PTR(p) ((obj_t)(p))
#define ROM_INT(v) ((obj_t)(uintptr_t)((((mp_uint_t)(mp_int_t)(v)) << 1) | 1))
#define ROM_NONE ((obj_t)(uintptr_t)0x06)
#define ROM_FALSE ((obj_t)(uintptr_t)0x0e)
#define ROM_TRUE ((obj_t)(uintptr_t)0x16)

// memcpy that accepts n == 0 with NULL pointers (argument arrays are often empty).
static inline void mem_copy(void *dst, const void *src, size_t n) {
    if (n != 0) {
        memcpy(dst, src, n);
    }
}

/* ------------------------------------------------------------------------------------
 * Printing: a print_t is a sink; obj_print writes any object to one.
 */
typedef struct print_t {
    void *data;
    void (*strn)(void *data, const char *str, size_t len);
} print_t;

typedef enum {
    PRINT_STR = 0,   // str(): strings unquoted
    PRINT_REPR = 1,  // repr()
    PRINT_EXC = 2,   // the message line of a traceback (exception printed as str)
    PRINT_JSON = 3,  // json.dumps
} print_kind_t;

extern const print_t print_stdout;  // the port's console
void print_strn(const print_t *p, const char *s, size_t len);
void print_str(const print_t *p, const char *s);
// printf subset: %d %u %x %X %c %s %.*s %p %ld %lu %lld %llu %zu, flags '-' '0' width; plus
// %q (a qstr_t, as text) and %r / %S (an obj_t, as repr / str).
int print_printf(const print_t *p, const char *fmt, ...);
int print_vprintf(const print_t *p, const char *fmt, va_list ap);

// A growable byte buffer on the GC heap (strings are built in one, then turned into a str).
typedef struct vstr_t {
    size_t alloc;
    size_t len;
    char *buf;
} vstr_t;

void vstr_init(vstr_t *v, size_t alloc);
void vstr_add_strn(vstr_t *v, const char *s, size_t len);
void vstr_add_str(vstr_t *v, const char *s);
void vstr_add_char(vstr_t *v, char c);
char *vstr_extend(vstr_t *v, size_t n);  // room for n more bytes, counted in len
void vstr_print(print_t *p, vstr_t *v);  // p then writes into v
obj_t obj_str_from_vstr(const obj_type_t *type, vstr_t *v);  // type_str or type_bytes; owns v

/* ------------------------------------------------------------------------------------
 * Maps: the one hash table, used by dicts, sets, instance members, module globals and
 * (fixed, const) method tables. Insertion order is kept: entries are appended to table[];
 * a removed entry becomes a hole (key OBJ_SENTINEL) until the table is compacted.
 * Tables with more than a few entries get a hash index (open addressing) of entry numbers.
 */
typedef struct map_elem_t {
    obj_t key;
    obj_t value;
} map_elem_t;

typedef struct map_t {
    size_t used;          // entries in table[], holes included
    size_t info;          // live entries (map_count), and the MAP_FLAG_* bits on top
    map_elem_t *table;    // the entries; map.c keeps the capacity and the index beside
                          // them in the same block (not for a fixed map)
} map_t;

#define MAP_FLAG_FIXED ((size_t)1 << (8 * sizeof(size_t) - 1))  // const table in flash
#define MAP_FLAG_SET ((size_t)1 << (8 * sizeof(size_t) - 2))    // a set: values unused
#define MAP_FLAG_INDEX ((size_t)1 << (8 * sizeof(size_t) - 3))  // the table has an index
#define MAP_FLAG_PTR_KEYS ((size_t)1 << (8 * sizeof(size_t) - 4))  // a key was an object
    // (a str made at run time may equal a name), so a name is not found by identity alone
#define map_count(m) ((m)->info & ~(MAP_FLAG_FIXED | MAP_FLAG_SET | MAP_FLAG_INDEX | MAP_FLAG_PTR_KEYS))
#define map_is_fixed(m) (((m)->info & MAP_FLAG_FIXED) != 0)
#define map_is_set(m) (((m)->info & MAP_FLAG_SET) != 0)

typedef enum {
    MAP_LOOKUP = 0,
    MAP_LOOKUP_ADD_IF_NOT_FOUND = 1,  // a new entry has value OBJ_NULL
    MAP_LOOKUP_REMOVE_IF_FOUND = 2,   // returns the removed entry; read it before the next call
} map_lookup_kind_t;

void map_init(map_t *m, size_t n);
void map_init_fixed(map_t *m, const map_elem_t *table, size_t n);
void map_reserve(map_t *m, size_t n);  // room for n entries more than it holds, exactly
void map_clear(map_t *m);
// Finds key (by equality; raises TypeError for unhashable keys when adding). NULL if absent.
map_elem_t *map_lookup(map_t *m, obj_t key, map_lookup_kind_t kind);
void map_copy(map_t *dst, const map_t *src);
void map_copy_fixed(map_t *dst, const map_t *src);  // a read-only copy
#define MAP_SLOT_IS_FILLED(m, i) ((m)->table[i].key != OBJ_SENTINEL && (m)->table[i].key != OBJ_NULL)

/* ------------------------------------------------------------------------------------
 * Types.
 */
// Operator numbers are MP_UNARY_OP_* / MP_BINARY_OP_* of runtime/opcodes.h.
typedef void (*print_fun_t)(const print_t *p, obj_t self, print_kind_t kind);
typedef obj_t (*make_new_fun_t)(const obj_type_t *type, size_t n_args, size_t n_kw, const obj_t *args);
typedef obj_t (*call_fun_t)(obj_t self, size_t n_args, size_t n_kw, const obj_t *args);
typedef obj_t (*unary_op_fun_t)(int op, obj_t self);
typedef obj_t (*binary_op_fun_t)(int op, obj_t lhs, obj_t rhs);
// Attribute hook. Load: dest[0] == OBJ_NULL on entry; set dest[0] = value, or dest[0] =
// function and dest[1] = self for a bound method; leave dest[0] NULL if absent (the
// locals_dict is searched next). Store: dest[0] == OBJ_SENTINEL, dest[1] = value (OBJ_NULL
// = delete); set dest[0] = OBJ_NULL when done.
typedef void (*attr_fun_t)(obj_t self, qstr_t attr, obj_t *dest);
typedef obj_t (*subscr_fun_t)(obj_t self, obj_t index, obj_t value);
typedef obj_t (*getiter_fun_t)(obj_t self);
typedef obj_t (*iternext_fun_t)(obj_t self);  // OBJ_STOP_ITERATION when done (or raises)

typedef struct buffer_info_t {
    void *buf;
    size_t len;
    int typecode;  // struct-module code of one item ('B' for bytes)
} buffer_info_t;
#define BUFFER_READ 1
#define BUFFER_WRITE 2
typedef bool (*buffer_fun_t)(obj_t self, buffer_info_t *info, int flags);

struct obj_dict_t;

enum {
    TYPE_FLAG_INSTANCE = 0x0001,        // a class made by a class statement (objtype.c)
    TYPE_FLAG_ITER_IS_SELF = 0x0002,    // iter(x) is x; iternext does the work
    TYPE_FLAG_EQ_BY_IDENTITY = 0x0004,  // == is `is` (no binary_op call needed)
    TYPE_FLAG_EXCEPTION = 0x0008,       // BaseException or a builtin subclass of it
    TYPE_FLAG_BINDS_SELF = 0x0010,      // a function: found on a class it binds as a method
    TYPE_FLAG_HAS_SPECIAL = 0x0020,     // a user class defines __getattr__/__setattr__ etc.
    TYPE_FLAG_SEQUENCE = 0x0040,        // unpacks/iterates by index (list, tuple)
    TYPE_FLAG_NATIVE_BASE = 0x0080,     // a class deriving from a builtin other than object
    // 0x0100 up: a class's count of its instances' attributes (objtype.c instance_new_raw)
};

// What a type does, apart from its methods: a table in flash that types doing the same
// share (every class statement's type, every exception type), so that a type made at run
// time is a few words. A NULL slot: the type does not support that operation.
typedef struct obj_type_slots_t {
    print_fun_t print;
    make_new_fun_t make_new;  // type(...) ; NULL: "cannot create '%q' instances"
    call_fun_t call;          // instance(...)
    unary_op_fun_t unary_op;
    binary_op_fun_t binary_op;
    attr_fun_t attr;
    subscr_fun_t subscr;
    getiter_fun_t getiter;
    iternext_fun_t iternext;
    buffer_fun_t buffer;
} obj_type_slots_t;

extern const obj_type_slots_t obj_type_no_slots;  // all NULL

// The fields every type starts with: base (&type_type), flags, the qstr of its name, its
// slots (never NULL) and its bases (NULL: only object; one type; or, for user classes, a
// tuple of types).
#define OBJ_TYPE_HEAD \
    obj_base_t base; \
    uint16_t flags; \
    uint16_t name; \
    const obj_type_slots_t *slots; \
    const void *parent

struct obj_type_t {
    OBJ_TYPE_HEAD;
    // Methods and class attributes (read them with obj_type_locals): a class statement's
    // type (TYPE_FLAG_INSTANCE) holds its dict object here, in place of this pointer
    // (objtype.c obj_usertype_t: 8 words, 32 bytes on a 32-bit MCU).
    const struct obj_dict_t *locals_dict;
};

/* ------------------------------------------------------------------------------------
 * Core object layouts (the type files implement their methods).
 */
typedef struct obj_tuple_t {
    obj_base_t base;
    size_t len;
    obj_t items[];
} obj_tuple_t;

typedef struct obj_list_t {
    obj_base_t base;
    size_t alloc;
    size_t len;
    obj_t *items;
} obj_list_t;

typedef struct obj_dict_t {
    obj_base_t base;
    map_t map;
} obj_dict_t;

// A type's methods and class attributes (a class holds its dict inline: obj_type_t).
static inline const obj_dict_t *obj_type_locals(const obj_type_t *t) {
    return (t->flags & TYPE_FLAG_INSTANCE) ? (const obj_dict_t *)(const void *)&t->locals_dict
                                           : t->locals_dict;
}

typedef struct obj_set_t {  // set and frozenset
    obj_base_t base;
    map_t map;               // is_set: keys only
} obj_set_t;

// str and bytes (immutable): data may be in flash, in a .mpy buffer or on the heap.
typedef struct obj_str_t {
    obj_base_t base;
    size_t hash;
    size_t len;              // in bytes
    const byte *data;        // NUL follows data[len]
} obj_str_t;

typedef struct obj_array_t {  // bytearray (typecode 'B') and memoryview
    obj_base_t base;
    size_t typecode : 8;
    size_t free : (8 * sizeof(size_t) - 8);  // spare capacity
    size_t len;
    void *items;
} obj_array_t;

typedef struct obj_float_t {
    obj_base_t base;
    mp_float_t value;
} obj_float_t;

typedef struct obj_complex_t {
    obj_base_t base;
    mp_float_t real, imag;
} obj_complex_t;

typedef struct obj_slice_t {
    obj_base_t base;
    obj_t start, stop, step;
} obj_slice_t;

typedef struct obj_module_t {
    obj_base_t base;
    obj_dict_t *globals;     // has __name__
} obj_module_t;

typedef struct obj_cell_t {
    obj_base_t base;
    obj_t obj;               // OBJ_NULL = empty
} obj_cell_t;

typedef struct obj_bound_meth_t {
    obj_base_t base;
    obj_t meth;
    obj_t self;
} obj_bound_meth_t;

typedef struct obj_static_class_method_t {  // staticmethod, classmethod
    obj_base_t base;
    obj_t fun;
} obj_static_class_method_t;

typedef struct obj_property_t {
    obj_base_t base;
    obj_t proxy[3];          // fget, fset, fdel (obj_none if absent)
} obj_property_t;

// Builtin functions: one type per calling form, so calls dispatch without checks.
typedef obj_t (*fun_0_t)(void);
typedef obj_t (*fun_1_t)(obj_t);
typedef obj_t (*fun_2_t)(obj_t, obj_t);
typedef obj_t (*fun_3_t)(obj_t, obj_t, obj_t);
typedef obj_t (*fun_var_t)(size_t n_args, const obj_t *args);
// kw form: pos = positional args; kw = keyword args (qstr keys), never NULL.
typedef obj_t (*fun_kw_t)(size_t n_args, const obj_t *args, map_t *kw);

typedef struct obj_fun_builtin_t {
    obj_base_t base;
    uint16_t n_args_min;
    uint16_t n_args_max;     // for var/kw forms
    union {
        fun_0_t _0;
        fun_1_t _1;
        fun_2_t _2;
        fun_3_t _3;
        fun_var_t var;
        fun_kw_t kw;
    } fun;
} obj_fun_builtin_t;

#define FUN_OBJ_0(obj_name, f) const obj_fun_builtin_t obj_name = {{&type_fun_builtin_0}, 0, 0, .fun._0 = f}
#define FUN_OBJ_1(obj_name, f) const obj_fun_builtin_t obj_name = {{&type_fun_builtin_1}, 1, 1, .fun._1 = f}
#define FUN_OBJ_2(obj_name, f) const obj_fun_builtin_t obj_name = {{&type_fun_builtin_2}, 2, 2, .fun._2 = f}
#define FUN_OBJ_3(obj_name, f) const obj_fun_builtin_t obj_name = {{&type_fun_builtin_3}, 3, 3, .fun._3 = f}
// min..max positional arguments, no keywords.
#define FUN_OBJ_VAR_BETWEEN(obj_name, min, max, f) \
    const obj_fun_builtin_t obj_name = {{&type_fun_builtin_var}, min, max, .fun.var = f}
#define FUN_OBJ_VAR(obj_name, min, f) FUN_OBJ_VAR_BETWEEN(obj_name, min, 0xffff, f)
// at least min positional arguments, and any keyword arguments.
#define FUN_OBJ_KW(obj_name, min, f) \
    const obj_fun_builtin_t obj_name = {{&type_fun_builtin_kw}, min, 0xffff, .fun.kw = f}

#define STATICMETHOD_OBJ(obj_name, fun_obj) \
    const obj_static_class_method_t obj_name = {{&type_staticmethod}, (obj_t)(fun_obj)}
#define CLASSMETHOD_OBJ(obj_name, fun_obj) \
    const obj_static_class_method_t obj_name = {{&type_classmethod}, (obj_t)(fun_obj)}

#define DEFINE_CONST_DICT(dict_name, elems) \
    const obj_dict_t dict_name = { \
        .base = {&type_dict}, \
        .map = { \
            .used = sizeof(elems) / sizeof(map_elem_t), \
            .info = sizeof(elems) / sizeof(map_elem_t) | MAP_FLAG_FIXED, \
            .table = (map_elem_t *)(elems), \
        }, \
    }

/* ------------------------------------------------------------------------------------
 * The types. Each is defined in its obj<type>.c (exceptions in objexcept.c).
 */
extern const obj_type_t type_type, type_object, type_NoneType, type_bool, type_int, type_float,
    type_complex, type_str, type_bytes, type_bytearray, type_memoryview, type_tuple, type_list,
    type_dict, type_set, type_frozenset, type_range, type_slice, type_ellipsis, type_enumerate,
    type_zip, type_map, type_filter, type_reversed, type_module, type_cell, type_bound_meth,
    type_staticmethod, type_classmethod, type_property, type_super, type_gen, type_gen_wrap,
    type_fun_bc, type_closure, type_fun_builtin_0, type_fun_builtin_1, type_fun_builtin_2,
    type_fun_builtin_3, type_fun_builtin_var, type_fun_builtin_kw, type_NotImplementedType,
    type_iterator;

// The type of a function immediate (OBJ_IS_FUN_IMM): its payload's low bit marks a generator.
static inline const obj_type_t *obj_fun_imm_type(const_obj_t o) {
    return (OBJ_FUN_IMM_PAYLOAD(o) & 1) ? &type_gen_wrap : &type_fun_bc;
}

// Exceptions (the standard hierarchy, objexcept.c).
#define EXCEPTION_LIST(X) \
    X(BaseException, none) X(SystemExit, BaseException) X(KeyboardInterrupt, BaseException) \
    X(GeneratorExit, BaseException) X(Exception, BaseException) \
    X(StopIteration, Exception) X(StopAsyncIteration, Exception) \
    X(ArithmeticError, Exception) X(OverflowError, ArithmeticError) \
    X(ZeroDivisionError, ArithmeticError) X(AssertionError, Exception) \
    X(AttributeError, Exception) X(EOFError, Exception) X(ImportError, Exception) \
    X(LookupError, Exception) X(IndexError, LookupError) X(KeyError, LookupError) \
    X(MemoryError, Exception) X(NameError, Exception) X(OSError, Exception) \
    X(TimeoutError, OSError) X(RuntimeError, Exception) X(NotImplementedError, RuntimeError) \
    X(SyntaxError, Exception) X(IndentationError, SyntaxError) X(TypeError, Exception) \
    X(ValueError, Exception) X(UnicodeError, ValueError)
#define EXC_DECLARE(name, parent) extern const obj_type_t type_##name;
EXCEPTION_LIST(EXC_DECLARE)
#undef EXC_DECLARE

// Constant objects.
extern const obj_str_t obj_empty_bytes;
extern const obj_tuple_t obj_empty_tuple;
extern const obj_base_t obj_ellipsis, obj_not_implemented;
#define obj_const_ellipsis ((obj_t)&obj_ellipsis)
#define obj_const_not_implemented ((obj_t)&obj_not_implemented)
#define obj_const_empty_tuple ((obj_t)&obj_empty_tuple)

/* ------------------------------------------------------------------------------------
 * The object API. Generic operations are in obj.c; each constructor and type-specific
 * helper is defined in its type's file (obj_new_tuple in objtuple.c, obj_new_str and the
 * obj_str_* helpers in objstr.c, obj_new_bytearray in objbytes.c, obj_new_cell and
 * obj_new_bound_meth in objfun.c, obj_new_module in objmodule.c, and so on).
 * Functions that can raise say so only when they do not obviously (every conversion
 * raises TypeError on the wrong type).
 */
const obj_type_t *obj_get_type(const_obj_t o);
// An object in the image's flash has a small number for its type word (image.h
// IMAGE_ROM_*); this maps it to the type, for obj_get_type and obj_is_type.
extern const obj_type_t *const obj_rom_types[];
#define OBJ_ROM_KINDS 6    // IMAGE_ROM_KINDS (runtime/image.h; obj.c checks they agree)
static inline bool obj_is_type(const_obj_t o, const obj_type_t *t) {
    if (!OBJ_IS_PTR(o)) {
        return false;
    }
    const obj_type_t *ot = ((const obj_base_t *)o)->type;
    return ot == t || ((uintptr_t)ot < OBJ_ROM_KINDS && obj_rom_types[(uintptr_t)ot] == t);
}
#define obj_is_str(o) (OBJ_IS_QSTR(o) || obj_is_type(o, &type_str))
#define obj_is_int(o) (OBJ_IS_SMALL_INT(o) || obj_is_type(o, &type_int))
#define obj_is_float(o) obj_is_type(o, &type_float)
bool obj_is_subclass(const obj_type_t *t, const obj_type_t *base);  // walks all bases
bool obj_isinstance(obj_t o, const obj_type_t *t);  // subclass check on type(o)
bool obj_is_callable(obj_t o);
bool obj_is_exception(obj_t o);  // an exception instance (builtin or user class)
qstr_t obj_type_name(obj_t o);

void obj_print(const print_t *p, obj_t o, print_kind_t kind);
void obj_print_exception(const print_t *p, obj_t exc);  // traceback and message line
obj_t obj_repr(obj_t o);   // a str
obj_t obj_str(obj_t o);    // a str

bool obj_is_true(obj_t o);
bool obj_equal(obj_t a, obj_t b);  // may call __eq__
size_t obj_hash(obj_t o);          // TypeError "unsupported type for __hash__" for lists etc.
obj_t obj_len(obj_t o);            // a small int; TypeError if no len
obj_t obj_len_maybe(obj_t o);      // OBJ_NULL if no len
size_t obj_get_len(obj_t o);

mp_int_t obj_get_int(obj_t o);     // int or bool; OverflowError for a big int out of range
bool obj_get_int_maybe(obj_t o, mp_int_t *value);
mp_float_t obj_get_float(obj_t o); // int, bool or float
bool obj_get_float_maybe(obj_t o, mp_float_t *value);
// The items of a tuple or list (TypeError otherwise); the array is not copied.
void obj_get_array(obj_t o, size_t *len, obj_t **items);
void obj_get_array_fixed_n(obj_t o, size_t n, obj_t **items);  // ValueError if len != n
// Index of a sequence: normalises negative indices; IndexError "%q index out of range".
size_t obj_get_index(const obj_type_t *type, size_t len, obj_t index, bool is_slice);
obj_t obj_subscr(obj_t o, obj_t index, obj_t value);  // value as in subscr_fun_t

// Constructors.
obj_t obj_new_int(mp_int_t v);              // small int, else a big int (objint.c)
obj_t obj_new_int_from_uint(mp_uint_t v);
obj_t obj_new_int_from_ll(long long v);     // objint.c
obj_t obj_new_int_from_ull(unsigned long long v);
// Parses an int literal (base 0 = from prefix, else 2..36); ValueError on bad text.
obj_t obj_new_int_from_str(const char *s, size_t len, int base);  // objint.c
obj_t obj_new_float(mp_float_t v);
obj_t obj_new_float_from_str(const char *s, size_t len);  // objfloat.c; ValueError on bad text
obj_t obj_new_complex(mp_float_t real, mp_float_t imag);
obj_t obj_new_str(const char *s, size_t len);        // copies (or interns short strings)
obj_t obj_new_str_static(const char *s, size_t len); // s stays valid forever; not copied
obj_t obj_new_str_from_cstr(const char *s);
obj_t obj_new_bytes(const byte *s, size_t len);      // copies
obj_t obj_new_bytes_static(const byte *s, size_t len);
obj_t obj_new_bytearray(size_t len, const void *items);
obj_t obj_new_tuple(size_t n, const obj_t *items);   // items NULL: left OBJ_NULL to fill
obj_t obj_new_list(size_t n, const obj_t *items);    // items NULL: left OBJ_NULL to fill
obj_t obj_new_dict(size_t n);
obj_t obj_new_set(size_t n, const obj_t *items);
obj_t obj_new_slice(obj_t start, obj_t stop, obj_t step);
obj_t obj_new_cell(obj_t value);
obj_t obj_new_bound_meth(obj_t meth, obj_t self);
// A module of no code with these globals (a loaded module is its context: bc.h).
obj_t obj_new_module(obj_dict_t *globals);
// A module's new globals dict, holding its __name__.
obj_dict_t *obj_module_new_globals(qstr_t name);

// Strings. A str is a qstr word or an obj_str_t; these accept both.
const char *obj_str_get_data(obj_t s, size_t *len);  // str or bytes; TypeError otherwise
const char *obj_str_get_cstr(obj_t s);               // NUL-terminated
qstr_t obj_str_get_qstr(obj_t s);                    // interns if needed
bool obj_str_equal(obj_t a, obj_t b);                // both str
obj_t obj_str_intern(obj_t s);                       // the qstr word of s

// Lists, tuples, dicts, sets.
void obj_list_append(obj_t list, obj_t item);
obj_t obj_list_pop(obj_t list, size_t index);
void obj_list_sort(obj_t list, obj_t key, bool reverse);  // stable
obj_t obj_dict_get(obj_t dict, obj_t key);                 // OBJ_NULL if absent
void obj_dict_store(obj_t dict, obj_t key, obj_t value);
void obj_dict_delete(obj_t dict, obj_t key);               // KeyError if absent
map_t *obj_dict_get_map(obj_t dict);
void obj_set_store(obj_t set, obj_t item);

// Slices: start/stop/step resolved against len (step != 0, else ValueError).
typedef struct slice_bounds_t {
    mp_int_t start, stop, step;
} slice_bounds_t;
void obj_slice_indices(obj_t slice, size_t len, slice_bounds_t *out);
// Ranges of a sequence slice with step 1; false if the step is not 1.
bool obj_slice_get_range(obj_t slice, size_t len, size_t *begin, size_t *end);

// Exceptions (objexcept.c).
obj_t obj_new_exception(const obj_type_t *type, size_t n_args, const obj_t *args);
obj_t obj_new_exception_msg(const obj_type_t *type, const char *fmt, ...);
obj_t obj_new_exception_msg_v(const obj_type_t *type, const char *fmt, va_list ap);
obj_t obj_exception_get_value(obj_t exc);  // args[0], or None (StopIteration.value)
obj_t obj_exception_get_args(obj_t exc);   // a tuple
void obj_exception_add_traceback(obj_t exc, qstr_t file, size_t line, qstr_t block);
void obj_exception_clear_traceback(obj_t exc);

// Module registry (objmodule.c).
obj_t obj_module_get_builtin(qstr_t name);  // OBJ_NULL if no such builtin module

#endif // RUNTIME_OBJ_H
