// SPDX-License-Identifier: MIT
// qstrnames.h: names the runtime uses that are not in the static .mpy list (any order).
#ifndef RUNTIME_QSTRNAMES_H
#define RUNTIME_QSTRNAMES_H

#include "runtime/qstrtypes.h"

/*
 * QSTR(ident, "string") gives MP_QSTR_<ident>. To add a name, add a line anywhere in the
 * list; a name already in qstrdefs.h must not be repeated (the enum would clash).
 * Sections only group the lines for readers; order has no meaning.
 */
#define QSTR_RUNTIME_LIST(QSTR) \
    /* special methods */ \
    QSTR(__add__, "__add__") QSTR(__sub__, "__sub__") QSTR(__mul__, "__mul__") \
    QSTR(__bool__, "__bool__") QSTR(__contains__, "__contains__") QSTR(__eq__, "__eq__") \
    QSTR(__ne__, "__ne__") QSTR(__lt__, "__lt__") QSTR(__le__, "__le__") QSTR(__gt__, "__gt__") \
    QSTR(__ge__, "__ge__") QSTR(__pos__, "__pos__") QSTR(__neg__, "__neg__") \
    QSTR(__invert__, "__invert__") QSTR(__abs__, "__abs__") QSTR(__float__, "__float__") \
    QSTR(__complex__, "__complex__") QSTR(__sizeof__, "__sizeof__") QSTR(__none__, "__none__") \
    QSTR(__ior__, "__ior__") QSTR(__ixor__, "__ixor__") QSTR(__iand__, "__iand__") \
    QSTR(__ilshift__, "__ilshift__") QSTR(__irshift__, "__irshift__") QSTR(__iadd__, "__iadd__") \
    QSTR(__isub__, "__isub__") QSTR(__imul__, "__imul__") QSTR(__imatmul__, "__imatmul__") \
    QSTR(__ifloordiv__, "__ifloordiv__") QSTR(__itruediv__, "__itruediv__") \
    QSTR(__imod__, "__imod__") QSTR(__ipow__, "__ipow__") QSTR(__or__, "__or__") \
    QSTR(__xor__, "__xor__") QSTR(__and__, "__and__") QSTR(__lshift__, "__lshift__") \
    QSTR(__rshift__, "__rshift__") QSTR(__matmul__, "__matmul__") \
    QSTR(__floordiv__, "__floordiv__") QSTR(__truediv__, "__truediv__") QSTR(__mod__, "__mod__") \
    QSTR(__pow__, "__pow__") QSTR(__divmod__, "__divmod__") QSTR(__ror__, "__ror__") \
    QSTR(__rxor__, "__rxor__") QSTR(__rand__, "__rand__") QSTR(__rlshift__, "__rlshift__") \
    QSTR(__rrshift__, "__rrshift__") QSTR(__radd__, "__radd__") QSTR(__rsub__, "__rsub__") \
    QSTR(__rmul__, "__rmul__") QSTR(__rmatmul__, "__rmatmul__") \
    QSTR(__rfloordiv__, "__rfloordiv__") QSTR(__rtruediv__, "__rtruediv__") \
    QSTR(__rmod__, "__rmod__") QSTR(__rpow__, "__rpow__") QSTR(__rdivmod__, "__rdivmod__") \
    QSTR(__get__, "__get__") QSTR(__set__, "__set__") QSTR(__delete__, "__delete__") \
    QSTR(__setattr__, "__setattr__") QSTR(__delattr__, "__delattr__") \
    QSTR(__getattribute__, "__getattribute__") QSTR(__set_name__, "__set_name__") \
    QSTR(__init_subclass__, "__init_subclass__") QSTR(__dict__, "__dict__") \
    QSTR(__bases__, "__bases__") QSTR(__mro__, "__mro__") QSTR(__doc__, "__doc__") \
    QSTR(__file__, "__file__") QSTR(__path__, "__path__") QSTR(__all__, "__all__") \
    QSTR(__build_class__, "__build_class__") QSTR(__import__, "__import__") \
    QSTR(__traceback__, "__traceback__") QSTR(__reversed__, "__reversed__") \
    QSTR(__index__, "__index__") QSTR(__round__, "__round__") QSTR(__aiter__, "__aiter__") \
    QSTR(__anext__, "__anext__") QSTR(__aenter__, "__aenter__") QSTR(__aexit__, "__aexit__") \
    QSTR(__await__, "__await__") QSTR(__self__, "__self__") QSTR(__func__, "__func__") \
    QSTR(__debug__, "__debug__") QSTR(__version__, "__version__") \
    QSTR(__lt_genexpr_gt_, "<genexpr>") QSTR(__lt_lambda_gt_, "<lambda>") \
    QSTR(__lt_listcomp_gt_, "<listcomp>") QSTR(__lt_stdin_gt_, "<stdin>") \
    /* builtins and types */ \
    QSTR(enumerate, "enumerate") QSTR(filter, "filter") QSTR(float, "float") \
    QSTR(frozenset, "frozenset") QSTR(max, "max") QSTR(min, "min") QSTR(reversed, "reversed") \
    QSTR(slice, "slice") QSTR(property, "property") QSTR(memoryview, "memoryview") \
    QSTR(complex, "complex") QSTR(bin, "bin") QSTR(hex, "hex") QSTR(oct, "oct") \
    QSTR(delattr, "delattr") QSTR(input, "input") QSTR(vars, "vars") QSTR(function, "function") \
    QSTR(generator, "generator") QSTR(closure, "closure") QSTR(bound_method, "bound_method") \
    QSTR(module, "module") QSTR(cell, "cell") QSTR(NotImplemented, "NotImplemented") \
    QSTR(iterator, "iterator") QSTR(ellipsis, "ellipsis") \
    QSTR(getter, "getter") QSTR(setter, "setter") QSTR(deleter, "deleter") QSTR(fget, "fget") \
    QSTR(fset, "fset") QSTR(fdel, "fdel") QSTR(doc, "doc") QSTR(ascii, "ascii") \
    QSTR(aiter, "aiter") QSTR(anext, "anext") QSTR(metaclass, "metaclass") \
    /* module names */ \
    QSTR(sys, "sys") QSTR(math, "math") QSTR(struct, "struct") QSTR(json, "json") QSTR(binascii, "binascii") QSTR(collections, "collections") QSTR(gc, "gc") QSTR(time, "time") QSTR(array, "array") QSTR(io, "io") \
    QSTR(os, "os") QSTR(random, "random") QSTR(asyncio, "asyncio") QSTR(errno, "errno") QSTR(re, "re") QSTR(select, "select") QSTR(heapq, "heapq") QSTR(hashlib, "hashlib") QSTR(cmath, "cmath") \
    /* exceptions */ \
    QSTR(UnicodeError, "UnicodeError") QSTR(StopAsyncIteration, "StopAsyncIteration") \
    QSTR(ReferenceError, "ReferenceError") QSTR(TimeoutError, "TimeoutError") \
    QSTR(NotImplementedType, "NotImplementedType") \
    /* generator, exception and misc attributes */ \
    QSTR(real, "real") QSTR(imag, "imag") QSTR(conjugate, "conjugate") \
    QSTR(argv, "argv") QSTR(path, "path") QSTR(modules, "modules") QSTR(exit, "exit") \
    QSTR(mro, "mro") QSTR(gi_frame, "gi_frame") QSTR(pend_throw, "pend_throw") \
    QSTR(file, "file") QSTR(iterable, "iterable") QSTR(fromkeys, "fromkeys") QSTR(discard, "discard") QSTR(add, "add") \
    /* gc */ \
    QSTR(collect, "collect") QSTR(mem_alloc, "mem_alloc") QSTR(mem_free, "mem_free") \
    QSTR(enable, "enable") QSTR(disable, "disable") QSTR(isenabled, "isenabled") QSTR(threshold, "threshold") \
    /* the names of the type and module files of "types" (runtime/qstrtypes.h) */ \
    QSTR_TYPES_LIST(QSTR) \

#endif // RUNTIME_QSTRNAMES_H
