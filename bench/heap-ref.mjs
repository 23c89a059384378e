// SPDX-License-Identifier: MIT
// heap-ref.mjs: the reference side of bench/heap-ref, and its stub maker and table.
//   node heap-ref.mjs stub DIR          write X_stub.mpy beside every X.mpy of DIR
//   node heap-ref.mjs ref DIR NAME...   import NAME_stub then NAME in the reference VM,
//                                       print "@heap NAME full N stub M" per module
//   node heap-ref.mjs table TITLE REF HOST QEMU   per-module table from those outputs
// The reference is tests/oracle's npm MicroPython (webassembly, pyscript variant, 32-bit).
import fs from "fs";
import path from "path";
import { pathToFileURL } from "url";
import { root, readMpy, readUint, encodeUint, preludeOffsets } from "./mpy.mjs";

// The same file with the module body's bytecode replaced by `return None`: the loader
// still allocates everything it allocates for the real file, the body creates nothing.
function makeStub(b) {
    const m = readMpy(b), rc = m.rc;
    const code = rc.code, at = code.byteOffset - b.byteOffset;
    const newCode = [...code.subarray(0, preludeOffsets(code).opcodes), 0x51, 0x63];  // LOAD_CONST_NONE RETURN_VALUE
    return Buffer.concat([b.subarray(0, rc.start),
                          Buffer.from(encodeUint(newCode.length * 8 + (rc.kindLen & 7))),
                          Buffer.from(newCode), b.subarray(at + code.length)]);
}

// An estimate of what the reference keeps on the heap for a module's code after import
// (a .mpy's bytecode copies and raw code structs, which a frozen module has in ROM), from
// calibration in the same VM (bench/README.md): a function without children keeps its
// code, in 16-byte blocks; one with n children also 16 n bytes and its child array (4 n
// bytes in blocks), which fits 100 functions of 1, 2, 3 and 5 children each to the byte.
// The module body's own code and class bodies' (garbage once the class exists) are not
// kept: 50 classes of 2 methods cost the 30 empty classes' 105.6 bytes a class, 16 of
// dict growth and 2 x (16 + 16) for the methods, so nothing of the class body's code.
// Everything else is counted as kept, even a top-level lambda or comprehension that may
// not be (so the estimate errs on the large side, against us).
function codeEstimate(b) {
    const m = readMpy(b), qstr = m.qstrs;
    const blocks = (n) => 16 * Math.ceil(n / 16);
    const walk = (rc, top) => {
        const code = rc.code, n = rc.children.length;
        const bc = { i: preludeOffsets(code).opcodes };
        let isClass = false;
        if (code[bc.i] === 0x11) {                   // LOAD_NAME __name__; STORE_NAME __module__
            bc.i++;
            const a = qstr[readUint(code, bc)];
            isClass = a === "__name__" && code[bc.i++] === 0x16 && qstr[readUint(code, bc)] === "__module__";
        }
        let sum = top || isClass ? 0 : blocks(code.length) + 16 * n + blocks(4 * n);
        for (const c of rc.children) sum += walk(c, false);
        return sum;
    };
    return walk(m.rc, true);
}

function stubDir(dir) {
    for (const f of fs.readdirSync(dir).sort()) {
        if (!f.endsWith(".mpy") || f.endsWith("_stub.mpy")) continue;
        const b = fs.readFileSync(path.join(dir, f));
        fs.writeFileSync(path.join(dir, f.replace(/\.mpy$/, "_stub.mpy")), makeStub(b));
    }
}

