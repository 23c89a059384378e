// SPDX-License-Identifier: MIT
// memo.h: files' SHA-256 remembered by their stat, so a rebuild does not read unchanged files.
#ifndef FREEZER_MEMO_H
#define FREEZER_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "freezer/sha256.h"

/*
 * As git's index does for a work tree: a file whose device, inode, size, mtime and ctime
 * (to the nanosecond) are those it had when it was hashed is taken to hold the same
 * bytes. A stat is only remembered when the file's times were older than the moment of
 * the read by more than the timestamp granularity, so a write that follows the read
 * always changes the stat (memo.c). ctime cannot be set back by a program, so a tool
 * that restores an old mtime (tar, rsync -t, touch -d) still shows a change.
 */

typedef struct {
    uint64_t dev, ino, size;
    int64_t mtime_s, ctime_s;
    int64_t mtime_ns, ctime_ns;
} memo_stat_t;

typedef struct {
    const char *path;           // owned by the memo for loaded entries, else the caller's
    memo_stat_t st;
    uint8_t digest[SHA256_LEN];
    int keep;                   // 1: the stat may be remembered (old enough); 0: it may not
} memo_entry_t;

typedef struct {
    memo_entry_t *v;            // sorted by path
    size_t n;
} memo_t;

// Loads the memo file at path; a missing or damaged one is an empty memo (it only
// costs reading the files again). Never fails.
void memo_load(memo_t *m, const char *path);
void memo_free(memo_t *m);

// Fills *out (path included) with the digest of path's content: from m when the file's
// stat is the remembered one (then *data is NULL), else by reading the file (then *data
// holds its bytes, malloc'ed, NUL-terminated past *len). m is only read, so threads may
// share it. Returns 0, or -1 with errno set.
int memo_digest(const memo_t *m, const char *path, memo_entry_t *out, uint8_t **data,
                size_t *len);

// Reads path, and describes what was read in *out; as memo_digest without the memo.
int memo_read(const char *path, memo_entry_t *out, uint8_t **data, size_t *len);

// Writes the memo of entries[0..n) that may be kept (keep set) to path, atomically,
// unless it would be the same as old. A failure only costs time, so it is not reported.
void memo_save(const char *path, const memo_t *old, const memo_entry_t *const *entries,
               size_t n);

#endif // FREEZER_MEMO_H
