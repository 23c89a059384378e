// SPDX-License-Identifier: MIT
// file.c: whole-file reads, atomic writes (temp file then rename) and directory creation.
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "freezer/file.h"

int file_read_stat(const char *path, uint8_t **data, size_t *len, struct stat *st) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    struct stat own;
    st = st != NULL ? st : &own;
    if (fstat(fd, st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    // The size is a hint (the file may grow or shrink meanwhile): read to the end.
    size_t cap = S_ISREG(st->st_mode) && st->st_size > 0 && st->st_size < (1 << 30)
                 ? (size_t)st->st_size + 1 : 4096;
    size_t n = 0;
    uint8_t *buf = malloc(cap + 1);
    int err = 0;
    while (buf != NULL) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            err = r < 0 ? errno : 0;
            break;
        }
        n += (size_t)r;
        if (n == cap) {
            uint8_t *nb = cap < ((size_t)1 << 30) ? realloc(buf, cap * 2 + 1) : NULL;
            if (nb == NULL) {
                free(buf);
            }
            buf = nb;
            cap *= 2;
        }
    }
    close(fd);
    err = buf == NULL ? ENOMEM : err;
    if (err != 0) {
        free(buf);
        errno = err;
        return -1;
    }
    buf[n] = 0;
    *data = buf;
    *len = n;
    return 0;
}

int file_read(const char *path, uint8_t **data, size_t *len) {
    return file_read_stat(path, data, len, NULL);
}

int file_open_out(file_out_t *o, const char *path) {
    memset(o, 0, sizeof *o);
    size_t n = strlen(path);
    o->path = strdup(path);
    o->tmp = malloc(n + 16);
    if (o->path == NULL || o->tmp == NULL) {
        file_abort(o);
        errno = ENOMEM;
        return -1;
    }
    // The temporary name must be unique among concurrent writers of the same path.
    snprintf(o->tmp, n + 16, "%s.tmp%ld", path, (long)getpid() % 1000000);
    o->fp = fopen(o->tmp, "wb");
    if (o->fp == NULL) {
        int e = errno;
        file_abort(o);
        errno = e;
        return -1;
    }
    return 0;
}

void file_put(file_out_t *o, const void *data, size_t n) {
    if (!o->failed && n > 0 && fwrite(data, 1, n, o->fp) != n) {
        o->failed = errno != 0 ? errno : EIO;
    }
}

void file_printf(file_out_t *o, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    if (!o->failed && vfprintf(o->fp, fmt, ap) < 0) {
        o->failed = errno != 0 ? errno : EIO;
    }
    va_end(ap);
}

void file_abort(file_out_t *o) {
    if (o->fp != NULL) {
        fclose(o->fp);
        remove(o->tmp);
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

int file_commit(file_out_t *o, unsigned mode) {
    int err = o->failed;
    if (fclose(o->fp) != 0 && err == 0) {
        err = errno;
    }
    o->fp = NULL;
    if (err == 0 && chmod(o->tmp, mode) != 0) {
        err = errno;
    }
    if (err == 0 && rename(o->tmp, o->path) != 0) {
        err = errno;
    }
    if (err != 0) {
        remove(o->tmp);
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    errno = err;
    return err != 0 ? -1 : 0;
}

int file_write(const char *path, const void *data, size_t n) {
    file_out_t o;
    if (file_open_out(&o, path) != 0) {
        return -1;
    }
    file_put(&o, data, n);
    return file_commit(&o, 0644);
}

int file_mkdirs(const char *dir) {
    char *p = strdup(dir);
    if (p == NULL) {
        errno = ENOMEM;
        return -1;
    }
    // Create each prefix in turn; EEXIST is fine, the stat at the end checks the kind.
    for (char *s = p + 1; *p != 0 && *s != 0; s++) {
        if (*s == '/') {
            *s = 0;
            mkdir(p, 0777);
            *s = '/';
        }
    }
    int rc = mkdir(p, 0777) == 0 || errno == EEXIST ? 0 : -1;
    int e = errno;
    struct stat st;
    if (rc == 0 && stat(p, &st) != 0) {
        rc = -1;
        e = errno;
    } else if (rc == 0 && !S_ISDIR(st.st_mode)) {
        rc = -1;
        e = ENOTDIR;
    }
    free(p);
    errno = e;
    return rc;
}
