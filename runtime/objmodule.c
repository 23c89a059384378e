// SPDX-License-Identifier: MIT
// objmodule.c: module objects, the builtin module registry and the import machinery.
#include <string.h>

#include "runtime/bc.h"
#include "runtime/modules.h"
#include "runtime/mpyload.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * Where `import a.b` looks, in order: sys.modules; the builtin modules of
 * BUILTIN_MODULE_LIST; then the port's finder
 * (mpyload_find: the frozen image, or .mpy files on the host). Each package level is
 * imported first and the submodule is stored as an attribute of its parent.
 */
static void module_print(const print_t *p, obj_t self, print_kind_t kind) {
    UNUSED(kind);
    obj_module_t *m = (obj_module_t *)self;
    obj_t name = obj_dict_get(m->globals, OBJ_NEW_QSTR(MP_QSTR___name__));
    print_str(p, "<module '");
    if (name != OBJ_NULL) {
        obj_print(p, name, PRINT_STR);
    }
    print_str(p, "'>");
}

static void module_attr(obj_t self, qstr_t attr, obj_t *dest) {
    obj_module_t *m = (obj_module_t *)self;
    if (dest[0] == OBJ_NULL) {
        if (attr == MP_QSTR___dict__) {
            dest[0] = m->globals;
            return;
        }
        obj_t v = obj_dict_get(m->globals, OBJ_NEW_QSTR(attr));
        if (v != OBJ_NULL) {
            dest[0] = v;
        }
        return;
    }
    if (map_is_fixed(&m->globals->map)) {
        return;  // a builtin module in flash is read-only
    }
    if (dest[1] == OBJ_NULL) {
        obj_dict_delete(m->globals, OBJ_NEW_QSTR(attr));
    } else {
        obj_dict_store(m->globals, OBJ_NEW_QSTR(attr), dest[1]);
    }
    dest[0] = OBJ_NULL;
}

const obj_type_t type_module = {
    .base = {&type_type},
    .flags = TYPE_FLAG_EQ_BY_IDENTITY,
    .name = MP_QSTR_module,
    .slots = &(const obj_type_slots_t){
        .print = module_print,
        .attr = module_attr,
    },
};

obj_dict_t *obj_module_new_globals(qstr_t name) {
    obj_dict_t *g = (obj_dict_t *)obj_new_dict(4);
    obj_dict_store(g, OBJ_NEW_QSTR(MP_QSTR___name__), OBJ_NEW_QSTR(name));
    return g;
}

obj_t obj_new_module(obj_dict_t *globals) {
    obj_module_t *m = m_new_obj(obj_module_t);
    m->base.type = &type_module;
    m->globals = globals;
    return m;
}

#define MODULE_WEAK(name, sym) extern const obj_module_t sym;
BUILTIN_MODULE_LIST(MODULE_WEAK)
#undef MODULE_WEAK

typedef struct {
    uint16_t name;
    const obj_module_t *module;
} builtin_module_t;

obj_t obj_module_get_builtin(qstr_t name) {
    static const builtin_module_t table[] = {
#define MODULE_ENTRY(name, sym) {MP_QSTR_##name, &sym},
        BUILTIN_MODULE_LIST(MODULE_ENTRY)
#undef MODULE_ENTRY
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (table[i].name == name) {
            return (obj_t)table[i].module;
        }
    }
    return OBJ_NULL;
}

// Runs a loaded module body with the module's dict as globals and locals.
void obj_module_exec(obj_t module, const module_context_t *ctx);
void obj_module_exec(obj_t module, const module_context_t *ctx) {
    obj_dict_t *g = ((obj_module_t *)module)->globals;
    obj_dict_t *old_g = vm_state.globals, *old_l = vm_state.locals;
    map_reserve(&g->map, rc_store_names(ctx, 0));  // the globals, sized once
    obj_t fun = rc_make_function(ctx, 0, OBJ_NULL, OBJ_NULL);
    vm_state.globals = g;
    vm_state.locals = g;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        rt_call_function_0(fun);
        nlr_pop();
    } else {
        vm_state.globals = old_g;
        vm_state.locals = old_l;
        nlr_jump(nlr.ret_val);
    }
    vm_state.globals = old_g;
    vm_state.locals = old_l;
}

// Imports the one module named full (dotted, parents already imported).
static obj_t import_one(qstr_t full) {
    obj_t m = obj_dict_get(vm_state.modules, OBJ_NEW_QSTR(full));
    if (m != OBJ_NULL) {
        return m;
    }
    m = obj_module_get_builtin(full);
    if (m != OBJ_NULL) {
        return m;  // builtin modules are not entered in sys.modules (as MicroPython)
    }
    size_t len;
    const char *s = qstr_data(full, &len);
    mpyload_found_t found;
    if (!mpyload_find(s, len, &found)) {
        if (found.source_only) {
            rt_raise_msg(&type_ImportError, "can't import '%q': .py files need a compiler, which the runtime doesn't have", full);
        }
        rt_raise_msg(&type_ImportError, "no module named '%q'", full);
    }
    obj_dict_t *g = obj_module_new_globals(full);
    if (found.is_package) {
        obj_dict_store(g, OBJ_NEW_QSTR(MP_QSTR___path__), OBJ_NEW_QSTR(full));
    }
    if (found.data == NULL) {  // a namespace package: a module with no code
        m = obj_new_module(g);
        obj_dict_store(vm_state.modules, OBJ_NEW_QSTR(full), m);
        return m;
    }
    const module_context_t *ctx = mpyload_load(found.data, found.len, g);
    m = (obj_t)(uintptr_t)ctx;  // a loaded module is its context
    obj_dict_store(vm_state.modules, OBJ_NEW_QSTR(full), m);
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        obj_module_exec(m, ctx);
        nlr_pop();
    } else {
        obj_dict_delete(vm_state.modules, OBJ_NEW_QSTR(full));
        nlr_jump(nlr.ret_val);
    }
    return m;
}

