// SPDX-License-Identifier: MIT
// report_elf.c: the runtime's code, read-only data and static RAM per component, from an ELF.
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/report_elf.h"
#include "runtime/image.h"

/*
 * Each allocated section is of one kind (code, rodata, data, bss; the image's own section
 * is counted apart). Sized symbols are booked to the object file
 * that defines them: a local one to the file its STT_FILE symbol names, a global one to
 * the archive member that defines it. Object files group into components by name. What
 * no symbol covers (alignment, literal pools, unnamed data) is booked to "(other)", so
 * the components add up to the section totals exactly.
 */

#define IMAGE_OUTPUT_SECTION ".frozen_image"
#define IMAGE_SYMBOL_SECTION ".rodata.frozen"

enum { K_NONE, K_TEXT, K_RODATA, K_DATA, K_BSS, K_IMAGE };

static const char image_mark[] = "(frozen image)";  // sym_t.file of the image's symbol

typedef struct {
    char *name;
    char *file;
} defsym_t;

typedef struct {
    defsym_t *v;
    size_t n, cap;
} defs_t;

typedef struct {
    size_t shndx;
    uint64_t value, size;
    const char *file;  // points into defs or the ELF's string table (valid while open)
} sym_t;

static int cmp_def(const void *a, const void *b) {
    return strcmp(((const defsym_t *)a)->name, ((const defsym_t *)b)->name);
}

static int cmp_sym(const void *a, const void *b) {
    const sym_t *x = a, *y = b;
    if (x->shndx != y->shndx) {
        return x->shndx < y->shndx ? -1 : 1;
    }
    return x->value < y->value ? -1 : x->value > y->value ? 1 : 0;
}

// Globals of each member of the archive at lib, by name.
static void read_archive(const char *lib, defs_t *d) {
    int fd = lib != NULL ? open(lib, O_RDONLY) : -1;
    if (fd < 0) {
        return;
    }
    Elf *ar = elf_begin(fd, ELF_C_READ, NULL);
    Elf *mem;
    while (ar != NULL && elf_kind(ar) == ELF_K_AR && (mem = elf_begin(fd, ELF_C_READ, ar)) != NULL) {
        Elf_Arhdr *h = elf_getarhdr(mem);
        Elf_Scn *scn = NULL;
        while (h != NULL && h->ar_name[0] != '/' && (scn = elf_nextscn(mem, scn)) != NULL) {
            GElf_Shdr sh;
            Elf_Data *data;
            if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_SYMTAB
                || (data = elf_getdata(scn, NULL)) == NULL || sh.sh_entsize == 0) {
                continue;
            }
            for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
                GElf_Sym s;
                const char *nm;
                if (gelf_getsym(data, (int)i, &s) == NULL || s.st_shndx == SHN_UNDEF
                    || GELF_ST_BIND(s.st_info) == STB_LOCAL
                    || (nm = elf_strptr(mem, sh.sh_link, s.st_name)) == NULL || nm[0] == 0) {
                    continue;
                }
                if (d->n == d->cap) {
                    size_t cap = d->cap ? 2 * d->cap : 256;
                    defsym_t *v = realloc(d->v, cap * sizeof *v);
                    if (v == NULL) {
                        break;
                    }
                    d->v = v;
                    d->cap = cap;
                }
                d->v[d->n].name = strdup(nm);
                d->v[d->n].file = strdup(h->ar_name);
                if (d->v[d->n].name == NULL || d->v[d->n].file == NULL) {
                    free(d->v[d->n].name);
                    free(d->v[d->n].file);
                    break;
                }
                d->n++;
            }
        }
        elf_next(mem);
        elf_end(mem);
    }
    elf_end(ar);
    close(fd);
    qsort(d->v, d->n, sizeof *d->v, cmp_def);
}

// The component of an object or source file name ("objstr.o", "objstr.c", "vm.c").
static const char *component(const char *file, int in_lib) {
    static const struct { const char *prefix; const char *comp; int exact; } map[] = {
        { "obj", "objects", 0 }, { "mod", "modules", 0 }, { "mpz", "bigint", 0 },
        { "formatfloat", "float", 0 }, { "gc", "gc", 1 }, { "vm", "vm", 1 },
        { "runtime", "vm", 1 }, { "nlr", "vm", 1 }, { "builtins", "vm", 1 }, { "map", "vm", 1 },
        { "mpyload", "loader", 1 }, { "frozenload", "loader", 1 }, { "image", "loader", 1 },
        { "qstr", "loader", 1 },
        { "main", "port", 1 }, { "port", "port", 1 }, { "host", "port", 1 },
        { "console", "port", 1 }, { "fault", "port", 1 }, { "heap", "port", 1 },
        { "semihost", "port", 1 }, { "start", "port", 1 }, { "startup", "port", 1 },
        { "ticks", "port", 1 }, { "vectors", "port", 1 },
    };
    if (file == NULL) {
        return "toolchain";
    }
    const char *base = strrchr(file, '/');
    base = base != NULL ? base + 1 : file;
    size_t n = strcspn(base, ".");
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        size_t k = strlen(map[i].prefix);
        if (strncmp(base, map[i].prefix, k) == 0 && (!map[i].exact || n == k)) {
            return map[i].comp;
        }
    }
    // The rest of the runtime archive is the port's own libc and soft-float helpers.
    return in_lib ? "libc" : "toolchain";
}

