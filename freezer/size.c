// SPDX-License-Identifier: MIT
// size.c: `freeze size IMAGE`: the flash cost of each module of an image, and its change.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/file.h"
#include "freezer/freeze.h"
#include "runtime/image.h"

/*
 * The JSON form is the one `freeze build --report json` writes (name, target,
 * image_bytes, overhead_bytes, modules: [{name, bytes}]), so --diff takes either as the
 * old state. The reader below knows only that shape: it is not a general JSON parser.
 */

typedef struct {
    char **names;
    size_t *bytes;
    size_t n;
    size_t total;
} sizes_t;

static void sizes_free(sizes_t *s) {
    for (size_t i = 0; i < s->n; i++) {
        free(s->names[i]);
    }
    free(s->names);
    free(s->bytes);
}

static int sizes_push(sizes_t *s, const char *name, size_t len, size_t bytes) {
    char **nv = realloc(s->names, (s->n + 1) * sizeof *nv);
    if (nv != NULL) {
        s->names = nv;
    }
    size_t *bv = nv != NULL ? realloc(s->bytes, (s->n + 1) * sizeof *bv) : NULL;
    if (bv == NULL) {
        return -1;
    }
    s->bytes = bv;
    s->names[s->n] = strndup(name, len);
    if (s->names[s->n] == NULL) {
        return -1;
    }
    s->bytes[s->n++] = bytes;
    return 0;
}

// The value after "key": in p (up to end): a string's start and length, or a number.
static const char *json_field(const char *p, const char *end, const char *key) {
    size_t k = strlen(key);
    for (; p != NULL && p + k + 2 < end; p++) {
        if (p[0] == '"' && strncmp(p + 1, key, k) == 0 && p[k + 1] == '"') {
            p += k + 2;
            while (p < end && (*p == ' ' || *p == ':' || *p == '\n' || *p == '\t')) {
                p++;
            }
            return p < end ? p : NULL;
        }
    }
    return NULL;
}

// Reads a report written by report_json or size_json into *s; 0, or -1 if it is not one.
static int read_report(const char *text, size_t len, sizes_t *s) {
    const char *end = text + len;
    const char *total = json_field(text, end, "image_bytes");
    const char *p = json_field(text, end, "modules");
    if (total == NULL || p == NULL || *p != '[') {
        return -1;
    }
    s->total = (size_t)strtoull(total, NULL, 10);
    for (p++; p < end && *p != ']'; p++) {
        if (*p != '{') {
            continue;
        }
        const char *close = memchr(p, '}', (size_t)(end - p));
        const char *name = close != NULL ? json_field(p, close, "name") : NULL;
        const char *bytes = close != NULL ? json_field(p, close, "bytes") : NULL;
        const char *q = name != NULL && *name == '"' ? memchr(name + 1, '"', (size_t)(close - name - 1)) : NULL;
        if (q == NULL || bytes == NULL
            || sizes_push(s, name + 1, (size_t)(q - name - 1), (size_t)strtoull(bytes, NULL, 10))) {
            return -1;
        }
        p = close;
    }
    return 0;
}

static const char *target_name(uint8_t id) {
    static const char *const names[] = { "host", "xtensa-qemu", "esp32s3" };
    return id < 3 ? names[id] : "unknown";
}

// The old size of module name, or -1 if old lacks it (or there is no old report).
static long long old_bytes(const sizes_t *old, const char *name) {
    for (size_t i = 0; old != NULL && i < old->n; i++) {
        if (strcmp(old->names[i], name) == 0) {
            return (long long)old->bytes[i];
        }
    }
    return -1;
}

static void change(const sizes_t *old, const char *name, size_t now, int known) {
    if (old == NULL) {
        printf("\n");
        return;
    }
    long long was = known ? (long long)old->total : old_bytes(old, name);
    if (was < 0) {
        printf("  new\n");
    } else {
        printf("  %+lld\n", (long long)now - was);
    }
}

