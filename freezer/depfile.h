// SPDX-License-Identifier: MIT
// depfile.h: the make dependency file of a build (DIR/NAME.d): its outputs and every input.
#ifndef FREEZER_DEPFILE_H
#define FREEZER_DEPFILE_H

#include <stddef.h>

#include "freezer/errors.h"

// Writes path atomically: one rule "targets...: inputs..." and an empty rule per input
// (so make does not fail when an input is deleted, like gcc -MP). Inputs are made
// absolute (they exist: the build read them); targets are written as given, to match the
// product Makefile's spelling. Spaces, '#' and '$' are escaped for make.
status_t depfile_write(const char *path, const char *const *targets, size_t n_targets,
                       const char *const *inputs, size_t n_inputs, errors_t *e);

#endif // FREEZER_DEPFILE_H
