// SPDX-License-Identifier: MIT
// report.c: the size report of a build: bytes per module, image total, budgets.
#include <string.h>

#include "freezer/report.h"

/*
 * A module's flash cost is its data in the image; everything else (header, index,
 * names, alignment) is shown as the image's overhead, so the lines add up to the total.
 * RAM use is not measured yet: a RAM budget is only shown.
 */

static size_t modules_bytes(const report_t *r) {
    size_t sum = 0;
    for (size_t i = 0; i < r->m->n_mods; i++) {
        sum += r->outs[i].len;
    }
    return sum;
}

static void budget_line(FILE *out, const char *what, uint64_t budget, size_t used) {
    if (budget == 0) {
        return;
    }
    fprintf(out, "  %s budget %llu bytes: %zu used (%.1f%%)%s\n", what,
            (unsigned long long)budget, used, 100.0 * (double)used / (double)budget,
            used > budget ? " EXCEEDED" : "");
}

void report_text(const report_t *r, FILE *out) {
    const manifest_t *m = r->m;
    size_t width = 16;  // "(image overhead)"
    for (size_t i = 0; i < m->n_mods; i++) {
        size_t n = strlen(m->mods[i].name);
        width = n > width ? n : width;
    }
    fprintf(out, "%s: %zu module%s, image %zu bytes (%s)\n", m->name, m->n_mods,
            m->n_mods == 1 ? "" : "s", r->image_len, r->target);
    fprintf(out, "  %-*s %8s  %s\n", (int)width, "module", "bytes", "source");
    for (size_t i = 0; i < m->n_mods; i++) {
        fprintf(out, "  %-*s %8zu  %s%s\n", (int)width, m->mods[i].name, r->outs[i].len,
                m->mods[i].disp, m->main != NULL && strcmp(m->main, m->mods[i].name) == 0
                ? " (main)" : "");
    }
    fprintf(out, "  %-*s %8zu\n", (int)width, "(image overhead)",
            r->image_len - modules_bytes(r));
    fprintf(out, "  %-*s %8zu\n", (int)width, "total", r->image_len);
    budget_line(out, "flash", r->budget_flash, r->image_len);
    if (r->budget_ram != 0) {
        fprintf(out, "  ram budget %llu bytes: not measured yet\n",
                (unsigned long long)r->budget_ram);
    }
}

static void json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c < 0x20) {
            fprintf(out, "\\u%04x", c);
        } else {
            fputc(c, out);
        }
    }
    fputc('"', out);
}

void report_json(const report_t *r, FILE *out) {
    const manifest_t *m = r->m;
    fprintf(out, "{\"name\": ");
    json_string(out, m->name);
    fprintf(out, ", \"target\": ");
    json_string(out, r->target);
    fprintf(out, ", \"image_bytes\": %zu, \"overhead_bytes\": %zu", r->image_len,
            r->image_len - modules_bytes(r));
    fprintf(out, ", \"budget\": {\"flash\": %llu, \"ram\": %llu}",
            (unsigned long long)r->budget_flash, (unsigned long long)r->budget_ram);
    fprintf(out, ", \"modules\": [");
    for (size_t i = 0; i < m->n_mods; i++) {
        fprintf(out, "%s{\"name\": ", i ? ", " : "");
        json_string(out, m->mods[i].name);
        fprintf(out, ", \"bytes\": %zu, \"source\": ", r->outs[i].len);
        json_string(out, m->mods[i].src_name);
        fprintf(out, "}");
    }
    fprintf(out, "]}\n");
}

void report_csv(const report_t *r, FILE *out) {
    fprintf(out, "module,bytes,source\n");
    for (size_t i = 0; i < r->m->n_mods; i++) {
        // Names and paths come from file names; a comma or quote in one is quoted.
        const char *src = r->m->mods[i].src_name;
        int quote = strpbrk(src, ",\"\n") != NULL;
        fprintf(out, "%s,%zu,%s", r->m->mods[i].name, r->outs[i].len, quote ? "\"" : "");
        for (const char *p = src; *p; p++) {
            fprintf(out, *p == '"' ? "\"\"" : "%c", *p);
        }
        fprintf(out, "%s\n", quote ? "\"" : "");
    }
    fprintf(out, "(image overhead),%zu,\ntotal,%zu,\n", r->image_len - modules_bytes(r),
            r->image_len);
}

static void html_text(FILE *out, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out); break;
        }
    }
}

// One self-contained page: a table with a bar per module, widest module = full width.
void report_html(const report_t *r, FILE *out) {
    size_t widest = 1;
    for (size_t i = 0; i < r->m->n_mods; i++) {
        widest = r->outs[i].len > widest ? r->outs[i].len : widest;
    }
    fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>", out);
    html_text(out, r->m->name);
    fputs(" size report</title><style>body{font-family:sans-serif}td{padding:0 8px}"
          "td.n{text-align:right}div.bar{background:#48c;height:10px}</style></head>\n<body><h1>",
          out);
    html_text(out, r->m->name);
    fprintf(out, "</h1>\n<p>%zu modules, image %zu bytes (%s)</p>\n<table>\n"
            "<tr><th>module</th><th>bytes</th><th>source</th><th></th></tr>\n",
            r->m->n_mods, r->image_len, r->target);
    for (size_t i = 0; i < r->m->n_mods; i++) {
        fputs("<tr><td>", out);
        html_text(out, r->m->mods[i].name);
        fprintf(out, "</td><td class=\"n\">%zu</td><td>", r->outs[i].len);
        html_text(out, r->m->mods[i].src_name);
        fprintf(out, "</td><td><div class=\"bar\" style=\"width:%upx\"></div></td></tr>\n",
                (unsigned)(300 * r->outs[i].len / widest));
    }
    fprintf(out, "<tr><td>(image overhead)</td><td class=\"n\">%zu</td></tr>\n"
            "<tr><th>total</th><td class=\"n\">%zu</td></tr>\n</table>\n",
            r->image_len - modules_bytes(r), r->image_len);
    if (r->budget_flash != 0) {
        fprintf(out, "<p>flash budget %llu bytes: %.1f%% used</p>\n",
                (unsigned long long)r->budget_flash,
                100.0 * (double)r->image_len / (double)r->budget_flash);
    }
    fputs("</body></html>\n", out);
}
