// SPDX-License-Identifier: MIT
// report_elf.h: the runtime's code, read-only data and static RAM per component, from an ELF.
#ifndef FREEZER_REPORT_ELF_H
#define FREEZER_REPORT_ELF_H

#include "freezer/errors.h"
#include "freezer/report.h"
#include "freezer/report_build.h"

// Reads the linked ELF at elf; lib (the runtime archive, or NULL) names the object file
// that defines each global symbol. 0, or -1 if elf cannot be read.
int report_elf_read(const char *elf, const char *lib, rruntime_t *out);
void report_elf_free(rruntime_t *rt);

// Runs the heap probe (report_ram.c); 0 and *out filled, or -1 (a warning was printed).
int report_ram_measure(const report_job_t *j, rram_t *out, errors_t *e);
void report_ram_free(rram_t *ram);

#endif // FREEZER_REPORT_ELF_H
