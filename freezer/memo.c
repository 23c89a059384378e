// SPDX-License-Identifier: MIT
// memo.c: files' SHA-256 remembered by their stat, so a rebuild does not read unchanged files.
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "freezer/file.h"
#include "freezer/memo.h"

/*
 * The memo file: MEMO_MAGIC, a u32 entry count, then per entry (sorted by path) the u32
 * path length, the seven u64 stat fields of memo_stat_t in order, the 32-byte digest and
 * the path; then the SHA-256 of all that, so a damaged file is ignored. Little-endian.
 *
 * When may a stat be remembered? A write after the read gets a timestamp no earlier than
 * the clock at the write, less the file system's granularity (and the kernel's coarse
 * clock lags the real one by up to a tick). So if the file's times were older than the
 * read's start by more than that, any later write moves them and the stat no longer
 * matches. File systems with whole-second times (FAT: 2 s) show zero nanoseconds.
 */

#define MEMO_MAGIC "freeze-memo-1\n"
#define MEMO_MAGIC_LEN 14
#define MEMO_FIELDS 7
#define MEMO_REC (4 + 8 * MEMO_FIELDS + SHA256_LEN)
#define MEMO_MARGIN_NS 50000000LL           // 50 ms: a tick and a fine granularity
#define MEMO_MARGIN_COARSE_NS 3000000000LL  // 3 s: whole-second (or FAT's 2 s) times

static uint64_t rd_le(const uint8_t *p, unsigned n) {
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;) {
        v = v << 8 | p[i];
    }
    return v;
}

static void wr_le(uint8_t *p, uint64_t v, unsigned n) {
    for (unsigned i = 0; i < n; i++, v >>= 8) {
        p[i] = (uint8_t)v;
    }
}

static void stat_fields(const memo_stat_t *s, uint64_t f[MEMO_FIELDS]) {
    f[0] = s->dev, f[1] = s->ino, f[2] = s->size;
    f[3] = (uint64_t)s->mtime_s, f[4] = (uint64_t)s->mtime_ns;
    f[5] = (uint64_t)s->ctime_s, f[6] = (uint64_t)s->ctime_ns;
}

static memo_stat_t stat_of(const struct stat *st) {
    return (memo_stat_t){
        .dev = (uint64_t)st->st_dev, .ino = (uint64_t)st->st_ino, .size = (uint64_t)st->st_size,
        .mtime_s = st->st_mtim.tv_sec, .mtime_ns = st->st_mtim.tv_nsec,
        .ctime_s = st->st_ctim.tv_sec, .ctime_ns = st->st_ctim.tv_nsec,
    };
}

static int by_path(const void *a, const void *b) {
    return strcmp(((const memo_entry_t *)a)->path, ((const memo_entry_t *)b)->path);
}

// Parses the memo file d[0..n); 0, or -1 if it is not one (m is then left empty).
static int parse(memo_t *m, const uint8_t *d, size_t n) {
    uint8_t sum[SHA256_LEN];
    if (n < MEMO_MAGIC_LEN + 4 + SHA256_LEN || memcmp(d, MEMO_MAGIC, MEMO_MAGIC_LEN) != 0
        || sha256(d, n - SHA256_LEN, sum) != 0 || memcmp(sum, d + n - SHA256_LEN, SHA256_LEN) != 0) {
        return -1;
    }
    const uint8_t *p = d + MEMO_MAGIC_LEN + 4, *end = d + n - SHA256_LEN;
    size_t count = (size_t)rd_le(d + MEMO_MAGIC_LEN, 4);
    if (count > (size_t)(end - p) / MEMO_REC || (m->v = calloc(count + 1, sizeof *m->v)) == NULL) {
        return -1;
    }
    while (m->n < count) {
        memo_entry_t *en = &m->v[m->n];
        size_t room = (size_t)(end - p);
        size_t len = room >= MEMO_REC ? (size_t)rd_le(p, 4) : 0;
        if (len == 0 || len > room - MEMO_REC || memchr(p + MEMO_REC, 0, len) != NULL) {
            return -1;
        }
        uint64_t f[MEMO_FIELDS];
        for (int i = 0; i < MEMO_FIELDS; i++) {
            f[i] = rd_le(p + 4 + 8 * i, 8);
        }
        en->st = (memo_stat_t){
            .dev = f[0], .ino = f[1], .size = f[2], .mtime_s = (int64_t)f[3],
            .mtime_ns = (int64_t)f[4], .ctime_s = (int64_t)f[5], .ctime_ns = (int64_t)f[6],
        };
        memcpy(en->digest, p + 4 + 8 * MEMO_FIELDS, SHA256_LEN);
        char *path = malloc(len + 1);
        if (path == NULL) {
            return -1;
        }
        memcpy(path, p + MEMO_REC, len);
        path[len] = 0;
        en->path = path;
        en->keep = 1;
        m->n++;
        p += MEMO_REC + len;
        if (m->n > 1 && strcmp(m->v[m->n - 2].path, path) >= 0) {
            return -1;  // not sorted, or a path twice
        }
    }
    return p == end ? 0 : -1;
}

