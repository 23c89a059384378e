// SPDX-License-Identifier: MIT
// locate.h: finds the freeze executable itself and the host runtime files beside it.
#ifndef FREEZER_LOCATE_H
#define FREEZER_LOCATE_H

#include <stdint.h>

// The absolute path of the running executable (malloc'ed), or NULL.
char *locate_self(const char *argv0);

// An existing host runtime file NAME ("libfreezert.a", "fzvm") for the freeze at self:
// <dir>/host/NAME in the build tree, else <dir>/../lib/freeze/host/NAME once installed.
// Returns a malloc'ed absolute path, or NULL.
char *locate_host_file(const char *self, const char *name);

// The same for the runtime files of another target: <dir>/<target>/NAME, else
// <dir>/../lib/freeze/<target>/NAME.
char *locate_target_file(const char *self, const char *target, const char *name);

// A string naming this exact compiler build, for cache keys: the version and the
// SHA-256 of the executable (NULL: not known); malloc'ed.
char *locate_compiler_id(const uint8_t *self_digest, const char *version);

#endif // FREEZER_LOCATE_H
