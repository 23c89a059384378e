// SPDX-License-Identifier: MIT
// report.h: the size report of an image (flash parts, runtime, RAM), its forms and budgets.
#ifndef FREEZER_REPORT_H
#define FREEZER_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "freezer/errors.h"
#include "freezer/report_walk.h"

// The runtime's own cost in a linked ELF, per component (report_elf.c).
typedef struct {
    char *name;              // vm, objects, gc, modules, ...
    uint64_t text, rodata, data, bss;
} rcomp_t;

typedef struct {
    char *elf;               // path of the linked ELF
    rcomp_t *comps;          // sorted by text + rodata, largest first
    size_t n;
    uint64_t text, rodata, data, bss;  // section totals (components add up to them)
    uint64_t image;          // the frozen image's bytes inside rodata (not in comps)
} rruntime_t;

// Heap use measured by running the image (report_ram.c).
typedef struct {
    char *after;             // "(start)", a module name, or "(main)"
    uint64_t used;
} rstep_t;

typedef struct {
    char *measured_on;       // "xtensa-qemu (QEMU)" or "host (fzvm)"
    uint64_t heap_total;     // the heap reserved
    rstep_t *steps;
    size_t n;
    uint64_t peak;           // the largest used of the steps
} rram_t;

typedef struct {
    const char *name;           // the app's name, or the image's path
    const rimage_t *img;
    const char *(*source)(const void *ctx, const char *module);  // NULL: no sources
    const void *source_ctx;
    const rruntime_t *rt;       // NULL: no ELF linked
    const rram_t *ram;          // NULL: not measured
    uint64_t budget_flash;      // 0: none
    uint64_t budget_ram;
    int top;                    // text form: modules listed before "(N more)"; 0: 10
    int functions;              // --detail functions
    int runtime_in_flash;       // 1: the runtime shares the flash (an MCU target)
} report_t;

// What counts against the budgets: the image (plus the runtime on an MCU target), and
// static RAM plus the measured heap peak.
uint64_t report_flash_used(const report_t *r);
uint64_t report_ram_used(const report_t *r);  // 0: nothing measured

// Module indexes of r->img sorted by total, largest first (malloc'ed; NULL if no memory).
size_t *report_by_size(const report_t *r);

// "12.3 KiB": n in the largest unit that keeps it >= 1.
void report_human(char *buf, size_t size, uint64_t n);

// Checks the budgets: over one adds an ST_BUDGET error naming the excess and the top
// contributors; within 10 percent prints a warning on warn. Returns the status.
status_t report_budget(const report_t *r, FILE *warn, const char *path, errors_t *e);
// "ok", "warn" or "over" for used against budget (NULL when budget is 0).
const char *report_budget_state(uint64_t used, uint64_t budget);

void report_text(const report_t *r, FILE *out);
void report_json(const report_t *r, FILE *out);
void report_csv(const report_t *r, FILE *out);
void report_html(const report_t *r, FILE *out);

// Writes the report in form ("text", "json", "csv", "html"); -1 if form is unknown.
int report_write(const report_t *r, const char *form, FILE *out);

void report_json_string(FILE *out, const char *s);

#endif // FREEZER_REPORT_H
