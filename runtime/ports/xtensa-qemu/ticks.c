// SPDX-License-Identifier: MIT
// ticks.c: the tick source: the CCOUNT cycle counter, widened to 64 bits.
#include "runtime/ports/xtensa-qemu/xqport.h"

// QEMU runs every Xtensa core's CCOUNT at 40 MHz of virtual time (its default clock for
// cores that name none, the lx106 among them; measured: 20.6M cycles in 0.52 s).
#define TICKS_HZ 40000000u

/*
 * CCOUNT is 32 bits and wraps every 107 s. Each read adds the cycles since the last
 * read to a 64-bit count, which stays right as long as something reads the clock at
 * least once per wrap: the VM does (ticks, sleeps), and a CCOMPARE interrupt would
 * only be needed for a program that computes for minutes without looking at time.
 */
static uint32_t last_ccount;
static uint64_t cycles;

static uint32_t read_ccount(void) {
    uint32_t v;
    __asm__ volatile("rsr.ccount %0" : "=a"(v));
    return v;
}

static uint64_t now_cycles(void) {
    uint32_t c = read_ccount();
    cycles += (uint32_t)(c - last_ccount);
    last_ccount = c;
    return cycles;
}

void ticks_init(void) {
    last_ccount = read_ccount();
    cycles = 0;
}

uint32_t port_ticks_us(void) {
    return (uint32_t)(now_cycles() / (TICKS_HZ / 1000000u));
}

uint32_t port_ticks_ms(void) {
    return (uint32_t)(now_cycles() / (TICKS_HZ / 1000u));
}

void port_delay_ms(uint32_t ms) {
    uint64_t end = now_cycles() + (uint64_t)ms * (TICKS_HZ / 1000u);
    while (now_cycles() < end) {
    }
}
