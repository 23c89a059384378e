// SPDX-License-Identifier: MIT
// elf_size.c: the flash and RAM an MCU app's linked ELF takes, by kind of section.
#include <fcntl.h>
#include <gelf.h>
#include <string.h>
#include <unistd.h>

#include "freezer/elf_size.h"

// linker-scripts/frozen-image.ld's output section.
#define IMAGE_OUTPUT_SECTION ".frozen_image"

static void add(Elf *elf, size_t shstrndx, Elf_Scn *scn, elf_size_t *out) {
    GElf_Shdr sh;
    if (gelf_getshdr(scn, &sh) == NULL || !(sh.sh_flags & SHF_ALLOC)) {
        return;
    }
    const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
    if (name != NULL && strcmp(name, IMAGE_OUTPUT_SECTION) == 0) {
        out->image += sh.sh_size;
    } else if (sh.sh_flags & SHF_EXECINSTR) {
        out->code += sh.sh_size;
    } else if (!(sh.sh_flags & SHF_WRITE)) {
        out->rodata += sh.sh_size;
    } else if (sh.sh_type == SHT_NOBITS) {
        out->bss += sh.sh_size;
    } else {
        out->data += sh.sh_size;
    }
}

int elf_size_read(const char *path, elf_size_t *out) {
    memset(out, 0, sizeof *out);
    if (elf_version(EV_CURRENT) == EV_NONE) {
        return -1;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return -1;
    }
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    size_t shstrndx;
    int rc = -1;
    if (elf != NULL && elf_kind(elf) == ELF_K_ELF && elf_getshdrstrndx(elf, &shstrndx) == 0) {
        for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn != NULL; scn = elf_nextscn(elf, scn)) {
            add(elf, shstrndx, scn, out);
        }
        rc = 0;
    }
    elf_end(elf);
    close(fd);
    return rc;
}
