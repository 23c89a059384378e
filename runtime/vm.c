// SPDX-License-Identifier: MIT
// vm.c: the bytecode interpreter loop (mpy-format.md section 6); slow paths are in runtime.c.
#include "runtime/bc.h"
#include "runtime/port.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * Registers of the loop: ip (next byte), sp (top of the value stack, state[0] is the
 * bottom), exc_sp (innermost exception block). DISPATCH() stores ip in cs->ip before each
 * instruction, so when anything raises (a longjmp back to vm_execute's nlr buffer) the
 * handler knows the faulting instruction from cs->ip; exc_sp is mirrored into cs->exc_sp
 * whenever it changes, and instructions that need sp after a raise (FOR_ITER, YIELD_FROM)
 * store cs->sp first. The handler never reads the locals, whose values longjmp loses.
 *
 * Dispatch: with CONFIG_COMPUTED_GOTO a 256-entry label table expanded from opcodes.h
 * (undefined bytes go to entry_default), else a chain of range tests.
 */

#define PUSH(v) (*++sp = (v))
#define POP() (*sp--)
#define TOP() (*sp)
#define SET_TOP(v) (*sp = (v))
#define LOCAL(i) (fastn[-(ptrdiff_t)(i)])

#define DECODE_UINT size_t unum = bc_read_uint(&ip)
#define DECODE_QSTR qstr_t qst = ctx->qstrs[bc_read_uint(&ip)]
#define DECODE_ULABEL \
    size_t ulab = (ip[0] & 0x80) ? (size_t)((ip[0] & 0x7f) | (ip[1] << 7)) : ip[0]; \
    ip += (ip[0] & 0x80) ? 2 : 1
#define DECODE_SLABEL \
    ptrdiff_t slab = (ip[0] & 0x80) ? (ptrdiff_t)((ip[0] & 0x7f) | (ip[1] << 7)) - 0x4000 \
                                    : (ptrdiff_t)ip[0] - 0x40; \
    ip += (ip[0] & 0x80) ? 2 : 1

#define PUSH_EXC_BLOCK(finally) do { \
        DECODE_ULABEL; \
        if (exc_sp + 1 >= cs->exc_stack + cs->n_exc_stack) { \
            bad_bytecode(); \
        } \
        ++exc_sp; \
        exc_sp->handler = ip + ulab; \
        exc_sp->val_sp = sp; \
        exc_sp->is_finally = (finally); \
        exc_sp->prev_exc = OBJ_NULL; \
        cs->exc_sp = exc_sp; \
} while (0)
#define POP_EXC_BLOCK() do { \
        if (exc_sp < cs->exc_stack) { \
            bad_bytecode(); \
        } \
        cs->exc_sp = --exc_sp; \
        vm_state.cur_exception = OBJ_NULL; \
} while (0)

// Cancels a finally handler that is running when a return or jump unwinds through it:
// drops its pending state (None / exception, or a (data, int) pair) below the new TOS.
#define CANCEL_ACTIVE_FINALLY() do { \
        if (OBJ_IS_SMALL_INT(sp[-1])) { \
            sp[-2] = sp[0]; \
            sp -= 2; \
        } else { \
            sp[-1] = sp[0]; \
            --sp; \
        } \
} while (0)

#if CONFIG_COMPUTED_GOTO
#define ENTRY(name) entry_##name
#define DISPATCH() do { cs->ip = ip; goto *entry_table[*ip++]; } while (0)
#else
#define ENTRY(name) entry_##name
#define DISPATCH() goto dispatch_chain
#endif

// A conditional jump's test: the bools a comparison leaves inline, the rest in obj.c.
static inline bool truth(obj_t v) {
    return v == obj_true || (v != obj_false && obj_is_true(v));
}

// Bytecode that passed the loader's checks but misbehaves at run time (a corrupt file).
NORETURN static void bad_bytecode(void) {
    rt_raise_msg(&type_ValueError, "corrupt .mpy file");
}

static inline obj_cell_t *as_cell(obj_t o) {
    if (!obj_is_type(o, &type_cell)) {
        bad_bytecode();
    }
    return (obj_cell_t *)o;
}

