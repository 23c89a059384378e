// SPDX-License-Identifier: MIT
// locate.c: finds the freeze executable itself and the host runtime files beside it.
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/file.h"
#include "freezer/locate.h"
#include "freezer/sha256.h"

char *locate_self(const char *argv0) {
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = 0;
        return strdup(buf);
    }
    // No /proc: argv[0] names the file when it holds a slash (the build tree, tests).
    if (argv0 != NULL && strchr(argv0, '/') != NULL && realpath(argv0, buf) != NULL) {
        return strdup(buf);
    }
    return NULL;
}

static char *candidate(const char *dir, const char *mid, const char *name) {
    size_t n = strlen(dir) + strlen(mid) + strlen(name) + 3;
    char *p = malloc(n);
    if (p == NULL) {
        return NULL;
    }
    snprintf(p, n, "%s/%s/%s", dir, mid, name);
    if (access(p, R_OK) == 0) {
        return p;
    }
    free(p);
    return NULL;
}

char *locate_host_file(const char *self, const char *name) {
    return locate_target_file(self, "host", name);
}

char *locate_target_file(const char *self, const char *target, const char *name) {
    if (self == NULL) {
        return NULL;
    }
    char *dir = strdup(self);
    char *slash = dir != NULL ? strrchr(dir, '/') : NULL;
    if (slash == NULL) {
        free(dir);
        return NULL;
    }
    *slash = 0;
    char lib[256];
    snprintf(lib, sizeof lib, "../lib/freeze/%s", target);
    char *p = candidate(dir, target, name);
    if (p == NULL) {
        p = candidate(dir, lib, name);
    }
    free(dir);
    return p;
}

char *locate_compiler_id(const uint8_t *self_digest, const char *version) {
    char hex[2 * SHA256_LEN + 1] = "unknown";
    if (self_digest != NULL) {
        sha256_hex(self_digest, hex);
    }
    size_t n = strlen(version) + sizeof hex + 2;
    char *id = malloc(n);
    if (id != NULL) {
        snprintf(id, n, "%s %s", version, hex);
    }
    return id;
}
