// SPDX-License-Identifier: MIT
// write_elf.c: writes the image as a relocatable ELF object (x86-64 or Xtensa) with libelf.
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "freezer/write.h"
#include "runtime/image.h"

/*
 * The object holds what write_c's C file compiles to, without a C compiler:
 *   [1] IMAGE_SECTION   the image, 16-aligned; symbol freeze_image (global, sized)
 *   [2] .rodata         freeze_image_len, a little-endian uint32_t (both targets are LE)
 *   [3] .note.GNU-stack empty: the object needs no executable stack
 *   [4] .symtab [5] .strtab [6] .shstrtab
 * The length lives outside IMAGE_SECTION so that section is exactly the image, as
 * linker-scripts/frozen-image.ld's bounds assume. libelf lays the file out itself;
 * its output depends on nothing but these contents.
 */

static const char shstrtab[] = "\0" IMAGE_SECTION "\0.rodata\0.note.GNU-stack\0.symtab\0"
                               ".strtab\0.shstrtab";
static const char strtab[] = "\0" IMAGE_SYMBOL "\0" IMAGE_LEN_SYMBOL;

enum { SEC_IMAGE = 1, SEC_RODATA, SEC_STACK, SEC_SYMTAB, SEC_STRTAB, SEC_SHSTRTAB };

static size_t str_off(const char *table, size_t size, const char *name) {
    for (size_t i = 1; i < size; i += strlen(table + i) + 1) {
        if (strcmp(table + i, name) == 0) {
            return i;
        }
    }
    return 0;
}

// Adds a section holding buf[0..size) and returns 0, or -1.
static int add_section(Elf *elf, const char *name, GElf_Word type, GElf_Xword flags,
                       const void *buf, size_t size, size_t align, Elf_Type dtype) {
    Elf_Scn *scn = elf_newscn(elf);
    Elf_Data *d = scn != NULL ? elf_newdata(scn) : NULL;
    GElf_Shdr sh;
    if (d == NULL || gelf_getshdr(scn, &sh) == NULL) {
        return -1;
    }
    d->d_buf = (void *)buf;
    d->d_size = size;
    d->d_align = align;
    d->d_type = dtype;
    d->d_version = EV_CURRENT;
    sh.sh_name = (GElf_Word)str_off(shstrtab, sizeof shstrtab, name);
    sh.sh_type = type;
    sh.sh_flags = flags;
    sh.sh_addralign = align;
    return gelf_update_shdr(scn, &sh) ? 0 : -1;
}

// The symbol table: the null symbol, then freeze_image and freeze_image_len (global).
static int add_symtab(Elf *elf, size_t len, void **syms_out) {
    size_t ent = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
    void *syms = calloc(3, ent);
    *syms_out = syms;
    if (ent == 0 || syms == NULL
        || add_section(elf, ".symtab", SHT_SYMTAB, 0, syms, 3 * ent, 8, ELF_T_SYM) != 0) {
        return -1;
    }
    Elf_Scn *scn = elf_getscn(elf, SEC_SYMTAB);
    Elf_Data *d = elf_getdata(scn, NULL);
    GElf_Sym s = { 0 };
    gelf_update_sym(d, 0, &s);
    s.st_name = (GElf_Word)str_off(strtab, sizeof strtab, IMAGE_SYMBOL);
    s.st_info = GELF_ST_INFO(STB_GLOBAL, STT_OBJECT);
    s.st_shndx = SEC_IMAGE;
    s.st_size = len;
    gelf_update_sym(d, 1, &s);
    s.st_name = (GElf_Word)str_off(strtab, sizeof strtab, IMAGE_LEN_SYMBOL);
    s.st_shndx = SEC_RODATA;
    s.st_size = 4;
    gelf_update_sym(d, 2, &s);
    GElf_Shdr sh;
    if (gelf_getshdr(scn, &sh) == NULL) {
        return -1;
    }
    sh.sh_link = SEC_STRTAB;
    sh.sh_info = 1;  // the first global symbol
    sh.sh_entsize = ent;
    return gelf_update_shdr(scn, &sh) ? 0 : -1;
}

static int build(Elf *elf, const target_t *t, const uint8_t *img, size_t len,
                 const uint8_t *len_le, void **syms) {
    GElf_Ehdr eh;
    if (gelf_newehdr(elf, t->elf_class) == NULL || gelf_getehdr(elf, &eh) == NULL) {
        return -1;
    }
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_type = ET_REL;
    eh.e_machine = (GElf_Half)t->elf_machine;
    eh.e_version = EV_CURRENT;
    eh.e_flags = t->elf_flags;
    eh.e_shstrndx = SEC_SHSTRTAB;
    if (!gelf_update_ehdr(elf, &eh)
        || add_section(elf, IMAGE_SECTION, SHT_PROGBITS, SHF_ALLOC, img, len, 16, ELF_T_BYTE)
        || add_section(elf, ".rodata", SHT_PROGBITS, SHF_ALLOC, len_le, 4, 4, ELF_T_BYTE)
        || add_section(elf, ".note.GNU-stack", SHT_PROGBITS, 0, "", 0, 1, ELF_T_BYTE)
        || add_symtab(elf, len, syms)
        || add_section(elf, ".strtab", SHT_STRTAB, 0, strtab, sizeof strtab, 1, ELF_T_BYTE)
        || add_section(elf, ".shstrtab", SHT_STRTAB, 0, shstrtab, sizeof shstrtab, 1,
                       ELF_T_BYTE)) {
        return -1;
    }
    return elf_update(elf, ELF_C_WRITE) < 0 ? -1 : 0;
}

status_t write_elf(const char *path, const target_t *t, const uint8_t *img, size_t len,
                   errors_t *e) {
    if (t->elf_machine == 0) {
        return errors_add(e, ST_USAGE, NULL, 0, 0, "--emit elf: no ELF machine for -t %s here",
                          t->name);
    }
    if (elf_version(EV_CURRENT) == EV_NONE) {
        return errors_add(e, ST_IO, NULL, 0, 0, "libelf: %s", elf_errmsg(-1));
    }
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (tmp == NULL) {
        return errors_add(e, ST_IO, NULL, 0, 0, "out of memory");
    }
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid() % 1000000);
    int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        status_t st = errors_add(e, ST_IO, path, 0, 0, "cannot write: %s", strerror(errno));
        free(tmp);
        return st;
    }
    uint8_t len_le[4] = { (uint8_t)len, (uint8_t)(len >> 8), (uint8_t)(len >> 16),
                          (uint8_t)(len >> 24) };
    void *syms = NULL;
    Elf *elf = elf_begin(fd, ELF_C_WRITE, NULL);
    int rc = elf != NULL ? build(elf, t, img, len, len_le, &syms) : -1;
    const char *why = rc != 0 ? elf_errmsg(-1) : NULL;
    elf_end(elf);
    free(syms);
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        why = strerror(errno);
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = -1;
        why = strerror(errno);
    }
    status_t st = ST_OK;
    if (rc != 0) {
        remove(tmp);
        st = errors_add(e, ST_IO, path, 0, 0, "cannot write ELF object: %s",
                        why != NULL ? why : "unknown error");
    }
    free(tmp);
    return st;
}