static void check_defaults(obj_t defaults, obj_t kwdefaults) {
    if ((defaults != OBJ_NULL && !obj_is_type(defaults, &type_tuple))
            || (kwdefaults != OBJ_NULL && !obj_is_type(kwdefaults, &type_dict))) {
        bad_bytecode();
    }
}

NORETURN static void local_unbound(void) {
    rt_raise_msg(&type_NameError, "local variable referenced before assignment");
}

// Resumes any iterator for YIELD_FROM: a generator directly, others by send/throw/next.
static vm_return_kind_t resume_iter(obj_t it, obj_t send, obj_t throw_val, obj_t *ret) {
    if (obj_is_type(it, &type_gen)) {
        return obj_gen_resume(it, send, throw_val, ret);
    }
    obj_t dest[3];
    if (throw_val != OBJ_NULL) {
        rt_load_method_maybe(it, MP_QSTR_throw, dest);
        if (dest[0] == OBJ_NULL) {
            *ret = throw_val;
            return VM_RETURN_EXCEPTION;
        }
        dest[2] = throw_val;
        *ret = rt_call_method_n_kw(1, 0, dest);
        return VM_RETURN_YIELD;
    }
    if (send == obj_none && obj_get_type(it)->slots->iternext != NULL) {
        obj_t v = rt_iternext_allow_raise(it);
        if (v == OBJ_STOP_ITERATION) {
            *ret = obj_none;
            return VM_RETURN_NORMAL;
        }
        *ret = v;
        return VM_RETURN_YIELD;
    }
    rt_load_method(it, MP_QSTR_send, dest);
    dest[2] = send;
    *ret = rt_call_method_n_kw(1, 0, dest);
    return VM_RETURN_YIELD;
}

static void add_traceback(code_state_t *cs, obj_t exc) {
    raw_code_t rc;
    rc_decode(cs->ctx, cs->idx, &rc);
    obj_exception_add_traceback(exc, rc.ctx->qstrs[0],
        bc_source_line(&rc, cs->ip), rc_name(&rc));
}

// Clears the C stack just below the caller. Run when a MemoryError is caught: the calls
// that ran out of memory left their pointers there (to the structure being built), and the
// collector scans the stack conservatively, so the handler's first allocation would find
// that structure still alive. (Boehm's collector clears the stack for the same reason.)
NOINLINE static void scrub_stack(void) {
    obj_t words[256];
    memset(words, 0, sizeof(words));
    __asm__ volatile("" : : "r"(words) : "memory");  // the stores must happen
}

// MAKE_FUNCTION*: a function of child k of the running code block.
static obj_t make_function(const code_state_t *cs, size_t k, obj_t defaults, obj_t kwdefaults) {
    return rc_make_function(cs->ctx, rc_child(cs->ctx, cs->idx, k), defaults, kwdefaults);
}

static obj_t make_raise_obj(obj_t o) {
    if (obj_isinstance(o, &type_type)) {
        if (obj_is_subclass((const obj_type_t *)o, &type_BaseException)) {
            return rt_call_function_n_kw(o, 0, 0, NULL);
        }
    } else if (obj_is_exception(o)) {
        return o;
    }
    return obj_new_exception_msg(&type_TypeError, "exceptions must derive from BaseException");
}

extern const obj_fun_builtin_t builtin___build_class___obj;

