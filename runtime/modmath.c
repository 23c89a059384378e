// SPDX-License-Identifier: MIT
// modmath.c: the math module (float functions in the port's precision, plus factorial).
#include <math.h>

#include "runtime/objfloat.h"
#include "runtime/objint.h"
#include "runtime/runtime.h"

#define F(name) MP_FLOAT(name)

// The special functions (erf, erfc, gamma, lgamma) need a libm that has them
// (CONFIG_MATH_SPECIAL).
#define MATH_SPECIAL CONFIG_MATH_SPECIAL

#define MATH_PI 3.14159265358979323846
#define MATH_E 2.71828182845904523536

static obj_t math_result(mp_float_t x, mp_float_t r) {
    if (isinf(r) && isfinite(x)) {
        rt_raise_msg(&type_OverflowError, "math range error");
    }
    return obj_new_float(r);
}

NORETURN static void domain_error(void) {
    rt_raise_msg(&type_ValueError, "math domain error");
}

// One-argument functions: name, C function, domain error condition on x.
#define MATH_FUNCS_1(X) \
    X(sqrt, F(sqrt), x < 0) X(exp, F(exp), false) X(expm1, F(expm1), false) \
    X(log2, F(log2), x <= 0) X(log10, F(log10), x <= 0) X(cos, F(cos), isinf(x)) \
    X(sin, F(sin), isinf(x)) X(tan, F(tan), isinf(x)) X(acos, F(acos), x < -1 || x > 1) \
    X(asin, F(asin), x < -1 || x > 1) X(atan, F(atan), false) X(cosh, F(cosh), false) \
    X(sinh, F(sinh), false) X(tanh, F(tanh), false) X(acosh, F(acosh), x < 1) \
    X(asinh, F(asinh), false) X(atanh, F(atanh), x <= -1 || x >= 1) \
    X(fabs, F(fabs), false) MATH_SPECIAL_FUNCS(X)

#if MATH_SPECIAL
#define MATH_SPECIAL_FUNCS(X) X(erf, F(erf), false) X(erfc, F(erfc), false) \
    X(gamma, F(tgamma), x == F(floor)(x) && x <= 0) \
    X(lgamma, F(lgamma), x == F(floor)(x) && x <= 0)
#else
#define MATH_SPECIAL_FUNCS(X)
#endif

