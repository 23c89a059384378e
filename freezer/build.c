// SPDX-License-Identifier: MIT
// build.c: compiles every module of a manifest to .mpy, in parallel and through the cache.
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/build.h"
#include "freezer/cache.h"
#include "freezer/file.h"
#include "mpycross/mpycross.h"
#include "runtime/mpy.h"

/*
 * Each module is one job. Workers take the next job index under a mutex and write only
 * their own job's slot (result and diagnostics), so the compiler library, which keeps
 * no global state, runs unlocked. The diagnostics are merged in module order at the end.
 */

typedef struct jobs jobs_t;
typedef status_t job_fn(const manifest_module_t *mod, const build_opts_t *o, build_out_t *out,
                        errors_t *e);

struct jobs {
    const manifest_t *m;
    const build_opts_t *o;
    build_out_t *outs;
    errors_t *errs;           // one list per module
    job_fn *job;
    pthread_mutex_t lock;
    size_t next;
};

// A given .mpy is frozen as it is, so check now what the runtime would refuse later.
static status_t check_mpy(const manifest_module_t *mod, const uint8_t *d, size_t n,
                          int max_bits, errors_t *e) {
    const char *p = mod->disp;
    if (n < 4 || d[0] != MPY_MAGIC) {
        return errors_add(e, ST_INPUT, p, 0, 0, "not a .mpy file");
    }
    if (d[1] != MPY_VERSION) {
        return errors_add(e, ST_INPUT, p, 0, 0, ".mpy version %d, freeze needs version %d",
                          d[1], MPY_VERSION);
    }
    if (d[2] != MPY_FEATURES_BYTECODE && ((d[2] >> 2) & 0x2f) != 0) {
        return errors_add(e, ST_INPUT, p, 0, 0, "native code in .mpy is not supported");
    }
    if (d[2] & MPY_FEATURE_ARCH_FLAGS) {
        return errors_add(e, ST_INPUT, p, 0, 0, "incompatible .mpy file (architecture flags)");
    }
    if (d[3] > max_bits) {
        return errors_add(e, ST_INPUT, p, 0, 0, "incompatible .mpy file (%d-bit small ints)",
                          d[3]);
    }
    return ST_OK;
}

