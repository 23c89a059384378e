// SPDX-License-Identifier: MIT
// test_mpz.c: runtime/mpz against MicroPython's results (tests/unit/data/mpz_*.txt).
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "runtime/mpz.h"
#include "tests/unit/numdata.h"
#include "tests/unit/unit.h"

// A malloc-backed allocator that counts, so every test can check that nothing leaks and
// that free is told the size alloc was asked for.
static long live_blocks, live_digits;

static mpz_dig_t *count_alloc(void *ctx, size_t n) {
    (void)ctx;
    live_blocks++;
    live_digits += (long)n;
    size_t *p = malloc(sizeof(size_t) + n * sizeof(mpz_dig_t));
    p[0] = n;
    return (mpz_dig_t *)(p + 1);
}

static void count_free(void *ctx, mpz_dig_t *d, size_t n) {
    (void)ctx;
    size_t *p = (size_t *)d - 1;
    ck_assert_uint_eq(p[0], n);
    live_blocks--;
    live_digits -= (long)n;
    free(p);
}

static const mpz_alloc_t al = {count_alloc, count_free, NULL};

static const char *err_name(mpz_err_t err) {
    switch (err) {
    case MPZ_OK: return "";
    case MPZ_ERR_NOMEM: return "!MemoryError";
    case MPZ_ERR_ZERODIV: return "!ZeroDivisionError";
    case MPZ_ERR_OVERFLOW: return "!OverflowError";
    default: return "!ValueError";
    }
}

static void set_dec(mpz_t *z, const char *s) {
    mpz_err_t err = mpz_set_str(&al, z, s, strlen(s), 10, MPZ_STR_ANY_UNDERSCORE, NULL);
    ck_assert_msg(err == MPZ_OK, "bad decimal in data: %s", s);
}

// z in base 10 (or the error's name) into out, which has room for size bytes.
static const char *result_text(mpz_err_t err, const mpz_t *z, char *out, size_t size) {
    if (err != MPZ_OK) {
        return err_name(err);
    }
    size_t len;
    mpz_err_t e2 = mpz_to_str(&al, z, 10, 0, out, size, &len);
    return e2 == MPZ_OK ? out : "!to_str failed";
}

// Counts the mismatches of one table section and remembers the first.
typedef struct {
    int cases, fails;
    char first[512];
} tally_t;

static void tally(tally_t *t, const numdata_t *d, const char *got, const char *want) {
    t->cases++;
    if (strcmp(got, want) != 0 && t->fails++ == 0) {
        snprintf(t->first, sizeof t->first, "line %d (%s %s): got %.200s want %.200s",
                 d->lineno, d->field[0], d->field[1], got, want);
    }
}

#define TALLY_DONE(t) do { \
        ck_assert_msg((t).cases > 0, "no cases in the data"); \
        ck_assert_msg((t).fails == 0, "%d of %d failed, first %s", (t).fails, (t).cases, \
                      (t).first); \
        ck_assert_int_eq(live_blocks, 0); \
    } while (0)

static char text_buf[1 << 16];

typedef mpz_err_t (*binop_t)(const mpz_alloc_t *, mpz_t *, const mpz_t *, const mpz_t *);

static mpz_err_t op_cmp(const mpz_alloc_t *a, mpz_t *r, const mpz_t *x, const mpz_t *y) {
    return mpz_set_int64(a, r, mpz_cmp(x, y));
}

static const struct {
    const char *name;
    binop_t fn;
} binops[] = {
    {"add", mpz_add}, {"sub", mpz_sub}, {"mul", mpz_mul}, {"floordiv", mpz_floordiv},
    {"mod", mpz_mod}, {"and", mpz_and}, {"or", mpz_or}, {"xor", mpz_xor}, {"cmp", op_cmp},
};

