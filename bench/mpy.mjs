// SPDX-License-Identifier: MIT
// mpy.mjs: the .mpy v6 reader the bench scripts share (../shared/spec/mpy-format.md), and
// the runtime's built-in names (runtime/qstrdefs.h and runtime/qstrnames.h).
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// vuint: 7-bit groups, most significant first; p is a cursor { i }.
export function readUint(b, p) {
    let v = 0;
    for (;;) {
        const x = b[p.i++];
        v = v * 128 + (x & 0x7f);
        if (!(x & 0x80)) return v;
    }
}

export function encodeUint(v) {
    const out = [v & 0x7f];
    for (v = Math.floor(v / 128); v > 0; v = Math.floor(v / 128)) out.unshift(0x80 | (v & 0x7f));
    return out;
}

function cString(s) {
    return s.replace(/\\(n|\\|")/g, (m, c) => (c === "n" ? "\n" : c));
}

function qstrList(file) {
    const text = fs.readFileSync(path.join(root, "runtime", file), "latin1");
    const h = text.slice(text.indexOf("#define QSTR_"));   // the list, not the comment above
    return [...h.matchAll(/QSTR\((\w+), "((?:[^"\\]|\\.)*)"\)/g)].map((m) => cString(m[2]));
}

// The .mpy format's static qstrs: static index n is entry n - 1.
export const staticQstrs = qstrList("qstrdefs.h");
// Every name the runtime has built in (static list and runtime list): a frozen image
// holds none of them in its pool.
export const builtinQstrs = new Set([...staticQstrs, ...qstrList("qstrnames.h")]);

// A constant of the object table: { kind, value } with kind one of none, false, true,
// ellipsis, str, bytes, int, float, complex, tuple (value: the items).
const CONST_KIND = [null, "none", "false", "true", "ellipsis", "str", "bytes", "int", "float",
                    "complex", "tuple"];
function readConst(b, p) {
    const t = b[p.i++], kind = CONST_KIND[t];
    if (!kind) throw new Error("constant type " + t);
    if (t <= 4) return { kind };
    const n = readUint(b, p);
    if (kind === "tuple") {
        const items = [];
        for (let k = 0; k < n; k++) items.push(readConst(b, p));
        return { kind, value: items };
    }
    const data = b.subarray(p.i, p.i + n);
    p.i += n + (t === 5 || t === 6 ? 1 : 0);   // str and bytes end in a NUL
    if (kind === "str") return { kind, value: data.toString("utf8") };
    if (kind === "bytes") return { kind, value: Buffer.from(data) };
    return { kind, value: data.toString("latin1") };   // int, float, complex: their text
}

// A raw code: { start, kindLen, code (its fun_data bytes), children }. kindLen & 3 is
// the kind (0: bytecode).
function readRawCode(b, p) {
    const start = p.i, kindLen = readUint(b, p), len = Math.floor(kindLen / 8);
    const code = b.subarray(p.i, p.i + len);
    p.i += len;
    const children = [];
    if (kindLen & 4) {
        for (let n = readUint(b, p); n > 0; n--) children.push(readRawCode(b, p));
    }
    return { start, kindLen, code, children };
}

// A whole .mpy: { qstrs (strings; static entries resolved), objs, rcStart, rc }.
export function readMpy(b) {
    if (b[0] !== 0x4d || b[1] !== 6) throw new Error("not a .mpy v6");
    const p = { i: 4 };
    if (b[2] & 0x40) readUint(b, p);   // arch flags
    const nQstr = readUint(b, p), nObj = readUint(b, p);
    const qstrs = [], objs = [];
    for (let k = 0; k < nQstr; k++) {
        const v = readUint(b, p);
        if (v & 1) {
            qstrs.push(staticQstrs[(v >> 1) - 1]);
        } else {
            qstrs.push(b.subarray(p.i, p.i + (v >> 1)).toString("utf8"));
            p.i += (v >> 1) + 1;
        }
    }
    for (let k = 0; k < nObj; k++) objs.push(readConst(b, p));
    const rcStart = p.i;
    return { qstrs, objs, rcStart, rc: readRawCode(b, p) };
}

// A bytecode prelude's sizes: the offset of its source info (after the size bytes) and
// of its opcodes, within code.
export function preludeOffsets(code) {
    let q = 0;
    while (code[q++] & 0x80);           // signature
    let nInfo = 0, nCell = 0, k = 0, z;
    do {                                 // size: n_info and n_cell
        z = code[q++];
        nCell |= (z & 1) << k;
        nInfo |= ((z & 0x7e) >> 1) << (6 * k);
        k++;
    } while (z & 0x80);
    return { info: q, opcodes: q + nInfo + nCell };
}
