// SPDX-License-Identifier: MIT
// smoke.c: the port's start-up and hooks under QEMU: .data copied, .bss cleared, the
// heap and stack where the linker script put them, the console on both streams,
// ticks that advance, the libc functions, setjmp/longjmp, the frozen image's place, and
// main's status as QEMU's exit status.
#include <setjmp.h>
#include <string.h>

#include "runtime/ports/xtensa-qemu/layout.h"
#include "runtime/ports/xtensa-qemu/xqport.h"

int main(void);

static int failures;
static uint32_t data_word = 0x12345678u;
static const char data_text[] = "initialised";
static char data_buf[16] = "abcdefghijklmno";
static uint32_t bss_words[64];

// A stand-in for freeze's frozen.o: the section and symbol names of runtime/image.h.
__attribute__((section(".rodata.frozen"), aligned(4)))
const uint8_t freeze_image[40] = {'F', 'R', 'Z', 0x1a, 1};
extern const uint8_t _frozen_image_start[], _frozen_image_end[];

static void say(const char *s) {
    port_console_write(s, strlen(s));
}

static void check(int ok, const char *what) {
    say(ok ? "ok " : "FAIL ");
    say(what);
    say("\n");
    failures += !ok;
}

static void check_memory(void) {
    check(data_word == 0x12345678u && strcmp(data_text, "initialised") == 0, "data-copied");
    int zero = 1;
    for (size_t i = 0; i < sizeof bss_words / sizeof bss_words[0]; i++) {
        zero &= bss_words[i] == 0;
    }
    check(zero, "bss-cleared");
    void *heap;
    size_t size;
    port_heap_region(&heap, &size);
    int here;  // a local: on the stack
    check((uint8_t *)heap >= (uint8_t *)_bss_end && (uint8_t *)heap + size <= _stack_bottom
          && size >= 64 * 1024 && ((uintptr_t)heap & 15) == 0, "heap-region");
    check((uint8_t *)&here > _stack_bottom && (uint8_t *)&here < _stack_top, "stack");
    memset(heap, 0xa5, size);  // the whole heap is writable RAM
    check(((uint8_t *)heap)[size - 1] == 0xa5, "heap-writable");
}

static void check_libc(void) {
    char buf[16];
    memcpy(buf, data_buf, sizeof buf);
    check(memcmp(buf, "abcdefghijklmno", 16) == 0, "memcpy");
    memmove(buf + 2, buf, 8);
    check(memcmp(buf, "ababcdefghklmno", 16) == 0, "memmove-up");
    memmove(buf, buf + 3, 6);
    check(memcmp(buf, "bcdefgefghklmno", 16) == 0, "memmove-down");
    check(memcmp("abc", "abd", 3) < 0 && memcmp("b", "a", 1) > 0, "memcmp");
    check(strlen("") == 0 && strlen(data_text) == 11 && strnlen(data_text, 4) == 4
          && strnlen(data_text, 40) == 11, "strlen");
    check(strcmp("abc", "abd") < 0 && strncmp("abcx", "abcy", 3) == 0, "strcmp");
    check(strchr(data_text, 't') == data_text + 3 && strchr(data_text, 'z') == NULL
          && memchr(data_text, 'l', 11) == data_text + 6, "strchr-memchr");
}

// The image is its own output section in FLASH (sysrom0), 16-aligned, bounded by the
// fragment's symbols, and readable byte by byte in place.
static void check_image(void) {
    uintptr_t at = (uintptr_t)freeze_image;
    check(at >= 0x50000000u && at + sizeof freeze_image <= 0x54000000u && (at & 15) == 0
          && at == (uintptr_t)_frozen_image_start
          && _frozen_image_end - _frozen_image_start == sizeof freeze_image
          && freeze_image[3] == 0x1a && freeze_image[4] == 1, "frozen-image");
}

static jmp_buf jump;

// Deep enough that the callee-saved registers a12-a15 hold live values on the way.
static int dive(int depth, int x) {
    volatile int keep = x * 3;
    if (depth == 0) {
        longjmp(jump, x);
    }
    return depth < 0 ? keep : dive(depth - 1, x + 1) + keep;
}

// longjmp(env, 0) makes setjmp return 1.
static int jump_zero(void) {
    int r = setjmp(jump);
    if (r == 0) {
        longjmp(jump, 0);
    }
    return r;
}

static void check_setjmp(void) {
    volatile int local = 17;
    int r = setjmp(jump);
    if (r == 0) {
        local = 18;
        dive(10, 5);
        check(0, "setjmp");  // not reached
        return;
    }
    check(r == 15 && local == 18 && jump_zero() == 1, "setjmp");
}

static void check_ticks(void) {
    uint32_t t0 = port_ticks_ms();
    uint32_t u0 = port_ticks_us();
    port_delay_ms(20);
    uint32_t t1 = port_ticks_ms();
    uint32_t u1 = port_ticks_us();
    check(t1 - t0 >= 20 && t1 - t0 < 2000 && u1 - u0 >= 20000, "ticks");
}

int main(void) {
    check_memory();
    check_libc();
    check_image();
    check_setjmp();
    check_ticks();
    port_console_write_err("to stderr\n", 10);
    // A failure shows in the status, which run.sh compares with 42.
    return failures == 0 ? 42 : 1;
}