START_TEST(binary_ops) {
    for (size_t k = 0; k < sizeof binops / sizeof binops[0]; k++) {
        numdata_t d;
        tally_t t = {0};
        ck_assert(numdata_open(&d, "mpz_ops.txt"));
        mpz_t a, b, r;
        mpz_init(&a);
        mpz_init(&b);
        mpz_init(&r);
        while (numdata_next(&d, binops[k].name)) {
            set_dec(&a, d.field[1]);
            set_dec(&b, d.field[2]);
            mpz_err_t err = binops[k].fn(&al, &r, &a, &b);
            tally(&t, &d, result_text(err, &r, text_buf, sizeof text_buf), d.field[3]);
            // the result may alias an operand
            err = binops[k].fn(&al, &a, &a, &b);
            tally(&t, &d, result_text(err, &a, text_buf, sizeof text_buf), d.field[3]);
        }
        mpz_clear(&al, &a);
        mpz_clear(&al, &b);
        mpz_clear(&al, &r);
        numdata_close(&d);
        TALLY_DONE(t);
    }
}
END_TEST

START_TEST(divmod_both) {
    // q and m together, checked against floordiv and mod lines
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "mpz_ops.txt"));
    mpz_t a, b, q, m, back;
    mpz_init(&a);
    mpz_init(&b);
    mpz_init(&q);
    mpz_init(&m);
    mpz_init(&back);
    while (numdata_next(&d, "floordiv")) {
        set_dec(&a, d.field[1]);
        set_dec(&b, d.field[2]);
        mpz_err_t err = mpz_divmod(&al, &q, &m, &a, &b);
        tally(&t, &d, result_text(err, &q, text_buf, sizeof text_buf), d.field[3]);
        if (err == MPZ_OK) {
            // a == q * b + m, and m has b's sign
            mpz_mul(&al, &back, &q, &b);
            mpz_add(&al, &back, &back, &m);
            tally(&t, &d, mpz_cmp(&back, &a) == 0 ? "ok" : "q*b+m != a", "ok");
            tally(&t, &d, m.len == 0 || m.neg == b.neg ? "ok" : "sign of m", "ok");
        }
    }
    mpz_clear(&al, &a);
    mpz_clear(&al, &b);
    mpz_clear(&al, &q);
    mpz_clear(&al, &m);
    mpz_clear(&al, &back);
    numdata_close(&d);
    TALLY_DONE(t);
}
END_TEST

// Runs op on one operand with an integer argument n.
static mpz_err_t unary(const char *op, mpz_t *r, const mpz_t *a, long n, char *buf, size_t size,
                       const char **text) {
    mpz_err_t err = MPZ_OK;
    *text = NULL;
    if (strcmp(op, "neg") == 0) {
        err = mpz_neg(&al, r, a);
    } else if (strcmp(op, "abs") == 0) {
        err = mpz_abs(&al, r, a);
    } else if (strcmp(op, "invert") == 0) {
        err = mpz_invert(&al, r, a);
    } else if (strcmp(op, "shl") == 0) {
        err = mpz_shl(&al, r, a, (size_t)n);
    } else if (strcmp(op, "shr") == 0) {
        err = mpz_shr(&al, r, a, (size_t)n);
    } else if (strcmp(op, "pow") == 0) {
        mpz_t e;
        mpz_init(&e);
        mpz_set_int64(&al, &e, n);
        err = mpz_pow(&al, r, a, &e);
        mpz_clear(&al, &e);
    } else if (strcmp(op, "hash32") == 0) {
        // the oracle keeps 31 bits, sign-extended, as a small int
        err = mpz_set_int64(&al, r, mpz_hash_small(a, 30));
    } else if (strcmp(op, "tofloat") == 0) {
        double x;
        mpz_to_double_mp(a, 16, &x);  // the oracle's digits; inf for too large values
        uint64_t bits;
        memcpy(&bits, &x, sizeof bits);
        snprintf(buf, size, "%016llx", (unsigned long long)bits);
        *text = buf;
    }
    return err;
}

START_TEST(unary_ops) {
    static const char *const ops[] = {"neg", "abs", "invert", "shl", "shr", "pow", "hash32",
                                      "tofloat"};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        numdata_t d;
        tally_t t = {0};
        ck_assert(numdata_open(&d, "mpz_ops.txt"));
        mpz_t a, r;
        mpz_init(&a);
        mpz_init(&r);
        while (numdata_next(&d, ops[k])) {
            set_dec(&a, d.field[1]);
            bool has_arg = d.nfields == 4;
            long n = has_arg ? strtol(d.field[2], NULL, 10) : 0;
            const char *text;
            mpz_err_t err = unary(ops[k], &r, &a, n, text_buf, sizeof text_buf, &text);
            if (text == NULL) {
                text = result_text(err, &r, text_buf, sizeof text_buf);
            }
            tally(&t, &d, text, d.field[has_arg ? 3 : 2]);
        }
        mpz_clear(&al, &a);
        mpz_clear(&al, &r);
        numdata_close(&d);
        TALLY_DONE(t);
    }
}
END_TEST

