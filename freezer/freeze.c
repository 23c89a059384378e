// SPDX-License-Identifier: MIT
// freeze.c: `freeze build`: manifest -> compiled modules -> image -> outputs and report.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/build.h"
#include "freezer/cache.h"
#include "freezer/file.h"
#include "freezer/depfile.h"
#include "freezer/freeze.h"
#include "freezer/link.h"
#include "freezer/locate.h"
#include "freezer/memo.h"
#include "freezer/report_build.h"
#include "freezer/target.h"
#include "freezer/write.h"
#include "mpycross/mpycross.h"

/*
 * Outputs, all in the output directory and each written to a temporary file and renamed:
 *   NAME.frz       the raw image                      (--emit frz)
 *   NAME.c         the image as a C array             (--emit c; also made for app)
 *   NAME.o         the image as an ELF object          (--emit elf)
 *   NAME-main.c    the host entry point, and NAME the linked executable (--emit app)
 *   .cache/        NAME.pack: the modules compiled, by key, so unchanged modules are
 *                  reused; NAME.img: the image, so an unchanged one is not linked again;
 *                  NAME.memo: the files' digests, so unchanged files are not read (memo.h)
 * NAME is the manifest's metadata.name. Nothing is written when a budget is exceeded.
 */

enum { EMIT_FRZ = 1, EMIT_C = 2, EMIT_APP = 4, EMIT_ELF = 8 };

static status_t parse_emit(const char *list, const target_t *t, unsigned *out, errors_t *e) {
    static const struct { const char *name; unsigned bit; } forms[] = {
        { "frz", EMIT_FRZ }, { "c", EMIT_C }, { "app", EMIT_APP },
        { "elf", EMIT_ELF }, { "esp", 0 },
    };
    *out = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        size_t i = 0;
        while (i < sizeof forms / sizeof forms[0]
               && !(strlen(forms[i].name) == n && strncmp(forms[i].name, p, n) == 0)) {
            i++;
        }
        if (i == sizeof forms / sizeof forms[0]) {
            return errors_add(e, ST_USAGE, NULL, 0, 0, "unknown --emit form '%.*s' "
                              "(forms: frz, c, elf, app, esp)", (int)n, p);
        }
        if (forms[i].bit == 0) {
            return errors_add(e, ST_USAGE, NULL, 0, 0, "--emit %s is not supported yet",
                              forms[i].name);
        }
        *out |= forms[i].bit;
        p += n + (p[n] == ',');
    }
    if ((*out & EMIT_APP) && t->id != IMAGE_TARGET_HOST && t->app_cc == NULL) {
        return errors_add(e, ST_USAGE, NULL, 0, 0, "--emit app is not supported for -t %s yet",
                          t->name);
    }
    return ST_OK;
}

static status_t load(const freeze_opts_t *o, manifest_t *m, errors_t *e) {
    manifest_opts_t mo = { o->defines, o->n_defines, getenv("MPY_LIB_DIR"), NULL };
    manifest_err_t err;
    if (manifest_load(m, o->input, &mo, &err) == 0) {
        return ST_OK;
    }
    status_t st = errors_add(e, err.io ? ST_IO : ST_INPUT, err.file, err.line, err.col, "%s",
                             err.msg);
    manifest_err_free(&err);
    return st;
}

static void print_list(const manifest_t *m) {
    for (size_t i = 0; i < m->n_mods; i++) {
        const manifest_module_t *mod = &m->mods[i];
        printf("%s\t%s\t-O%d\t%s%s%s\n", mod->name, mod->kind == MANIFEST_PY ? "py" : "mpy",
               mod->opt, mod->src_name, mod->is_package ? "\tpackage" : "",
               m->main != NULL && strcmp(m->main, mod->name) == 0 ? "\tmain" : "");
    }
}

static status_t pick_target(const freeze_opts_t *o, const manifest_t *m, const target_t **t,
                            errors_t *e) {
    const char *name = o->target != NULL ? o->target : m->target != NULL ? m->target : "host";
    *t = target_find(name);
    if (*t == NULL) {
        return errors_add(e, ST_USAGE, NULL, 0, 0, "unknown target '%s' "
                          "(targets: host, xtensa-qemu, esp32s3)", name);
    }
    return ST_OK;
}

