// SPDX-License-Identifier: MIT
// specialf.c: prints the port's erff, erfcf, tgammaf and lgammaf on edge values and
// pseudo-random floats; the host build prints the long double functions of glibc rounded
// to float (the truth), and run.sh requires the two outputs to be identical: libc/
// specialf.c computes to well below 2^-40 before its one rounding.
#include <math.h>

#include "tests/ports/xtensa-qemu/out.h"

int main(void);

#ifdef __XTENSA__
#define TRUTH(fn, x) fn##f(x)
#else
#define TRUTH(fn, x) ((float)fn##l(x))
#endif

static void put_all(float x) {
    put_f(x);
    put_c(':');
    put_f(TRUTH(erf, x));
    put_f(TRUTH(erfc, x));
    put_f(TRUTH(tgamma, x));
    put_f(TRUTH(lgamma, x));
    put_c('\n');
}

int main(void) {
    static const float edges[] = {
        0.0f, -0.0f, 1.0f, 2.0f, 3.0f, 5.0f, 0.5f, -0.5f, -1.5f, -2.5f, 1e-30f, -1e-30f,
        1e-45f, 2.5f, 2.99f, 3.01f, 4.0f, 9.99f, 10.0f, 10.5f, 20.0f, 34.0f, 35.0f, 35.5f,
        40.0f, 100.0f, 1e10f, 3e38f, -0.999f, -1.001f, -20.5f, -33.5f, -40.5f, -100.5f,
        0.1f, 0.9f, 1.1f, 1.9f, 2.1f, 6.0f, -6.0f, 8.0f, 9.0f, 10.06f, 15.0f, -3.0f,
        INFINITY, -INFINITY, NAN,
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        put_all(edges[i]);
    }
    for (int i = 0; i < 600; i++) {
        // [-40, 40], with more weight near zero and the integers
        float x = (float)((int32_t)(rnd() % 80001u) - 40000) / 1000.0f;
        if (i % 3 == 0) {
            x /= 64.0f;
        }
        put_all(x);
    }
    put_s("end\n");
    flush();
    return 0;
}