static void print_text(const char *path, const image_t *img, const sizes_t *old) {
    printf("%s: %u modules, %u bytes (%s)\n", path, (unsigned)img->n_modules, (unsigned)img->len,
           target_name(img->target));
    size_t sum = 0;
    for (uint32_t i = 0; i < img->n_modules; i++) {
        image_module_t m;
        image_module_at(img, i, &m);
        sum += m.data_len;
        printf("  %-28s %8zu", m.name, m.data_len);
        change(old, m.name, m.data_len, 0);
    }
    for (size_t i = 0; old != NULL && i < old->n; i++) {
        image_module_t m;
        if (!image_find(img, old->names[i], strlen(old->names[i]), &m)) {
            printf("  %-28s %8s  removed (-%zu)\n", old->names[i], "-", old->bytes[i]);
        }
    }
    printf("  %-28s %8zu\n", "(image overhead)", (size_t)img->len - sum);
    printf("  %-28s %8u", "total", (unsigned)img->len);
    change(old, "", img->len, 1);
}

static void print_json(const image_t *img) {
    size_t sum = 0;
    printf("{\"target\": \"%s\", \"image_bytes\": %u, \"modules\": [", target_name(img->target),
           (unsigned)img->len);
    for (uint32_t i = 0; i < img->n_modules; i++) {
        image_module_t m;
        image_module_at(img, i, &m);
        sum += m.data_len;
        // Module names come from file names: no quote or backslash can be in them.
        printf("%s{\"name\": \"%s\", \"bytes\": %zu}", i ? ", " : "", m.name, m.data_len);
    }
    printf("], \"overhead_bytes\": %zu}\n", (size_t)img->len - sum);
}

static void print_csv(const image_t *img) {
    printf("module,bytes\n");
    for (uint32_t i = 0; i < img->n_modules; i++) {
        image_module_t m;
        image_module_at(img, i, &m);
        printf("%s,%zu\n", m.name, m.data_len);
    }
}

static status_t load_old(const char *path, sizes_t *old, errors_t *e) {
    uint8_t *text;
    size_t len;
    if (file_read(path, &text, &len) != 0) {
        return errors_add(e, errno == ENOENT ? ST_INPUT : ST_IO, path, 0, 0, "cannot read: %s",
                          strerror(errno));
    }
    int rc = read_report((const char *)text, len, old);
    free(text);
    return rc == 0 ? ST_OK : errors_add(e, ST_INPUT, path, 0, 0,
                                        "not a size report of freeze (--report json)");
}

status_t freeze_size(const freeze_opts_t *o, errors_t *e) {
    const char *form = o->report != NULL ? o->report : "text";
    if (strcmp(form, "text") != 0 && strcmp(form, "json") != 0 && strcmp(form, "csv") != 0) {
        return errors_add(e, ST_USAGE, NULL, 0, 0, "--report %s is not supported yet "
                          "(text, json, csv)", form);
    }
    uint8_t *d;
    size_t n;
    if (file_read(o->input, &d, &n) != 0) {
        return errors_add(e, errno == ENOENT ? ST_INPUT : ST_IO, o->input, 0, 0,
                          "cannot read: %s", strerror(errno));
    }
    image_t img;
    image_err_t err = image_open(&img, d, n);
    sizes_t old = { 0 };
    status_t st = err != IMAGE_OK ? errors_add(e, ST_INPUT, o->input, 0, 0, "%s",
                                               image_error_text(err))
                                  : o->diff != NULL ? load_old(o->diff, &old, e) : ST_OK;
    if (st == ST_OK && strcmp(form, "json") == 0) {
        print_json(&img);
    } else if (st == ST_OK && strcmp(form, "csv") == 0) {
        print_csv(&img);
    } else if (st == ST_OK) {
        print_text(o->input, &img, o->diff != NULL ? &old : NULL);
    }
    sizes_free(&old);
    free(d);
    return st;
}
