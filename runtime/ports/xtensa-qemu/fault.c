// SPDX-License-Identifier: MIT
// fault.c: reports an unexpected exception or interrupt (from vectors.S) and exits.
#include "runtime/ports/xtensa-qemu/xqport.h"

// Special registers are named in the instruction, so each needs its own reader.
static uint32_t rsr_exccause(void) {
    uint32_t v;
    __asm__ volatile("rsr.exccause %0" : "=a"(v));
    return v;
}

static uint32_t rsr_epc1(void) {
    uint32_t v;
    __asm__ volatile("rsr.epc1 %0" : "=a"(v));
    return v;
}

static uint32_t rsr_depc(void) {
    uint32_t v;
    __asm__ volatile("rsr.depc %0" : "=a"(v));
    return v;
}

static uint32_t rsr_excvaddr(void) {
    uint32_t v;
    __asm__ volatile("rsr.excvaddr %0" : "=a"(v));
    return v;
}

static void put(const char *s) {
    size_t n = 0;
    while (s[n] != '\0') {
        n++;
    }
    port_console_write_err(s, n);
}

static void put_hex(uint32_t v) {
    char buf[11];
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 8; i++) {
        buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
    }
    buf[10] = '\0';
    put(buf);
}

static const char *vector_name(uint32_t vector) {
    switch (vector) {
    case 0x10: return "debug exception";
    case 0x20: return "NMI";
    case 0x30: return "kernel exception";
    case 0x50: return "user exception";
    default: return "double exception";
    }
}

// Runs on whatever stack the fault left; uses little of it and never returns.
_Noreturn void fault_report(uint32_t vector) {
    uint32_t cause = rsr_exccause();
    uint32_t pc = vector == 0x70 ? rsr_depc() : rsr_epc1();
    put("xtensa-qemu: fatal ");
    put(vector_name(vector));
    put(": exccause ");
    put_hex(cause);
    put(" pc ");
    put_hex(pc);
    put(" excvaddr ");
    put_hex(rsr_excvaddr());
    put("\n");
    port_exit(PORT_FAULT_STATUS);
}
