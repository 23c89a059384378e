// SPDX-License-Identifier: MIT
// config.h: every tunable of the runtime, with its default; a port overrides with -D or portconfig.h.
#ifndef RUNTIME_CONFIG_H
#define RUNTIME_CONFIG_H

#include <stddef.h>
#include <stdint.h>

// Each switch is 0 or 1 and is tested with #if (build with -Wundef).

// @@ CONFIG_FLOAT_DOUBLE: floats are IEEE doubles (host) or singles (MCU ports set 0).
#ifndef CONFIG_FLOAT_DOUBLE
#define CONFIG_FLOAT_DOUBLE 1
#endif

// @@ CONFIG_MATH_SPECIAL: math.erf, erfc, gamma and lgamma (the port's libm must have them
// in its float precision: erff etc. with single floats).
#ifndef CONFIG_MATH_SPECIAL
#define CONFIG_MATH_SPECIAL CONFIG_FLOAT_DOUBLE
#endif

// @@ CONFIG_COMPUTED_GOTO: dispatch the VM through a table of label addresses (GCC/clang).
#ifndef CONFIG_COMPUTED_GOTO
#if defined(__GNUC__)
#define CONFIG_COMPUTED_GOTO 1
#else
#define CONFIG_COMPUTED_GOTO 0
#endif
#endif

// @@ CONFIG_HEAP_DEFAULT: heap size in bytes when the port gives none (host: --heap).
#ifndef CONFIG_HEAP_DEFAULT
#define CONFIG_HEAP_DEFAULT (256 * 1024)
#endif

// @@ CONFIG_STACK_LIMIT: bytes of C stack the VM may use before raising
// RuntimeError("maximum recursion depth exceeded"). Must leave headroom below the real stack.
#ifndef CONFIG_STACK_LIMIT
#define CONFIG_STACK_LIMIT (40 * 1024)
#endif

// @@ CONFIG_STATE_ON_STACK_MAX: a frame of up to this many words lives on the C stack;
// larger frames are allocated on the heap.
#ifndef CONFIG_STATE_ON_STACK_MAX
#define CONFIG_STATE_ON_STACK_MAX 64
#endif

// @@ CONFIG_GC_STRESS: collect at every allocation (test builds only; slow).
#ifndef CONFIG_GC_STRESS
#define CONFIG_GC_STRESS 0
#endif

// @@ CONFIG_TRACEBACK_MAX: traceback entries kept per exception (the oldest are kept).
#ifndef CONFIG_TRACEBACK_MAX
#define CONFIG_TRACEBACK_MAX 64
#endif

#if CONFIG_FLOAT_DOUBLE
typedef double mp_float_t;
#else
typedef float mp_float_t;
#endif

typedef intptr_t mp_int_t;    // a machine word, signed: the range of small ints and then some
typedef uintptr_t mp_uint_t;
typedef unsigned char byte;

#define NORETURN __attribute__((noreturn))
#define NOINLINE __attribute__((noinline))
#define UNUSED(x) ((void)(x))

#endif // RUNTIME_CONFIG_H
