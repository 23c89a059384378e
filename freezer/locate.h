// SPDX-License-Identifier: MIT
// locate.h: finds the freeze executable itself and the host runtime files beside it.
#ifndef FREEZER_LOCATE_H
#define FREEZER_LOCATE_H

// The absolute path of the running executable (malloc'ed), or NULL.
char *locate_self(const char *argv0);

// An existing host runtime file NAME ("libfreezert.a", "fzvm") for the freeze at self:
// <dir>/host/NAME in the build tree, else <dir>/../lib/freeze/host/NAME once installed.
// Returns a malloc'ed absolute path, or NULL.
char *locate_host_file(const char *self, const char *name);

// The same for the runtime files of another target: <dir>/<target>/NAME, else
// <dir>/../lib/freeze/<target>/NAME.
char *locate_target_file(const char *self, const char *target, const char *name);

// A string naming this exact compiler build (the version and a hash of the executable),
// for cache keys; malloc'ed.
char *locate_compiler_id(const char *self, const char *version);

#endif // FREEZER_LOCATE_H
