// SPDX-License-Identifier: MIT
// size.c: `freeze size IMAGE`: the flash breakdown of an image, its budgets, and its change.
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/file.h"
#include "freezer/freeze.h"
#include "freezer/report.h"
#include "freezer/report_jsonin.h"

/*
 * The input is an image, or a JSON report (freeze-size/1, from `freeze size --report
 * json` or `freeze build --report json`). --diff OLD.json compares with an older report,
 * like bloaty's diff: each module's growth or shrinkage, the new and removed ones, and the
 * total, largest change first.
 */

static int is_json(const uint8_t *d, size_t n) {
    size_t i = 0;
    while (i < n && (d[i] == ' ' || d[i] == '\n' || d[i] == '\t' || d[i] == '\r')) {
        i++;
    }
    return i < n && d[i] == '{';
}

// Reads path (an image or a JSON report) into *img.
static status_t load(const char *path, rimage_t *img, errors_t *e) {
    uint8_t *d;
    size_t n;
    memset(img, 0, sizeof *img);
    if (file_read(path, &d, &n) != 0) {
        return errors_add(e, errno == ENOENT ? ST_INPUT : ST_IO, path, 0, 0, "cannot read: %s",
                          strerror(errno));
    }
    char err[160];
    int rc;
    if (is_json(d, n)) {
        jv_t v;
        rc = jv_parse((const char *)d, n, &v, err, sizeof err);
        rc = rc != 0 ? rc : jv_to_image(&v, img, err, sizeof err);
        jv_free(&v);
    } else {
        rc = rwalk_image(d, n, img, err, sizeof err);
    }
    free(d);
    return rc == 0 ? ST_OK : errors_add(e, ST_INPUT, path, 0, 0, "%s", err);
}

typedef struct {
    const char *name;
    int64_t was, now;   // -1: absent
} change_t;

static int64_t mag(int64_t v) {
    return v < 0 ? -v : v;
}

static int by_change(const void *a, const void *b) {
    const change_t *x = a, *y = b;
    int64_t dx = mag((x->now < 0 ? 0 : x->now) - (x->was < 0 ? 0 : x->was));
    int64_t dy = mag((y->now < 0 ? 0 : y->now) - (y->was < 0 ? 0 : y->was));
    return dx != dy ? (dx < dy ? 1 : -1) : strcmp(x->name, y->name);
}

static const rmod_t *find(const rimage_t *img, const char *name) {
    for (size_t i = 0; i < img->n_mods; i++) {
        if (strcmp(img->mods[i].name, name) == 0) {
            return &img->mods[i];
        }
    }
    return NULL;
}

// Every module of either side, largest change first; *n set.
static change_t *changes(const rimage_t *old, const rimage_t *now, size_t *n) {
    change_t *v = calloc(old->n_mods + now->n_mods + 1, sizeof *v);
    *n = 0;
    for (size_t i = 0; v != NULL && i < now->n_mods; i++) {
        const rmod_t *o = find(old, now->mods[i].name);
        v[(*n)++] = (change_t){ now->mods[i].name, o != NULL ? (int64_t)o->total : -1, now->mods[i].total };
    }
    for (size_t i = 0; v != NULL && i < old->n_mods; i++) {
        if (find(now, old->mods[i].name) == NULL) {
            v[(*n)++] = (change_t){ old->mods[i].name, old->mods[i].total, -1 };
        }
    }
    if (v != NULL) {
        qsort(v, *n, sizeof *v, by_change);
    }
    return v;
}

static const char *state(const change_t *c) {
    return c->was < 0 ? "added" : c->now < 0 ? "removed" : c->now > c->was ? "grown"
           : c->now < c->was ? "shrunk" : "same";
}

static void diff_text(const char *path, const change_t *v, size_t n, const rimage_t *old,
                      const rimage_t *now) {
    printf("%s: %" PRIu32 " -> %" PRIu32 " bytes (%+" PRId64 ")\n", path, old->bytes, now->bytes,
           (int64_t)now->bytes - old->bytes);
    printf("  %8s %9s %9s %9s  %s\n", "change", "old", "new", "delta", "module");
    for (size_t i = 0; i < n; i++) {
        const change_t *c = &v[i];
        int64_t d = (c->now < 0 ? 0 : c->now) - (c->was < 0 ? 0 : c->was);
        char pct[16];
        if (c->was < 0) {
            snprintf(pct, sizeof pct, "[NEW]");
        } else if (c->now < 0) {
            snprintf(pct, sizeof pct, "[DEL]");
        } else {
            snprintf(pct, sizeof pct, "%+.1f%%", c->was ? 100.0 * (double)d / (double)c->was : 0.0);
        }
        char was[24] = "-", nw[24] = "-";
        if (c->was >= 0) {
            snprintf(was, sizeof was, "%" PRId64, c->was);
        }
        if (c->now >= 0) {
            snprintf(nw, sizeof nw, "%" PRId64, c->now);
        }
        const char *st = state(c);
        printf("  %8s %9s %9s %+9" PRId64 "  %s%s%s%s\n", pct, was, nw, d, c->name,
               strcmp(st, "same") != 0 ? " (" : "", strcmp(st, "same") != 0 ? st : "",
               strcmp(st, "same") != 0 ? ")" : "");
    }
    int64_t ov = (int64_t)old->header + old->pool + old->padding;
    int64_t nv = (int64_t)now->header + now->pool + now->padding;
    printf("  %8s %9" PRId64 " %9" PRId64 " %+9" PRId64 "  (image header, pool, padding)\n", "",
           ov, nv, nv - ov);
    printf("  %+7.1f%% %9" PRIu32 " %9" PRIu32 " %+9" PRId64 "  TOTAL\n",
           old->bytes ? 100.0 * ((double)now->bytes - old->bytes) / old->bytes : 0.0, old->bytes,
           now->bytes, (int64_t)now->bytes - old->bytes);
}

