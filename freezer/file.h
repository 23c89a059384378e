// SPDX-License-Identifier: MIT
// file.h: whole-file reads, atomic writes (temp file then rename) and directory creation.
#ifndef FREEZER_FILE_H
#define FREEZER_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

// Reads path into a malloc'ed buffer (NUL-terminated, not counted in *len). Returns 0,
// or -1 with errno set.
int file_read(const char *path, uint8_t **data, size_t *len);
// The same, and *st the fstat of the file read (so the two describe the same file).
int file_read_stat(const char *path, uint8_t **data, size_t *len, struct stat *st);

// An output being written: data goes to a temporary file beside path, and file_commit
// renames it into place, so a reader never sees half a file.
typedef struct {
    char *path;
    char *tmp;
    void *fp;     // FILE *
    int failed;
} file_out_t;

int file_open_out(file_out_t *o, const char *path);
void file_put(file_out_t *o, const void *data, size_t n);
void file_printf(file_out_t *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
// Closes and renames; on any earlier failure removes the temporary file instead.
// mode is the file's permission bits. Returns 0, or -1 with errno set.
int file_commit(file_out_t *o, unsigned mode);
void file_abort(file_out_t *o);

// Writes data to path atomically (file_open_out + file_put + file_commit).
int file_write(const char *path, const void *data, size_t n);

// Creates dir and its missing parents. Returns 0, or -1 with errno set.
int file_mkdirs(const char *dir);

#endif // FREEZER_FILE_H
