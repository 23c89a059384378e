// SPDX-License-Identifier: MIT
// image.h: the frozen image format (the one definition) and the runtime's reader of it.
#ifndef RUNTIME_IMAGE_H
#define RUNTIME_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * A frozen image is one contiguous, position-independent block that the runtime reads
 * in place (from flash, a linked-in array or a mapped file). Every field is little-endian
 * and every offset counts from the first byte of the image, so the same bytes work on a
 * 64-bit host and a 32-bit MCU (word-sized tables use the target's word_bytes). Layout,
 * format version 10 (version 9 kept a u16 hash per name pool entry, the pool sorted by
 * hash, and 6-byte code records with the aux and first_child fields; version 8 had 8-byte code records with a 24-bit code offset, and a
 * frozen module's objects in flash before its code; version 7 had a 24-byte frozen
 * module header with a magic and an end record after a module's code records; version 6
 * had 16-byte index entries with NUL-terminated names in
 * the names area only, a pool of u32 offsets, and every float's .mpy text; version 5 had a 56-byte frozen module header of u32 fields, 12-byte
 * code records in .mpy order with a child table, and a name pool in first-use order with
 * an 8-byte entry and a hash table; version 4 had no
 * big ints in flash; version 3 had 32-bit code fields and no defaults store in its code
 * records; version 2 stored each prelude decoded, in a 32-byte record):
 *
 *   header     IMAGE_HEADER_SIZE bytes (the header_size field says how many; later
 *              versions append fields and readers skip what they do not know)
 *   index      n_modules entries of IMAGE_ENTRY_SIZE bytes, sorted by name (bytewise,
 *              a shorter name before its extensions), for binary search
 *   names      the module names no pool string holds (below), one after the other
 *   data       per-module data, each aligned to the target's word or, if larger, its
 *              float (image_data_align; at least IMAGE_DATA_ALIGN): either the module's .mpy
 *              verbatim (IMAGE_FLAG_MPY), or its frozen form (IMAGE_MOD_FROZEN, below)
 *   pool       the image-wide deduplicated name pool (IMAGE_FLAG_POOL), below
 *
 * Header fields:
 *
 *   off size field
 *     0   4  magic           'F' 'R' 'Z' 0x1a (the ^Z catches text-mode mangling)
 *     4   2  version         IMAGE_VERSION; a reader refuses any other value
 *     6   2  header_size     bytes of header; >= IMAGE_HEADER_SIZE, a multiple of 4
 *     8   4  total_len       bytes of the whole image, header included
 *    12   4  crc32           CRC-32 (IEEE 802.3, as zlib's crc32) of the whole image with
 *                            this field left out: bytes [0, 12) then [16, total_len)
 *    16  16  build_id        first 16 bytes of the SHA-256 of the image taken with crc32
 *                            and build_id zeroed: equal inputs give equal ids
 *    32   1  target          IMAGE_TARGET_*: what the image was built for
 *    33   1  word_bytes      machine word of the target: 4 or 8
 *    34   1  small_int_bits  widest small int the bytecode assumes (.mpy header byte 3);
 *                            a runtime with fewer bits refuses the image
 *    35   1  float_kind      IMAGE_FLOAT_*
 *    36   4  flags           IMAGE_FLAG_*: features the image uses; a reader refuses a
 *                            flag it does not know (IMAGE_FLAGS_KNOWN)
 *    40   4  n_modules
 *    44   4  index_off
 *    48   4  main            index entry of the module run at boot, IMAGE_NO_MAIN if none
 *    52   4  names_off
 *    56   4  pool_off        0: no pool
 *    60   4  pool_len
 *    64   4  qstr_base       qstr number of pool entry 0 (IMAGE_QSTR_BASE)
 *    68   4  n_builtin       qstrs the runtime defines itself (MP_QSTR_NUM_BUILTIN of the
 *                            runtime it was frozen for: those names are used by number and
 *                            left out of the pool); a runtime with another count refuses
 *                            frozen modules
 *
 * Index entry (IMAGE_ENTRY_SIZE bytes):
 *
 *     0   4  name_off        offset of the module's name: name_len bytes, no NUL
 *     4   4  data_off|flags  offset of the module data (IMAGE_DATA_ALIGN-aligned; 0 for
 *                            none) in the high bits, IMAGE_MOD_* in the low 2
 *     8   3  data_len        bytes of the data (under 16 MiB); 0 for a namespace package
 *                            (a directory with no __init__.py)
 *    11   1  name_len        bytes of the name, 1 to 255
 *
 *   A name is the dotted module name ("sensors.bme280") in which '/' stands for '.':
 *   either in the names area, or inside the pool string that names a frozen module's
 *   source file ("sensors/bme280.py", "sensors/__init__.py" for package "sensors"), so
 *   the name is not stored twice. Names compare bytewise with '/' read as '.'.
 *
 * Name pool (at pool_off, 4-aligned): every string a frozen module names or holds as a str
 * constant, once, that is not a runtime built-in qstr. Pool entry i is qstr number
 * qstr_base + i, so the runtime interns nothing at import. Entries are sorted by length,
 * then bytes (image_pool_order, strictly increasing), so a string is found by binary
 * search; no hash is stored (a str's hash is computed from its bytes when asked):
 *
 *     0   2  n               entries
 *     2   1  off_bytes       2 (a pool of under 64 KiB) or 4: the width of an offset
 *     3   1  0
 *     4  (n+1) offsets       off_bytes each, from the pool's first byte: entry i's
 *                            string is [off[i], off[i+1] - 1), NUL-terminated (it may
 *                            hold NULs)
 *            strings         in entry order
 *   (2 bytes an entry besides its string and NUL, 4 in a pool of 64 KiB or more.)
 *
 * Frozen module (IMAGE_MOD_FROZEN; data_off IMAGE_DATA_ALIGN-aligned, offsets below from
 * the module's first byte; W = word_bytes). A header of two bytes and six vuints (the
 * .mpy's unsigned ints: 7 bits a byte, most significant first, 0x80 on all but the last
 * byte), padded to an even length (hdr_len); the parts follow it in this order, and
 * where each starts is derived (image_fmod_read):
 *
 *     0   1  tag             IMAGE_FMOD_TAG (a .mpy starts with 'M': the loader tells
 *                            the two forms apart by it)
 *     1   1  small_int_bits  byte 3 of the .mpy it was made from (its byte 2, the
 *                            features, is 0: bytecode only), for freeze inspect, which
 *                            rebuilds the .mpy
 *     2      n_qstr          vuint: entries of the qstr table
 *            n_obj           vuint: entries of the constant table
 *            n_rc            vuint: code blocks (0 is the module's top level)
 *            n_defs          vuint: words of the module's defaults store (below)
 *            n_fdefs         vuint: words of the flash defaults (below)
 *            cold_len        vuint: bytes of the cold stream (a module with 64 KiB or
 *                            more of constants built at import stays a .mpy)
 *            0               to an even length (a byte, or none)
 *
 *   qstr table    at hdr_len: n_qstr u16 qstr numbers, the table the bytecode's
 *                 qstr arguments index
 *   constants     at the next W boundary: n_obj W-byte object words: a str is its pool
 *                 qstr (OBJ_NEW_QSTR), None/False/True their immediates; a bytes, a
 *                 float and a tuple whose items are all immediates (None, False, True,
 *                 pool qstrs, small ints of the target) are objects in flash, named by
 *                 IMAGE_ROM_REF(offset from the module's first byte), and so is a big
 *                 int; the j-th constant the loader builds (complex, other tuples,
 *                 Ellipsis, a str too long for the pool, a float on a target without
 *                 floats) is IMAGE_COLD_REF(n_defs + j), the context word it is kept
 *                 in ...
 *   cold stream   right after: ... those constants in order, each in its .mpy encoding
 *                 (the runtime keeps them in the module's context, after its defaults
 *                 store; the table stays in flash)
 *   flash defs    at the next W boundary: n_fdefs W-byte words: immediates (None,
 *                 False, True, pool qstrs, small ints) or objects in flash
 *                 (IMAGE_ROM_REF, as in the constant table); the defaults of the code
 *                 blocks whose def pushes only such constants (or names the body last
 *                 set to one: a guess the runtime checks)
 *   records       right after: n_rc + 1 records of IMAGE_FRC_SIZE bytes (the last one
 *                 is where the code ends: code_end)
 *   code          right after: each code block's prelude and bytecode, then its tail
 *                 (below), in record order, up to code_end
 *   rom           at the next image_data_align(W, float_kind) boundary after code_end:
 *                 the objects in flash (below), up to the module's end (data_len)
 *
 *   Object in flash (at an aligned offset in the rom part): the runtime's own
 *   layout of the object (runtime/obj.h), W-byte fields, except that the type word is
 *   an IMAGE_ROM_* number (the runtime maps it to its type) and that nothing in it is a
 *   pointer, so it works wherever the image lies:
 *     bytes  kind, hash 0, len, data 0 (the bytes follow), then len bytes and a NUL
 *     tuple  kind, len, then len W-byte immediate words
 *     float  kind, then the value in the image's float_kind (4 or 8 bytes) at offset
 *            max(W, its size), up to the next W boundary. Kind IMAGE_ROM_FLOAT: the
 *            constant's .mpy text is the compiler's text of the value (mpy_float_text of
 *            the value as a double); IMAGE_ROM_FLOAT_TEXT: it is not (a single-precision
 *            value, say), and the constant's .mpy encoding follows at that boundary (for
 *            freeze inspect --extract; the runtime does not read it)
 *     int    kind, len, neg (0 or 1), then len u16 digits of the magnitude, least
 *            significant first, the last one not 0: an int too big for a small int of
 *            the target (the runtime reads it as an mpz whose digits are these)
 *
 *   Raw code records: n_rc records of IMAGE_FRC_SIZE bytes, in breadth-first order of
 *   the code tree (0 is the module's top level), so each block's children are
 *   consecutive records. A record is one u16: IMAGE_FRC_PARENT if the block has
 *   children, and where its bytes start, counted from the end of the records (under
 *   IMAGE_FRC_CODE_LIMIT; record 0's is 0). The blocks are laid out in record order, one
 *   after the other: a block's bytes run to the next record's start; record n_rc, which
 *   has no block and no flag, is where the last one's end (code_end). They are its code
 *   (prelude + bytecode exactly as the compiler emitted them, its qstr arguments, simple
 *   name and argument names indexing the qstr table; the runtime decodes the prelude
 *   from these bytes), then its tail:
 *     aux           image_frc_aux_bytes of the block's prelude: for a block with
 *                   positional defaults (n_def_pos_args), u16: 1 + where those words
 *                   start in the defaults store, or IMAGE_FRC_FLASH_DEFS | how many
 *                   words before the records they start in the flash defaults (its
 *                   defaults are constant immediates; at least n_def_pos_args), or 0
 *                   (none kept); for a block that takes no arguments
 *                   (a module or class body), u8: the distinct names its STORE_NAMEs
 *                   store, at most 255, by which the runtime sizes a module's globals
 *                   or a class's namespace once (a size hint, not checked); else none
 *     first_child   u16, a parent's only, the tail's last bytes (so MAKE_FUNCTION
 *                   reads it without the prelude): the record number of its first
 *                   child. The parents' first children rise: a parent's children run
 *                   to the next parent's first child, the last parent's to n_rc. So
 *                   they are 1 for the first parent, never less than their parent's
 *                   record + 1, and the children ranges split 1 .. n_rc - 1
 *   A module whose code does not fit these fields (code that ends 32 KiB or more past
 *   the records, more than 65,535 code blocks, 32,767 words of defaults) stays a
 *   .mpy. The .mpy loader writes records of its own on the heap (runtime/bc.h: a 32-bit
 *   code offset, aux and first_child), a block's children consecutive too, but in its
 *   own order (it reads code lengths and children counts from the .mpy).
 *
 *   Defaults store: n_defs words that the runtime keeps with the module (on the heap,
 *   zeroed). The first function made of a code block with positional defaults only
 *   keeps them there and is an immediate word like a function without defaults
 *   (runtime/rawcode.c); the .mpy loader assigns the same fields to its own records.
 *   A code block whose defaults are constants the freezer saw pushed before its
 *   MAKE_FUNCTION_DEFARGS has them in the flash defaults instead: its first function is
 *   an immediate if the defaults it is made with are those words, and costs nothing.
 *
 * Growth: a compatible change (the qstr pool, say) appends header fields (header_size
 * grows), sets a new flag and keeps the version, so an older runtime refuses the image
 * by its flag and a newer one reads both. The version changes only when fields move.
 *
 * The C symbol and section names below are also spelt in linker-scripts/ (see there).
 */

#define IMAGE_MAGIC0 'F'
#define IMAGE_MAGIC1 'R'
#define IMAGE_MAGIC2 'Z'
#define IMAGE_MAGIC3 0x1a
#define IMAGE_VERSION 10
#define IMAGE_HEADER_SIZE 72
#define IMAGE_ENTRY_SIZE 12
#define IMAGE_CRC_START 16       // the CRC covers [0, IMAGE_OFF_CRC) and [IMAGE_CRC_START, total_len)
#define IMAGE_BUILD_ID_LEN 16
#define IMAGE_DATA_ALIGN 4        // the least module data alignment (image_data_align)
#define IMAGE_NO_MAIN 0xffffffffu

// Header field offsets.
#define IMAGE_OFF_VERSION 4
#define IMAGE_OFF_HEADER_SIZE 6
#define IMAGE_OFF_TOTAL_LEN 8
#define IMAGE_OFF_CRC 12
#define IMAGE_OFF_BUILD_ID 16
#define IMAGE_OFF_TARGET 32
#define IMAGE_OFF_WORD_BYTES 33
#define IMAGE_OFF_SMALL_INT_BITS 34
#define IMAGE_OFF_FLOAT_KIND 35
#define IMAGE_OFF_FLAGS 36
#define IMAGE_OFF_N_MODULES 40
#define IMAGE_OFF_INDEX 44
#define IMAGE_OFF_MAIN 48
#define IMAGE_OFF_NAMES 52
#define IMAGE_OFF_POOL 56
#define IMAGE_OFF_POOL_LEN 60
#define IMAGE_OFF_QSTR_BASE 64
#define IMAGE_OFF_N_BUILTIN 68

// The name pool and frozen modules (see above).
#define IMAGE_QSTR_BASE 0x8000u  // run-time qstrs stay below; pool entries from here
#define IMAGE_POOL_HDR 4
#define IMAGE_POOL_MAX 0x7fffu   // entries: qstr numbers stay below 0x10000
#define IMAGE_POOL_OFF_BYTES 2    // the pool header's off_bytes byte
#define IMAGE_POOL_SHORT 0x10000u  // a pool shorter than this has 2-byte offsets
#define IMAGE_FMOD_TAG 'f'
#define IMAGE_FMOD_HDR_MIN 8         // two bytes and six one-byte vuints
#define IMAGE_FMOD_OFF_COUNTS 2      // the vuints, from here
// Frozen module header field offsets (see above).
#define IMAGE_FMOD_OFF_SMALL_INT 1    // 1 byte
#define IMAGE_FMOD_MAX_COLD 0xffffu
#define IMAGE_FMOD_MAX_COUNT 0xffffu  // qstrs, constants, code blocks of a frozen module
#define IMAGE_FRC_SIZE 2
#define IMAGE_FRC_MAX_RECORDS IMAGE_FMOD_MAX_COUNT  // code blocks of a frozen module

// Index entry field offsets.
#define IMAGE_ENT_NAME_OFF 0
#define IMAGE_ENT_DATA_OFF 4      // u32: data_off | flags
#define IMAGE_ENT_DATA_LEN 8      // u32: data_len | name_len << 24
#define IMAGE_ENT_FLAGS_MASK 0x3u
#define IMAGE_ENT_MAX_DATA 0xffffffu
#define IMAGE_ENT_MAX_NAME 0xffu

// The section and symbols freeze's C and ELF writers give the image.
#define IMAGE_SECTION ".rodata.frozen"
#define IMAGE_SYMBOL "freeze_image"
#define IMAGE_LEN_SYMBOL "freeze_image_len"

// What freeze's C and ELF writers define: the image bytes, 16-aligned, in IMAGE_SECTION,
// and its length as a uint32_t (the same width on every target, for the ELF writer).
extern const uint8_t freeze_image[];
extern const uint32_t freeze_image_len;

enum {
    IMAGE_TARGET_HOST = 0,
    IMAGE_TARGET_XTENSA_QEMU = 1,
    IMAGE_TARGET_ESP32S3 = 2,
};

enum {
    IMAGE_FLOAT_NONE = 0,
    IMAGE_FLOAT_SINGLE = 1,
    IMAGE_FLOAT_DOUBLE = 2,
};

// Header flags.
#define IMAGE_FLAG_MPY 0x1u      // some module data are .mpy files, read by the .mpy loader
#define IMAGE_FLAG_POOL 0x2u     // a name pool and frozen modules (IMAGE_MOD_FROZEN)
#define IMAGE_FLAGS_KNOWN (IMAGE_FLAG_MPY | IMAGE_FLAG_POOL)  // every flag this reader knows

// Module flags.
#define IMAGE_MOD_PACKAGE 0x1u   // a package: its __init__.py, or a namespace (data_len 0)
#define IMAGE_MOD_FROZEN 0x2u    // data in the frozen form (else a .mpy)

// What image_open and image_check_target report; image_error_text names each.
typedef enum {
    IMAGE_OK = 0,
    IMAGE_ERR_SHORT,      // fewer bytes than a header, or than total_len says
    IMAGE_ERR_MAGIC,
    IMAGE_ERR_VERSION,
    IMAGE_ERR_HEADER,     // header_size or total_len impossible
    IMAGE_ERR_CRC,
    IMAGE_ERR_INDEX,      // an index entry, name or data range outside the image
    IMAGE_ERR_ORDER,      // index not strictly sorted by name
    IMAGE_ERR_MAIN,       // main index out of range
    IMAGE_ERR_WORD,       // built for another word size
    IMAGE_ERR_SMALL_INT,  // needs more small-int bits than the runtime has
    IMAGE_ERR_FLOAT,      // built for another float kind
    IMAGE_ERR_FEATURE,    // uses a feature flag this runtime does not know
} image_err_t;

// The parameters of a runtime, compared with an image's by image_check_target.
typedef struct {
    uint8_t word_bytes;
    uint8_t small_int_bits;
    uint8_t float_kind;
} image_target_t;

// A checked image. It points into the caller's buffer, which must outlive it.
typedef struct {
    const uint8_t *base;
    uint32_t len;             // total_len from the header
    uint32_t header_size;
    uint32_t n_modules;
    uint32_t index_off;
    uint32_t main;
    uint32_t flags;
    uint32_t pool_off;        // the name pool, if flags has IMAGE_FLAG_POOL
    uint32_t pool_len;
    uint8_t target;
    image_target_t params;
} image_t;

// One module of an image; name and data point into the image.
typedef struct {
    const char *name;         // name_len bytes, no NUL; '/' stands for '.' (image_name_copy)
    size_t name_len;
    uint16_t flags;
    const uint8_t *data;
    size_t data_len;
} image_module_t;

// Checks the header, the CRC and every index entry of buf[0..len) (len may exceed the
// image, e.g. a whole flash partition) and fills *img. Lookups need no further checks.
image_err_t image_open(image_t *img, const uint8_t *buf, size_t len);

// Whether a runtime with the parameters *rt can run img.
image_err_t image_check_target(const image_t *img, const image_target_t *rt);

// A constant English sentence for err, for the runtime to print.
const char *image_error_text(image_err_t err);

// Module number i (0 <= i < n_modules), in index (name) order.
void image_module_at(const image_t *img, uint32_t i, image_module_t *out);

// Binary search for the dotted name[0..len); returns 1 and fills *out if found, else 0.
int image_find(const image_t *img, const char *name, size_t len, image_module_t *out);

// Fills *out with the main module; returns 0 if the image has none.
int image_main(const image_t *img, image_module_t *out);

// m's dotted name, NUL-terminated, in buf of cap bytes (cut to fit); returns buf.
char *image_name_copy(const image_module_t *m, char *buf, size_t cap);

// Continues a CRC-32 (start with crc 0); a nibble at a time with a 64-byte table, since
// the MCU runtime cannot link zlib. Equals zlib's crc32(crc, p, n).
uint32_t image_crc32(uint32_t crc, const uint8_t *p, size_t n);

// Little-endian field readers, safe at any alignment.
static inline uint32_t image_rd16(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}
static inline uint32_t image_rd32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

// Little-endian field writers (the freezer's, and the .mpy loader's code records).
static inline void image_wr16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void image_wr32(uint8_t *p, uint32_t v) {
    image_wr16(p, v & 0xffff);
    image_wr16(p + 2, v >> 16);
}

// The same for a 4-aligned field (a code record): one load on a little-endian machine.
static inline uint32_t image_rd32_aligned(const uint8_t *p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
#else
    return image_rd32(p);
#endif
}

// Objects in flash: their type numbers and the constant word that names one.
#define IMAGE_ROM_BYTES 1u
#define IMAGE_ROM_TUPLE 2u
#define IMAGE_ROM_FLOAT 3u
#define IMAGE_ROM_INT 4u
#define IMAGE_ROM_FLOAT_TEXT 5u      // a float whose .mpy text does not follow from its value
#define IMAGE_ROM_KINDS 6u           // type words below this are IMAGE_ROM_* numbers
// On unsigned integers of the caller's width: the runtime's uintptr_t of an object word,
// the freezer's uint64_t of a target word (8-byte words on any host).
#define IMAGE_ROM_REF(off) ((uint64_t)(off) << 5 | 0x0e)  // off > 0: never False (0x0e)
#define IMAGE_IS_ROM_REF(w) (((w) & 0x1f) == 0x0e && (w) > 0x1f)
#define IMAGE_ROM_REF_OFF(w) ((size_t)((w) >> 5))
// A constant-table word for word j of the module's context after its made bits: the
// defaults store, then the constants the runtime builds from the cold stream (j >= n_defs).
#define IMAGE_COLD_REF(j) (((uint64_t)(j) + 1) << 5 | 0x16)  // True's tag, j + 1 above it
#define IMAGE_IS_COLD_REF(w) (((w) & 0x1f) == 0x16 && (w) > 0x1f)
#define IMAGE_COLD_REF_INDEX(w) ((size_t)((w) >> 5) - 1)

// Bytes of a float of kind float_kind (IMAGE_FLOAT_*; 0 for none).
static inline unsigned image_float_bytes(unsigned float_kind) {
    return float_kind == IMAGE_FLOAT_DOUBLE ? 8 : float_kind == IMAGE_FLOAT_SINGLE ? 4 : 0;
}

// How the freezer aligns module data for words of w bytes and floats of float_kind: a
// frozen module's words and floats are then aligned where they lie. 8 on the host, 4 on
// a 32-bit target with single floats.
static inline unsigned image_data_align(unsigned w, unsigned float_kind) {
    unsigned fsize = image_float_bytes(float_kind);
    return fsize > w ? fsize : w;
}

// A float in flash for words of w bytes and a value of fsize bytes: where its value and,
// after it, its .mpy encoding start.
static inline size_t image_rom_float_value(size_t w, size_t fsize) {
    return fsize > w ? fsize : w;
}
static inline size_t image_rom_float_enc(size_t w, size_t fsize) {
    return (image_rom_float_value(w, fsize) + fsize + w - 1) / w * w;
}

// A code record (the layout is above) and the bytes it bounds.
typedef struct {
    uint32_t code_off;     // where the block's code starts, from the module's first byte
    uint32_t end;          // where its tail ends: the next block's code_off, or code_end
    bool parent;           // it has children: its tail ends with first_child
} image_frc_t;

#define IMAGE_FRC_PARENT 0x8000u
#define IMAGE_FRC_CODE_LIMIT 0x8000u      // a block's start and code_end, past the records
#define IMAGE_FRC_NAMES_MAX 0xffu
#define IMAGE_FRC_DEFS_LIMIT 0x8000u      // store words, and flash defaults words
#define IMAGE_FRC_FLASH_DEFS 0x8000u      // the defaults' flag: in flash

// Bytes of the aux field that starts a code block's tail, from its prelude: 2 for a block
// with positional defaults, 1 (its names count) for one that takes no arguments (no
// positional or keyword-only ones, no *args or **kwargs: scope flags 0x04 and 0x02,
// runtime/mpy.h), else 0.
static inline unsigned image_frc_aux_bytes(uint32_t n_pos_args, uint32_t n_kwonly_args,
                                           uint32_t n_def_pos_args, uint32_t scope_flags) {
    if (n_def_pos_args > 0) {
        return 2;
    }
    return n_pos_args == 0 && n_kwonly_args == 0 && (scope_flags & 0x06) == 0 ? 1 : 0;
}

// Record i (< n_rc) of the records at recs, for blocks whose bytes start at code_base
// (the end of the records, from the module's first byte); unchecked: the reader checks
// them.
static inline void image_frc_read(const uint8_t *recs, uint32_t code_base, uint32_t i, image_frc_t *r) {
    uint32_t v = image_rd16(recs + (size_t)i * IMAGE_FRC_SIZE);
    r->parent = (v & IMAGE_FRC_PARENT) != 0;
    r->code_off = code_base + (v & ~IMAGE_FRC_PARENT);
    r->end = code_base + (image_rd16(recs + ((size_t)i + 1) * IMAGE_FRC_SIZE) & ~IMAGE_FRC_PARENT);
}

// Whether first, the first child of parent record i of n_rc, keeps the records a tree
// (above): after i, and at or after next (1 before the first parent, where first must be
// 1; else the previous parent's first child + 1, as each parent has a child at least).
static inline bool image_frc_first_child_ok(uint32_t first, uint32_t i, uint32_t next, uint32_t n_rc) {
    return first > i && first >= next && first < n_rc && (next != 1 || first == 1);
}

// Bytes of the tail of a block read as r whose aux field takes aux_bytes.
static inline uint32_t image_frc_tail(const image_frc_t *r, unsigned aux_bytes) {
    return aux_bytes + (r->parent ? 2 : 0);
}

// The name pool at pool (runtime/image.h "Name pool"): n entries; the width of its
// offsets (which start at IMAGE_POOL_HDR).
static inline uint32_t image_pool_count(const uint8_t *pool) {
    return image_rd16(pool);
}
static inline unsigned image_pool_off_bytes(const uint8_t *pool) {
    return pool[IMAGE_POOL_OFF_BYTES];
}
// Offset i of the pool's offsets (i <= n).
static inline uint32_t image_pool_off(const uint8_t *pool, size_t i) {
    unsigned w = image_pool_off_bytes(pool);
    const uint8_t *o = pool + IMAGE_POOL_HDR + (size_t)w * i;
    return w == 2 ? image_rd16(o) : image_rd32(o);
}
// Entry i's string and its length (the caller has i < n; image_open checked the pool).
static inline const char *image_pool_str(const uint8_t *pool, size_t i, size_t *len) {
    uint32_t start = image_pool_off(pool, i);
    *len = image_pool_off(pool, i + 1) - start - 1;
    return (const char *)pool + start;
}
// The pool's order: the shorter string first, then bytewise (negative, 0 or positive).
static inline int image_pool_order(const char *a, size_t alen, const char *b, size_t blen) {
    if (alen != blen) {
        return alen < blen ? -1 : 1;
    }
    return alen == 0 ? 0 : memcmp(a, b, alen);
}

// A frozen module's header with the offsets it implies (the layout is above). Offsets
// are 64-bit so that a corrupt header cannot wrap them; the reader checks them.
typedef struct {
    uint32_t n_qstr, n_obj, n_rc, n_defs, n_fdefs, cold_len, hdr_len;
    uint64_t qstr_off, obj_off, cold_off, fdefs_off, rc_off, code_off, code_end, rom_off;
    uint8_t small_int_bits;
} image_fmod_t;

static inline uint64_t image_align(uint64_t off, unsigned a) {
    return (off + a - 1) / a * a;
}

// The vuint at *p, before end; false if it runs past end or over 32 bits.
static inline bool image_rd_vuint(const uint8_t **p, const uint8_t *end, uint32_t *v) {
    uint64_t x = 0;
    for (unsigned n = 0; *p < end && n < 5; n++) {
        uint8_t b = *(*p)++;
        x = x << 7 | (b & 0x7f);
        if (!(b & 0x80)) {
            *v = (uint32_t)x;
            return x <= UINT32_MAX;
        }
    }
    return false;
}

// Reads the header of the len-byte module at m for w-byte words and the image's
// float_kind; false if its fields run past len (the offsets are the reader's to check).
static inline bool image_fmod_read(const uint8_t *m, size_t len, unsigned w, unsigned float_kind,
                                   image_fmod_t *f) {
    const uint8_t *p = m + IMAGE_FMOD_OFF_COUNTS, *end = m + len;
    if (len < IMAGE_FMOD_HDR_MIN) {
        return false;
    }
    f->small_int_bits = m[IMAGE_FMOD_OFF_SMALL_INT];
    uint32_t *counts[] = {&f->n_qstr, &f->n_obj, &f->n_rc, &f->n_defs, &f->n_fdefs, &f->cold_len};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        if (!image_rd_vuint(&p, end, counts[i])) {
            return false;
        }
    }
    f->hdr_len = (uint32_t)image_align((uint64_t)(p - m), 2);
    f->qstr_off = f->hdr_len;
    f->obj_off = image_align(f->qstr_off + 2 * (uint64_t)f->n_qstr, w);
    f->cold_off = f->obj_off + (uint64_t)w * f->n_obj;
    f->fdefs_off = image_align(f->cold_off + f->cold_len, w);
    f->rc_off = f->fdefs_off + (uint64_t)w * f->n_fdefs;
    f->code_off = f->rc_off + (uint64_t)IMAGE_FRC_SIZE * ((uint64_t)f->n_rc + 1);
    f->code_end = f->code_off;
    if (f->code_off <= len) {  // the last record says where the code ends
        f->code_end += image_rd16(m + f->code_off - IMAGE_FRC_SIZE) & ~IMAGE_FRC_PARENT;
    }
    f->rom_off = image_align(f->code_end, image_data_align(w, float_kind));
    return true;
}

#endif // RUNTIME_IMAGE_H
