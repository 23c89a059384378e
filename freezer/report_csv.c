// SPDX-License-Identifier: MIT
// report_csv.c: the size report as CSV: one row per module (or function), parts as columns.
#include <inttypes.h>
#include <string.h>

#include "freezer/report.h"

// RFC 4180 quoting when a field holds a comma, quote or line break.
static void field(FILE *out, const char *s) {
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote) {
        fputc('"', out);
    }
    for (; *s; s++) {
        fputs(*s == '"' ? "\"\"" : (char[2]){ *s, 0 }, out);
    }
    if (quote) {
        fputc('"', out);
    }
}

void report_csv(const report_t *r, FILE *out) {
    const rimage_t *img = r->img;
    fputs("kind,module,function,bytes", out);
    for (int p = 0; p < RP_N; p++) {
        fprintf(out, ",%s", rpart_key[p]);
    }
    fputc('\n', out);
    for (size_t i = 0; i < img->n_mods; i++) {
        const rmod_t *m = &img->mods[i];
        fputs("module,", out);
        field(out, m->name);
        fprintf(out, ",,%" PRIu32, m->total);
        for (int p = 0; p < RP_N; p++) {
            fprintf(out, ",%" PRIu32, m->part[p]);
        }
        fputc('\n', out);
        for (size_t j = 0; r->functions && j < m->n_funcs; j++) {
            const rfunc_t *f = &m->funcs[j];
            fputs("function,", out);
            field(out, m->name);
            fputc(',', out);
            field(out, f->name);
            fprintf(out, ",%" PRIu32, f->bytecode + f->prelude + f->lines);
            for (int p = 0; p < RP_N; p++) {  // a block has only these three parts
                uint32_t v = p == RP_BYTECODE ? f->bytecode : p == RP_PRELUDE ? f->prelude
                             : p == RP_LINES ? f->lines : 0;
                if (p == RP_BYTECODE || p == RP_PRELUDE || p == RP_LINES) {
                    fprintf(out, ",%" PRIu32, v);
                } else {
                    fputc(',', out);
                }
            }
            fputc('\n', out);
        }
    }
    fprintf(out, "image,(header),,%" PRIu32 "\nimage,(name pool),,%" PRIu32
            "\nimage,(padding),,%" PRIu32 "\ntotal,,,%" PRIu32 "\n", img->header, img->pool,
            img->padding, img->bytes);
    for (size_t i = 0; r->rt != NULL && i < r->rt->n; i++) {
        const rcomp_t *c = &r->rt->comps[i];
        fputs("runtime,", out);
        field(out, c->name);
        fprintf(out, ",,%" PRIu64 "\n", c->text + c->rodata + c->data);
    }
    for (size_t i = 0; r->ram != NULL && i < r->ram->n; i++) {
        fputs("heap_used,", out);
        field(out, r->ram->steps[i].after);
        fprintf(out, ",,%" PRIu64 "\n", r->ram->steps[i].used);
    }
}
