// SPDX-License-Identifier: MIT
// report_json.c: the size report as JSON, schema "freeze-size/1" (man/freeze-size.5).
#include <inttypes.h>

#include "freezer/report.h"

static void parts(FILE *out, const rmod_t *m) {
    fputs("{", out);
    for (int p = 0; p < RP_N; p++) {
        fprintf(out, "%s\"%s\": %" PRIu32, p ? ", " : "", rpart_key[p], m->part[p]);
    }
    fputs("}", out);
}

static void module(const report_t *r, FILE *out, const rmod_t *m) {
    fputs("    {\"name\": ", out);
    report_json_string(out, m->name);
    fprintf(out, ", \"bytes\": %" PRIu32 ", \"package\": %s, \"main\": %s, \"source\": ", m->total,
            m->flags & 1 ? "true" : "false", m->is_main ? "true" : "false");
    const char *src = r->source != NULL ? r->source(r->source_ctx, m->name) : NULL;
    if (src != NULL) {
        report_json_string(out, src);
    } else {
        fputs("null", out);
    }
    fputs(",\n     \"parts\": ", out);
    parts(out, m);
    if (r->functions) {
        fputs(",\n     \"functions\": [", out);
        for (size_t j = 0; j < m->n_funcs; j++) {
            const rfunc_t *f = &m->funcs[j];
            fprintf(out, "%s\n       {\"name\": ", j ? "," : "");
            report_json_string(out, f->name);
            fprintf(out, ", \"depth\": %d, \"bytecode\": %" PRIu32 ", \"prelude\": %" PRIu32
                    ", \"lines\": %" PRIu32 "}", f->depth, f->bytecode, f->prelude, f->lines);
        }
        fputs("]", out);
    }
    fputs("}", out);
}

static void runtime(FILE *out, const rruntime_t *rt) {
    fputs("{\"elf\": ", out);
    report_json_string(out, rt->elf);
    fprintf(out, ", \"text\": %" PRIu64 ", \"rodata\": %" PRIu64 ", \"data\": %" PRIu64
            ", \"bss\": %" PRIu64 ", \"image\": %" PRIu64 ",\n    \"components\": [",
            rt->text, rt->rodata, rt->data, rt->bss, rt->image);
    for (size_t i = 0; i < rt->n; i++) {
        const rcomp_t *c = &rt->comps[i];
        fprintf(out, "%s\n      {\"name\": ", i ? "," : "");
        report_json_string(out, c->name);
        fprintf(out, ", \"text\": %" PRIu64 ", \"rodata\": %" PRIu64 ", \"data\": %" PRIu64
                ", \"bss\": %" PRIu64 "}", c->text, c->rodata, c->data, c->bss);
    }
    fputs("]}", out);
}

static void ram(FILE *out, const rram_t *ram) {
    fputs("{\"measured_on\": ", out);
    report_json_string(out, ram->measured_on);
    fprintf(out, ", \"heap_reserved\": %" PRIu64 ", \"heap_peak\": %" PRIu64 ",\n    \"steps\": [",
            ram->heap_total, ram->peak);
    for (size_t i = 0; i < ram->n; i++) {
        fprintf(out, "%s{\"after\": ", i ? ", " : "");
        report_json_string(out, ram->steps[i].after);
        fprintf(out, ", \"heap_used\": %" PRIu64 "}", ram->steps[i].used);
    }
    fputs("]}", out);
}

static void budget(FILE *out, const char *key, uint64_t used, uint64_t b, int measured) {
    fprintf(out, "    \"%s\": {\"used\": ", key);
    if (measured) {
        fprintf(out, "%" PRIu64, used);
    } else {
        fputs("null", out);
    }
    if (b == 0) {
        fputs(", \"budget\": null, \"state\": null}", out);
    } else {
        const char *st = measured ? report_budget_state(used, b) : "unmeasured";
        fprintf(out, ", \"budget\": %" PRIu64 ", \"state\": \"%s\"}", b, st);
    }
}

void report_json(const report_t *r, FILE *out) {
    const rimage_t *img = r->img;
    fputs("{\n  \"schema\": \"freeze-size/1\",\n  \"name\": ", out);
    report_json_string(out, r->name);
    fprintf(out, ",\n  \"target\": \"%s\",\n  \"build_id\": \"%s\",\n  \"image_bytes\": %" PRIu32
            ",\n  \"overhead_bytes\": %" PRIu32 ",\n  \"image\": {\"header\": %" PRIu32 ", \"pool\": %" PRIu32 ", \"padding\": %" PRIu32
            "},\n  \"modules\": [\n", rwalk_target_name(img->target), img->build_id, img->bytes,
            img->header + img->pool + img->padding, img->header, img->pool, img->padding);
    for (size_t i = 0; i < img->n_mods; i++) {
        module(r, out, &img->mods[i]);
        fputs(i + 1 < img->n_mods ? ",\n" : "\n", out);
    }
    fputs("  ],\n  \"runtime\": ", out);
    if (r->rt != NULL) {
        runtime(out, r->rt);
    } else {
        fputs("null", out);
    }
    fputs(",\n  \"ram\": ", out);
    if (r->ram != NULL) {
        ram(out, r->ram);
    } else {
        fputs("null", out);
    }
    fputs(",\n  \"budgets\": {\n", out);
    budget(out, "flash", report_flash_used(r), r->budget_flash, 1);
    fputs(",\n", out);
    budget(out, "ram", report_ram_used(r), r->budget_ram, report_ram_used(r) != 0);
    fputs("\n  }\n}\n", out);
}