vm_return_kind_t vm_execute(code_state_t *cs, obj_t throw_val) {
#if CONFIG_COMPUTED_GOTO
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#if defined(__clang__)
#pragma GCC diagnostic ignored "-Winitializer-overrides"
#else
#pragma GCC diagnostic ignored "-Woverride-init"
#endif
    static const void *const entry_table[256] = {
        [0 ... 255] = &&entry_default,
#define OPCODE_ENTRY(name, first, last, arg, cdelta) [first ... last] = &&entry_##name,
        OPCODE_LIST(OPCODE_ENTRY)
#undef OPCODE_ENTRY
    };
#pragma GCC diagnostic pop
#endif
    const module_context_t *ctx = cs->ctx;
    obj_t *const fastn = &cs->state[cs->n_state - 1];
    volatile obj_t inject = throw_val;
    nlr_buf_t nlr;

outer:
    if (nlr_push(&nlr) == 0) {
        const byte *ip = cs->ip;
        obj_t *sp = cs->sp;
        exc_block_t *exc_sp = cs->exc_sp;
        if (inject != OBJ_NULL && *ip != MP_BC_YIELD_FROM) {
            obj_t exc = make_raise_obj(inject);
            inject = OBJ_NULL;
            nlr_jump(exc);
        }
        DISPATCH();

        ENTRY(LOAD_CONST_STRING): {
            DECODE_QSTR;
            PUSH(OBJ_NEW_QSTR(qst));
            DISPATCH();
        }
        ENTRY(LOAD_NAME): {
            DECODE_QSTR;
            PUSH(rt_load_name(qst));
            DISPATCH();
        }
        ENTRY(LOAD_GLOBAL): {
            DECODE_QSTR;
            PUSH(rt_load_global(qst));
            DISPATCH();
        }
        ENTRY(LOAD_ATTR): {
            DECODE_QSTR;
            SET_TOP(rt_load_attr(TOP(), qst));
            DISPATCH();
        }
        ENTRY(LOAD_METHOD): {
            DECODE_QSTR;
            rt_load_method(TOP(), qst, sp);
            sp++;
            DISPATCH();
        }
        ENTRY(LOAD_SUPER_METHOD): {
            DECODE_QSTR;
            sp -= 1;
            rt_load_super_method(qst, sp - 1);
            DISPATCH();
        }
        ENTRY(STORE_NAME): {
            DECODE_QSTR;
            obj_dict_store(vm_state.locals, OBJ_NEW_QSTR(qst), POP());
            DISPATCH();
        }
        ENTRY(STORE_GLOBAL): {
            DECODE_QSTR;
            obj_dict_store(vm_state.globals, OBJ_NEW_QSTR(qst), POP());
            DISPATCH();
        }
        ENTRY(STORE_ATTR): {
            DECODE_QSTR;
            rt_store_attr(sp[0], qst, sp[-1]);
            sp -= 2;
            DISPATCH();
        }
        ENTRY(DELETE_NAME): {
            DECODE_QSTR;
            if (map_lookup(&vm_state.locals->map, OBJ_NEW_QSTR(qst), MAP_LOOKUP_REMOVE_IF_FOUND) == NULL) {
                rt_raise_msg(&type_NameError, "name '%q' isn't defined", qst);
            }
            DISPATCH();
        }
        ENTRY(DELETE_GLOBAL): {
            DECODE_QSTR;
            if (map_lookup(&vm_state.globals->map, OBJ_NEW_QSTR(qst), MAP_LOOKUP_REMOVE_IF_FOUND) == NULL) {
                rt_raise_msg(&type_NameError, "name '%q' isn't defined", qst);
            }
            DISPATCH();
        }
        ENTRY(IMPORT_NAME): {
            DECODE_QSTR;
            obj_t fromlist = POP();
            SET_TOP(rt_import_name(qst, fromlist, TOP()));
            DISPATCH();
        }
        ENTRY(IMPORT_FROM): {
            DECODE_QSTR;
            obj_t v = rt_import_from(TOP(), qst);
            PUSH(v);
            DISPATCH();
        }
        ENTRY(MAKE_CLOSURE): {
            DECODE_UINT;
            size_t n = *ip++;
            sp -= (ptrdiff_t)n - 1;
            obj_t f = make_function(cs, unum, OBJ_NULL, OBJ_NULL);
            SET_TOP(obj_new_closure(f, n, sp));
            DISPATCH();
        }
        ENTRY(MAKE_CLOSURE_DEFARGS): {
            DECODE_UINT;
            size_t n = *ip++;
            sp -= 2 + (ptrdiff_t)n - 1;
            check_defaults(sp[0], sp[1]);
            obj_t f = make_function(cs, unum, sp[0], sp[1]);
            SET_TOP(obj_new_closure(f, n, sp + 2));
            DISPATCH();
        }
        ENTRY(LOAD_CONST_SMALL_INT): {
            mp_int_t v = (*ip & 0x40) ? -1 : 0;
            byte b;
            do {
                b = *ip++;
                v = (mp_int_t)(((mp_uint_t)v << 7) | (b & 0x7f));
            } while (b & 0x80);
            PUSH(OBJ_NEW_SMALL_INT(v));
            DISPATCH();
        }
        ENTRY(LOAD_CONST_OBJ): {
            DECODE_UINT;
            PUSH(rc_flash_obj(ctx, ctx->consts[unum]));  // maybe an object in the image
            DISPATCH();
        }
        ENTRY(LOAD_FAST_N): {
            DECODE_UINT;
            obj_t v = LOCAL(unum);
            if (v == OBJ_NULL) {
                local_unbound();
            }
            PUSH(v);
            DISPATCH();
        }
        ENTRY(LOAD_DEREF): {
            DECODE_UINT;
            obj_t v = as_cell(LOCAL(unum))->obj;
            if (v == OBJ_NULL) {
                local_unbound();
            }
            PUSH(v);
            DISPATCH();
        }
        ENTRY(STORE_FAST_N): {
            DECODE_UINT;
            LOCAL(unum) = POP();
            DISPATCH();
        }
        ENTRY(STORE_DEREF): {
            DECODE_UINT;
            as_cell(LOCAL(unum))->obj = POP();
            DISPATCH();
        }
        ENTRY(DELETE_FAST): {
            DECODE_UINT;
            if (LOCAL(unum) == OBJ_NULL) {
                local_unbound();
            }
            LOCAL(unum) = OBJ_NULL;
            DISPATCH();
        }
        ENTRY(DELETE_DEREF): {
            DECODE_UINT;
            obj_cell_t *c = as_cell(LOCAL(unum));
            if (c->obj == OBJ_NULL) {
                local_unbound();
            }
            c->obj = OBJ_NULL;
            DISPATCH();
        }
        ENTRY(BUILD_TUPLE): {
            DECODE_UINT;
            sp -= (ptrdiff_t)unum - 1;
            SET_TOP(obj_new_tuple(unum, sp));
            DISPATCH();
        }
        ENTRY(BUILD_LIST): {
            DECODE_UINT;
            sp -= (ptrdiff_t)unum - 1;
            SET_TOP(obj_new_list(unum, sp));
            DISPATCH();
        }
        ENTRY(BUILD_MAP): {
            DECODE_UINT;
            PUSH(obj_new_dict(unum));
            DISPATCH();
        }
        ENTRY(BUILD_SET): {
            DECODE_UINT;
            sp -= (ptrdiff_t)unum - 1;
            SET_TOP(obj_new_set(unum, sp));
            DISPATCH();
        }
        ENTRY(BUILD_SLICE): {
            DECODE_UINT;
            obj_t step = obj_none;
            if (unum == 3) {
                step = POP();
            }
            obj_t stop = POP();
            SET_TOP(obj_new_slice(TOP(), stop, step));
            DISPATCH();
        }
        ENTRY(STORE_COMP): {
            DECODE_UINT;
            obj_t coll = sp[-(ptrdiff_t)(unum >> 2)];
            static const obj_type_t *const comp_type[3] = {&type_list, &type_dict, &type_set};
            if (!obj_is_type(coll, comp_type[unum & 3])) {
                bad_bytecode();
            }
            if ((unum & 3) == 0) {
                obj_list_append(coll, sp[0]);
                sp--;
            } else if ((unum & 3) == 1) {
                obj_dict_store(coll, sp[0], sp[-1]);
                sp -= 2;
            } else {
                obj_set_store(coll, sp[0]);
                sp--;
            }
            DISPATCH();
        }
        ENTRY(UNPACK_SEQUENCE): {
            DECODE_UINT;
            obj_t seq = POP();
            obj_t *items;
            size_t len;
            if (obj_is_type(seq, &type_tuple) || obj_is_type(seq, &type_list)) {
                obj_get_array(seq, &len, &items);
            } else {
                obj_t l = rt_list_from_iterable(seq);
                obj_get_array(l, &len, &items);
            }
            if (len < unum) {
                rt_raise_msg(&type_ValueError, "need more than %d values to unpack", (int)len);
            } else if (len > unum) {
                rt_raise_msg(&type_ValueError, "too many values to unpack (expected %d)", (int)unum);
            }
            for (size_t i = 0; i < unum; i++) {
                PUSH(items[unum - 1 - i]);
            }
            DISPATCH();
        }
        ENTRY(UNPACK_EX): {
            DECODE_UINT;
            size_t nl = unum & 0xff, nr = unum >> 8;
            obj_t seq = POP();
            obj_t *items;
            size_t len;
            if (!obj_is_type(seq, &type_tuple) && !obj_is_type(seq, &type_list)) {
                seq = rt_list_from_iterable(seq);
            }
            obj_get_array(seq, &len, &items);
            if (len < nl + nr) {
                rt_raise_msg(&type_ValueError, "need more than %d values to unpack", (int)len);
            }
            for (size_t i = 0; i < nr; i++) {
                PUSH(items[len - 1 - i]);
            }
            PUSH(obj_new_list(len - nl - nr, items + nl));
            for (size_t i = 0; i < nl; i++) {
                PUSH(items[nl - 1 - i]);
            }
            DISPATCH();
        }
        ENTRY(MAKE_FUNCTION): {
            DECODE_UINT;
            PUSH(make_function(cs, unum, OBJ_NULL, OBJ_NULL));
            DISPATCH();
        }
        ENTRY(MAKE_FUNCTION_DEFARGS): {
            DECODE_UINT;
            obj_t kwdefaults = POP();
            check_defaults(TOP(), kwdefaults);
            SET_TOP(make_function(cs, unum, TOP(), kwdefaults));
            DISPATCH();
        }
        ENTRY(CALL_FUNCTION): {
            DECODE_UINT;
            size_t np = unum & 0xff, nk = (unum >> 8) & 0xff;
            sp -= np + 2 * nk;
            SET_TOP(rt_call_function_n_kw(*sp, np, nk, sp + 1));
            DISPATCH();
        }
        ENTRY(CALL_FUNCTION_VAR_KW): {
            DECODE_UINT;
            sp -= (unum & 0xff) + 2 * ((unum >> 8) & 0xff) + 1;
            SET_TOP(rt_call_method_n_kw_var(false, unum, sp));
            DISPATCH();
        }
        ENTRY(CALL_METHOD): {
            DECODE_UINT;
            size_t np = unum & 0xff, nk = (unum >> 8) & 0xff;
            sp -= np + 2 * nk + 1;
            SET_TOP(rt_call_method_n_kw(np, nk, sp));
            DISPATCH();
        }
        ENTRY(CALL_METHOD_VAR_KW): {
            DECODE_UINT;
            sp -= (unum & 0xff) + 2 * ((unum >> 8) & 0xff) + 2;
            SET_TOP(rt_call_method_n_kw_var(true, unum, sp));
            DISPATCH();
        }
        ENTRY(UNWIND_JUMP): {
            DECODE_SLABEL;
            // The destination is kept as a small int offset, checked when it is used.
            PUSH(OBJ_NEW_SMALL_INT(ip + slab - cs->bytecode));
            uintptr_t unum = *ip;  // blocks to unwind (bit 7: also pop a for loop's iterator)
            goto unwind_jump;
        unwind_jump_resume:
            unum = (uintptr_t)OBJ_SMALL_INT_VALUE(POP());
        unwind_jump:
            while ((unum & 0x7f) > 0) {
                unum -= 1;
                if (exc_sp < cs->exc_stack) {
                    bad_bytecode();
                }
                if (exc_sp->is_finally) {
                    if (exc_sp->handler >= ip) {
                        // Run the finally as a coroutine: END_FINALLY resumes the unwind.
                        obj_t dest = TOP();
                        sp = exc_sp->val_sp + 1;
                        sp[0] = dest;
                        PUSH(OBJ_NEW_SMALL_INT(unum));
                        ip = exc_sp->handler;
                        DISPATCH();
                    }
                    CANCEL_ACTIVE_FINALLY();
                }
                POP_EXC_BLOCK();
            }
            {
                obj_t dest = POP();
                if (!OBJ_IS_SMALL_INT(dest) || OBJ_SMALL_INT_VALUE(dest) < 0) {
                    bad_bytecode();
                }
                ip = cs->bytecode + OBJ_SMALL_INT_VALUE(dest);
            }
            if (unum != 0) {
                sp -= 4;  // the iterator of the for loop broken out of
            }
            if (sp < cs->state - 1) {
                bad_bytecode();
            }
            DISPATCH();
        }
        ENTRY(JUMP): {
            DECODE_SLABEL;
            ip += slab;
            DISPATCH();
        }
        ENTRY(POP_JUMP_IF_TRUE): {
            DECODE_SLABEL;
            if (truth(POP())) {
                ip += slab;
            }
            DISPATCH();
        }
        ENTRY(POP_JUMP_IF_FALSE): {
            DECODE_SLABEL;
            if (!truth(POP())) {
                ip += slab;
            }
            DISPATCH();
        }
        ENTRY(JUMP_IF_TRUE_OR_POP): {
            DECODE_ULABEL;
            if (truth(TOP())) {
                ip += ulab;
            } else {
                sp--;
            }
            DISPATCH();
        }
        ENTRY(JUMP_IF_FALSE_OR_POP): {
            DECODE_ULABEL;
            if (!truth(TOP())) {
                ip += ulab;
            } else {
                sp--;
            }
            DISPATCH();
        }
        ENTRY(SETUP_WITH): {
            obj_t mgr = TOP();
            rt_load_method(mgr, MP_QSTR___exit__, sp);
            rt_load_method(mgr, MP_QSTR___enter__, sp + 2);
            obj_t ret = rt_call_method_n_kw(0, 0, sp + 2);
            sp += 1;
            PUSH_EXC_BLOCK(1);
            PUSH(ret);
            DISPATCH();
        }
        ENTRY(SETUP_EXCEPT): {
            PUSH_EXC_BLOCK(0);
            DISPATCH();
        }
        ENTRY(SETUP_FINALLY): {
            PUSH_EXC_BLOCK(1);
            DISPATCH();
        }
        ENTRY(POP_EXCEPT_JUMP): {
            DECODE_ULABEL;
            POP_EXC_BLOCK();
            ip += ulab;
            DISPATCH();
        }
        ENTRY(FOR_ITER): {
            DECODE_ULABEL;
            cs->sp = sp;
            obj_t it = sp[-3] != OBJ_NULL ? sp[-3] : sp[-2];
            obj_t v = rt_iternext_allow_raise(it);
            if (v == OBJ_STOP_ITERATION) {
                sp -= 4;
                ip += ulab;
            } else {
                PUSH(v);
            }
            DISPATCH();
        }
        ENTRY(LOAD_CONST_FALSE): {
            PUSH(obj_false);
            DISPATCH();
        }
        ENTRY(LOAD_CONST_NONE): {
            PUSH(obj_none);
            DISPATCH();
        }
        ENTRY(LOAD_CONST_TRUE): {
            PUSH(obj_true);
            DISPATCH();
        }
        ENTRY(LOAD_NULL): {
            PUSH(OBJ_NULL);
            DISPATCH();
        }
        ENTRY(LOAD_BUILD_CLASS): {
            PUSH((obj_t)&builtin___build_class___obj);
            DISPATCH();
        }
        ENTRY(LOAD_SUBSCR): {
            obj_t index = POP();
            SET_TOP(obj_subscr(TOP(), index, OBJ_SENTINEL));
            DISPATCH();
        }
        ENTRY(STORE_SUBSCR): {
            obj_subscr(sp[-1], sp[0], sp[-2]);
            sp -= 3;
            DISPATCH();
        }
        ENTRY(DUP_TOP): {
            obj_t v = TOP();
            PUSH(v);
            DISPATCH();
        }
        ENTRY(DUP_TOP_TWO): {
            sp += 2;
            sp[0] = sp[-2];
            sp[-1] = sp[-3];
            DISPATCH();
        }
        ENTRY(POP_TOP): {
            sp--;
            DISPATCH();
        }
        ENTRY(ROT_TWO): {
            obj_t v = sp[0];
            sp[0] = sp[-1];
            sp[-1] = v;
            DISPATCH();
        }
        ENTRY(ROT_THREE): {
            obj_t v = sp[0];
            sp[0] = sp[-1];
            sp[-1] = sp[-2];
            sp[-2] = v;
            DISPATCH();
        }
        ENTRY(WITH_CLEANUP): {
            // Stack: (exit_fn, mgr, X); X is None, a pending (data, int), or an exception.
            if (TOP() == obj_none) {
                sp[1] = obj_none;
                sp[2] = obj_none;
                sp -= 2;
                rt_call_method_n_kw(3, 0, sp);
                SET_TOP(obj_none);
            } else if (OBJ_IS_SMALL_INT(TOP())) {
                obj_t data = sp[-1], cause = sp[0];
                sp[-1] = obj_none;
                sp[0] = obj_none;
                sp[1] = obj_none;
                rt_call_method_n_kw(3, 0, sp - 3);
                sp[-3] = data;
                sp[-2] = cause;
                sp -= 2;
            } else {
                sp[1] = sp[0];
                sp[0] = (obj_t)obj_get_type(sp[0]);
                sp[2] = obj_none;
                sp -= 2;
                obj_t r = rt_call_method_n_kw(3, 0, sp);
                if (obj_is_true(r)) {
                    SET_TOP(obj_none);
                } else {
                    sp[0] = sp[3];
                }
            }
            DISPATCH();
        }
        ENTRY(END_FINALLY): {
            POP_EXC_BLOCK();
            if (TOP() == obj_none) {
                sp--;
            } else if (OBJ_IS_SMALL_INT(TOP())) {
                if (OBJ_SMALL_INT_VALUE(TOP()) < 0) {
                    sp--;
                    goto unwind_return;
                }
                goto unwind_jump_resume;
            } else if (obj_is_exception(TOP())) {
                nlr_jump(TOP());
            } else {
                bad_bytecode();
            }
            DISPATCH();
        }
        ENTRY(GET_ITER): {
            SET_TOP(rt_getiter(TOP()));
            DISPATCH();
        }
        ENTRY(GET_ITER_STACK): {
            obj_t it = rt_getiter(TOP());
            sp[0] = OBJ_NULL;
            sp[1] = it;
            sp[2] = OBJ_NULL;
            sp[3] = OBJ_NULL;
            sp += 3;
            DISPATCH();
        }
        ENTRY(STORE_MAP): {
            obj_t key = POP();
            obj_t value = POP();
            if (!obj_is_type(TOP(), &type_dict)) {
                bad_bytecode();
            }
            obj_dict_store(TOP(), key, value);
            DISPATCH();
        }
        ENTRY(RETURN_VALUE):
        unwind_return:
            if (sp < cs->state) {
                bad_bytecode();
            }
            while (exc_sp >= cs->exc_stack) {
                if (exc_sp->is_finally) {
                    if (exc_sp->handler >= ip) {
                        // Run the finally first; END_FINALLY (cause -1) returns later.
                        obj_t *fsp = exc_sp->val_sp;
                        fsp[1] = sp[0];
                        sp = &fsp[1];
                        PUSH(OBJ_NEW_SMALL_INT(-1));
                        ip = exc_sp->handler;
                        DISPATCH();
                    }
                    CANCEL_ACTIVE_FINALLY();
                }
                POP_EXC_BLOCK();
            }
            nlr_pop();
            cs->sp = sp;
            cs->ip = ip;
            return VM_RETURN_NORMAL;
        ENTRY(RAISE_LAST): {
            obj_t exc = OBJ_NULL;
            for (exc_block_t *e = exc_sp; e >= cs->exc_stack; --e) {
                if (e->prev_exc != OBJ_NULL) {
                    exc = e->prev_exc;
                    break;
                }
            }
            if (exc == OBJ_NULL) {
                exc = obj_new_exception_msg(&type_RuntimeError, "no active exception to reraise");
            }
            nlr_jump(exc);
        }
        ENTRY(RAISE_OBJ): {
            nlr_jump(make_raise_obj(TOP()));
        }
        ENTRY(RAISE_FROM): {
            obj_t cause = POP();
            if (cause != obj_none) {
                static const char warn[] = "Warning: exception chaining not supported\n";
                port_console_write_err(warn, sizeof warn - 1);
            }
            nlr_jump(make_raise_obj(TOP()));
        }
        ENTRY(YIELD_VALUE):
        yield:
            nlr_pop();
            cs->ip = ip;
            cs->sp = sp;
            cs->exc_sp = exc_sp;
            return VM_RETURN_YIELD;
        ENTRY(YIELD_FROM): {
            obj_t send = POP();
            obj_t t_exc = OBJ_NULL, ret;
            vm_return_kind_t kind;
            cs->sp = sp;
            if (inject != OBJ_NULL) {
                t_exc = inject;
                inject = OBJ_NULL;
                kind = resume_iter(TOP(), OBJ_NULL, t_exc, &ret);
            } else {
                kind = resume_iter(TOP(), send, OBJ_NULL, &ret);
            }
            if (kind == VM_RETURN_YIELD) {
                ip--;
                PUSH(ret);
                goto yield;
            }
            if (kind == VM_RETURN_NORMAL) {
                SET_TOP(ret);
            } else if (obj_isinstance(ret, &type_StopIteration)) {
                SET_TOP(obj_exception_get_value(ret));
            } else {
                nlr_jump(make_raise_obj(ret));
            }
            if (t_exc != OBJ_NULL && obj_isinstance(t_exc, &type_GeneratorExit)) {
                nlr_jump(make_raise_obj(t_exc));
            }
            DISPATCH();
        }
        ENTRY(IMPORT_STAR): {
            rt_import_all(POP());
            DISPATCH();
        }
        ENTRY(LOAD_CONST_SMALL_INT_MULTI): {
            PUSH(OBJ_NEW_SMALL_INT((mp_int_t)ip[-1] - MP_BC_SMALL_INT_MULTI_ZERO));
            DISPATCH();
        }
        ENTRY(LOAD_FAST_MULTI): {
            obj_t v = LOCAL(ip[-1] - MP_BC_LOAD_FAST_MULTI);
            if (v == OBJ_NULL) {
                local_unbound();
            }
            PUSH(v);
            DISPATCH();
        }
        ENTRY(STORE_FAST_MULTI): {
            LOCAL(ip[-1] - MP_BC_STORE_FAST_MULTI) = POP();
            DISPATCH();
        }
        ENTRY(UNARY_OP_MULTI): {
            SET_TOP(rt_unary_op(ip[-1] - MP_BC_UNARY_OP_MULTI, TOP()));
            DISPATCH();
        }
        ENTRY(BINARY_OP_MULTI): {
            obj_t rhs = POP();
            obj_t lhs = TOP();
            int op = ip[-1] - MP_BC_BINARY_OP_MULTI;
            // Two small ints inline (runtime.h); everything else in runtime.c.
            if (OBJ_IS_SMALL_INT(lhs) && OBJ_IS_SMALL_INT(rhs)) {
                obj_t r = rt_small_int_op(op, OBJ_SMALL_INT_VALUE(lhs), OBJ_SMALL_INT_VALUE(rhs));
                if (r != OBJ_NULL) {
                    SET_TOP(r);
                    DISPATCH();
                }
            }
            SET_TOP(rt_binary_op(op, lhs, rhs));
            DISPATCH();
        }
        entry_default:
            rt_raise_msg(&type_NotImplementedError, "opcode");

#if !CONFIG_COMPUTED_GOTO
        dispatch_chain: {
            cs->ip = ip;
            byte op = *ip++;
#define OPCODE_TEST(name, first, last, arg, cdelta) if (op >= first && op <= last) { goto entry_##name; }
            OPCODE_LIST(OPCODE_TEST)
#undef OPCODE_TEST
            goto entry_default;
        }
#endif
    } else {
        // An exception at cs->ip (the faulting instruction).
        obj_t exc = nlr.ret_val;
        const byte *fip = cs->ip;
        if (*fip == MP_BC_FOR_ITER && obj_isinstance(exc, &type_StopIteration)) {
            const byte *ip = fip + 1;
            DECODE_ULABEL;
            cs->ip = ip + ulab;
            cs->sp -= 4;
            goto outer;
        }
        if (*fip == MP_BC_YIELD_FROM && obj_isinstance(exc, &type_StopIteration)) {
            *cs->sp = obj_exception_get_value(exc);
            cs->ip = fip + 1;
            goto outer;
        }
        if (!obj_isinstance(exc, &type_GeneratorExit) && *fip != MP_BC_END_FINALLY
                && *fip != MP_BC_RAISE_LAST) {
            add_traceback(cs, exc);
        }
        exc_block_t *e = cs->exc_sp;
        while (e >= cs->exc_stack && e->handler <= fip) {
            e--;  // a handler that is already running
        }
        cs->exc_sp = e;
        if (e >= cs->exc_stack) {
            if (exc == vm_state.memory_error) {
                scrub_stack();
            }
            cs->ip = e->handler;
            e->prev_exc = exc;
            vm_state.cur_exception = exc;
            obj_t *sp = e->val_sp;
            *++sp = exc;
            cs->sp = sp;
            goto outer;
        }
        cs->state[0] = exc;
        return VM_RETURN_EXCEPTION;
    }
}
