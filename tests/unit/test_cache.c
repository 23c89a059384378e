// SPDX-License-Identifier: MIT
// test_cache.c: freezer/cache.c's pack of compiled modules.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/cache.h"
#include "freezer/file.h"
#include "tests/unit/unit.h"

static char dir[64], pack_path[128];

static void setup(void) {
    strcpy(dir, "/tmp/test_cache.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(pack_path, sizeof pack_path, "%s/app.pack", dir);
}

static void cleanup(void) {
    unlink(pack_path);
    rmdir(dir);
}

// Three entries, given out of key order, one of them twice and one empty.
static void save_three(void) {
    cache_entry_t v[4] = {
        { { 3 }, (const uint8_t *)"third", 5 },
        { { 1 }, (const uint8_t *)"first", 5 },
        { { 2 }, (const uint8_t *)"", 0 },
        { { 1 }, (const uint8_t *)"first", 5 },
    };
    cache_pack_t empty = { 0 };
    cache_save(dir, "app", &empty, v, 4);
}

START_TEST(saved_entries_are_found) {
    setup();
    save_three();
    cache_pack_t p;
    cache_load(&p, dir, "app");
    ck_assert_uint_eq(p.n, 3);
    uint8_t key[SHA256_LEN] = { 3 }, *mpy;
    size_t len;
    ck_assert_int_eq(cache_find(&p, key, &mpy, &len), 0);
    ck_assert_uint_eq(len, 5);
    ck_assert_mem_eq(mpy, "third", 5);
    free(mpy);
    key[0] = 2;
    ck_assert_int_eq(cache_find(&p, key, &mpy, &len), 0);
    ck_assert_uint_eq(len, 0);
    free(mpy);
    key[0] = 4;
    ck_assert_int_ne(cache_find(&p, key, &mpy, &len), 0);
    // The same keys again: the pack is not written again.
    ck_assert_int_eq(unlink(pack_path), 0);
    cache_save(dir, "app", &p, p.v, p.n);
    ck_assert_int_ne(access(pack_path, F_OK), 0);
    cache_free(&p);
    cleanup();
}
END_TEST

// Every truncation and every flipped byte of a pack gives an empty one.
START_TEST(damaged_pack_is_empty) {
    setup();
    save_three();
    uint8_t *good;
    size_t len;
    ck_assert_int_eq(file_read(pack_path, &good, &len), 0);
    cache_pack_t p;
    for (size_t cut = 0; cut < len; cut++) {
        ck_assert_int_eq(file_write(pack_path, good, cut), 0);
        cache_load(&p, dir, "app");
        ck_assert_uint_eq(p.n, 0);
    }
    for (size_t i = 0; i < len; i++) {
        good[i] ^= 0x10;
        ck_assert_int_eq(file_write(pack_path, good, len), 0);
        cache_load(&p, dir, "app");
        ck_assert_uint_eq(p.n, 0);
        good[i] ^= 0x10;
    }
    free(good);
    cleanup();
}
END_TEST

int main(void) {
    Suite *s = suite_create("cache");
    UNIT_ADD(s, saved_entries_are_found);
    UNIT_ADD(s, damaged_pack_is_empty);
    return unit_run("cache", s);
}
