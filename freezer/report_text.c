// SPDX-License-Identifier: MIT
// report_text.c: the size report as an aligned terminal table, largest first.
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/report.h"

static uint32_t consts(const rmod_t *m) {
    return m->part[RP_STR] + m->part[RP_BYTES] + m->part[RP_INT] + m->part[RP_FLOAT]
           + m->part[RP_TUPLE] + m->part[RP_CONST_OTHER];
}

static uint32_t meta(const rmod_t *m) {
    return m->part[RP_PRELUDE] + m->part[RP_MPY_HEADER] + m->part[RP_INDEX] + m->part[RP_ALIGN]
           + m->part[RP_OTHER];
}

static void row(FILE *out, int w, const char *name, uint64_t n, uint64_t whole,
                const uint32_t *cols) {
    char h[32];
    report_human(h, sizeof h, n);
    fprintf(out, "  %-*s %10s %6.1f%%", w, name, h, whole ? 100.0 * (double)n / (double)whole : 0.0);
    for (int i = 0; cols != NULL && i < 5; i++) {
        fprintf(out, " %8" PRIu32, cols[i]);
    }
    fputc('\n', out);
}

static void mod_cols(const rmod_t *m, uint32_t *c) {
    c[0] += m->part[RP_BYTECODE];
    c[1] += m->part[RP_NAMES] + m->part[RP_POOL];
    c[2] += consts(m);
    c[3] += meta(m);
    c[4] += m->part[RP_LINES];
}

static void functions(FILE *out, const rmod_t *m) {
    for (size_t j = 0; j < m->n_funcs; j++) {
        const rfunc_t *f = &m->funcs[j];
        fprintf(out, "      %*s%-*s %8" PRIu32 " bytecode %6" PRIu32 " prelude %6" PRIu32 " lines\n",
                2 * f->depth, "", 30 - 2 * (f->depth < 10 ? f->depth : 10), f->name,
                f->bytecode, f->prelude, f->lines);
    }
}

static void runtime(FILE *out, const rruntime_t *rt) {
    fprintf(out, "\nruntime (%s): flash %" PRIu64 " bytes (code %" PRIu64 ", read-only data %"
            PRIu64 ", .data %" PRIu64 "), static RAM %" PRIu64 " bytes (.data + .bss)\n",
            rt->elf, rt->text + rt->rodata + rt->data, rt->text, rt->rodata, rt->data,
            rt->data + rt->bss);
    fprintf(out, "  %-20s %9s %9s %9s %9s\n", "component", "code", "rodata", "data", "bss");
    for (size_t i = 0; i < rt->n; i++) {
        const rcomp_t *c = &rt->comps[i];
        fprintf(out, "  %-20s %9" PRIu64 " %9" PRIu64 " %9" PRIu64 " %9" PRIu64 "\n", c->name,
                c->text, c->rodata, c->data, c->bss);
    }
}

static void ram(FILE *out, const rram_t *ram) {
    char h[32];
    report_human(h, sizeof h, ram->heap_total);
    fprintf(out, "\nheap, measured on %s: %s reserved\n", ram->measured_on, h);
    uint64_t prev = 0;
    for (size_t i = 0; i < ram->n; i++) {
        fprintf(out, "  after %-28s %9" PRIu64 " bytes used (%+" PRId64 ")\n", ram->steps[i].after,
                ram->steps[i].used, (int64_t)ram->steps[i].used - (int64_t)prev);
        prev = ram->steps[i].used;
    }
}

static void budget(FILE *out, const char *what, uint64_t used, uint64_t b) {
    const char *st = report_budget_state(used, b);
    if (st == NULL) {
        return;
    }
    char hu[32], hb[32];
    report_human(hu, sizeof hu, used);
    report_human(hb, sizeof hb, b);
    fprintf(out, "%s budget %s: %s used (%.1f%%)%s\n", what, hb, hu,
            100.0 * (double)used / (double)b,
            strcmp(st, "over") == 0 ? ", OVER BUDGET" : strcmp(st, "warn") == 0 ? ", within 10%" : "");
}

void report_text(const report_t *r, FILE *out) {
    const rimage_t *img = r->img;
    size_t *order = report_by_size(r);
    size_t top = r->top > 0 ? (size_t)r->top : 10;
    int w = 20;
    for (size_t i = 0; i < img->n_mods; i++) {
        int n = (int)strlen(img->mods[i].name);
        w = n > w && n < 60 ? n : w;
    }
    char h[32];
    report_human(h, sizeof h, img->bytes);
    fprintf(out, "%s: image %s (%" PRIu32 " bytes), %zu module%s, %s\n", r->name, h, img->bytes,
            img->n_mods, img->n_mods == 1 ? "" : "s", rwalk_target_name(img->target));
    fprintf(out, "  %-*s %10s %7s %8s %8s %8s %8s %8s\n", w, "module", "size", "share",
            "bytecode", "names", "consts", "meta", "lines");
    uint32_t rest[5] = { 0 };
    uint64_t rest_total = 0;
    for (size_t k = 0; order != NULL && k < img->n_mods; k++) {
        const rmod_t *m = &img->mods[order[k]];
        if (k >= top) {
            mod_cols(m, rest);
            rest_total += m->total;
            continue;
        }
        uint32_t c[5] = { 0 };
        mod_cols(m, c);
        char label[128];
        snprintf(label, sizeof label, "%s%s", m->name, m->is_main ? " (main)" : "");
        row(out, w, label, m->total, img->bytes, c);
        if (r->functions) {
            functions(out, m);
        }
    }
    if (img->n_mods > top) {
        char label[64];
        snprintf(label, sizeof label, "(%zu more module%s)", img->n_mods - top,
                 img->n_mods - top == 1 ? "" : "s");
        row(out, w, label, rest_total, img->bytes, rest);
    }
    row(out, w, "(image header)", img->header, img->bytes, NULL);
    if (img->pool != 0) {
        row(out, w, "(name pool)", img->pool, img->bytes, NULL);
    }
    row(out, w, "(padding)", img->padding, img->bytes, NULL);
    row(out, w, "total", img->bytes, img->bytes, NULL);
    free(order);
    if (r->rt != NULL) {
        runtime(out, r->rt);
    }
    if (r->ram != NULL) {
        ram(out, r->ram);
    }
    budget(out, "flash", report_flash_used(r), r->budget_flash);
    if (r->budget_ram != 0) {
        if (report_ram_used(r) == 0) {
            fprintf(out, "RAM budget %" PRIu64 " bytes: not measured\n", r->budget_ram);
        } else {
            budget(out, "RAM", report_ram_used(r), r->budget_ram);
        }
    }
}
