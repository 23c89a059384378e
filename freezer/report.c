// SPDX-License-Identifier: MIT
// report.c: what the report forms share: sorting, human sizes, budgets.
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/report.h"

uint64_t report_flash_used(const report_t *r) {
    uint64_t n = r->img->bytes;
    if (r->rt != NULL && r->runtime_in_flash) {
        n += r->rt->text + r->rt->rodata + r->rt->data;  // .data's initial values are in flash
    }
    return n;
}

uint64_t report_ram_used(const report_t *r) {
    uint64_t n = 0;
    if (r->rt != NULL && r->runtime_in_flash) {
        n += r->rt->data + r->rt->bss;
    }
    if (r->ram != NULL) {
        n += r->ram->peak;
    }
    return n;
}

static int by_total(const void *a, const void *b) {
    const rmod_t *x = *(const rmod_t *const *)a, *y = *(const rmod_t *const *)b;
    if (x->total != y->total) {
        return x->total < y->total ? 1 : -1;
    }
    return strcmp(x->name, y->name);
}

size_t *report_by_size(const report_t *r) {
    size_t n = r->img->n_mods;
    const rmod_t **p = malloc((n ? n : 1) * sizeof *p);
    size_t *v = malloc((n ? n : 1) * sizeof *v);
    if (p == NULL || v == NULL) {
        free(p);
        free(v);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        p[i] = &r->img->mods[i];
    }
    qsort(p, n, sizeof *p, by_total);
    for (size_t i = 0; i < n; i++) {
        v[i] = (size_t)(p[i] - r->img->mods);
    }
    free(p);
    return v;
}

void report_human(char *buf, size_t size, uint64_t n) {
    if (n < 1024) {
        snprintf(buf, size, "%" PRIu64 " B", n);
    } else if (n < 1024 * 1024) {
        snprintf(buf, size, "%.1f KiB", (double)n / 1024);
    } else {
        snprintf(buf, size, "%.2f MiB", (double)n / (1024.0 * 1024));
    }
}

const char *report_budget_state(uint64_t used, uint64_t budget) {
    if (budget == 0) {
        return NULL;
    }
    return used > budget ? "over" : used * 10 >= budget * 9 ? "warn" : "ok";
}

// "a (1.2 KiB), b (800 B), c (64 B)": the three largest contributors: modules, and for
// an MCU target the runtime's components too ("runtime vm"), and for RAM the heap.
static void top_list(const report_t *r, int flash, char *buf, size_t size) {
    struct { const char *what, *name; uint64_t n; } top[3] = { { 0 } };
    size_t nm = r->img->n_mods, nc = r->rt != NULL && r->runtime_in_flash ? r->rt->n : 0;
    for (size_t i = 0; i < nm + nc + 1; i++) {
        const char *what = "", *name;
        uint64_t n;
        if (i < nm) {
            name = r->img->mods[i].name;
            n = flash ? r->img->mods[i].total : 0;
        } else if (i < nm + nc) {
            const rcomp_t *c = &r->rt->comps[i - nm];
            what = "runtime ";
            name = c->name;
            n = flash ? c->text + c->rodata + c->data : c->data + c->bss;
        } else {
            name = "the heap";
            n = !flash && r->ram != NULL ? r->ram->peak : 0;
        }
        for (int k = 0; k < 3; k++) {
            if (n > top[k].n) {
                memmove(&top[k + 1], &top[k], (size_t)(2 - k) * sizeof top[0]);
                top[k].what = what;
                top[k].name = name;
                top[k].n = n;
                break;
            }
        }
    }
    buf[0] = 0;
    for (int k = 0; k < 3 && top[k].n != 0; k++) {
        char h[32];
        report_human(h, sizeof h, top[k].n);
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s%s (%s)", k ? ", " : "", top[k].what, top[k].name, h);
    }
}

static status_t one_budget(const report_t *r, const char *what, uint64_t used, uint64_t budget,
                           FILE *warn, const char *path, errors_t *e) {
    const char *state = report_budget_state(used, budget);
    if (state == NULL || strcmp(state, "ok") == 0) {
        return ST_OK;
    }
    char top[512], hu[32], hb[32];
    top_list(r, strcmp(what, "flash") == 0, top, sizeof top);
    report_human(hu, sizeof hu, used);
    report_human(hb, sizeof hb, budget);
    if (strcmp(state, "over") == 0) {
        return errors_add(e, ST_BUDGET, path, 0, 0, "%s use of %" PRIu64 " bytes (%s) exceeds "
                          "the %s budget of %" PRIu64 " bytes (%s) by %" PRIu64 " bytes "
                          "(%.1f%%); largest: %s", what, used, hu, what, budget, hb,
                          used - budget, 100.0 * (double)(used - budget) / (double)budget,
                          top[0] ? top : "none");
    }
    if (warn != NULL) {
        fprintf(warn, "freeze: warning: %s use of %" PRIu64 " bytes (%s) is within 10%% of "
                "the %s budget of %" PRIu64 " bytes (%s): %" PRIu64 " bytes (%.1f%%) left; "
                "largest: %s\n", what, used, hu, what, budget, hb, budget - used,
                100.0 * (double)(budget - used) / (double)budget, top[0] ? top : "none");
    }
    return ST_OK;
}

status_t report_budget(const report_t *r, FILE *warn, const char *path, errors_t *e) {
    status_t a = one_budget(r, "flash", report_flash_used(r), r->budget_flash, warn, path, e);
    status_t b = ST_OK;
    if (r->budget_ram != 0 && report_ram_used(r) == 0 && warn != NULL) {
        fprintf(warn, "freeze: warning: the RAM budget is not checked: no RAM use was "
                "measured (freeze build runs the image to measure it)\n");
    } else {
        b = one_budget(r, "RAM", report_ram_used(r), r->budget_ram, warn, path, e);
    }
    return a != ST_OK ? a : b;
}

int report_write(const report_t *r, const char *form, FILE *out) {
    if (strcmp(form, "text") == 0) {
        report_text(r, out);
    } else if (strcmp(form, "json") == 0) {
        report_json(r, out);
    } else if (strcmp(form, "csv") == 0) {
        report_csv(r, out);
    } else if (strcmp(form, "html") == 0) {
        report_html(r, out);
    } else {
        return -1;
    }
    return 0;
}

void report_json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c < 0x20) {
            fprintf(out, "\\u%04x", c);
        } else {
            fputc(c, out);
        }
    }
    fputc('"', out);
}
