// SPDX-License-Identifier: MIT
// portconfig.h: the runtime's configuration for xtensa-qemu (given to every file with -include).
#ifndef XQ_PORTCONFIG_H
#define XQ_PORTCONFIG_H

// The ESP32-S3 has a single-precision FPU and no double unit: floats are IEEE singles,
// as MicroPython's ESP32 port has them (the image's float kind says so too).
#define CONFIG_FLOAT_DOUBLE 0
// libc/specialf.c has erff, erfcf, tgammaf and lgammaf.
#define CONFIG_MATH_SPECIAL 1

// The stack is the linker script's _stack_size; main.c sets the limit from it, leaving
// this much for the C code below the last check (a raise, a print, a collection).
#define XQ_STACK_HEADROOM (6 * 1024)

#endif // XQ_PORTCONFIG_H
