// SPDX-License-Identifier: MIT
// suggest.c: the nearest valid word to a misspelt one, for "did you mean" hints.
#include <string.h>

#include "manifest/load.h"

#define SUGGEST_MAX_LEN 64

// Optimal string alignment distance: Levenshtein plus adjacent transpositions.
static size_t distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN) {
        return (size_t)-1;
    }
    size_t d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];
    for (size_t i = 0; i <= la; i++) {
        d[i][0] = i;
    }
    for (size_t j = 0; j <= lb; j++) {
        d[0][j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best) {
                best = d[i - 1][j] + 1;
            }
            if (d[i][j - 1] + 1 < best) {
                best = d[i][j - 1] + 1;
            }
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
                && d[i - 2][j - 2] + 1 < best) {
                best = d[i - 2][j - 2] + 1;
            }
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

const char *suggest_nearest(const char *word, const char *const *candidates) {
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; candidates[i] != NULL; i++) {
        size_t d = distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    // Close means: at most a third of the candidate's letters differ (and at least one).
    size_t limit = best != NULL ? strlen(best) / 3 : 0;
    if (limit < 1) {
        limit = 1;
    }
    return best_d <= limit ? best : NULL;
}
