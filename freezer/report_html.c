// SPDX-License-Identifier: MIT
// report_html.c: the size report as one self-contained HTML page with a treemap.
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "freezer/report.h"

/*
 * The treemap is laid out here (squarified, Bruls et al.), as absolutely positioned
 * boxes: the page needs no script, no network and no font beyond the browser's own.
 * Modules are boxes sized by their bytes; inside each, its parts, coloured by kind.
 */

typedef struct {
    double x, y, w, h;
} box_t;

static const char *const part_color[RP_N] = {
    // bytecode, names, pool, str, bytes, int, float, tuple, const_other,
    "#4e79a7", "#f28e2b", "#59a14f", "#8cd17d", "#b6992d", "#f1ce63", "#e15759", "#ff9d9a",
    "#79706e",
    // prelude, lines, mpy_header, index, align, other
    "#bab0ac", "#d37295", "#fabfd2", "#b07aa1", "#9d7660", "#222222",
};

static void esc(FILE *out, const char *s) {
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

// The worst aspect ratio of a row of weights w[0..n) (sum s) laid along a side of length side.
static double worst(const double *w, size_t n, double s, double side, double scale) {
    double area = s * scale, thick = area / side, r = 1;
    for (size_t i = 0; i < n; i++) {
        double len = w[i] * scale / thick;
        double q = len > thick ? len / thick : thick / len;
        r = q > r ? q : r;
    }
    return r;
}

// Lays weights w[0..n) (sorted, largest first, all > 0) into b; fills out[0..n).
static void squarify(const double *w, size_t n, box_t b, box_t *out) {
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        total += w[i];
    }
    size_t i = 0;
    while (i < n && total > 0 && b.w > 0 && b.h > 0) {
        double scale = b.w * b.h / total, side = b.w < b.h ? b.w : b.h;
        size_t k = 1;
        double s = w[i];
        while (i + k < n && worst(w + i, k + 1, s + w[i + k], side, scale)
                            <= worst(w + i, k, s, side, scale)) {
            s += w[i + k++];
        }
        double thick = s * scale / side, pos = 0;
        for (size_t j = 0; j < k; j++) {
            double len = w[i + j] * scale / thick;
            out[i + j] = b.w < b.h ? (box_t){ b.x + pos, b.y, len, thick }
                                   : (box_t){ b.x, b.y + pos, thick, len };
            pos += len;
        }
        if (b.w < b.h) {
            b.y += thick;
            b.h -= thick;
        } else {
            b.x += thick;
            b.w -= thick;
        }
        total -= s;
        i += k;
    }
}

static void box(FILE *out, box_t b, const char *color, const char *cls) {
    fprintf(out, "<div class=\"%s\" style=\"left:%.1fpx;top:%.1fpx;width:%.1fpx;height:%.1fpx;"
            "background:%s\"", cls, b.x, b.y, b.w, b.h, color);
}

static void module_box(FILE *out, const rmod_t *m, box_t b) {
    char h[32];
    report_human(h, sizeof h, m->total);
    box(out, b, "#fff", "m");
    fputs(" title=\"", out);
    esc(out, m->name);
    fprintf(out, ": %s\">", h);
    double w[RP_N];
    int idx[RP_N];
    size_t n = 0;
    for (int p = 0; p < RP_N; p++) {  // parts by size, largest first (insertion sort)
        if (m->part[p] == 0) {
            continue;
        }
        size_t j = n++;
        while (j > 0 && w[j - 1] < m->part[p]) {
            w[j] = w[j - 1];
            idx[j] = idx[j - 1];
            j--;
        }
        w[j] = m->part[p];
        idx[j] = p;
    }
    box_t in = { 1, b.h > 36 ? 16 : 1, b.w - 2, b.h > 36 ? b.h - 17 : b.h - 2 }, pb[RP_N];
    squarify(w, n, in, pb);
    for (size_t j = 0; j < n; j++) {
        box(out, pb[j], part_color[idx[j]], "p");
        fprintf(out, " title=\"");
        esc(out, m->name);
        fprintf(out, " %s: %.0f bytes\">", rpart_key[idx[j]], w[j]);
        if (pb[j].w > 64 && pb[j].h > 16) {  // a label where it fits
            fprintf(out, "<b>%s %.0f</b>", rpart_key[idx[j]], w[j]);
        }
        fputs("</div>", out);
    }
    if (b.h > 36 && b.w > 40) {
        fputs("<span>", out);
        esc(out, m->name);
        fprintf(out, " %s</span>", h);
    }
    fputs("</div>\n", out);
}

static void treemap(const report_t *r, FILE *out, double W, double H) {
    const rimage_t *img = r->img;
    size_t *order = report_by_size(r);
    size_t n = 0;
    double *w = calloc(img->n_mods + 3, sizeof *w);
    box_t *b = calloc(img->n_mods + 3, sizeof *b);
    if (order == NULL || w == NULL || b == NULL) {
        free(order), free(w), free(b);
        return;
    }
    for (size_t k = 0; k < img->n_mods; k++) {
        if (img->mods[order[k]].total > 0) {
            w[n++] = img->mods[order[k]].total;
        }
    }
    double over = (double)img->header + img->pool + img->padding;
    squarify(w, n, (box_t){ 0, 0, W, H - 24 }, b);
    fprintf(out, "<div class=\"map\" style=\"width:%.0fpx;height:%.0fpx\">\n", W, H - 24);
    for (size_t k = 0; k < n; k++) {
        module_box(out, &img->mods[order[k]], b[k]);
    }
    fputs("</div>\n", out);
    fprintf(out, "<p class=\"note\">Image overhead (header, name pool, padding): %.0f bytes.</p>\n",
            over);
    free(order);
    free(w);
    free(b);
}

