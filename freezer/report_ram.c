// SPDX-License-Identifier: MIT
// report_ram.c: heap use measured by running the app's modules in a probe image.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/file.h"
#include "freezer/link.h"
#include "freezer/locate.h"
#include "freezer/report_elf.h"
#include "freezer/spawn.h"
#include "freezer/write.h"
#include "mpycross/mpycross.h"
#include "runtime/image.h"

/*
 * The probe is the app's own modules plus a generated main module that imports each of
 * them in manifest order (the main module last, under its own name) and calls
 * micropython.mem_info() after each: the runtime prints "GC: total: T, used: U, ...",
 * which is the measurement, so the runtime needs no hook of its own. Used counts every
 * block not yet collected (no gc.collect() runs before a reading). It runs on the target's
 * own runtime: the 32-bit xtensa-qemu build under QEMU when that target is built, else fzvm
 * on the host; the report says which. Its files go to DIR/.heap-probe.* and are removed.
 */

#define PROBE_MODULE "__heap_probe__"
#define MARK "@freeze-heap "

// Appends the probe's lines for module name (or the start when name is NULL).
static int probe_step(char **src, size_t *len, const char *name, const char *label) {
    const char *fmt = name != NULL
        ? "try:\n    import %s\nexcept BaseException as e:\n    print('" MARK "error', repr(e))\n"
          "print('" MARK "%s')\nmicropython.mem_info()\n"
        : "%sprint('" MARK "%s')\nmicropython.mem_info()\n";
    int n = snprintf(NULL, 0, fmt, name != NULL ? name : "", label);
    char *p = realloc(*src, *len + (size_t)n + 1);
    if (p == NULL) {
        return -1;
    }
    snprintf(p + *len, (size_t)n + 1, fmt, name != NULL ? name : "", label);
    *src = p;
    *len += (size_t)n;
    return 0;
}

static char *probe_source(const manifest_t *m, size_t *len) {
    char *src = strdup("import micropython\n");
    *len = src != NULL ? strlen(src) : 0;
    int bad = src == NULL || probe_step(&src, len, NULL, "(start)");
    for (size_t i = 0; !bad && i < m->n_mods; i++) {
        if (m->main == NULL || strcmp(m->mods[i].name, m->main) != 0) {
            bad = probe_step(&src, len, m->mods[i].name, m->mods[i].name);
        }
    }
    if (!bad && m->main != NULL) {
        bad = probe_step(&src, len, m->main, "(main)");
    }
    if (bad) {
        free(src);
        return NULL;
    }
    return src;
}

static int parse_output(const char *text, rram_t *out) {
    const char *p = text;
    while ((p = strstr(p, MARK)) != NULL) {
        p += strlen(MARK);
        size_t n = strcspn(p, "\r\n");
        const char *gc = strstr(p + n, "GC: total: ");
        unsigned long long total, used;
        if (strncmp(p, "error", 5) == 0 || gc == NULL
            || sscanf(gc, "GC: total: %llu, used: %llu", &total, &used) != 2) {
            continue;
        }
        rstep_t *v = realloc(out->steps, (out->n + 1) * sizeof *v);
        char *after = strndup(p, n);
        if (v == NULL || after == NULL) {
            free(after);
            if (v != NULL) {
                out->steps = v;
            }
            return -1;
        }
        out->steps = v;
        out->steps[out->n++] = (rstep_t){ after, used };
        out->heap_total = total;
        out->peak = used > out->peak ? used : out->peak;
    }
    return out->n > 0 ? 0 : -1;
}

// Links the probe image for j's target into *img.
static status_t probe_image(const report_job_t *j, uint8_t **img, size_t *img_len, errors_t *e) {
    size_t len;
    char *src = probe_source(j->m, &len);
    mpyc_options_t mo;
    mpyc_options_init(&mo);
    mo.source_name = PROBE_MODULE ".py";
    mo.small_int_bits = j->t->params.small_int_bits;
    mpyc_output_t mpy = { 0 };
    mpyc_diag_t diag;
    link_module_t *lm = calloc(j->m->n_mods + 1, sizeof *lm);
    status_t st = src == NULL || lm == NULL ? errors_add(e, ST_IO, NULL, 0, 0, "out of memory")
                  : mpyc_compile(src, len, &mo, &mpy, &diag) != 0
                  ? errors_add(e, ST_IO, NULL, 0, 0, "heap probe: %s", diag.message) : ST_OK;
    for (size_t i = 0; st == ST_OK && i < j->m->n_mods; i++) {
        lm[i] = (link_module_t){ j->m->mods[i].name,
                                 j->m->mods[i].is_package ? IMAGE_MOD_PACKAGE : 0,
                                 j->outs[i].mpy, j->outs[i].len };
    }
    if (st == ST_OK) {
        lm[j->m->n_mods] = (link_module_t){ PROBE_MODULE, 0, mpy.data, mpy.len };
        st = link_image(lm, j->m->n_mods + 1, PROBE_MODULE, j->t, !j->o->mpy_form, img,
                        img_len, e);
    }
    mpyc_free(&mpy);
    free(lm);
    free(src);
    return st;
}

