// SPDX-License-Identifier: MIT
// mprun.mjs: runs a Python source or a .mpy file in the reference MicroPython VM
// (the npm package pinned in package.json) and writes what it prints to stdout.
//   node mprun.mjs FILE.py     run the source, compiled by MicroPython itself
//   node mprun.mjs FILE.mpy    import the precompiled module
// MPRUN_OPT=N (0..3) compiles a source as mpy-cross -ON would (micropython.opt_level).
// Exit status: 0, or 1 if the program raised (the traceback is printed).
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import fs from "fs";
import path from "path";

const file = process.argv[2];
if (!file) {
    process.stderr.write("usage: node mprun.mjs FILE.py|FILE.mpy\n");
    process.exit(2);
}
const chunks = [];
const sink = (bytes) => chunks.push(Buffer.from(bytes));
const mp = await loadMicroPython({ stdout: sink, stderr: sink, linebuffer: false,
                                   heapsize: 8 * 1024 * 1024 });
const base = path.basename(file);
const name = base.replace(/\.(py|mpy)$/, "");
mp.FS.mkdir("/app");
mp.FS.writeFile("/app/" + base, fs.readFileSync(file));
let status = 0;
try {
    const opt = /^[0-3]$/.test(process.env.MPRUN_OPT || "") ?
        "import micropython\nmicropython.opt_level(" + process.env.MPRUN_OPT + ")\n" : "";
    mp.runPython(opt + "import sys\nsys.path.insert(0, '/app')\n__import__('" + name + "')\n");
} catch (e) {
    // PythonError: the traceback was already printed through stderr only in some builds.
    const msg = String(e.message || e);
    if (!Buffer.concat(chunks).toString().includes("Traceback")) {
        chunks.push(Buffer.from(msg.endsWith("\n") ? msg : msg + "\n"));
    }
    status = 1;
}
// runPython adds a frame for its own <stdin> code: drop it, so tracebacks read as
// they do under `micropython -m`.
const text = Buffer.concat(chunks).toString("latin1")
    .replace(/^  File "<stdin>", line \d+, in <module>\n/m, "")
    .replace(/File "\/app\//g, "File \"");
// Exit only once stdout has drained: process.exit right after a write to a pipe
// would cut a long output short.
process.stdout.write(Buffer.from(text, "latin1"), () => process.exit(status));