static rcomp_t *comp_get(rruntime_t *rt, const char *name) {
    for (size_t i = 0; i < rt->n; i++) {
        if (strcmp(rt->comps[i].name, name) == 0) {
            return &rt->comps[i];
        }
    }
    rcomp_t *v = realloc(rt->comps, (rt->n + 1) * sizeof *v);
    if (v == NULL) {
        return NULL;
    }
    rt->comps = v;
    rcomp_t *c = &v[rt->n];
    *c = (rcomp_t){ strdup(name), 0, 0, 0, 0 };
    if (c->name == NULL) {
        return NULL;
    }
    rt->n++;
    return c;
}

static void book(rruntime_t *rt, const char *comp, int kind, uint64_t n) {
    rcomp_t *c = n != 0 ? comp_get(rt, comp) : NULL;
    if (c != NULL) {
        uint64_t *f[] = { NULL, &c->text, &c->rodata, &c->data, &c->bss };
        *f[kind] += n;
    }
}

static int kind_of(Elf *elf, size_t shstrndx, const GElf_Shdr *sh) {
    const char *name = elf_strptr(elf, shstrndx, sh->sh_name);
    if (!(sh->sh_flags & SHF_ALLOC)) {
        return K_NONE;
    }
    if (name != NULL && (strcmp(name, IMAGE_OUTPUT_SECTION) == 0 || strcmp(name, IMAGE_SYMBOL_SECTION) == 0)) {
        return K_IMAGE;
    }
    return sh->sh_flags & SHF_EXECINSTR ? K_TEXT : !(sh->sh_flags & SHF_WRITE) ? K_RODATA
           : sh->sh_type == SHT_NOBITS ? K_BSS : K_DATA;
}

static int by_flash(const void *a, const void *b) {
    const rcomp_t *x = a, *y = b;
    uint64_t fx = x->text + x->rodata + x->data, fy = y->text + y->rodata + y->data;
    return fx != fy ? (fx < fy ? 1 : -1) : strcmp(x->name, y->name);
}

// Books the sized symbols of elf to components and the rest of each section to "(other)".
// Where the bytes of a section that no symbol covers go: the linker's and unwinder's own
// tables have names of their own; the rest is "(other)".
static const char *remainder_name(Elf *elf, size_t shstrndx, size_t i) {
    static const char *const dyn[] = { ".dyn", ".rela", ".rel.", ".gnu", ".interp", ".note",
                                       ".hash", ".got", ".plt", ".init_array", ".fini_array",
                                       ".data.rel.ro", ".tm_clone", NULL };
    GElf_Shdr sh;
    Elf_Scn *scn = elf_getscn(elf, i);
    const char *name = scn != NULL && gelf_getshdr(scn, &sh) != NULL
                       ? elf_strptr(elf, shstrndx, sh.sh_name) : NULL;
    if (name == NULL) {
        return "(other)";
    }
    if (strncmp(name, ".eh_frame", 9) == 0 || strcmp(name, ".gcc_except_table") == 0) {
        return "(unwind tables)";
    }
    for (size_t k = 0; dyn[k] != NULL; k++) {
        if (strncmp(name, dyn[k], strlen(dyn[k])) == 0) {
            return "(dynamic linking)";
        }
    }
    return "(other)";
}

