// SPDX-License-Identifier: MIT
// modules.h: the builtin modules the runtime offers, once (objmodule.c expands the list).
#ifndef RUNTIME_MODULES_H
#define RUNTIME_MODULES_H

/*
 * M(name, symbol): `import name` finds the const obj_module_t `symbol`. Add a line when
 * you add a mod<name>.c (and its name to qstrnames.h / qstrtypes.h); the reference is
 * strong, so a listed module must be linked in (a static library only pulls in members
 * that something references strongly).
 */
#define BUILTIN_MODULE_LIST(M) \
    M(builtins, module_builtins) \
    M(math, module_math) \
    M(struct, module_struct) \
    M(collections, module_collections) \
    M(sys, module_sys) \
    M(json, module_json) \
    M(binascii, module_binascii) \
    M(micropython, module_micropython) \
    M(gc, module_gc) \

#endif // RUNTIME_MODULES_H
