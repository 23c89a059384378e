// SPDX-License-Identifier: MIT
// frozen-ref.mjs: what MicroPython's mpy-tool.py freeze would put in flash for a set of
// .mpy files, for a 32-bit port like the ESP32-S3's, measured by compiling a C file of the
// same data structures with the Xtensa compiler. Used by bench/freeze and
// bench/freeze-heap when no MicroPython checkout is at hand (MPY_DIR unset).
//   node frozen-ref.mjs [--cc CC] [--keep FILE.c] FILE.mpy|DIR...
// prints one line per part ("ref PART BYTES") and "ref total BYTES".
//
// The layout follows mpy-tool.py's freeze output and the structures it initialises
// (MicroPython 1.2x, MICROPY_OBJ_REPR_A, 32-bit, single-precision float, MPZ_DIG_SIZE 16,
// a two-byte qstr hash and a one-byte length: the ESP32 ports build at ROM level
// EXTRA_FEATURES, for which py/mpconfig.h sets MICROPY_QSTR_BYTES_IN_HASH to 2):
// - one qstr pool for the image: a six-word header, a u16 hash, a length byte and a
//   string pointer per name, and the name itself with its NUL; names the firmware has
//   built in are not in it (here: the names built into our runtime, so both sides leave
//   out the same ones); a str constant shorter than 25 characters is a name too;
// - per module: its qstr table (u16 each), its object table (a word each), a frozen
//   module record (three words), its file name in the list of names and a pointer to it;
// - per code block: its bytecode bytes as in the .mpy; a block with children also a raw
//   code record (mp_raw_code_truncated_t, three words) and a pointer per child; a block
//   without children is its own bytecode (no record);
// - constants: str (not a name) and bytes as mp_obj_str_t (four words) and their bytes;
//   ints outside mpy-tool's portable small-int range (-0x2000..0x1fff) as mp_obj_int_t
//   (four words) and 16-bit digits; floats as mp_obj_float_t (two words); complex three;
//   tuples as a two-word header and a word per item; empty str, bytes and tuple, None,
//   True, False, Ellipsis and small ints cost nothing.
// Where the reference could be smaller or larger (structure fields a port's options add),
// the smaller choice is made: the estimate errs against us.
import fs from "fs";
import os from "os";
import path from "path";
import { execFileSync } from "child_process";
import { readMpy, staticQstrs, builtinQstrs } from "./mpy.mjs";

const STR_INTERN_THRESHOLD = 25;   // mpy-tool.py's PERSISTENT_STR_INTERN_THRESHOLD
const smallIntFits = (v) => v >= -0x2000n && v <= 0x1fffn;

function mpyFiles(args) {
    const out = [];
    for (const a of args) {
        if (fs.statSync(a).isDirectory()) {
            for (const f of fs.readdirSync(a).sort()) {
                const p = path.join(a, f);
                if (fs.statSync(p).isDirectory()) out.push(...mpyFiles([p]));
                else if (f.endsWith(".mpy")) out.push(p);
            }
        } else {
            out.push(a);
        }
    }
    return out;
}

const floatBits = (text) => new Uint32Array(new Float32Array([Number(text)]).buffer)[0];
const cBytes = (b) => Array.from(b, (x) => "0x" + x.toString(16)).join(",");
const cStr = (b) => '"' + Array.from(b, (x) => "\\x" + x.toString(16).padStart(2, "0")).join("") + '"';

