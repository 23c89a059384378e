// SPDX-License-Identifier: MIT
// unit.h: glue between Check and tests/run: one TCase per test, one result line per test.
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

// Add test function fn to suite s as its own test case, so results name the test.
#define UNIT_ADD(s, fn) do { \
        TCase *tc_ = tcase_create(#fn); \
        tcase_add_test(tc_, fn); \
        suite_add_tcase((s), tc_); \
    } while (0)

// Run suite s (called name in the output) without forking (so sanitizers see the whole process) and print
// "ok NAME" or "FAIL NAME: file:line: message" per test, as tests/run expects.
static inline int unit_run(const char *name, Suite *s) {
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_SILENT);
    int n = srunner_ntests_run(sr);
    TestResult **res = srunner_results(sr);
    int failed = 0;
    for (int i = 0; i < n; i++) {
        if (tr_rtype(res[i]) == CK_PASS) {
            printf("ok unit/%s/%s\n", name, tr_tcname(res[i]));
        } else {
            failed++;
            printf("FAIL unit/%s/%s: %s:%d: %s\n", name, tr_tcname(res[i]),
                   tr_lfile(res[i]), tr_lno(res[i]), tr_msg(res[i]));
        }
    }
    free(res);
    srunner_free(sr);
    return failed ? 1 : 0;
}

#endif // TESTS_UNIT_UNIT_H
