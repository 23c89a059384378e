// SPDX-License-Identifier: MIT
// atan.h: the arctangent kernel atanf.c shares with asinf.c.
#ifndef XQ_ATAN_H
#define XQ_ATAN_H

#include "runtime/ports/xtensa-qemu/libc/explog.h"

// atan(|num| / |den|) in [0, pi/2], or pi minus it when minus_from_pi; den may be 0
// (the angle is then pi/2) but not both. To about 2^-58 relative.
void atan_of(const explog_num_t *num, const explog_num_t *den, int minus_from_pi,
             explog_num_t *out);

#endif // XQ_ATAN_H