// The webassembly port's gc.collect() frees nothing while Python runs (its heap grows
// instead): the collection it asks for happens when the top-level call from JS returns,
// with no C stack to scan. So gc.collect() is a runPython call of its own, and the heap is
// read by the next one (whose compile garbage is the same every time and cancels).
async function runRef(dir, names) {
    const pkg = path.join(root, "tests/oracle/node_modules/@micropython/" +
                          "micropython-webassembly-pyscript/micropython.mjs");
    const { loadMicroPython } = await import(pathToFileURL(pkg).href);
    let out = "";
    const sink = (bytes) => { out += Buffer.from(bytes).toString("latin1"); };
    const mp = await loadMicroPython({ stdout: sink, stderr: sink, linebuffer: false,
                                       heapsize: 8 * 1024 * 1024 });
    mp.FS.mkdir("/app");
    for (const f of fs.readdirSync(dir)) {
        if (f.endsWith(".mpy")) mp.FS.writeFile("/app/" + f, fs.readFileSync(path.join(dir, f)));
    }
    mp.runPython("import gc, sys\nsys.path.insert(0, '/app')\n");
    const heap = () => {
        mp.runPython("gc.collect()");
        out = "";
        mp.runPython("print('@m', gc.mem_alloc())");
        const m = /@m (\d+)/.exec(out);
        if (!m) throw new Error("no heap figure: " + out);
        return Number(m[1]);
    };
    const load = (mod) => {
        try {
            mp.runPython("try:\n    __import__('" + mod + "')\nexcept BaseException:\n    pass\n");
        } catch (e) {
            // SystemExit and the like may still escape to JS: the module is what it is.
        }
    };
    // Which imports raise: asked once more after every figure is taken (any extra step
    // between the measured ones moves the reference's figures by a few blocks).
    const raises = (mod) => {
        out = "";
        mp.runPython("try:\n    __import__('" + mod + "')\nexcept BaseException:\n" +
                     "    print('@raised')\n");
        drop(mod);
        return out.includes("@raised");
    };
    const drop = (mod) => mp.runPython("try:\n    sys.modules['" + mod + "'] = None\n" +
                                       "    del sys.modules['" + mod + "']\nexcept KeyError:\n    pass\n");
    const delta = (mod) => {   // the same steps as bench/heap-ref's driver
        load("heapflush");
        drop("heapflush");
        const before = heap();
        load(mod);
        const after = heap();
        drop(mod);
        return after - before;
    };
    const lines = [];
    for (const name of names) {
        for (const m of [name + "_stub", name]) {   // warm-up
            load(m);
            drop(m);
        }
        const stub = delta(name + "_stub");
        const full = delta(name);
        const code = codeEstimate(fs.readFileSync(path.join(dir, name + ".mpy")));
        lines.push("@heap " + name + " full " + full + " stub " + stub + " code " + code);
    }
    for (const name of names) {
        if (raises(name)) lines.push("@raised " + name);
    }
    process.stdout.write(lines.join("\n") + "\n");
}

function parse(file) {
    const r = new Map();
    if (!file || !fs.existsSync(file)) return r;
    const re = /@heap (\S+) full (-?\d+) stub (-?\d+)(?: code (\d+))?/g;
    for (const m of fs.readFileSync(file, "latin1").matchAll(re)) {
        r.set(m[1], { full: Number(m[2]), stub: Number(m[3]), code: Number(m[4] || 0) });
    }
    return r;
}

// Modules whose import raised in that run (MemoryError, say): their figures are partial.
function raisedIn(file) {
    const r = new Set();
    if (!file || !fs.existsSync(file)) return r;
    for (const m of fs.readFileSync(file, "latin1").matchAll(/@raised (\S+)/g)) {
        r.add(m[1].replace(/_stub$/, ""));
    }
    return r;
}

function table(title, refFile, hostFile, qemuFile) {
    const ref = parse(refFile), host = parse(hostFile), qemu = parse(qemuFile);
    const raised = [["ref", raisedIn(refFile)], ["host", raisedIn(hostFile)],
                    ["qemu", raisedIn(qemuFile)]];
    const names = [...ref.keys()];
    const w = Math.max(8, ...names.map((n) => n.length));
    const col = (v) => (v === undefined ? "-" : String(v)).padStart(10);
    const ratio = (a, b) => (a === undefined || !b ? "-" : (a / b).toFixed(2)).padStart(6);
    console.log("## " + title + " (bytes; body = full import - stub import)");
    console.log("module".padEnd(w) + col("ref body") + col("ref code") + col("qemu body") +
                col("qemu full") + col("host body") + col("host full") + "  qemu/ref" +
                "  qemu/(ref-code)");
    const tot = { r: 0, rc: 0, qb: 0, qf: 0, hb: 0, hf: 0, n: 0 };
    for (const n of names) {
        const r = ref.get(n), q = qemu.get(n), h = host.get(n);
        const rb = r.full - r.stub, rc = Math.min(r.code, rb);
        const qb = q && q.full - q.stub, hb = h && h.full - h.stub;
        const mark = raised.some(([, set]) => set.has(n)) ? "!" : "";
        console.log((n + mark).padEnd(w) + col(rb) + col(rc) + col(qb) + col(q && q.full) + col(hb) +
                    col(h && h.full) + ratio(qb, rb).padStart(10) + ratio(qb, rb - rc).padStart(18));
        if (q && h) {
            tot.r += rb; tot.rc += rc; tot.qb += qb; tot.qf += q.full; tot.hb += hb;
            tot.hf += h.full; tot.n++;
        }
    }
    console.log("total".padEnd(w) + col(tot.r) + col(tot.rc) + col(tot.qb) + col(tot.qf) +
                col(tot.hb) + col(tot.hf) + ratio(tot.qb, tot.r).padStart(10) +
                ratio(tot.qb, tot.r - tot.rc).padStart(18) +
                "   (" + tot.n + " of " + names.length + " modules on all three)");
    for (const [side, set] of raised) {
        const ours = names.filter((n) => set.has(n));
        if (ours.length) {
            console.log("! the import raised on " + side + " (figures partial): " + ours.join(" "));
        }
    }
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "stub") stubDir(args[0]);
else if (cmd === "ref") await runRef(args[0], args.slice(1));
else if (cmd === "table") table(...args);
else {
    process.stderr.write("usage: node heap-ref.mjs stub DIR | ref DIR NAME... | table ...\n");
    process.exit(2);
}