// -o, else a build directory beside the top manifest.
static char *out_dir(const freeze_opts_t *o, const manifest_t *m) {
    if (o->out_dir != NULL) {
        return strdup(o->out_dir);
    }
    const char *top = m->files[0];
    const char *slash = strrchr(top, '/');
    size_t n = slash != NULL ? (size_t)(slash - top) : 1;
    char *dir = malloc(n + 7);
    if (dir != NULL) {
        snprintf(dir, n + 7, "%.*s/build", (int)n, slash != NULL ? top : ".");
    }
    return dir;
}

static char *out_path(const char *dir, const char *name, const char *suffix) {
    size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 2;
    char *p = malloc(n);
    if (p != NULL) {
        snprintf(p, n, "%s/%s%s", dir, name, suffix);
    }
    return p;
}

typedef struct {
    const freeze_opts_t *o;
    manifest_t m;
    const target_t *t;
    unsigned emit;
    char *dir;
    char *cache;          // DIR/.cache
    memo_t memo;          // the digests of the last build's files (memo.h)
    memo_entry_t self;    // freeze itself, as hashed for the compiler's identity
    build_out_t *outs;
    uint64_t budget_flash, budget_ram;
    uint8_t *img;
    size_t img_len;
} job_t;

// The compiler's identity in cache keys: this freeze's version and its executable's digest.
static char *compiler_id(job_t *J) {
    uint8_t *data;
    size_t len;
    const uint8_t *digest = NULL;
    if (J->o->self != NULL && memo_digest(&J->memo, J->o->self, &J->self, &data, &len) == 0) {
        free(data);
        digest = J->self.digest;
    }
    return locate_compiler_id(digest, mpyc_version());
}

// The image cache's key: everything link_image is given, with each module's data named
// by its build key (the compiler is deterministic) instead of its bytes.
static int image_key(const job_t *J, const char *id, uint8_t key[SHA256_LEN]) {
    size_t n = strlen(id) + strlen(J->t->name) + 64;
    for (size_t i = 0; i < J->m.n_mods; i++) {
        n += strlen(J->m.mods[i].name) + SHA256_LEN + 4;
    }
    n += J->m.main != NULL ? strlen(J->m.main) : 0;
    char *b = malloc(n), *p = b;
    if (b == NULL) {
        return -1;
    }
    p += sprintf(p, "freeze-image-1 %s %s %s %zu %s", id, J->t->name,
                 J->o->mpy_form ? "mpy" : "frozen", J->m.n_mods,
                 J->m.main != NULL ? J->m.main : "");
    for (size_t i = 0; i < J->m.n_mods; i++) {
        const manifest_module_t *mod = &J->m.mods[i];
        p += sprintf(p, "%c%s%c%c", 0, mod->name, mod->is_package ? 'P' : 'M',
                     mod->kind == MANIFEST_PY ? 'y' : 'm');
        memcpy(p, J->outs[i].key, SHA256_LEN);
        p += SHA256_LEN;
    }
    int rc = sha256(b, (size_t)(p - b), key);
    free(b);
    return rc;
}

static status_t link_all(job_t *J, errors_t *e) {
    link_module_t *lm = calloc(J->m.n_mods, sizeof *lm);
    if (lm == NULL) {
        return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < J->m.n_mods; i++) {
        lm[i].name = J->m.mods[i].name;
        lm[i].flags = J->m.mods[i].is_package ? IMAGE_MOD_PACKAGE : 0;
        lm[i].data = J->outs[i].mpy;
        lm[i].len = J->outs[i].len;
    }
    status_t st = link_image(lm, J->m.n_mods, J->m.main, J->t, !J->o->mpy_form, &J->img,
                             &J->img_len, e);
    free(lm);
    return st;
}

