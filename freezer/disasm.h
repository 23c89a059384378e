// SPDX-License-Identifier: MIT
// disasm.h: a readable listing of a .mpy file: tables, preludes, line numbers, bytecode.
#ifndef FREEZER_DISASM_H
#define FREEZER_DISASM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

// Lists the .mpy d[0..n) on out. Returns 0, or -1 with *why naming what is malformed
// (the listing up to that point is already printed).
int disasm_mpy(FILE *out, const uint8_t *d, size_t n, const char **why);

#endif // FREEZER_DISASM_H