#define MATH_FUN_1(name, cfun, cond) \
    static obj_t math_##name(obj_t arg) { \
        mp_float_t x = obj_get_float(arg); \
        if (cond) { \
            domain_error(); \
        } \
        return math_result(x, cfun(x)); \
    } \
    static FUN_OBJ_1(math_##name##_obj, math_##name);
MATH_FUNCS_1(MATH_FUN_1)
#undef MATH_FUN_1

static obj_t math_degrees(obj_t x) {
    return obj_new_float(obj_get_float(x) * (mp_float_t)(180.0 / MATH_PI));
}
static FUN_OBJ_1(math_degrees_obj, math_degrees);

static obj_t math_radians(obj_t x) {
    return obj_new_float(obj_get_float(x) * (mp_float_t)(MATH_PI / 180.0));
}
static FUN_OBJ_1(math_radians_obj, math_radians);

static obj_t math_log(size_t n_args, const obj_t *args) {
    mp_float_t x = obj_get_float(args[0]);
    if (x <= 0) {
        domain_error();
    }
    mp_float_t r = F(log)(x);
    if (n_args == 2) {
        mp_float_t b = obj_get_float(args[1]);
        if (b <= 0) {
            domain_error();
        }
        if (b == 1) {
            rt_raise_msg(&type_ZeroDivisionError, "divide by zero");
        }
        r /= F(log)(b);
    }
    return obj_new_float(r);
}
static FUN_OBJ_VAR_BETWEEN(math_log_obj, 1, 2, math_log);

// Rounding functions give ints.
static obj_t math_floor(obj_t x) {
    return obj_is_int(x) ? x : int_from_float(F(floor)(obj_get_float(x)));
}
static FUN_OBJ_1(math_floor_obj, math_floor);

static obj_t math_ceil(obj_t x) {
    return obj_is_int(x) ? x : int_from_float(F(ceil)(obj_get_float(x)));
}
static FUN_OBJ_1(math_ceil_obj, math_ceil);

static obj_t math_trunc(obj_t x) {
    return obj_is_int(x) ? x : int_from_float(F(trunc)(obj_get_float(x)));
}
static FUN_OBJ_1(math_trunc_obj, math_trunc);

static obj_t math_pow(obj_t a, obj_t b) {
    mp_float_t x = obj_get_float(a), y = obj_get_float(b);
    if (x == 0 && y < 0) {
        domain_error();
    }
    if (x < 0 && y != F(floor)(y)) {
        domain_error();
    }
    return obj_new_float(F(pow)(x, y));
}
static FUN_OBJ_2(math_pow_obj, math_pow);

static obj_t math_atan2(obj_t y, obj_t x) {
    return obj_new_float(F(atan2)(obj_get_float(y), obj_get_float(x)));
}
static FUN_OBJ_2(math_atan2_obj, math_atan2);

static obj_t math_copysign(obj_t x, obj_t y) {
    return obj_new_float(F(copysign)(obj_get_float(x), obj_get_float(y)));
}
static FUN_OBJ_2(math_copysign_obj, math_copysign);

static obj_t math_fmod(obj_t a, obj_t b) {
    mp_float_t x = obj_get_float(a), y = obj_get_float(b);
    if (y == 0 || isinf(x)) {
        domain_error();
    }
    return obj_new_float(F(fmod)(x, y));
}
static FUN_OBJ_2(math_fmod_obj, math_fmod);

static obj_t math_hypot(obj_t a, obj_t b) {
    return obj_new_float(F(hypot)(obj_get_float(a), obj_get_float(b)));
}
static FUN_OBJ_2(math_hypot_obj, math_hypot);

static obj_t math_ldexp(obj_t x, obj_t e) {
    return obj_new_float(F(ldexp)(obj_get_float(x), (int)obj_get_int(e)));
}
static FUN_OBJ_2(math_ldexp_obj, math_ldexp);

static obj_t math_frexp(obj_t x) {
    int e;
    mp_float_t m = F(frexp)(obj_get_float(x), &e);
    obj_t pair[2] = {obj_new_float(m), OBJ_NEW_SMALL_INT(e)};
    return obj_new_tuple(2, pair);
}
static FUN_OBJ_1(math_frexp_obj, math_frexp);

static obj_t math_modf(obj_t x) {
    mp_float_t ip;
    mp_float_t fp = F(modf)(obj_get_float(x), &ip);
    obj_t pair[2] = {obj_new_float(fp), obj_new_float(ip)};
    return obj_new_tuple(2, pair);
}
static FUN_OBJ_1(math_modf_obj, math_modf);

static obj_t math_isfinite(obj_t x) {
    return obj_bool(isfinite(obj_get_float(x)));
}
static FUN_OBJ_1(math_isfinite_obj, math_isfinite);

static obj_t math_isinf(obj_t x) {
    return obj_bool(isinf(obj_get_float(x)));
}
static FUN_OBJ_1(math_isinf_obj, math_isinf);

static obj_t math_isnan(obj_t x) {
    return obj_bool(isnan(obj_get_float(x)));
}
static FUN_OBJ_1(math_isnan_obj, math_isnan);

static obj_t math_isclose(size_t n_args, const obj_t *args, map_t *kw) {
    static const qstr_t allowed[] = {MP_QSTR_a, MP_QSTR_b, MP_QSTR_rel_tol, MP_QSTR_abs_tol};
    obj_t defaults[4] = {OBJ_NULL, OBJ_NULL, obj_new_float((mp_float_t)1e-9), OBJ_NEW_SMALL_INT(0)};
    obj_t a[4];
    rt_arg_parse(n_args, args, kw, 4, allowed, defaults, a);
    mp_float_t x = obj_get_float(a[0]), y = obj_get_float(a[1]);
    mp_float_t rel = obj_get_float(a[2]), abs_tol = obj_get_float(a[3]);
    if (rel < 0 || abs_tol < 0) {
        rt_raise_msg(&type_ValueError, "tolerances must be non-negative");
    }
    if (x == y) {
        return obj_true;
    }
    if (isinf(x) || isinf(y)) {
        return obj_false;
    }
    mp_float_t diff = F(fabs)(y - x);
    return obj_bool((diff <= F(fabs)(rel * y)) || (diff <= F(fabs)(rel * x)) || diff <= abs_tol);
}
static FUN_OBJ_KW(math_isclose_obj, 2, math_isclose);

static obj_t math_factorial(obj_t arg) {
    mp_int_t n = obj_get_int(arg);
    if (n < 0) {
        rt_raise_msg(&type_ValueError, "negative factorial");
    }
    obj_t r = OBJ_NEW_SMALL_INT(1);
    for (mp_int_t i = 2; i <= n; i++) {
        r = rt_binary_op(MP_BINARY_OP_MULTIPLY, r, OBJ_NEW_SMALL_INT(i));
    }
    return r;
}
static FUN_OBJ_1(math_factorial_obj, math_factorial);

static const obj_float_t math_e_obj = {{&type_float}, (mp_float_t)MATH_E};
static const obj_float_t math_pi_obj = {{&type_float}, (mp_float_t)MATH_PI};
static const obj_float_t math_tau_obj = {{&type_float}, (mp_float_t)(2 * MATH_PI)};
static const obj_float_t math_inf_obj = {{&type_float}, (mp_float_t)INFINITY};
static const obj_float_t math_nan_obj = {{&type_float}, (mp_float_t)NAN};

#define MATH_ENTRY(name, cfun, cond) { ROM_QSTR(MP_QSTR_##name), ROM_PTR(&math_##name##_obj) },
#define E(name) { ROM_QSTR(MP_QSTR_##name), ROM_PTR(&math_##name##_obj) },
static const map_elem_t math_globals_table[] = {
    { ROM_QSTR(MP_QSTR___name__), ROM_QSTR(MP_QSTR_math) },
    E(e) E(pi) E(tau) E(inf) E(nan)
    MATH_FUNCS_1(MATH_ENTRY)
    E(degrees) E(radians) E(log) E(floor) E(ceil) E(trunc) E(pow) E(atan2) E(copysign)
    E(fmod) E(hypot) E(ldexp) E(frexp) E(modf) E(isfinite) E(isinf) E(isnan) E(isclose)
    E(factorial)
};
#undef E
#undef MATH_ENTRY
static DEFINE_CONST_DICT(math_globals, math_globals_table);

const obj_module_t module_math = {{&type_module}, (obj_dict_t *)&math_globals};