// Keeps the .mpy of every .py module built, for the next build.
static void save_pack(const job_t *J, const cache_pack_t *old) {
    cache_entry_t *v = malloc((J->m.n_mods + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; v != NULL && i < J->m.n_mods; i++) {
        if (J->m.mods[i].kind == MANIFEST_PY && J->outs[i].mpy != NULL) {
            memcpy(v[n].key, J->outs[i].key, SHA256_LEN);
            v[n].mpy = J->outs[i].mpy;
            v[n++].len = J->outs[i].len;
        }
    }
    if (v != NULL) {
        cache_save(J->cache, J->m.name, old, v, n);
    }
    free(v);
}

// Compiles what changed and links the image, or takes the image from the cache when
// nothing it is made of changed and the report does not need the modules' .mpy.
static status_t compile_and_link(job_t *J, errors_t *e) {
    char *id = compiler_id(J);
    cache_pack_t pack = { 0 };
    build_opts_t bo = { J->o->jobs, &pack, id, J->t->params.small_int_bits,
                        J->t->params.word_bytes * 8 - 1, &J->memo };
    J->outs = calloc(J->m.n_mods, sizeof *J->outs);
    if (!J->o->quiet && isatty(STDERR_FILENO)) {
        fprintf(stderr, "freeze: building %s for %s: %zu module%s\n", J->m.name, J->t->name,
                J->m.n_mods, J->m.n_mods == 1 ? "" : "s");  // progress, for people only
    }
    status_t st = id == NULL || J->outs == NULL ? errors_add(e, ST_IO, NULL, 0, 0, "out of memory")
                                                : build_keys(&J->m, &bo, J->outs, e);
    uint8_t key[SHA256_LEN];
    int keyed = st == ST_OK && image_key(J, id, key) == 0;
    int hit = keyed && !report_probes_heap(J->o->measure_ram, J->budget_ram)
              && cache_get_image(J->cache, J->m.name, key, &J->img, &J->img_len) == 0;
    if (st == ST_OK && !hit) {
        cache_load(&pack, J->cache, J->m.name);
        st = build_modules(&J->m, &bo, J->outs, e);
        save_pack(J, &pack);  // what did compile is kept even if a module failed
    }
    cache_free(&pack);
    for (size_t i = 0; st == ST_OK && J->o->verbose && i < J->m.n_mods; i++) {
        const manifest_module_t *mod = &J->m.mods[i];
        fprintf(stderr, "freeze: %s %s\n", mod->kind == MANIFEST_MPY ? "took"
                : hit || J->outs[i].cached ? "cached" : "compiled", mod->disp);
    }
    if (st == ST_OK && !hit) {
        st = link_all(J, e);
        int changed = 0;
        for (size_t i = 0; i < J->m.n_mods; i++) {
            changed |= J->outs[i].changed;  // linked from bytes newer than the key says
        }
        if (st == ST_OK && keyed && !changed) {
            cache_put_image(J->cache, J->m.name, key, J->img, J->img_len);  // only costs time
        }
    }
    if (st == ST_OK && J->o->verbose) {
        fprintf(stderr, "freeze: %s the image\n", hit ? "cached" : "linked");
    }
    if (st == ST_OK && !J->o->mpy_form) {
        link_warn_unfrozen(J->img, J->img_len);
    }
    free(id);
    return st;
}

// Remembers the digests of the files this build hashed, for the next one.
static void save_memo(job_t *J) {
    size_t n = J->outs != NULL ? J->m.n_mods : 0;
    const memo_entry_t **v = malloc((n + 1) * sizeof *v);
    char *path = out_path(J->cache, J->m.name, ".memo");
    if (v != NULL && path != NULL && file_mkdirs(J->cache) == 0) {
        for (size_t i = 0; i < n; i++) {
            v[i] = &J->outs[i].src;
        }
        v[n] = &J->self;
        memo_save(path, &J->memo, v, n + 1);
    }
    free(v);
    free(path);
}

static status_t write_outputs(job_t *J, errors_t *e) {
    const char *name = J->m.name;
    char *frz = out_path(J->dir, name, ".frz");
    char *c = out_path(J->dir, name, ".c");
    char *c_name = out_path(".", name, ".c");
    status_t st = frz == NULL || c == NULL || c_name == NULL
                  ? errors_add(e, ST_IO, NULL, 0, 0, "out of memory") : ST_OK;
    if (st == ST_OK && (J->emit & EMIT_FRZ)) {
        st = write_frz(frz, J->img, J->img_len, e);
    }
    int mcu_app = (J->emit & EMIT_APP) && J->t->app_cc != NULL;
    if (st == ST_OK && (J->emit & EMIT_C || (J->emit & EMIT_APP && !mcu_app))) {
        st = write_c(c, name, J->img, J->img_len, e);
    }
    if (st == ST_OK && (J->emit & EMIT_ELF || mcu_app)) {
        char *o = out_path(J->dir, name, ".o");
        st = o == NULL ? errors_add(e, ST_IO, NULL, 0, 0, "out of memory")
                       : write_elf(o, J->t, J->img, J->img_len, e);
        free(o);
    }
    if (st == ST_OK && mcu_app) {
        char *o_name = out_path(".", name, ".o"), *elf_name = out_path("", name, ".elf");
        st = o_name == NULL || elf_name == NULL
             ? errors_add(e, ST_IO, NULL, 0, 0, "out of memory")
             : write_mcu_app(J->dir, o_name + 2, elf_name + 1, J->t, J->o->self, e);
        free(o_name);
        free(elf_name);
    } else if (st == ST_OK && (J->emit & EMIT_APP)) {
        char *lib = locate_host_file(J->o->self, "libfreezert.a");
        st = lib == NULL ? errors_add(e, ST_IO, NULL, 0, 0, "cannot find the host runtime "
                                      "library host/libfreezert.a beside freeze")
                         : write_app(J->dir, c_name + 2, name, lib, e);
        free(lib);
    }
    free(frz);
    free(c);
    free(c_name);
    return st;
}

// DIR/NAME.d: the outputs written depend on every manifest and module read, on the
// directories whose files were listed, and on freeze itself (a new compiler may compile
// differently).
static status_t write_depfile(const job_t *J, errors_t *e) {
    const char *name = J->m.name;
    int mcu_app = (J->emit & EMIT_APP) && J->t->app_cc != NULL;
    char *t[4] = { 0 };
    size_t nt = 0;
    if (J->emit & EMIT_FRZ) {
        t[nt++] = out_path(J->dir, name, ".frz");
    }
    if (J->emit & EMIT_C || (J->emit & EMIT_APP && !mcu_app)) {
        t[nt++] = out_path(J->dir, name, ".c");
    }
    if (J->emit & EMIT_ELF || mcu_app) {
        t[nt++] = out_path(J->dir, name, ".o");
    }
    if (J->emit & EMIT_APP) {
        t[nt++] = out_path(J->dir, name, mcu_app ? ".elf" : "");
    }
    size_t ni = 0;
    const char **in = malloc((J->m.n_files + J->m.n_mods + J->m.n_dirs + 1) * sizeof *in);
    char *d = out_path(J->dir, name, ".d");
    status_t st = in == NULL || d == NULL ? errors_add(e, ST_IO, NULL, 0, 0, "out of memory")
                                          : ST_OK;
    for (size_t i = 0; i < nt; i++) {
        st = st == ST_OK && t[i] == NULL ? errors_add(e, ST_IO, NULL, 0, 0, "out of memory") : st;
    }
    if (st == ST_OK) {
        for (size_t i = 0; i < J->m.n_files; i++) {
            in[ni++] = J->m.files[i];
        }
        for (size_t i = 0; i < J->m.n_mods; i++) {
            in[ni++] = J->m.mods[i].path;
        }
        for (size_t i = 0; i < J->m.n_dirs; i++) {
            in[ni++] = J->m.dirs[i];  // a file added or removed there
        }
        if (J->o->self != NULL) {
            in[ni++] = J->o->self;
        }
        st = depfile_write(d, (const char *const *)t, nt, in, ni, e);
    }
    for (size_t i = 0; i < nt; i++) {
        free(t[i]);
    }
    free(in);
    free(d);
    return st;
}

// The report's inputs: the image, and the linked app and its runtime library if any.
static report_job_t report_job(const job_t *J, uint64_t flash, uint64_t ram, char **elf,
                               char **lib) {
    int app = (J->emit & EMIT_APP) != 0, mcu = J->t->app_cc != NULL;
    *elf = app ? out_path(J->dir, J->m.name, mcu ? ".elf" : "") : NULL;
    *lib = !app ? NULL : mcu ? locate_target_file(J->o->self, J->t->name, "libfreezert.a")
                             : locate_host_file(J->o->self, "libfreezert.a");
    return (report_job_t){
        .o = J->o, .m = &J->m, .name = J->m.name, .img = J->img, .img_len = J->img_len,
        .budget_flash = flash, .budget_ram = ram, .elf = *elf, .runtime_lib = *lib,
        .mcu = mcu, .budget_path = J->m.files[0], .outs = J->outs, .t = J->t,
        .dir = J->dir, .measure_ram = J->o->measure_ram,
    };
}

static status_t prepare(job_t *J, errors_t *e) {
    const freeze_opts_t *o = J->o;
    static const char *const forms[] = { "text", "json", "csv", "html" };
    int known = o->report == NULL;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0] && !known; i++) {
        known = strcmp(o->report, forms[i]) == 0;
    }
    if (!known) {
        return errors_add(e, ST_USAGE, NULL, 0, 0, "unknown --report form '%s' "
                          "(text, json, csv, html)", o->report);
    }
    status_t st = pick_target(o, &J->m, &J->t, e);
    st = st != ST_OK ? st : parse_emit(o->emit != NULL ? o->emit : J->t->emit, J->t, &J->emit, e);
    if (st == ST_OK && (J->emit & EMIT_APP) && J->m.main == NULL) {
        st = errors_add(e, ST_INPUT, J->m.files[0], 0, 0,
                        "no main module for the executable: set options.main");
    }
    if (st == ST_OK && (J->dir = out_dir(o, &J->m)) == NULL) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    if (st == ST_OK && file_mkdirs(J->dir) != 0) {
        st = errors_add(e, ST_IO, J->dir, 0, 0, "cannot create directory: %s", strerror(errno));
    }
    if (st == ST_OK && (J->cache = out_path(J->dir, ".cache", "")) == NULL) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    if (st == ST_OK) {
        char *memo = out_path(J->cache, J->m.name, ".memo");
        if (memo != NULL) {
            memo_load(&J->memo, memo);
        }
        free(memo);
    }
    J->budget_flash = o->budget_flash != 0 ? o->budget_flash : J->m.budget_flash;
    J->budget_ram = o->budget_ram != 0 ? o->budget_ram : J->m.budget_ram;
    return st;
}