// The parts some module has, so the table shows no column of zeros.
static void used_parts(const rimage_t *img, int *used) {
    for (int p = 0; p < RP_N; p++) {
        used[p] = 0;
        for (size_t i = 0; i < img->n_mods; i++) {
            used[p] |= img->mods[i].part[p] != 0;
        }
    }
}

static void legend(const rimage_t *img, FILE *out) {
    int used[RP_N];
    used_parts(img, used);
    fputs("<p class=\"legend\">", out);
    for (int p = 0; p < RP_N; p++) {
        if (used[p]) {
            fprintf(out, "<i style=\"background:%s\"></i>%s ", part_color[p], rpart_key[p]);
        }
    }
    fputs("</p>\n", out);
}

static void table(const report_t *r, FILE *out) {
    const rimage_t *img = r->img;
    size_t *order = report_by_size(r);
    int used[RP_N];
    used_parts(img, used);
    fputs("<table><tr><th>module</th><th>bytes</th>", out);
    for (int p = 0; p < RP_N; p++) {
        if (used[p]) {
            fprintf(out, "<th>%s</th>", rpart_key[p]);
        }
    }
    fputs("</tr>\n", out);
    for (size_t k = 0; order != NULL && k < img->n_mods; k++) {
        const rmod_t *m = &img->mods[order[k]];
        fputs("<tr><td>", out);
        esc(out, m->name);
        fprintf(out, "%s</td><td>%" PRIu32 "</td>", m->is_main ? " (main)" : "", m->total);
        for (int p = 0; p < RP_N; p++) {
            if (used[p]) {
                fprintf(out, "<td>%" PRIu32 "</td>", m->part[p]);
            }
        }
        fputs("</tr>\n", out);
    }
    fprintf(out, "<tr><td>(header, pool, padding)</td><td>%" PRIu32 "</td></tr>\n"
            "<tr><th>total</th><th>%" PRIu32 "</th></tr></table>\n",
            img->header + img->pool + img->padding, img->bytes);
    free(order);
}

static void extras(const report_t *r, FILE *out) {
    if (r->rt != NULL) {
        fputs("<h2>Runtime</h2><table><tr><th>component</th><th>code</th><th>rodata</th>"
              "<th>data</th><th>bss</th></tr>\n", out);
        for (size_t i = 0; i < r->rt->n; i++) {
            const rcomp_t *c = &r->rt->comps[i];
            fputs("<tr><td>", out);
            esc(out, c->name);
            fprintf(out, "</td><td>%" PRIu64 "</td><td>%" PRIu64 "</td><td>%" PRIu64 "</td><td>%"
                    PRIu64 "</td></tr>\n", c->text, c->rodata, c->data, c->bss);
        }
        fputs("</table>\n", out);
    }
    if (r->ram != NULL) {
        fputs("<h2>Heap (measured on ", out);
        esc(out, r->ram->measured_on);
        fprintf(out, ", %" PRIu64 " bytes reserved)</h2><table>\n", r->ram->heap_total);
        for (size_t i = 0; i < r->ram->n; i++) {
            fputs("<tr><td>after ", out);
            esc(out, r->ram->steps[i].after);
            fprintf(out, "</td><td>%" PRIu64 "</td></tr>\n", r->ram->steps[i].used);
        }
        fputs("</table>\n", out);
    }
    const char *fs = report_budget_state(report_flash_used(r), r->budget_flash);
    if (fs != NULL) {
        fprintf(out, "<p class=\"%s\">Flash budget %" PRIu64 " bytes: %" PRIu64 " used (%.1f%%), %s.</p>\n",
                fs, r->budget_flash, report_flash_used(r),
                100.0 * (double)report_flash_used(r) / (double)r->budget_flash, fs);
    }
}

void report_html(const report_t *r, FILE *out) {
    char h[32];
    report_human(h, sizeof h, r->img->bytes);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>", out);
    esc(out, r->name);
    fputs(" size report</title>\n<style>body{font:14px sans-serif;margin:16px;color:#222}"
          ".map{position:relative;border:1px solid #444}"
          ".m{position:absolute;box-sizing:border-box;border:1px solid #333;overflow:hidden}"
          ".m span{position:absolute;left:3px;top:1px;font-size:12px;white-space:nowrap}"
          ".p{position:absolute;box-sizing:border-box;border:1px solid #fff;overflow:hidden}"
          ".p b{font-weight:normal;font-size:11px;color:#fff;padding:1px 3px;white-space:nowrap;"
          "display:block;text-shadow:0 0 2px #000}td{white-space:nowrap}"
          "table{border-collapse:collapse;margin-top:12px}td,th{padding:1px 6px;text-align:right}"
          "td:first-child{text-align:left}i{display:inline-block;width:10px;height:10px;margin:0 3px 0 8px}"
          ".over{color:#b00;font-weight:bold}.warn{color:#a60}.note{color:#555}</style></head>\n<body><h1>", out);
    esc(out, r->name);
    fprintf(out, "</h1>\n<p>Frozen image: %s (%" PRIu32 " bytes), %zu modules, target %s, build %s.</p>\n",
            h, r->img->bytes, r->img->n_mods, rwalk_target_name(r->img->target), r->img->build_id);
    treemap(r, out, 960, 520);
    legend(r->img, out);
    table(r, out);
    extras(r, out);
    fputs("</body></html>\n", out);
}
