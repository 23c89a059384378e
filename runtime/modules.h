// SPDX-License-Identifier: MIT
// modules.h: the builtin modules the runtime offers, once (objmodule.c expands the list).
#ifndef RUNTIME_MODULES_H
#define RUNTIME_MODULES_H

/*
 * M(name, symbol): `import name` finds the const obj_module_t `symbol`. Each symbol is
 * declared weak, so a module whose file is not linked in is absent (ImportError).
 */
#define BUILTIN_MODULE_LIST(M) \
    M(builtins, module_builtins) \
    M(sys, module_sys) \
    M(math, module_math) \
    M(struct, module_struct) \
    M(json, module_json) \
    M(binascii, module_binascii) \
    M(collections, module_collections) \
    M(micropython, module_micropython) \
    M(gc, module_gc) \
    M(time, module_time) \
    M(array, module_array) \
    M(io, module_io) \
    M(os, module_os) \
    M(random, module_random) \
    M(asyncio, module_asyncio) \
    M(errno, module_errno) \
    M(re, module_re) \
    M(select, module_select) \
    M(heapq, module_heapq) \
    M(hashlib, module_hashlib) \
    M(cmath, module_cmath) \

#endif // RUNTIME_MODULES_H