static status_t compile_py(const manifest_module_t *mod, const build_opts_t *o,
                           const uint8_t *src, size_t len, build_out_t *out, errors_t *e) {
    mpyc_options_t opts;
    mpyc_options_init(&opts);
    opts.source_name = mod->src_name;
    // No input_path: mpy-cross interns the path it was given, so a long str literal equal
    // to it becomes a qstr (compiler.md 4.7 rule 2). makemanifest gives an absolute path,
    // which would make the bytes depend on the directory; freeze's output must not.
    opts.opt = mod->opt;
    opts.small_int_bits = o->small_int_bits;
    mpyc_output_t res = { 0 };
    mpyc_diag_t diag;
    memset(&diag, 0, sizeof diag);
    if (mpyc_compile((const char *)src, len, &opts, &res, &diag) != 0) {
        return errors_add(e, ST_INPUT, mod->disp, diag.line, diag.col, "%s: %s",
                          diag.exc_type[0] ? diag.exc_type : "SyntaxError", diag.message);
    }
    out->mpy = malloc(res.len > 0 ? res.len : 1);
    if (out->mpy == NULL) {
        mpyc_free(&res);
        return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    memcpy(out->mpy, res.data, res.len);
    out->len = res.len;
    mpyc_free(&res);
    return ST_OK;
}

// out->key, from the digest of the module's file.
static int set_key(const manifest_module_t *mod, const build_opts_t *o, build_out_t *out) {
    if (mod->kind == MANIFEST_MPY) {
        memcpy(out->key, out->src.digest, SHA256_LEN);
        return 0;
    }
    return cache_key(out->key, o->compiler_id != NULL ? o->compiler_id : mpyc_version(), mod->opt,
                     o->small_int_bits, mod->src_name, out->src.digest);
}

static status_t key_one(const manifest_module_t *mod, const build_opts_t *o, build_out_t *out,
                        errors_t *e) {
    if (memo_digest(o->memo, mod->path, &out->src, &out->src_data, &out->src_len) != 0) {
        return errors_add(e, ST_IO, mod->disp, 0, 0, "cannot read: %s", strerror(errno));
    }
    return set_key(mod, o, out) == 0 ? ST_OK : errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
}

// The module's bytes, as build_keys read them, else read now; if they changed since,
// the module is built from what was read now, under its new key.
static status_t source(const manifest_module_t *mod, const build_opts_t *o, build_out_t *out,
                       errors_t *e) {
    if (out->src_data != NULL) {
        return ST_OK;
    }
    memo_entry_t now;
    if (memo_read(mod->path, &now, &out->src_data, &out->src_len) != 0) {
        return errors_add(e, ST_IO, mod->disp, 0, 0, "cannot read: %s", strerror(errno));
    }
    out->changed = memcmp(now.digest, out->src.digest, SHA256_LEN) != 0;
    out->src = now;
    return set_key(mod, o, out) == 0 ? ST_OK : errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
}

static status_t mpy_one(const manifest_module_t *mod, const build_opts_t *o, build_out_t *out,
                        errors_t *e) {
    if (mod->kind == MANIFEST_PY && o->pack != NULL
        && cache_find(o->pack, out->key, &out->mpy, &out->len) == 0) {
        out->cached = 1;
        return ST_OK;
    }
    status_t st = source(mod, o, out, e);
    if (st == ST_OK && mod->kind == MANIFEST_MPY) {
        st = check_mpy(mod, out->src_data, out->src_len, o->max_small_int_bits, e);
        if (st == ST_OK) {
            out->mpy = out->src_data;  // frozen as it is
            out->len = out->src_len;
            out->src_data = NULL;
        }
        return st;
    }
    return st != ST_OK ? st : compile_py(mod, o, out->src_data, out->src_len, out, e);
}

static void *worker(void *arg) {
    jobs_t *J = arg;
    for (;;) {
        pthread_mutex_lock(&J->lock);
        size_t i = J->next++;
        pthread_mutex_unlock(&J->lock);
        if (i >= J->m->n_mods) {
            return NULL;
        }
        J->job(&J->m->mods[i], J->o, &J->outs[i], &J->errs[i]);
    }
}

static int default_jobs(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < 256 ? (int)n : 1;
}

// Runs the jobs on n threads (the calling thread is one of them).
static void run_jobs(jobs_t *J, int n) {
    pthread_t th[64];
    int started = 0;
    for (int i = 1; i < n && i < 64; i++) {
        if (pthread_create(&th[started], NULL, worker, J) == 0) {
            started++;
        }
    }
    worker(J);
    for (int i = 0; i < started; i++) {
        pthread_join(th[i], NULL);
    }
}

static status_t run_all(const manifest_t *m, const build_opts_t *o, build_out_t *outs,
                        job_fn *job, errors_t *e) {
    jobs_t J = { .m = m, .o = o, .outs = outs, .job = job, .next = 0 };
    J.errs = calloc(m->n_mods, sizeof *J.errs);
    if (J.errs == NULL || pthread_mutex_init(&J.lock, NULL) != 0) {
        free(J.errs);
        return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    int n = o->jobs > 0 ? o->jobs : default_jobs();
    run_jobs(&J, n < (int)m->n_mods ? n : (int)m->n_mods);
    pthread_mutex_destroy(&J.lock);
    status_t st = ST_OK;
    for (size_t i = 0; i < m->n_mods; i++) {
        if (J.errs[i].status > st) {
            st = J.errs[i].status;
        }
        errors_move(e, &J.errs[i]);
    }
    free(J.errs);
    return st;
}

status_t build_keys(const manifest_t *m, const build_opts_t *o, build_out_t *outs,
                    errors_t *e) {
    memset(outs, 0, m->n_mods * sizeof *outs);
    return run_all(m, o, outs, key_one, e);
}

status_t build_modules(const manifest_t *m, const build_opts_t *o, build_out_t *outs,
                       errors_t *e) {
    return run_all(m, o, outs, mpy_one, e);
}

void build_free(build_out_t *outs, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(outs[i].mpy);
        free(outs[i].src_data);
        outs[i].mpy = NULL;
        outs[i].src_data = NULL;
    }
}
