// SPDX-License-Identifier: MIT
// report_build.h: the size report and budget checks of `freeze build` and `freeze size`.
#ifndef FREEZER_REPORT_BUILD_H
#define FREEZER_REPORT_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "freezer/build.h"
#include "freezer/errors.h"
#include "freezer/freeze.h"
#include "freezer/target.h"
#include "manifest/manifest.h"

typedef struct {
    const freeze_opts_t *o;    // --report, --top, --detail, -q
    const manifest_t *m;       // for module sources; NULL for `freeze size`
    const char *name;          // the app's name or the image's path
    const uint8_t *img;
    size_t img_len;
    uint64_t budget_flash, budget_ram;
    const char *elf;           // the linked app (host executable or MCU .elf), or NULL
    const char *runtime_lib;   // the runtime archive it was linked with (components), or NULL
    int mcu;                   // the runtime shares the flash and RAM (not the host)
    const build_out_t *outs;   // the compiled modules of m (for the heap probe), or NULL
    const target_t *t;
    const char *dir;           // the output directory (the probe's files go there)
    int measure_ram;           // run the heap probe (report_ram.c)
    const char *budget_path;   // where a budget error points (the manifest)
} report_job_t;

// Whether the report runs the heap probe, which links the modules' .mpy (outs) again:
// when asked to, or to check a RAM budget.
static inline int report_probes_heap(int measure_ram, uint64_t budget_ram) {
    return measure_ram || budget_ram != 0;
}

// The image alone against the flash budget, before any output is written: a build whose
// frozen code alone cannot fit fails early and writes nothing.
status_t report_precheck(const report_job_t *j, errors_t *e);

// Walks the image (and the ELF, and measures the heap when asked), prints the report in
// the --report form and checks the budgets.
status_t report_run(const report_job_t *j, errors_t *e);

#endif // FREEZER_REPORT_BUILD_H