status_t freeze_build(const freeze_opts_t *o, errors_t *e, char **frz_path) {
    job_t J = { .o = o };
    status_t st = load(o, &J.m, e);
    if (st == ST_OK && o->list) {
        print_list(&J.m);
        manifest_free(&J.m);
        return ST_OK;
    }
    st = st != ST_OK ? st : prepare(&J, e);
    st = st != ST_OK ? st : compile_and_link(&J, e);
    if (J.outs != NULL) {
        save_memo(&J);
    }
    char *elf = NULL, *lib = NULL;
    report_job_t rj = { 0 };
    if (st == ST_OK) {
        rj = report_job(&J, J.budget_flash, J.budget_ram, &elf, &lib);
    }
    st = st != ST_OK ? st : report_precheck(&rj, e);  // frozen code alone too big: write nothing
    st = st != ST_OK ? st : write_outputs(&J, e);
    st = st != ST_OK ? st : write_depfile(&J, e);
    st = st != ST_OK ? st : report_run(&rj, e);
    free(elf);
    free(lib);
    if (st == ST_OK && frz_path != NULL && (*frz_path = out_path(J.dir, J.m.name, ".frz")) == NULL) {
        st = errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    if (J.outs != NULL) {
        build_free(J.outs, J.m.n_mods);
    }
    free(J.outs);
    free(J.img);
    free(J.dir);
    free(J.cache);
    memo_free(&J.memo);
    manifest_free(&J.m);
    return st;
}