START_TEST(powmod) {
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "mpz_ops.txt"));
    mpz_t a, e, m, r;
    mpz_init(&a);
    mpz_init(&e);
    mpz_init(&m);
    mpz_init(&r);
    while (numdata_next(&d, "powmod")) {
        set_dec(&a, d.field[1]);
        set_dec(&e, d.field[2]);
        set_dec(&m, d.field[3]);
        mpz_err_t err = mpz_powmod(&al, &r, &a, &e, &m);
        tally(&t, &d, result_text(err, &r, text_buf, sizeof text_buf), d.field[4]);
    }
    mpz_clear(&al, &a);
    mpz_clear(&al, &e);
    mpz_clear(&al, &m);
    mpz_clear(&al, &r);
    numdata_close(&d);
    TALLY_DONE(t);
}
END_TEST

static void hex_of(const uint8_t *b, size_t n, char *out) {
    for (size_t i = 0; i < n; i++) {
        sprintf(out + 2 * i, "%02x", b[i]);
    }
    out[2 * n] = '\0';
}

START_TEST(to_bytes) {
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "mpz_ops.txt"));
    mpz_t a;
    mpz_init(&a);
    while (numdata_next(&d, "tobytes")) {
        set_dec(&a, d.field[1]);
        size_t n = (size_t)atoi(d.field[2]);
        uint8_t buf[64];
        // the oracle is a 32-bit build: values below 2^30 are small ints there
        bool big = strcmp(d.field[4], "big") == 0;
        int64_t v;
        mpz_err_t err;
        if (mpz_to_int64(&a, &v) == MPZ_OK && v >= -(1 << 30) && v < (1 << 30)) {
            err = mpz_int_to_bytes(v, buf, n, big);
        } else {
            err = mpz_to_bytes_mp(&a, buf, n, big, 16);
        }
        char hex[160];
        hex_of(buf, n, hex);
        tally(&t, &d, err == MPZ_OK ? hex : err_name(err), d.field[5]);
    }
    mpz_clear(&al, &a);
    numdata_close(&d);
    TALLY_DONE(t);
}
END_TEST

START_TEST(from_bytes) {
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "mpz_ops.txt"));
    mpz_t r;
    mpz_init(&r);
    while (numdata_next(&d, "frombytes")) {
        const char *hex = strcmp(d.field[1], "-") == 0 ? "" : d.field[1];
        uint8_t buf[64];
        size_t n = strlen(hex) / 2;
        for (size_t i = 0; i < n; i++) {
            char two[3] = {hex[2 * i], hex[2 * i + 1], 0};
            buf[i] = (uint8_t)strtol(two, NULL, 16);
        }
        // MicroPython ignores the signed argument of from_bytes
        mpz_err_t err = mpz_from_bytes(&al, &r, buf, n, strcmp(d.field[3], "big") == 0, false);
        tally(&t, &d, result_text(err, &r, text_buf, sizeof text_buf), d.field[4]);
    }
    mpz_clear(&al, &r);
    numdata_close(&d);
    TALLY_DONE(t);
}
END_TEST