static void diff_json(const change_t *v, size_t n, const rimage_t *old, const rimage_t *now) {
    printf("{\n  \"schema\": \"freeze-size-diff/1\",\n  \"old_bytes\": %" PRIu32 ",\n  \"new_bytes\": %"
           PRIu32 ",\n  \"delta\": %" PRId64 ",\n  \"modules\": [", old->bytes, now->bytes,
           (int64_t)now->bytes - old->bytes);
    for (size_t i = 0; i < n; i++) {
        printf("%s\n    {\"name\": ", i ? "," : "");
        report_json_string(stdout, v[i].name);
        printf(", \"state\": \"%s\", \"old\": ", state(&v[i]));
        v[i].was < 0 ? printf("null") : printf("%" PRId64, v[i].was);
        printf(", \"new\": ");
        v[i].now < 0 ? printf("null") : printf("%" PRId64, v[i].now);
        printf(", \"delta\": %" PRId64 "}", (v[i].now < 0 ? 0 : v[i].now) - (v[i].was < 0 ? 0 : v[i].was));
    }
    printf("\n  ]\n}\n");
}

static void diff_csv(const change_t *v, size_t n, const rimage_t *old, const rimage_t *now) {
    printf("module,state,old,new,delta\n");
    for (size_t i = 0; i < n; i++) {
        printf("%s,%s,", v[i].name, state(&v[i]));
        v[i].was >= 0 ? printf("%" PRId64, v[i].was) : 0;
        printf(",");
        v[i].now >= 0 ? printf("%" PRId64, v[i].now) : 0;
        printf(",%" PRId64 "\n", (v[i].now < 0 ? 0 : v[i].now) - (v[i].was < 0 ? 0 : v[i].was));
    }
    printf("TOTAL,,%" PRIu32 ",%" PRIu32 ",%" PRId64 "\n", old->bytes, now->bytes,
           (int64_t)now->bytes - old->bytes);
}

static status_t diff(const freeze_opts_t *o, const char *form, const rimage_t *now, errors_t *e) {
    rimage_t old;
    status_t st = load(o->diff, &old, e);
    size_t n = 0;
    change_t *v = st == ST_OK ? changes(&old, now, &n) : NULL;
    if (st == ST_OK && v == NULL) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    } else if (st == ST_OK && strcmp(form, "json") == 0) {
        diff_json(v, n, &old, now);
    } else if (st == ST_OK && strcmp(form, "csv") == 0) {
        diff_csv(v, n, &old, now);
    } else if (st == ST_OK) {
        diff_text(o->input, v, n, &old, now);
    }
    free(v);
    rwalk_free(&old);
    return st;
}

status_t freeze_size(const freeze_opts_t *o, errors_t *e) {
    const char *form = o->report != NULL ? o->report : "text";
    static const char *const forms[] = { "text", "json", "csv", "html", NULL };
    size_t k = 0;
    while (forms[k] != NULL && strcmp(forms[k], form) != 0) {
        k++;
    }
    if (forms[k] == NULL || (o->diff != NULL && strcmp(form, "html") == 0)) {
        return errors_add(e, ST_USAGE, NULL, 0, 0, "--report %s is not supported%s (text, json, "
                          "csv%s)", form, o->diff != NULL ? " with --diff" : "",
                          o->diff != NULL ? "" : ", html");
    }
    rimage_t img;
    status_t st = load(o->input, &img, e);
    if (st == ST_OK && o->diff != NULL) {
        st = diff(o, form, &img, e);
    } else if (st == ST_OK) {
        report_t r = { .name = o->input, .img = &img, .budget_flash = o->budget_flash,
                       .budget_ram = o->budget_ram, .top = o->top, .functions = o->functions };
        report_write(&r, form, stdout);
        fflush(stdout);
        st = report_budget(&r, stderr, o->input, e);
    }
    rwalk_free(&img);
    return st;
}
