// SPDX-License-Identifier: MIT
// string.h: the part of <string.h> the runtime uses; the lx106 toolchain ships no libc.
#ifndef XQ_LIBC_STRING_H
#define XQ_LIBC_STRING_H

#include <stddef.h>

// GCC emits calls to the first four itself (struct copies, loops it recognises).
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

#endif // XQ_LIBC_STRING_H
