// SPDX-License-Identifier: MIT
// floattables.h: checks runtime/formatfloat against the oracle tables in tests/unit/data.
#ifndef TESTS_UNIT_FLOATTABLES_H
#define TESTS_UNIT_FLOATTABLES_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "runtime/formatfloat.h"
#include "tests/unit/numdata.h"
#include "tests/unit/unit.h"

typedef struct {
    int cases, fails;
    char first[512];
} tally_t;

static void tally(tally_t *t, const numdata_t *d, const char *got, const char *want) {
    t->cases++;
    if (strcmp(got, want) != 0 && t->fails++ == 0) {
        snprintf(t->first, sizeof t->first, "line %d (%s %s %s): got %.100s want %.100s",
                 d->lineno, d->field[0], d->field[1], d->nfields > 3 ? d->field[2] : "", got,
                 want);
    }
}

// Each table test allows max_fails mismatches (0 where the build matches the oracle).
#define TALLY_DONE(t, max_fails) do { \
        ck_assert_msg((t).cases > 0, "no cases in the data"); \
        ck_assert_msg((t).fails <= (max_fails), "%d of %d failed, first %s", (t).fails, \
                      (t).cases, (t).first); \
    } while (0)

static double from_bits(const char *hex) {
    uint64_t u = strtoull(hex, NULL, 16);
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

static const char *bits_of(double x, char *out) {
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    sprintf(out, "%016llx", (unsigned long long)u);
    return out;
}

// Formats x with a %-spec such as "%+.3f" or "% e" (flags, precision, type only).
static size_t format_spec(char *buf, double x, const char *spec) {
    const char *p = spec + 1;
    char sign = '\0';
    for (; *p == '+' || *p == ' '; p++) {
        sign = sign == '+' ? '+' : *p;
    }
    int prec = -1;
    if (*p == '.') {
        prec = (int)strtol(p + 1, (char **)&p, 10);
    }
    return formatfloat_format(buf, x, *p, prec, sign, 0);
}

// Guards the promise that nothing is written past FORMATFLOAT_BUF_SIZE.
static void check_canary(const char *buf) {
    for (size_t i = FORMATFLOAT_BUF_SIZE; i < FORMATFLOAT_BUF_SIZE + 8; i++) {
        ck_assert_int_eq((unsigned char)buf[i], 0xa5);
    }
}

static void repr_table(int max_fails) {
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "float_format.txt"));
    char buf[FORMATFLOAT_BUF_SIZE + 8];
    memset(buf, 0xa5, sizeof buf);
    while (numdata_next(&d, "repr")) {
        size_t len = formatfloat_repr(buf, from_bits(d.field[1]));
        tally(&t, &d, buf, d.field[2]);
        tally(&t, &d, len == strlen(buf) ? "ok" : "length", "ok");
        check_canary(buf);
    }
    numdata_close(&d);
    TALLY_DONE(t, max_fails);
}

static void format_table(int max_fails) {
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "float_format.txt"));
    char buf[FORMATFLOAT_BUF_SIZE + 8];
    memset(buf, 0xa5, sizeof buf);
    while (numdata_next(&d, "fmt")) {
        format_spec(buf, from_bits(d.field[1]), d.field[2]);
        tally(&t, &d, buf, d.field[3]);
        check_canary(buf);
    }
    numdata_close(&d);
    TALLY_DONE(t, max_fails);
}

static void percent_table(int max_fails) {
    // '{:%}', '{:.1%}', '{:.0%}'
    static const int precs[] = {-1, 1, 0};
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "float_format.txt"));
    char buf[FORMATFLOAT_BUF_SIZE + 8];
    memset(buf, 0xa5, sizeof buf);
    while (numdata_next(&d, "pct")) {
        for (int i = 0; i < 3; i++) {
            formatfloat_format(buf, from_bits(d.field[1]), 'f', precs[i], '\0',
                               FORMATFLOAT_PERCENT);
            tally(&t, &d, buf, d.field[2 + i]);
            check_canary(buf);
        }
    }
    numdata_close(&d);
    TALLY_DONE(t, max_fails);
}

static void parse_table(int max_fails) {
    numdata_t d;
    tally_t t = {0};
    ck_assert(numdata_open(&d, "float_parse.txt"));
    while (numdata_next(&d, "float")) {
        char text[1024], bits[32];
        size_t len = numdata_unrepr(d.field[1], text);
        double x;
        bool ok = formatfloat_parse(text, len, false, &x, NULL);
        const char *got = ok ? bits_of(x, bits) : "!ValueError";
        // NaN's payload and sign are not part of the contract
        if (ok && isnan(x) && strncmp(d.field[2], "7ff8", 4) == 0) {
            got = d.field[2];
        }
        tally(&t, &d, got, d.field[2]);
    }
    numdata_close(&d);
    TALLY_DONE(t, max_fails);
}

#endif // TESTS_UNIT_FLOATTABLES_H
