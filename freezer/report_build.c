// SPDX-License-Identifier: MIT
// report_build.c: the size report and budget checks of `freeze build` and `freeze size`.
#include <stdlib.h>
#include <string.h>

#include "freezer/report.h"
#include "freezer/report_build.h"
#include "freezer/report_elf.h"

static const char *manifest_source(const void *ctx, const char *module) {
    const manifest_t *m = ctx;
    for (size_t i = 0; i < m->n_mods; i++) {
        if (strcmp(m->mods[i].name, module) == 0) {
            return m->mods[i].src_name;
        }
    }
    return NULL;
}

static status_t walk(const report_job_t *j, rimage_t *img, report_t *r, errors_t *e) {
    char err[128];
    if (rwalk_image(j->img, j->img_len, img, err, sizeof err) != 0) {
        return errors_add(e, ST_INPUT, j->name, 0, 0, "%s", err);
    }
    const freeze_opts_t *o = j->o;
    *r = (report_t){
        .name = j->name, .img = img, .budget_flash = j->budget_flash,
        .budget_ram = j->budget_ram, .top = o->top, .functions = o->functions,
        .runtime_in_flash = j->mcu,
    };
    if (j->m != NULL) {
        r->source = manifest_source;
        r->source_ctx = j->m;
    }
    return ST_OK;
}

status_t report_precheck(const report_job_t *j, errors_t *e) {
    if (j->budget_flash == 0 || j->img_len <= j->budget_flash) {
        return ST_OK;
    }
    rimage_t img;
    report_t r;
    status_t st = walk(j, &img, &r, e);
    st = st != ST_OK ? st : report_budget(&r, NULL, j->budget_path, e);
    rwalk_free(&img);
    return st;
}

status_t report_run(const report_job_t *j, errors_t *e) {
    const freeze_opts_t *o = j->o;
    const char *form = o->report != NULL ? o->report : o->quiet ? NULL : "text";
    rimage_t img;
    report_t r;
    rruntime_t rt = { 0 };
    rram_t ram = { 0 };
    status_t st = walk(j, &img, &r, e);
    if (st == ST_OK && j->elf != NULL && report_elf_read(j->elf, j->runtime_lib, &rt) == 0) {
        r.rt = &rt;
    }
    if (st == ST_OK && report_probes_heap(j->measure_ram, j->budget_ram) && j->outs != NULL && report_ram_measure(j, &ram, e) == 0) {
        r.ram = &ram;
    }
    if (st == ST_OK && form != NULL && report_write(&r, form, stdout) != 0) {
        st = errors_add(e, ST_USAGE, NULL, 0, 0, "unknown --report form '%s' "
                        "(text, json, csv, html)", form);
    }
    fflush(stdout);
    st = st != ST_OK ? st : report_budget(&r, stderr, j->budget_path, e);
    report_elf_free(&rt);
    report_ram_free(&ram);
    rwalk_free(&img);
    return st;
}