START_TEST(from_bytes_signed) {
    // CPython's signed reading, for callers that want it
    static const struct {
        const char *hex, *want;
        bool big;
    } cases[] = {
        {"ff", "-1", true}, {"80", "-128", true}, {"7f", "127", true}, {"0080", "128", true},
        {"ff7f", "32767", false}, {"0080", "-32768", false}, {"", "0", true},
        {"ffffffffffffffffffffffff", "-1", true}, {"800000000000000000", "-2361183241434822606848", true},
        {"fffffe", "-2", true}, {"00000000000000000000f0", "-19342813113834066795298816", false},
    };
    mpz_t r;
    mpz_init(&r);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t buf[16], back[16];
        size_t n = strlen(cases[i].hex) / 2;
        for (size_t k = 0; k < n; k++) {
            char two[3] = {cases[i].hex[2 * k], cases[i].hex[2 * k + 1], 0};
            buf[k] = (uint8_t)strtol(two, NULL, 16);
        }
        ck_assert_int_eq(mpz_from_bytes(&al, &r, buf, n, cases[i].big, true), MPZ_OK);
        ck_assert_str_eq(result_text(MPZ_OK, &r, text_buf, sizeof text_buf), cases[i].want);
        mpz_to_bytes(&r, back, n, cases[i].big, true);
        ck_assert(n == 0 || memcmp(buf, back, n) == 0);
    }
    mpz_clear(&al, &r);
    ck_assert_int_eq(live_blocks, 0);
}
END_TEST

START_TEST(parse_text) {
    // int(text, base) on a 32-bit build: small ints hold 30 bits of magnitude there, which
    // decides where '_' stops being accepted
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "mpz_str.txt"));
    mpz_t r;
    mpz_init(&r);
    while (numdata_next(&d, "parse")) {
        char text[256];
        size_t len = numdata_unrepr(d.field[1], text);
        mpz_err_t err = mpz_set_str(&al, &r, text, len, atoi(d.field[2]), 30, NULL);
        tally(&t, &d, result_text(err, &r, text_buf, sizeof text_buf), d.field[3]);
    }
    mpz_clear(&al, &r);
    numdata_close(&d);
    TALLY_DONE(t);
}
END_TEST

START_TEST(parse_info) {
    // what the ValueError message quotes
    mpz_t r;
    mpz_str_info_t info;
    mpz_init(&r);
    ck_assert_int_eq(mpz_set_str(&al, &r, "010", 3, 0, 62, &info), MPZ_ERR_SYNTAX);
    ck_assert_int_eq(info.base, 0);
    ck_assert_uint_eq(info.start, 0);
    ck_assert_int_eq(mpz_set_str(&al, &r, " -0xg", 5, 0, 62, &info), MPZ_ERR_SYNTAX);
    ck_assert_int_eq(info.base, 16);
    ck_assert_uint_eq(info.start, 4);
    ck_assert_int_eq(mpz_set_str(&al, &r, "12", 2, 1, 62, &info), MPZ_ERR_BASE);
    // on a 64-bit build '_' is fine up to 2^62
    ck_assert_int_eq(mpz_set_str(&al, &r, "1_000_000_000_000", 17, 10, 62, &info), MPZ_OK);
    ck_assert_int_eq(mpz_cmp_int64(&r, 1000000000000), 0);
    ck_assert_int_eq(mpz_set_str(&al, &r, "1_000_000_000_000", 17, 10, 30, &info),
                     MPZ_ERR_SYNTAX);
    const char *lit = "0x_ffff_ffff_ffff_ffff_ffff";
    ck_assert_int_eq(mpz_set_str(&al, &r, lit, strlen(lit), 0, MPZ_STR_ANY_UNDERSCORE, NULL),
                     MPZ_OK);
    ck_assert_uint_eq(mpz_bit_length(&r), 80);
    mpz_clear(&al, &r);
    ck_assert_int_eq(live_blocks, 0);
}
END_TEST

START_TEST(format_text) {
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "mpz_str.txt"));
    mpz_t a;
    mpz_init(&a);
    while (numdata_next(&d, NULL)) {
        int base;
        unsigned flags;
        if (strcmp(d.field[0], "str") == 0) {
            base = atoi(d.field[2]);
            flags = base == 10 ? 0 : MPZ_STR_PREFIX;
        } else if (strcmp(d.field[0], "fmt") == 0) {
            base = 16;
            flags = d.field[2][0] == 'X' ? MPZ_STR_PREFIX | MPZ_STR_UPPER : 0;
        } else {
            continue;
        }
        set_dec(&a, d.field[1]);
        size_t len;
        mpz_err_t err = mpz_to_str(&al, &a, base, flags, text_buf, sizeof text_buf, &len);
        tally(&t, &d, err == MPZ_OK ? text_buf : err_name(err), d.field[3]);
        tally(&t, &d, len == strlen(text_buf) ? "ok" : "length", "ok");
    }
    mpz_clear(&al, &a);
    numdata_close(&d);
    TALLY_DONE(t);
}
END_TEST