function generate(files) {
    const mods = files.map((f) => readMpy(fs.readFileSync(f)));
    // The image's names: every module's qstrs and its short str constants (as mpy-tool
    // gathers them before freezing), less the built-in ones.
    const known = new Set(staticQstrs);
    const addStrs = (o) => {
        if (o.kind === "str" && [...o.value].length < STR_INTERN_THRESHOLD) known.add(o.value);
        if (o.kind === "tuple") o.value.forEach(addStrs);
    };
    for (const m of mods) {
        m.qstrs.forEach((q) => known.add(q));
        m.objs.forEach(addStrs);
    }
    const pool = [...known].filter((q) => !builtinQstrs.has(q)).sort();
    const c = [];
    c.push("#include <stddef.h>", "#include <stdint.h>",
           "typedef struct { const void *type; } base_t;",
           "typedef struct { base_t base; size_t hash, len; const uint8_t *data; } str_t;",
           "typedef struct { base_t base; size_t neg : 1, fixed_dig : 1, alloc : 30; size_t len; const uint16_t *dig; } int_t;",
           "typedef struct { base_t base; uint32_t value; } float_t_;   /* a float's bits */",
           "typedef struct { base_t base; uint32_t real, imag; } complex_t;",
           "typedef struct { uint8_t indicator[2]; uint8_t kind; _Bool is_generator; const void *fun_data; const void *const *children; } rc_t;",
           "typedef struct { const uint16_t *qstr_table; const void *const *obj_table; const void *proto_fun; } fmod_t;",
           "typedef struct { const void *prev; size_t total_prev_len, alloc, len; const uint16_t *hashes; const uint8_t *lengths; const char *qstrs[]; } pool_t;",
           "extern const base_t type_str, type_bytes, type_int, type_float, type_complex, type_tuple, empty_bytes, empty_tuple, ellipsis;",
           "#define IMM(n) ((const void *)(uintptr_t)(n))");
    if (pool.length) {
        c.push(`const uint16_t pool_hashes[${pool.length}] = {${pool.map((q, i) => i & 0xffff).join(",")}};`);
        c.push(`const uint8_t pool_lengths[${pool.length}] = {${pool.map((q) => Buffer.byteLength(q) & 255).join(",")}};`);
        c.push("const pool_t pool_header = {0, 0, 10, " + pool.length + ", pool_hashes, pool_lengths, {" +
               pool.map((q) => cStr(Buffer.from(q, "utf8"))).join(",") + "}};");
    }
    let n = 0;
    const constObj = (o) => {   // a C expression for the constant; its object, if any, emitted
        const name = "co_" + n++;
        switch (o.kind) {
        case "none": case "false": case "true": return "IMM(" + n + ")";
        case "ellipsis": return "&ellipsis";
        case "str":
        case "bytes": {
            if (o.value.length === 0) return o.kind === "str" ? "IMM(1)" : "&empty_bytes";
            if (o.kind === "str" && known.has(o.value)) return "IMM(2)";
            const b = o.kind === "str" ? Buffer.from(o.value, "utf8") : o.value;
            c.push(`static const str_t ${name} = {{&type_${o.kind}}, 0, ${b.length}, (const uint8_t *)${cStr(b)}};`);
            return "&" + name;
        }
        case "int": {
            let v = BigInt(o.value);
            if (smallIntFits(v)) return "IMM(3)";
            const neg = v < 0n ? 1 : 0, digs = [];
            for (v = v < 0n ? -v : v; v > 0n; v >>= 16n) digs.push(Number(v & 0xffffn));
            c.push(`static const int_t ${name} = {{&type_int}, ${neg}, 1, ${digs.length}, ${digs.length}, ` +
                   `(const uint16_t[]){${digs.join(",")}}};`);
            return "&" + name;
        }
        case "float":
            c.push(`static const float_t_ ${name} = {{&type_float}, ${floatBits(o.value)}u};`);
            return "&" + name;
        case "complex":
            c.push(`static const complex_t ${name} = {{&type_complex}, 0, ${floatBits(o.value.replace(/[()j]/g, ""))}u};`);
            return "&" + name;
        case "tuple": {
            if (o.value.length === 0) return "&empty_tuple";
            const items = o.value.map(constObj);
            c.push(`static const struct { base_t base; size_t len; const void *items[${items.length}]; } ` +
                   `${name} = {{&type_tuple}, ${items.length}, {${items.join(",")}}};`);
            return "&" + name;
        }
        }
        throw new Error("constant " + o.kind);
    };
    const rawCode = (rc) => {   // the proto-fun of a block: its bytecode, or its record
        const id = n++;
        c.push(`static const uint8_t fd_${id}[${rc.code.length}] = {${cBytes(rc.code)}};`);
        if (!rc.children.length) return "fd_" + id;
        const kids = rc.children.map(rawCode);
        c.push(`static const void *const ch_${id}[] = {${kids.join(",")}};`);
        c.push(`static const rc_t rc_${id} = {{0, 0}, 2, 0, fd_${id}, ch_${id}};`);
        return "&rc_" + id;
    };
    const names = [], fmods = [];
    for (const m of mods) {
        const id = n++;
        const proto = rawCode(m.rc);
        c.push(`static const uint16_t qt_${id}[${m.qstrs.length}] = {${m.qstrs.map((q, i) => i).join(",")}};`);
        const refs = m.objs.map(constObj);
        if (refs.length) c.push(`static const void *const ot_${id}[${refs.length}] = {${refs.join(",")}};`);
        c.push(`static const fmod_t fm_${id} = {qt_${id}, ${refs.length ? "ot_" + id : "0"}, ${proto}};`);
        names.push(m.qstrs[0]);
        fmods.push("&fm_" + id);
    }
    c.push("const char frozen_names[] = {" + cBytes(Buffer.from(names.join("\0") + "\0\0", "utf8")) + "};");
    c.push(`const fmod_t *const frozen_content[${fmods.length}] = {${fmods.join(",")}};`);
    return c.join("\n") + "\n";
}