void memo_load(memo_t *m, const char *path) {
    memset(m, 0, sizeof *m);
    uint8_t *d;
    size_t n;
    if (file_read(path, &d, &n) != 0) {
        return;
    }
    if (parse(m, d, n) != 0) {
        memo_free(m);
    }
    free(d);
}

void memo_free(memo_t *m) {
    for (size_t i = 0; i < m->n; i++) {
        free((char *)m->v[i].path);
    }
    free(m->v);
    memset(m, 0, sizeof *m);
}

static int64_t ns_of(int64_t s, int64_t ns) {
    return s * 1000000000LL + ns;
}

int memo_read(const char *path, memo_entry_t *out, uint8_t **data, size_t *len) {
    struct timespec now;
    struct stat st;
    clock_gettime(CLOCK_REALTIME, &now);  // before the read: see above
    if (file_read_stat(path, data, len, &st) != 0) {
        return -1;
    }
    if (sha256(*data, *len, out->digest) != 0) {
        free(*data);
        *data = NULL;
        errno = ENOMEM;
        return -1;
    }
    out->path = path;
    out->st = stat_of(&st);
    int64_t newest = ns_of(out->st.mtime_s, out->st.mtime_ns);
    int64_t c = ns_of(out->st.ctime_s, out->st.ctime_ns);
    newest = c > newest ? c : newest;
    int64_t margin = out->st.mtime_ns == 0 && out->st.ctime_ns == 0 ? MEMO_MARGIN_COARSE_NS
                                                                    : MEMO_MARGIN_NS;
    out->keep = S_ISREG(st.st_mode) && (uint64_t)*len == out->st.size
                && newest < ns_of(now.tv_sec, now.tv_nsec) - margin;
    return 0;
}

int memo_digest(const memo_t *m, const char *path, memo_entry_t *out, uint8_t **data,
                size_t *len) {
    *data = NULL;
    *len = 0;
    memo_entry_t probe = { .path = path };
    const memo_entry_t *hit = m->n > 0 ? bsearch(&probe, m->v, m->n, sizeof *m->v, by_path) : NULL;
    struct stat st;
    if (hit != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        memo_stat_t now = stat_of(&st);
        if (memcmp(&now, &hit->st, sizeof now) == 0) {
            *out = *hit;
            out->path = path;
            return 0;
        }
    }
    return memo_read(path, out, data, len);
}

// Whether the memo to write, kept[0..n), holds exactly old's entries.
static int same(const memo_t *old, const memo_entry_t *kept, size_t n) {
    if (old->n != n) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        const memo_entry_t *a = &old->v[i], *b = &kept[i];
        if (strcmp(a->path, b->path) != 0 || memcmp(&a->st, &b->st, sizeof a->st) != 0
            || memcmp(a->digest, b->digest, SHA256_LEN) != 0) {
            return 0;
        }
    }
    return 1;
}

static void write_memo(const char *path, const memo_entry_t *kept, size_t n) {
    size_t size = MEMO_MAGIC_LEN + 4 + SHA256_LEN;
    for (size_t i = 0; i < n; i++) {
        size += MEMO_REC + strlen(kept[i].path);
    }
    uint8_t *d = malloc(size), *p = d;
    if (d == NULL) {
        return;
    }
    memcpy(p, MEMO_MAGIC, MEMO_MAGIC_LEN);
    wr_le(p + MEMO_MAGIC_LEN, n, 4);
    p += MEMO_MAGIC_LEN + 4;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(kept[i].path);
        uint64_t f[MEMO_FIELDS];
        stat_fields(&kept[i].st, f);
        wr_le(p, len, 4);
        for (int k = 0; k < MEMO_FIELDS; k++) {
            wr_le(p + 4 + 8 * k, f[k], 8);
        }
        memcpy(p + 4 + 8 * MEMO_FIELDS, kept[i].digest, SHA256_LEN);
        memcpy(p + MEMO_REC, kept[i].path, len);
        p += MEMO_REC + len;
    }
    if (sha256(d, (size_t)(p - d), p) == 0) {
        file_write(path, d, size);
    }
    free(d);
}

void memo_save(const char *path, const memo_t *old, const memo_entry_t *const *entries,
               size_t n) {
    memo_entry_t *kept = malloc((n + 1) * sizeof *kept);
    size_t k = 0;
    for (size_t i = 0; kept != NULL && i < n; i++) {
        if (entries[i] != NULL && entries[i]->keep && entries[i]->path != NULL) {
            kept[k++] = *entries[i];
        }
    }
    if (kept == NULL) {
        return;
    }
    qsort(kept, k, sizeof *kept, by_path);
    size_t u = 0;  // one entry per path (a file named twice was read once per naming)
    for (size_t i = 0; i < k; i++) {
        if (u == 0 || strcmp(kept[u - 1].path, kept[i].path) != 0) {
            kept[u++] = kept[i];
        }
    }
    if (!same(old, kept, u)) {
        write_memo(path, kept, u);
    }
    free(kept);
}