START_TEST(big_decimal) {
    // thousands of digits: hex in, decimal out, and back; must stay quick
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "mpz_str.txt"));
    mpz_t a, b;
    mpz_init(&a);
    mpz_init(&b);
    clock_t start = clock();
    while (numdata_next(&d, "big")) {
        const char *hex = d.field[1];
        ck_assert_int_eq(mpz_set_str(&al, &a, hex, strlen(hex), 0, 62, NULL), MPZ_OK);
        size_t size = mpz_str_size(&a, 10, 0), len;
        char *buf = malloc(size);
        ck_assert_int_eq(mpz_to_str(&al, &a, 10, 0, buf, size, &len), MPZ_OK);
        tally(&t, &d, buf, d.field[2]);
        ck_assert_int_eq(mpz_set_str(&al, &b, buf, len, 10, 62, NULL), MPZ_OK);
        tally(&t, &d, mpz_cmp(&a, &b) == 0 ? "ok" : "round trip", "ok");
        free(buf);
    }
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    ck_assert_msg(secs < 2.0, "decimal conversion took %.2f s", secs);
    mpz_clear(&al, &a);
    mpz_clear(&al, &b);
    numdata_close(&d);
    TALLY_DONE(t);
}
END_TEST

START_TEST(bit_length) {
    // int.bit_length() is not in the oracle's build: CPython's definition, by hand
    static const struct {
        const char *value;
        size_t bits;
    } cases[] = {{"0", 0}, {"1", 1}, {"-1", 1}, {"255", 8}, {"-256", 9}, {"65535", 16},
                 {"65536", 17}, {"-1267650600228229401496703205376", 101}};
    mpz_t a;
    mpz_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        set_dec(&a, cases[i].value);
        ck_assert_uint_eq(mpz_bit_length(&a), cases[i].bits);
    }
    mpz_clear(&al, &a);
}
END_TEST

// A random value of up to max_digits digits, biased towards 0x0000, 0xffff and 0x8000 digits
// (where division's estimates need their corrections).
static void random_mpz(mpz_t *z, uint64_t *state, size_t max_digits) {
    size_t n = 1 + (size_t)(*state % max_digits);
    mpz_set_int64(&al, z, 0);
    for (size_t i = 0; i < n; i++) {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        static const int64_t special[] = {0, 0xffff, 0x8000, 1};
        int64_t dig = (*state >> 20) % 4 == 0 ? special[(*state >> 30) % 4] : (int64_t)(*state >> 40 & 0xffff);
        mpz_t d;
        mpz_dig_t buf[4];
        mpz_init_fixed(&d, buf, 4);
        mpz_shl(&al, z, z, 16);
        mpz_set_int64(&al, &d, dig);
        mpz_add(&al, z, z, &d);
    }
    if (*state & 1) {
        mpz_neg(&al, z, z);
    }
}

