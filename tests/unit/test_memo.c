// SPDX-License-Identifier: MIT
// test_memo.c: freezer/memo.c, the stat-keyed digests that spare a rebuild its reads.
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "freezer/file.h"
#include "freezer/memo.h"
#include "tests/unit/unit.h"

static char dir[64];

static void setup(void) {
    strcpy(dir, "/tmp/test_memo.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

// Removes the test's directory and the files in it.
static void cleanup(void) {
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') {
            char p[512];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    rmdir(dir);
}

static char *in_dir(const char *name) {
    static char buf[4][128];
    static int k;
    char *p = buf[k++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", dir, name);
    return p;
}

static void put(const char *path, const char *text) {
    ck_assert_int_eq(file_write(path, text, strlen(text)), 0);
}

// Sets path's mtime an hour back, then waits out the margin for its ctime (memo.c).
static void age(const char *path) {
    struct timespec t[2];
    clock_gettime(CLOCK_REALTIME, &t[0]);
    t[0].tv_sec -= 3600;
    t[1] = t[0];
    ck_assert_int_eq(utimensat(AT_FDCWD, path, t, 0), 0);
    struct timespec pause = { 0, 120 * 1000 * 1000 };
    nanosleep(&pause, NULL);
}

// path's entry as a fresh read gives it; the data is freed.
static memo_entry_t read_entry(const char *path) {
    memo_entry_t en;
    uint8_t *d;
    size_t n;
    ck_assert_int_eq(memo_read(path, &en, &d, &n), 0);
    free(d);
    return en;
}

static void save_one(const char *memo, const memo_entry_t *en) {
    memo_t empty = { 0 };
    const memo_entry_t *v[] = { en };
    memo_save(memo, &empty, v, 1);
}

// src written with "x = 1\n" and aged, read, and saved alone in the memo file memo.
static memo_entry_t remembered(const char *src, const char *memo) {
    put(src, "x = 1\n");
    age(src);
    memo_entry_t en = read_entry(src);
    ck_assert_int_eq(en.keep, 1);
    save_one(memo, &en);
    return en;
}

START_TEST(remembered_file_is_not_read) {
    setup();
    char *src = in_dir("a.py"), *memo = in_dir("m.memo");
    memo_entry_t en = remembered(src, memo);
    memo_t m;
    memo_load(&m, memo);
    ck_assert_uint_eq(m.n, 1);
    memo_entry_t got;
    uint8_t *d;
    size_t n;
    ck_assert_int_eq(memo_digest(&m, src, &got, &d, &n), 0);
    ck_assert_ptr_null(d);  // taken from the memo
    ck_assert_mem_eq(got.digest, en.digest, SHA256_LEN);
    memo_free(&m);
    cleanup();
}
END_TEST

// A file whose times are not yet past the margin (written just now, whatever the load
// on the machine: its ctime is recent; its mtime here even ahead of the clock) is not
// remembered: a write in the same tick could leave its stat as it is.
START_TEST(recent_file_is_not_remembered) {
    setup();
    char *src = in_dir("a.py"), *memo = in_dir("m.memo");
    put(src, "x = 1\n");
    struct timespec t[2];
    clock_gettime(CLOCK_REALTIME, &t[0]);
    t[0].tv_sec += 3600;
    t[1] = t[0];
    ck_assert_int_eq(utimensat(AT_FDCWD, src, t, 0), 0);
    memo_entry_t en = read_entry(src);
    ck_assert_int_eq(en.keep, 0);
    save_one(memo, &en);
    ck_assert_int_ne(access(memo, F_OK), 0);  // nothing to remember: nothing written
    cleanup();
}
END_TEST

// The same size and the old mtime put back: the ctime still tells.
START_TEST(edit_with_old_mtime_is_read) {
    setup();
    char *src = in_dir("a.py"), *memo = in_dir("m.memo");
    memo_entry_t en = remembered(src, memo);
    struct stat before;
    ck_assert_int_eq(stat(src, &before), 0);
    int fd = open(src, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pwrite(fd, "2", 1, 4), 1);  // "x = 2\n", in place: the same inode
    close(fd);
    struct timespec t[2] = { before.st_atim, before.st_mtim };
    ck_assert_int_eq(utimensat(AT_FDCWD, src, t, 0), 0);
    memo_t m;
    memo_load(&m, memo);
    memo_entry_t got;
    uint8_t *d;
    size_t n;
    ck_assert_int_eq(memo_digest(&m, src, &got, &d, &n), 0);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq((char *)d, "x = 2\n");
    ck_assert_int_ne(memcmp(got.digest, en.digest, SHA256_LEN), 0);
    free(d);
    memo_free(&m);
    cleanup();
}
END_TEST

// Every truncation and every flipped byte of a memo file gives an empty memo.
START_TEST(damaged_memo_is_empty) {
    setup();
    char *memo = in_dir("m.memo");
    const memo_entry_t *v[3];
    memo_entry_t en[3];
    const char *names[] = { "b.py", "a.py", "c.mpy" };
    for (int i = 0; i < 3; i++) {
        char *p = in_dir(names[i]);
        put(p, names[i]);
        age(p);
        en[i] = read_entry(p);
        v[i] = &en[i];
    }
    memo_t empty = { 0 }, m;
    memo_save(memo, &empty, v, 3);
    memo_load(&m, memo);
    ck_assert_uint_eq(m.n, 3);
    ck_assert_str_eq(m.v[0].path, in_dir("a.py"));  // sorted by path
    memo_free(&m);
    uint8_t *good;
    size_t len;
    ck_assert_int_eq(file_read(memo, &good, &len), 0);
    for (size_t cut = 0; cut < len; cut++) {
        ck_assert_int_eq(file_write(memo, good, cut), 0);
        memo_load(&m, memo);
        ck_assert_uint_eq(m.n, 0);
    }
    for (size_t i = 0; i < len; i++) {
        good[i] ^= 0x21;
        ck_assert_int_eq(file_write(memo, good, len), 0);
        memo_load(&m, memo);
        ck_assert_uint_eq(m.n, 0);
        good[i] ^= 0x21;
    }
    free(good);
    cleanup();
}
END_TEST

// A file named twice (two manifests list it) is remembered once; an unchanged memo is
// not written again.
START_TEST(duplicates_and_rewrites) {
    setup();
    char *src = in_dir("a.py"), *memo = in_dir("m.memo");
    put(src, "x = 1\n");
    age(src);
    memo_entry_t en = read_entry(src);
    const memo_entry_t *v[] = { &en, &en, NULL };
    memo_t empty = { 0 }, m;
    memo_save(memo, &empty, v, 3);
    memo_load(&m, memo);
    ck_assert_uint_eq(m.n, 1);
    ck_assert_int_eq(unlink(memo), 0);
    memo_save(memo, &m, v, 3);
    ck_assert_int_ne(access(memo, F_OK), 0);
    memo_free(&m);
    cleanup();
}
END_TEST

int main(void) {
    Suite *s = suite_create("memo");
    UNIT_ADD(s, remembered_file_is_not_read);
    UNIT_ADD(s, recent_file_is_not_remembered);
    UNIT_ADD(s, edit_with_old_mtime_is_read);
    UNIT_ADD(s, damaged_memo_is_empty);
    UNIT_ADD(s, duplicates_and_rewrites);
    return unit_run("memo", s);
}
