// SPDX-License-Identifier: MIT
// mpz.h: arbitrary-precision integers with Python's semantics, for the compiler and the VM.
#ifndef RUNTIME_MPZ_H
#define RUNTIME_MPZ_H

/*
 * Design
 * ------
 * A value is sign + magnitude: `dig[0..len)` holds the magnitude in base 2^16, least
 * significant digit first, normalised so that `dig[len-1] != 0`; zero has `len == 0` and is
 * never negative. 16-bit digits keep every inner product in a uint32_t, which a 32-bit MCU
 * multiplies natively.
 *
 * Storage. The library never calls malloc: every function that can produce a value takes an
 * `mpz_alloc_t` (first argument, the library's only state), so the VM backs digits with its
 * GC heap and the compiler with malloc. Caller-sized buffers were the alternative; they were
 * rejected because pow, division and decimal conversion need scratch space whose size only
 * the library knows. Temporaries live in C locals only (a conservative stack scan sees them)
 * and are given back through `free` before returning. An operation builds its result in a
 * fresh block, then frees the result's old digits; `mpz_init_fixed` wraps a caller buffer
 * (say, on the stack) that is never freed or grown: the result is copied into it, and one
 * that does not fit gives MPZ_ERR_NOMEM.
 *
 * Aliasing. A result may be the same mpz_t as any operand (`mpz_add(al, &a, &a, &b)`).
 *
 * Errors. Functions return an mpz_err_t; on error the result holds an unspecified valid value
 * (it can still be cleared). If `alloc` longjmps (a VM raising MemoryError) the temporaries
 * leak to the GC, which is fine there; malloc-backed callers get MPZ_ERR_NOMEM instead.
 *
 * Semantics are MicroPython's (v1.29), checked against the reference VM: floor division and
 * modulo round towards minus infinity, shifts and bitwise operators act on the infinite
 * two's-complement form of negative numbers. Where MicroPython differs from CPython (int()
 * and '_', pow(a, e, m) edge cases, int.to_bytes's range check, float(int) rounding, hash),
 * MicroPython wins, and the function's comment says how.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// MicroPython's own digit size (its MPZ_DIG_SIZE: 32 on x86-64, 16 elsewhere) shows through
// in two places, float(big int) rounding and int.to_bytes's overflow check, so those follow
// the reference built for the same machine; the _mp variants take it as an argument.
#ifndef MPZ_MP_DIG_BITS
#if defined(__x86_64__) || defined(_WIN64)
#define MPZ_MP_DIG_BITS 32
#else
#define MPZ_MP_DIG_BITS 16
#endif
#endif

typedef uint16_t mpz_dig_t;
typedef uint32_t mpz_ddig_t;
#define MPZ_DIG_BITS 16

typedef enum {
    MPZ_OK = 0,
    MPZ_ERR_NOMEM,      // alloc returned NULL, or a fixed buffer is too small
    MPZ_ERR_ZERODIV,    // division or modulo by zero (ZeroDivisionError)
    MPZ_ERR_OVERFLOW,   // result does not fit the C type / double / byte count (OverflowError)
    MPZ_ERR_SYNTAX,     // invalid text for int() (ValueError: invalid syntax for integer ...)
    MPZ_ERR_BASE,       // base not 0 or 2..36 (ValueError: int() arg 2 must be >= 2 and <= 36)
    MPZ_ERR_NEGATIVE,   // negative exponent for mpz_pow (the caller computes a float power)
    MPZ_ERR_VALUE,      // NaN to int (ValueError), pow() 3rd argument 0
} mpz_err_t;

// Where digits come from. `alloc` returns n digits (uninitialised) or NULL; `free` takes back
// a block from `alloc` with its size (may do nothing under a GC); `ctx` is passed through.
typedef struct mpz_alloc {
    mpz_dig_t *(*alloc)(void *ctx, size_t n);
    void (*free)(void *ctx, mpz_dig_t *p, size_t n);
    void *ctx;
} mpz_alloc_t;

typedef struct mpz {
    mpz_dig_t *dig;
    size_t len;            // digits in use; 0 for zero
    // One word for these, so that a big int is one GC block on a 32-bit MCU (its type,
    // dig, len and this), as MicroPython's is.
    uint32_t cap : 30;     // digits available at dig (at most MPZ_CAP_MAX)
    uint32_t neg : 1;      // sign; 0 for zero
    uint32_t fixed : 1;    // dig is the caller's: never freed nor grown
} mpz_t;

#define MPZ_CAP_MAX ((1u << 30) - 1)

// A malloc/free-backed allocator, for host tools (the compiler, tests); hosted builds only.
#if __STDC_HOSTED__
extern const mpz_alloc_t mpz_malloc;
#endif

// ---- life cycle -------------------------------------------------------------------------
void mpz_init(mpz_t *z);                                    // zero, no storage
void mpz_init_fixed(mpz_t *z, mpz_dig_t *buf, size_t cap);  // zero, in the caller's buffer
void mpz_clear(const mpz_alloc_t *al, mpz_t *z);            // give the digits back; z is zero
mpz_err_t mpz_set(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a);

// ---- C integers and doubles -------------------------------------------------------------
mpz_err_t mpz_set_int64(const mpz_alloc_t *al, mpz_t *r, int64_t v);
mpz_err_t mpz_set_uint64(const mpz_alloc_t *al, mpz_t *r, uint64_t v);
// MPZ_ERR_OVERFLOW when a does not fit (then *out is unchanged).
mpz_err_t mpz_to_int64(const mpz_t *a, int64_t *out);
mpz_err_t mpz_to_uint64(const mpz_t *a, uint64_t *out);     // also OVERFLOW for a < 0
// int(float): truncates towards zero. NaN -> MPZ_ERR_VALUE, +-inf -> MPZ_ERR_OVERFLOW.
mpz_err_t mpz_set_double(const mpz_alloc_t *al, mpz_t *r, double d);
// float(int) as MicroPython computes it: Horner's rule in double over MicroPython's digits
// (v = v * 2^bits + digit), so not always correctly rounded. When the result is +-inf the
// return is MPZ_ERR_OVERFLOW (MicroPython itself gives inf: float(2**1024) is inf).
mpz_err_t mpz_to_double(const mpz_t *a, double *out);
mpz_err_t mpz_to_double_mp(const mpz_t *a, unsigned dig_bits, double *out);  // 16 or 32
// The same in float, for single-precision ports (16-bit digits, as MicroPython there).
mpz_err_t mpz_to_float(const mpz_t *a, float *out);

// ---- text -------------------------------------------------------------------------------
// int(text, base) exactly as MicroPython's mp_parse_num_integer: leading/trailing whitespace,
// an optional sign, then for base 0/16/8/2 an optional 0x/0o/0b prefix (either case; base 0
// reads it, none meaning decimal, where a leading 0 then allows only zeros: "010" is
// invalid). Digits are first accumulated as a small int, skipping '_' anywhere; once the
// value reaches 2^small_bits (the VM's small-int magnitude: 62 on a 64-bit port, 30 on a
// 32-bit one) MicroPython re-reads the digits as a big int, and that reader takes no '_'
// (so on a 32-bit port int("1_073_741_824") is invalid). small_bits = MPZ_STR_ANY_UNDERSCORE
// skips '_' everywhere (for the compiler's literal tokens). The whole text must be used.
// info (may be NULL) gets what the ValueError message quotes: "invalid syntax for integer
// with base %d: %r" with info->base, and text from info->start to the end.
typedef struct {
    int base;       // the base for the message (0 for the base-0 leading-zero case)
    size_t start;   // offset of the digits in text (after whitespace, sign and prefix)
} mpz_str_info_t;
#define MPZ_STR_ANY_UNDERSCORE (-1)
mpz_err_t mpz_set_str(const mpz_alloc_t *al, mpz_t *r, const char *text, size_t len, int base,
                      int small_bits, mpz_str_info_t *info);

#define MPZ_STR_PREFIX 0x1  // write 0x / 0o / 0b (after the sign), as hex() / oct() / bin()
#define MPZ_STR_UPPER  0x2  // A-F for hex digits (and 0X prefix)
// Bytes needed for mpz_to_str's output, sign, prefix and NUL included (an upper bound).
size_t mpz_str_size(const mpz_t *a, int base, unsigned flags);
// Writes a in base 2..36 (fast paths for 2, 8, 16; subquadratic-ish for 10) into buf[0..size),
// NUL-terminated; *len gets the length without the NUL. MPZ_ERR_NOMEM if size is too small
// (use mpz_str_size) or scratch allocation fails.
mpz_err_t mpz_to_str(const mpz_alloc_t *al, const mpz_t *a, int base, unsigned flags,
                     char *buf, size_t size, size_t *len);

// ---- comparison and properties ----------------------------------------------------------
int mpz_cmp(const mpz_t *a, const mpz_t *b);                // <0, 0, >0
int mpz_cmp_int64(const mpz_t *a, int64_t v);
static inline bool mpz_is_zero(const mpz_t *a) { return a->len == 0; }
static inline bool mpz_is_neg(const mpz_t *a) { return a->neg; }
size_t mpz_bit_length(const mpz_t *a);                      // int.bit_length(): of |a|
// hash(a) is a modulo 2^64 as two's complement; MicroPython then stores it as a small int,
// keeping the low small_bits + 1 bits sign-extended (31 on a 32-bit port: hash(2**31 - 1)
// is -1; 63 on a 64-bit one). For small ints the hash is the value itself.
uint64_t mpz_hash(const mpz_t *a);
// That stored value: the low small_bits + 1 bits of mpz_hash, sign-extended.
int64_t mpz_hash_small(const mpz_t *a, unsigned small_bits);

// ---- arithmetic -------------------------------------------------------------------------
mpz_err_t mpz_neg(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a);
mpz_err_t mpz_abs(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a);
mpz_err_t mpz_add(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b);
mpz_err_t mpz_sub(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b);
mpz_err_t mpz_mul(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b);
// Floor division: q = a // b, m = a % b (sign of b). Either q or m may be NULL, not both
// aliasing each other. b == 0 -> MPZ_ERR_ZERODIV.
mpz_err_t mpz_divmod(const mpz_alloc_t *al, mpz_t *q, mpz_t *m, const mpz_t *a, const mpz_t *b);
mpz_err_t mpz_floordiv(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b);
mpz_err_t mpz_mod(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b);
// a ** e, e >= 0 (negative -> MPZ_ERR_NEGATIVE: the caller turns it into a float power).
mpz_err_t mpz_pow(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *e);
// pow(a, e, m) as MicroPython computes it: m == 0 gives MPZ_ERR_VALUE (ValueError "divide by
// zero"); 0 when a == 0, e < 0 or |m| == 1 (pow(0, 0, 7) == 0); 1 when e == 0, unreduced
// (pow(-7, 0, -10) == 1); otherwise a**e floor-modulo m, in m's sign.
mpz_err_t mpz_powmod(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *e,
                     const mpz_t *m);

// ---- bits -------------------------------------------------------------------------------
mpz_err_t mpz_shl(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, size_t n);
mpz_err_t mpz_shr(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, size_t n);  // floor(a/2^n)
mpz_err_t mpz_and(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b);
mpz_err_t mpz_or(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b);
mpz_err_t mpz_xor(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a, const mpz_t *b);
mpz_err_t mpz_invert(const mpz_alloc_t *al, mpz_t *r, const mpz_t *a);         // ~a == -a-1

// ---- bytes (int.from_bytes / int.to_bytes) ----------------------------------------------
// is_signed reads the bytes as two's complement. MicroPython's int.from_bytes has no signed
// argument (a third positional one is ignored, signed= is a TypeError): pass false to match.
mpz_err_t mpz_from_bytes(const mpz_alloc_t *al, mpz_t *r, const uint8_t *buf, size_t n,
                         bool big_endian, bool is_signed);
// Writes the two's-complement form of a into exactly n bytes (buf always gets the low n
// bytes). MPZ_ERR_OVERFLOW ("buffer too small") follows MicroPython, whose check depends on
// how the VM holds the value and ignores is_signed:
//  - a big int (mpz_to_bytes): the bytes of its MicroPython digits beyond n must all be zero
//    in the two's-complement form, so with 16-bit digits -2**64 does not fit 9 bytes (its
//    digits give 10, the last 0xff) while 2**64 does; (128).to_bytes(1, 'big', True) is b'\x80';
//  - a small int (mpz_int_to_bytes): -2^(8n-1) <= v < 2^(8n) must hold, so
//    (-1).to_bytes(2, 'big') is b'\xff\xff' and (-129).to_bytes(1, 'big') overflows.
mpz_err_t mpz_to_bytes(const mpz_t *a, uint8_t *buf, size_t n, bool big_endian, bool is_signed);
mpz_err_t mpz_to_bytes_mp(const mpz_t *a, uint8_t *buf, size_t n, bool big_endian,
                          unsigned dig_bits);
mpz_err_t mpz_int_to_bytes(int64_t v, uint8_t *buf, size_t n, bool big_endian);

#endif // RUNTIME_MPZ_H