static char *join(const char *dir, const char *name) {
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p != NULL) {
        snprintf(p, n, "%s/%s", dir, name);
    }
    return p;
}

// Runs the probe: under QEMU for an MCU target with a runtime, else fzvm. Output to out_path.
static int run_probe(const report_job_t *j, const uint8_t *img, size_t len, const char *out_path,
                     const char **on, errors_t *e) {
    const char *limit = getenv("FREEZE_RUN_TIMEOUT");
    limit = limit != NULL && limit[0] ? limit : "60";
    char *frz = join(j->dir, ".heap-probe.frz"), *obj = join(j->dir, ".heap-probe.o");
    char *elf = join(j->dir, ".heap-probe.elf"), *fzvm = locate_host_file(j->o->self, "fzvm");
    int rc = -1;
    errors_t quiet = { 0 };
    if (j->mcu && j->t->app_cc != NULL && elf != NULL && obj != NULL
        && write_elf(obj, j->t, img, len, &quiet) == ST_OK
        && write_mcu_app(j->dir, ".heap-probe.o", ".heap-probe.elf", j->t, j->o->self, &quiet) == ST_OK) {
        const char *qemu = getenv("QEMU_XTENSA");
        char *argv[] = { (char *)"sh", (char *)"-c", (char *)"exec timeout -k 2 \"$1\" \"$2\" "
                         "-M sim -cpu lx106 -nodefaults -semihosting -display none -monitor none "
                         "-serial none -kernel \"$3\" >\"$4\" 2>&1", (char *)"sh", (char *)limit,
                         (char *)(qemu != NULL && qemu[0] ? qemu : "qemu-system-xtensa"), elf,
                         (char *)out_path, NULL };
        rc = spawn_run(argv, NULL);
        *on = "xtensa-qemu (32-bit, under QEMU)";
    } else if (fzvm != NULL && frz != NULL && write_frz(frz, img, len, &quiet) == ST_OK) {
        char *argv[] = { (char *)"sh", (char *)"-c",
                         (char *)"exec timeout -k 2 \"$1\" \"$2\" \"$3\" >\"$4\" 2>&1", (char *)"sh",
                         (char *)limit, fzvm, frz, (char *)out_path, NULL };
        rc = spawn_run(argv, NULL);
        *on = j->t->params.word_bytes == 8 ? "host (64-bit fzvm)" : "host (fzvm)";
    }
    if (rc == 124 || rc == 137) {
        fprintf(stderr, "freeze: warning: the heap probe did not finish within %s s; "
                "heap figures up to then\n", limit);
    }
    errors_free(&quiet);
    for (char **p = (char *[]){ frz, obj, elf, NULL }; *p != NULL; p++) {
        unlink(*p);
        free(*p);
    }
    free(fzvm);
    (void)e;
    return rc < 0 ? -1 : 0;
}

int report_ram_measure(const report_job_t *j, rram_t *out, errors_t *e) {
    memset(out, 0, sizeof *out);
    uint8_t *img = NULL;
    size_t len = 0;
    errors_t pe = { 0 };
    char *log = join(j->dir, ".heap-probe.out");
    const char *on = NULL;
    int rc = -1;
    if (log != NULL && probe_image(j, &img, &len, &pe) == ST_OK
        && run_probe(j, img, len, log, &on, e) == 0) {
        uint8_t *text;
        size_t n;
        if (file_read(log, &text, &n) == 0) {
            rc = parse_output((const char *)text, out);
            free(text);
        }
    }
    if (rc == 0) {
        out->measured_on = strdup(on);
        rc = out->measured_on != NULL ? 0 : -1;
    }
    if (rc != 0) {
        fprintf(stderr, "freeze: warning: the heap use could not be measured%s%s\n",
                pe.n ? ": " : "", pe.n ? pe.v[0].msg : "");
        report_ram_free(out);
    }
    if (log != NULL) {
        unlink(log);
    }
    errors_free(&pe);
    free(log);
    free(img);
    return rc;
}

void report_ram_free(rram_t *ram) {
    for (size_t i = 0; i < ram->n; i++) {
        free(ram->steps[i].after);
    }
    free(ram->steps);
    free(ram->measured_on);
    memset(ram, 0, sizeof *ram);
}
