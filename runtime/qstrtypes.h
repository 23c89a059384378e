// SPDX-License-Identifier: MIT
// qstrtypes.h: names used by the type and module files (str, int, dict ..., sys, math ...).
#ifndef RUNTIME_QSTRTYPES_H
#define RUNTIME_QSTRTYPES_H

/*
 * Part of QSTR_RUNTIME_LIST (qstrnames.h includes it): the same rules apply. A name must
 * appear once in qstrdefs.h, qstrnames.h and this file together, or the enum clashes.
 */
#define QSTR_TYPES_LIST(QSTR) \
    /* str, bytes, bytearray, memoryview */ \
    QSTR(center, "center") QSTR(partition, "partition") QSTR(rpartition, "rpartition") \
    QSTR(splitlines, "splitlines") QSTR(encode, "encode") QSTR(decode, "decode") \
    QSTR(fromhex, "fromhex") QSTR(keepends, "keepends") QSTR(encoding, "encoding") \
    QSTR(errors, "errors") \
    /* sets */ \
    QSTR(difference, "difference") QSTR(difference_update, "difference_update") \
    QSTR(intersection, "intersection") QSTR(intersection_update, "intersection_update") \
    QSTR(isdisjoint, "isdisjoint") QSTR(issubset, "issubset") QSTR(issuperset, "issuperset") \
    QSTR(symmetric_difference, "symmetric_difference") \
    QSTR(symmetric_difference_update, "symmetric_difference_update") QSTR(union, "union") \
    /* ints and builtins */ \
    QSTR(big, "big") QSTR(signed, "signed") QSTR(default, "default") QSTR(base, "base") \
    QSTR(dict_keys, "dict_keys") QSTR(dict_values, "dict_values") \
    QSTR(dict_items, "dict_items") \
    /* sys */ \
    QSTR(byteorder, "byteorder") QSTR(implementation, "implementation") \
    QSTR(maxsize, "maxsize") QSTR(platform, "platform") \
    QSTR(print_exception, "print_exception") QSTR(stdout, "stdout") QSTR(stderr, "stderr") \
    QSTR(stdin, "stdin") QSTR(version, "version") QSTR(version_info, "version_info") \
    QSTR(exc_info, "exc_info") QSTR(name, "name") QSTR(_mpy, "_mpy") QSTR(linux, "linux") \
    QSTR(major, "major") QSTR(minor, "minor") QSTR(micro, "micro") \
    QSTR(TextIOWrapper, "TextIOWrapper") QSTR(flush, "flush") \
    QSTR(sys_version, "3.4.0; MicroPython v1.29.0") \
    /* math */ \
    QSTR(pi, "pi") QSTR(e, "e") QSTR(inf, "inf") QSTR(nan, "nan") QSTR(tau, "tau") \
    QSTR(sqrt, "sqrt") QSTR(exp, "exp") QSTR(expm1, "expm1") QSTR(log, "log") \
    QSTR(log2, "log2") QSTR(log10, "log10") QSTR(cos, "cos") QSTR(sin, "sin") \
    QSTR(tan, "tan") QSTR(acos, "acos") QSTR(asin, "asin") QSTR(atan, "atan") \
    QSTR(atan2, "atan2") QSTR(cosh, "cosh") QSTR(sinh, "sinh") QSTR(tanh, "tanh") \
    QSTR(acosh, "acosh") QSTR(asinh, "asinh") QSTR(atanh, "atanh") QSTR(ceil, "ceil") \
    QSTR(floor, "floor") QSTR(trunc, "trunc") QSTR(fabs, "fabs") QSTR(fmod, "fmod") \
    QSTR(modf, "modf") QSTR(frexp, "frexp") QSTR(ldexp, "ldexp") QSTR(copysign, "copysign") \
    QSTR(isfinite, "isfinite") QSTR(isinf, "isinf") QSTR(isnan, "isnan") \
    QSTR(isclose, "isclose") QSTR(degrees, "degrees") QSTR(radians, "radians") \
    QSTR(factorial, "factorial") QSTR(gamma, "gamma") QSTR(lgamma, "lgamma") \
    QSTR(erf, "erf") QSTR(erfc, "erfc") QSTR(hypot, "hypot") QSTR(a, "a") QSTR(b, "b") QSTR(rel_tol, "rel_tol") QSTR(abs_tol, "abs_tol") \
    /* struct, json, binascii */ \
    QSTR(calcsize, "calcsize") QSTR(pack, "pack") QSTR(pack_into, "pack_into") \
    QSTR(unpack, "unpack") QSTR(unpack_from, "unpack_from") QSTR(dump, "dump") \
    QSTR(dumps, "dumps") QSTR(load, "load") QSTR(loads, "loads") QSTR(hexlify, "hexlify") \
    QSTR(unhexlify, "unhexlify") QSTR(a2b_base64, "a2b_base64") \
    QSTR(b2a_base64, "b2a_base64") QSTR(crc32, "crc32") QSTR(separators, "separators") \
    QSTR(newline, "newline") QSTR(obj, "obj") QSTR(stream, "stream") QSTR(data, "data") \
    /* collections */ \
    QSTR(OrderedDict, "OrderedDict") QSTR(deque, "deque") QSTR(namedtuple, "namedtuple") \
    QSTR(appendleft, "appendleft") QSTR(popleft, "popleft") QSTR(_fields, "_fields") \
    QSTR(_asdict, "_asdict") QSTR(_replace, "_replace") QSTR(maxlen, "maxlen") \
    QSTR(extendleft, "extendleft") QSTR(rename, "rename") \
    /* micropython */ \
    QSTR(opt_level, "opt_level") QSTR(mem_info, "mem_info") QSTR(qstr_info, "qstr_info") \
    QSTR(stack_use, "stack_use") QSTR(heap_lock, "heap_lock") QSTR(heap_unlock, "heap_unlock") \
    QSTR(kbd_intr, "kbd_intr") QSTR(schedule, "schedule") \

#endif // RUNTIME_QSTRTYPES_H
