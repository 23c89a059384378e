// SPDX-License-Identifier: MIT
// report_jsonin.h: reads a JSON size report back (for --diff): a small strict JSON parser.
#ifndef FREEZER_REPORT_JSONIN_H
#define FREEZER_REPORT_JSONIN_H

#include <stddef.h>
#include <stdint.h>

#include "freezer/report_walk.h"

typedef enum { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ } jv_kind_t;

// A parsed JSON value; arrays and objects hold their items (objects: keys too) in order.
typedef struct jv {
    jv_kind_t kind;
    double num;
    int boolean;
    char *str;
    struct jv *items;
    char **keys;
    size_t n;
} jv_t;

// Parses text[0..len) into *out; 0, or -1 with a sentence (and the byte offset) in err.
int jv_parse(const char *text, size_t len, jv_t *out, char *err, size_t errlen);
void jv_free(jv_t *v);
// Member key of object v, or NULL.
const jv_t *jv_get(const jv_t *v, const char *key);

// The module list of a freeze-size/1 report (or of the older {image_bytes, modules:
// [{name, bytes}]} form) as an rimage_t with names, totals and parts; 0, or -1.
int jv_to_image(const jv_t *report, rimage_t *out, char *err, size_t errlen);

#endif // FREEZER_REPORT_JSONIN_H