static void attribute(Elf *elf, size_t shstrndx, const int *kinds, const uint64_t *sec_size,
                      size_t n_sec, const defs_t *d, rruntime_t *rt) {
    sym_t *syms = NULL;
    size_t n = 0;
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        Elf_Data *data;
        if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0
            || (data = elf_getdata(scn, NULL)) == NULL) {
            continue;
        }
        size_t count = sh.sh_size / sh.sh_entsize;
        syms = calloc(count ? count : 1, sizeof *syms);
        const char *file = NULL;
        for (size_t i = 0; syms != NULL && i < count; i++) {
            GElf_Sym s;
            if (gelf_getsym(data, (int)i, &s) == NULL) {
                continue;
            }
            const char *nm = elf_strptr(elf, sh.sh_link, s.st_name);
            if (GELF_ST_TYPE(s.st_info) == STT_FILE) {
                file = nm;
                continue;
            }
            if (s.st_size == 0 || s.st_shndx == SHN_UNDEF || s.st_shndx >= n_sec
                || kinds[s.st_shndx] == K_NONE || kinds[s.st_shndx] == K_IMAGE || nm == NULL) {
                continue;
            }
            if (strcmp(nm, IMAGE_SYMBOL) == 0 && kinds[s.st_shndx] == K_RODATA) {
                // The image linked into a host app's .rodata: counted apart, as on the MCU.
                rt->rodata -= s.st_size;
                rt->image += s.st_size;
                syms[n++] = (sym_t){ s.st_shndx, s.st_value, s.st_size, image_mark };
                continue;
            }
            const char *f = GELF_ST_BIND(s.st_info) == STB_LOCAL ? file : NULL;
            if (f == NULL) {
                defsym_t key = { (char *)nm, NULL };
                defsym_t *hit = d->n ? bsearch(&key, d->v, d->n, sizeof *d->v, cmp_def) : NULL;
                f = hit != NULL ? hit->file : NULL;
            }
            syms[n++] = (sym_t){ s.st_shndx, s.st_value, s.st_size, f };
        }
        break;
    }
    qsort(syms, n, sizeof *syms, cmp_sym);
    uint64_t *covered = calloc(n_sec ? n_sec : 1, sizeof *covered);
    uint64_t end = 0;
    size_t cur = (size_t)-1;
    for (size_t i = 0; covered != NULL && i < n; i++) {
        const sym_t *s = &syms[i];
        if (s->shndx != cur) {
            cur = s->shndx;
            end = 0;
        }
        // Aliases and overlaps count once: only bytes past the previous symbol's end.
        uint64_t lo = s->value > end ? s->value : end, hi = s->value + s->size;
        if (hi > lo && covered[cur] + (hi - lo) <= sec_size[cur] && s->file == image_mark) {
            covered[cur] += hi - lo;  // the image: not the runtime's
        } else if (hi > lo && covered[cur] + (hi - lo) <= sec_size[cur]) {
            int in_lib = s->file != NULL && d->n != 0;
            book(rt, component(s->file, in_lib), kinds[cur], hi - lo);
            covered[cur] += hi - lo;
        }
        end = hi > end ? hi : end;
    }
    for (size_t i = 0; covered != NULL && i < n_sec; i++) {
        if (kinds[i] != K_NONE && kinds[i] != K_IMAGE) {
            book(rt, remainder_name(elf, shstrndx, i), kinds[i], sec_size[i] - covered[i]);
        }
    }
    free(covered);
    free(syms);
}

int report_elf_read(const char *path, const char *lib, rruntime_t *out) {
    memset(out, 0, sizeof *out);
    if (elf_version(EV_CURRENT) == EV_NONE) {
        return -1;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return -1;
    }
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    size_t shstrndx, n_sec;
    int rc = -1;
    if (elf != NULL && elf_kind(elf) == ELF_K_ELF && elf_getshdrstrndx(elf, &shstrndx) == 0
        && elf_getshdrnum(elf, &n_sec) == 0 && (out->elf = strdup(path)) != NULL) {
        int *kinds = calloc(n_sec ? n_sec : 1, sizeof *kinds);
        uint64_t *size = calloc(n_sec ? n_sec : 1, sizeof *size);
        defs_t d = { 0 };
        read_archive(lib, &d);
        for (size_t i = 0; kinds != NULL && size != NULL && i < n_sec; i++) {
            GElf_Shdr sh;
            Elf_Scn *scn = elf_getscn(elf, i);
            if (scn == NULL || gelf_getshdr(scn, &sh) == NULL) {
                continue;
            }
            kinds[i] = kind_of(elf, shstrndx, &sh);
            size[i] = sh.sh_size;
            uint64_t *tot[] = { NULL, &out->text, &out->rodata, &out->data, &out->bss, &out->image };
            if (kinds[i] != K_NONE) {
                *tot[kinds[i]] += sh.sh_size;
            }
        }
        if (kinds != NULL && size != NULL) {
            attribute(elf, shstrndx, kinds, size, n_sec, &d, out);
            qsort(out->comps, out->n, sizeof *out->comps, by_flash);
            rc = 0;
        }
        for (size_t i = 0; i < d.n; i++) {
            free(d.v[i].name);
            free(d.v[i].file);
        }
        free(d.v);
        free(kinds);
        free(size);
    }
    elf_end(elf);
    close(fd);
    if (rc != 0) {
        report_elf_free(out);
    }
    return rc;
}

void report_elf_free(rruntime_t *rt) {
    for (size_t i = 0; i < rt->n; i++) {
        free(rt->comps[i].name);
    }
    free(rt->comps);
    free(rt->elf);
    memset(rt, 0, sizeof *rt);
}