// The package that a relative import at level counts from.
static void relative_base(vstr_t *v, mp_int_t level) {
    obj_t name = obj_dict_get(vm_state.globals, OBJ_NEW_QSTR(MP_QSTR___name__));
    bool is_pkg = obj_dict_get(vm_state.globals, OBJ_NEW_QSTR(MP_QSTR___path__)) != OBJ_NULL;
    if (name == OBJ_NULL) {
        rt_raise_msg(&type_ImportError, "can't perform relative import");
    }
    size_t len;
    const char *s = obj_str_get_data(name, &len);
    mp_int_t drop = level - (is_pkg ? 1 : 0);
    while (drop-- > 0) {
        while (len > 0 && s[len - 1] != '.') {
            len--;
        }
        if (len == 0) {
            rt_raise_msg(&type_ImportError, "can't perform relative import");
        }
        len--;
    }
    vstr_add_strn(v, s, len);
}

obj_t rt_import_name(qstr_t name, obj_t fromlist, obj_t level_in) {
    mp_int_t level = obj_get_int(level_in);
    vstr_t full;
    vstr_init(&full, 32);
    if (level > 0) {
        relative_base(&full, level);
        if (qstr_len(name) > 0 && full.len > 0) {
            vstr_add_char(&full, '.');
        }
    }
    size_t nlen;
    const char *n = qstr_data(name, &nlen);
    vstr_add_strn(&full, n, nlen);
    if (full.len == 0) {
        rt_raise_msg(&type_ImportError, "can't perform relative import");
    }
    obj_t top = OBJ_NULL, parent = OBJ_NULL, m = OBJ_NULL;
    size_t start = level > 0 ? 0 : 0;
    for (size_t i = start; i <= full.len; i++) {
        if (i < full.len && full.buf[i] != '.') {
            continue;
        }
        qstr_t q = qstr_from_strn(full.buf, i);
        m = import_one(q);
        if (parent != OBJ_NULL) {
            size_t plen = 0;
            while (plen < i && full.buf[i - 1 - plen] != '.') {
                plen++;
            }
            rt_store_attr(parent, qstr_from_strn(full.buf + i - plen, plen), m);
        }
        if (top == OBJ_NULL) {
            top = m;
        }
        parent = m;
    }
    if (fromlist == obj_none || fromlist == OBJ_NULL || level > 0) {
        if (level > 0 && (fromlist == obj_none || fromlist == OBJ_NULL)) {
            return top;
        }
        return fromlist == obj_none || fromlist == OBJ_NULL ? top : m;
    }
    return m;
}

obj_t rt_import_from(obj_t module, qstr_t name) {
    obj_t v = rt_load_attr_maybe(module, name);
    if (v != OBJ_NULL) {
        return v;
    }
    obj_t mname = rt_load_attr_maybe(module, MP_QSTR___name__);
    if (mname != OBJ_NULL && obj_is_type(module, &type_module)
            && obj_dict_get(((obj_module_t *)module)->globals, OBJ_NEW_QSTR(MP_QSTR___path__)) != OBJ_NULL) {
        vstr_t v2;
        vstr_init(&v2, 32);
        size_t len;
        const char *s = obj_str_get_data(mname, &len);
        vstr_add_strn(&v2, s, len);
        vstr_add_char(&v2, '.');
        s = qstr_data(name, &len);
        vstr_add_strn(&v2, s, len);
        qstr_t full = qstr_from_strn(v2.buf, v2.len);
        mpyload_found_t found;
        if (obj_dict_get(vm_state.modules, OBJ_NEW_QSTR(full)) != OBJ_NULL
                || mpyload_find(v2.buf, v2.len, &found)) {
            return import_one(full);  // its own errors propagate
        }
    }
    rt_raise_msg(&type_ImportError, "can't import name %q", name);
}

void rt_import_all(obj_t module) {
    if (!obj_is_type(module, &type_module)) {
        return;
    }
    obj_dict_t *g = ((obj_module_t *)module)->globals;
    obj_t all = obj_dict_get(g, OBJ_NEW_QSTR(MP_QSTR___all__));
    if (all != OBJ_NULL) {
        obj_t it = rt_getiter(all), k;
        while ((k = rt_iternext(it)) != OBJ_STOP_ITERATION) {
            qstr_t q = obj_str_get_qstr(k);
            obj_dict_store(vm_state.locals, OBJ_NEW_QSTR(q), rt_load_attr(module, q));
        }
        return;
    }
    map_t *m = &g->map;
    for (size_t i = 0; i < m->used; i++) {
        if (!MAP_SLOT_IS_FILLED(m, i)) {
            continue;
        }
        size_t len;
        const char *s = obj_str_get_data(m->table[i].key, &len);
        if (len > 0 && s[0] != '_') {
            obj_dict_store(vm_state.locals, m->table[i].key, m->table[i].value);
        }
    }
}
