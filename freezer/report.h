// SPDX-License-Identifier: MIT
// report.h: the size report of a build: bytes per module, image total, budgets.
#ifndef FREEZER_REPORT_H
#define FREEZER_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "freezer/build.h"
#include "manifest/manifest.h"

typedef struct {
    const manifest_t *m;
    const build_out_t *outs;   // one per module of m
    const char *target;
    size_t image_len;
    uint64_t budget_flash;     // 0: none
    uint64_t budget_ram;       // 0: none
} report_t;

void report_text(const report_t *r, FILE *out);
void report_json(const report_t *r, FILE *out);
void report_csv(const report_t *r, FILE *out);
void report_html(const report_t *r, FILE *out);

#endif // FREEZER_REPORT_H