// The parts, from the symbols' sizes: their prefix says what they are.
const PARTS = [["fd_", "bytecode"], ["rc_", "raw code records"], ["ch_", "child tables"],
               ["qt_", "qstr tables"], ["ot_", "object tables"], ["co_", "constant objects"],
               ["fm_", "module records"], ["pool_", "qstr pool (hashes, lengths, pointers)"],
               ["frozen_", "module names and list"]];

function measure(cc, cfile) {
    const obj = cfile.replace(/\.c$/, ".o");
    execFileSync(cc, ["-Os", "-ffreestanding", "-c", "-o", obj, cfile], { stdio: ["ignore", "ignore", "inherit"] });
    const prefix = cc.replace(/gcc$/, "");
    const sections = execFileSync(prefix + "size", ["-A", obj]).toString();
    let total = 0, strings = 0;
    for (const m of sections.matchAll(/^(\.\S+)\s+(\d+)/gm)) {
        if (/^\.(rodata|data|sdata|text)/.test(m[1])) total += Number(m[2]);
        if (/^\.rodata\.str/.test(m[1])) strings += Number(m[2]);
    }
    const parts = new Map(PARTS.map(([, name]) => [name, 0]));
    for (const line of execFileSync(prefix + "nm", ["-S", obj]).toString().split("\n")) {
        const f = line.trim().split(/\s+/);
        if (f.length !== 4) continue;
        const part = PARTS.find(([p]) => f[3].startsWith(p));
        if (part) parts.set(part[1], parts.get(part[1]) + parseInt(f[1], 16));
        else if (f[3].startsWith("__compound_literal")) parts.set("constant objects", parts.get("constant objects") + parseInt(f[1], 16));
    }
    parts.set("strings (names, str and bytes data)", strings);
    const counted = [...parts.values()].reduce((a, b) => a + b, 0);
    parts.set("alignment", total - counted);
    return { parts, total };
}

const args = process.argv.slice(2);
let cc = "xtensa-lx106-elf-gcc", keep = null;
for (;;) {
    if (args[0] === "--cc") { cc = args[1]; args.splice(0, 2); }
    else if (args[0] === "--keep") { keep = args[1]; args.splice(0, 2); }
    else break;
}
if (!args.length) {
    process.stderr.write("usage: node frozen-ref.mjs [--cc CC] [--keep FILE.c] FILE.mpy|DIR...\n");
    process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "frozen-ref-"));
try {
    const cfile = path.join(tmp, "frozen_ref.c");
    fs.writeFileSync(cfile, generate(mpyFiles(args)));
    if (keep) fs.copyFileSync(cfile, keep);
    const { parts, total } = measure(cc, cfile);
    for (const [name, size] of parts) console.log("ref " + name + " " + size);
    console.log("ref total " + total);
} finally {
    fs.rmSync(tmp, { recursive: true, force: true });
}