START_TEST(identities) {
    // algebra that must hold for any operands: division, shifts, bitwise operators, text
    uint64_t state = 0x9e3779b97f4a7c15ull;
    mpz_t a, b, q, m, t, u, one;
    mpz_t *all[] = {&a, &b, &q, &m, &t, &u, &one};
    for (size_t i = 0; i < 7; i++) {
        mpz_init(all[i]);
    }
    mpz_set_int64(&al, &one, 1);
    for (int iter = 0; iter < 3000; iter++) {
        random_mpz(&a, &state, 12);
        random_mpz(&b, &state, iter % 2 ? 3 : 9);
        if (!mpz_is_zero(&b)) {
            ck_assert_int_eq(mpz_divmod(&al, &q, &m, &a, &b), MPZ_OK);
            mpz_mul(&al, &t, &q, &b);
            mpz_add(&al, &t, &t, &m);
            ck_assert_int_eq(mpz_cmp(&t, &a), 0);
            mpz_abs(&al, &t, &m);
            mpz_abs(&al, &u, &b);
            ck_assert_int_lt(mpz_cmp(&t, &u), 0);
            ck_assert(mpz_is_zero(&m) || m.neg == b.neg);
        }
        // a ^ b == (a | b) - (a & b), and ~a == -a - 1
        mpz_or(&al, &t, &a, &b);
        mpz_and(&al, &u, &a, &b);
        mpz_sub(&al, &t, &t, &u);
        mpz_xor(&al, &u, &a, &b);
        ck_assert_int_eq(mpz_cmp(&t, &u), 0);
        mpz_invert(&al, &t, &a);
        mpz_neg(&al, &u, &a);
        mpz_sub(&al, &u, &u, &one);
        ck_assert_int_eq(mpz_cmp(&t, &u), 0);
        // a >> n == a // 2**n and (a << n) >> n == a
        size_t n = (size_t)(state % 70);
        mpz_shl(&al, &u, &one, n);
        mpz_floordiv(&al, &u, &a, &u);
        mpz_shr(&al, &t, &a, n);
        ck_assert_int_eq(mpz_cmp(&t, &u), 0);
        mpz_shl(&al, &t, &a, n);
        mpz_shr(&al, &t, &t, n);
        ck_assert_int_eq(mpz_cmp(&t, &a), 0);
        // text in base 2..36 reads back
        int base = 2 + (int)(state % 35);
        size_t len;
        ck_assert_int_eq(mpz_to_str(&al, &a, base, 0, text_buf, sizeof text_buf, &len), MPZ_OK);
        ck_assert_int_eq(mpz_set_str(&al, &t, text_buf, len, base, 62, NULL), MPZ_OK);
        ck_assert_int_eq(mpz_cmp(&t, &a), 0);
    }
    for (size_t i = 0; i < 7; i++) {
        mpz_clear(&al, all[i]);
    }
    ck_assert_int_eq(live_blocks, 0);
}
END_TEST

START_TEST(c_integers) {
    mpz_t a;
    int64_t v;
    uint64_t u;
    mpz_init(&a);
    ck_assert_int_eq(mpz_set_int64(&al, &a, INT64_MIN), MPZ_OK);
    ck_assert_int_eq(mpz_to_int64(&a, &v), MPZ_OK);
    ck_assert(v == INT64_MIN);
    ck_assert_int_eq(mpz_to_uint64(&a, &u), MPZ_ERR_OVERFLOW);
    ck_assert_int_eq(mpz_set_uint64(&al, &a, UINT64_MAX), MPZ_OK);
    ck_assert_int_eq(mpz_to_int64(&a, &v), MPZ_ERR_OVERFLOW);
    ck_assert_int_eq(mpz_to_uint64(&a, &u), MPZ_OK);
    ck_assert(u == UINT64_MAX);
    ck_assert_int_eq(mpz_set_int64(&al, &a, INT64_MAX), MPZ_OK);
    ck_assert_int_eq(mpz_cmp_int64(&a, INT64_MAX), 0);
    ck_assert_int_gt(mpz_cmp_int64(&a, -1), 0);
    ck_assert_int_eq(mpz_set_int64(&al, &a, 0), MPZ_OK);
    ck_assert(mpz_is_zero(&a) && !mpz_is_neg(&a));
    mpz_clear(&al, &a);
    ck_assert_int_eq(live_blocks, 0);
}
END_TEST

START_TEST(from_double) {
    // int(float) truncates; checked against the exact value of the double
    static const double xs[] = {0.0, -0.0, 0.5, -0.999, 1.0, -2.5, 1e9, 2.5e6, 4503599627370497.0,
                                9007199254740993.0, 1e20, -2.5e20, 1e300, 1.7976931348623157e308};
    static const char *const want[] = {
        "0", "0", "0", "0", "1", "-2", "1000000000", "2500000", "4503599627370497",
        "9007199254740992", "100000000000000000000", "-250000000000000000000",
        "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160",
        NULL};
    mpz_t a;
    mpz_init(&a);
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        ck_assert_int_eq(mpz_set_double(&al, &a, xs[i]), MPZ_OK);
        if (want[i] != NULL) {
            ck_assert_str_eq(result_text(MPZ_OK, &a, text_buf, sizeof text_buf), want[i]);
        }
        double back;
        ck_assert_int_eq(mpz_to_double(&a, &back), MPZ_OK);
        ck_assert(back == trunc(xs[i]));
    }
    // float32 ports: Horner's rule in float over 16-bit digits
    float f;
    set_dec(&a, "16777217");
    ck_assert_int_eq(mpz_to_float(&a, &f), MPZ_OK);
    ck_assert(f == 16777216.0f);
    set_dec(&a, "-340282346638528859811704183484516925440");
    ck_assert_int_eq(mpz_to_float(&a, &f), MPZ_OK);
    ck_assert(f == -3.40282347e38f);
    set_dec(&a, "340282366920938463463374607431768211456");
    ck_assert_int_eq(mpz_to_float(&a, &f), MPZ_ERR_OVERFLOW);
    ck_assert(isinf(f));
    ck_assert_int_eq(mpz_set_double(&al, &a, 5e-324), MPZ_OK);
    ck_assert(mpz_is_zero(&a));
    ck_assert_int_eq(mpz_set_double(&al, &a, NAN), MPZ_ERR_VALUE);
    ck_assert_int_eq(mpz_set_double(&al, &a, -INFINITY), MPZ_ERR_OVERFLOW);
    mpz_clear(&al, &a);
    ck_assert_int_eq(live_blocks, 0);
}
END_TEST

START_TEST(fixed_buffers) {
    // a result in a caller's buffer: copied in when it fits, NOMEM when it does not
    mpz_dig_t small[2];
    mpz_t r, a;
    mpz_init_fixed(&r, small, 2);
    mpz_init(&a);
    ck_assert_int_eq(mpz_set_int64(&al, &a, 70000), MPZ_OK);
    ck_assert_int_eq(mpz_mul(&al, &r, &a, &a), MPZ_ERR_NOMEM);
    ck_assert_int_eq(mpz_add(&al, &r, &a, &a), MPZ_OK);
    ck_assert_int_eq(mpz_cmp_int64(&r, 140000), 0);
    ck_assert_ptr_eq(r.dig, small);
    mpz_clear(&al, &r);
    mpz_clear(&al, &a);
    ck_assert_int_eq(live_blocks, 0);
}
END_TEST

static mpz_dig_t *fail_alloc(void *ctx, size_t n) {
    int *budget = ctx;
    return (*budget)-- > 0 ? count_alloc(NULL, n) : NULL;
}

START_TEST(allocation_failure) {
    // every allocation point fails once in turn: an error comes back and nothing leaks
    mpz_t a, b, r;
    mpz_init(&a);
    mpz_init(&b);
    mpz_init(&r);
    set_dec(&a, "-123456789012345678901234567890123456789");
    set_dec(&b, "98765432109876543211");
    for (int fail_at = 0; fail_at < 40; fail_at++) {
        int budget = fail_at;
        mpz_alloc_t bad = {fail_alloc, count_free, &budget};
        mpz_t e;
        mpz_init(&e);
        mpz_set_int64(&al, &e, 5);
        mpz_divmod(&bad, &r, NULL, &a, &b);
        mpz_powmod(&bad, &r, &a, &b, &e);
        mpz_pow(&bad, &r, &b, &e);
        size_t len;
        char buf[100];
        mpz_to_str(&bad, &a, 10, 0, buf, sizeof buf, &len);
        mpz_clear(&al, &e);
    }
    mpz_clear(&al, &a);
    mpz_clear(&al, &b);
    mpz_clear(&al, &r);
    ck_assert_int_eq(live_blocks, 0);
}
END_TEST

int main(void) {
    Suite *s = suite_create("mpz");
    UNIT_ADD(s, binary_ops);
    UNIT_ADD(s, divmod_both);
    UNIT_ADD(s, unary_ops);
    UNIT_ADD(s, powmod);
    UNIT_ADD(s, to_bytes);
    UNIT_ADD(s, from_bytes);
    UNIT_ADD(s, from_bytes_signed);
    UNIT_ADD(s, parse_text);
    UNIT_ADD(s, parse_info);
    UNIT_ADD(s, format_text);
    UNIT_ADD(s, big_decimal);
    UNIT_ADD(s, identities);
    UNIT_ADD(s, bit_length);
    UNIT_ADD(s, c_integers);
    UNIT_ADD(s, from_double);
    UNIT_ADD(s, fixed_buffers);
    UNIT_ADD(s, allocation_failure);
    return unit_run("mpz", s);
}
