// SPDX-License-Identifier: MIT
// validate.mjs: node validate.mjs SCHEMA.json REPORT.json: checks a size report against the
// schema (the JSON Schema subset schema.json uses) and that its parts add up exactly.
import { readFileSync } from 'node:fs';

const [schemaPath, reportPath, imageBytes] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const errors = [];

function typeOf(v) {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
    return typeof v;
}

function resolve(s) {
    if (s.$ref === undefined) return s;
    const path = s.$ref.replace(/^#\//, '').split('/');
    return path.reduce((o, k) => o[k], schema);
}

const KNOWN = new Set(['type', 'required', 'additionalProperties', 'properties', 'items',
    'enum', 'const', 'minimum', 'pattern', '$ref', '$defs', '$comment']);

function check(s, v, where) {
    s = resolve(s);
    for (const k of Object.keys(s)) {
        if (!KNOWN.has(k)) errors.push(`${where}: the validator does not know keyword ${k}`);
    }
    const t = typeOf(v);
    if (s.type !== undefined) {
        const types = [].concat(s.type);
        const ok = types.includes(t) || (t === 'integer' && types.includes('number'));
        if (!ok) { errors.push(`${where}: ${t}, expected ${types.join('|')}`); return; }
    }
    if ('const' in s && v !== s.const) errors.push(`${where}: ${JSON.stringify(v)} is not ${JSON.stringify(s.const)}`);
    if (s.enum !== undefined && !s.enum.includes(v)) errors.push(`${where}: ${JSON.stringify(v)} not in ${JSON.stringify(s.enum)}`);
    if (s.minimum !== undefined && typeof v === 'number' && v < s.minimum) errors.push(`${where}: ${v} < ${s.minimum}`);
    if (s.pattern !== undefined && typeof v === 'string' && !new RegExp(s.pattern).test(v)) errors.push(`${where}: '${v}' does not match ${s.pattern}`);
    if (t === 'object') {
        for (const r of s.required ?? []) if (!(r in v)) errors.push(`${where}: missing ${r}`);
        for (const [k, x] of Object.entries(v)) {
            if (s.properties?.[k] !== undefined) check(s.properties[k], x, `${where}.${k}`);
            else if (s.additionalProperties === false) errors.push(`${where}: unexpected key ${k}`);
        }
    }
    if (t === 'array' && s.items !== undefined) v.forEach((x, i) => check(s.items, x, `${where}[${i}]`));
}

check(schema, report, '$');

// Exactness: each module's parts sum to its bytes; modules plus the image's own parts sum
// to the image; the overhead is what the modules leave.
let sum = report.image.header + report.image.pool + report.image.padding;
for (const m of report.modules ?? []) {
    const p = Object.values(m.parts).reduce((a, b) => a + b, 0);
    if (p !== m.bytes) errors.push(`module ${m.name}: parts sum to ${p}, bytes ${m.bytes}`);
    if (m.parts.other !== 0) errors.push(`module ${m.name}: ${m.parts.other} bytes not decoded`);
    sum += m.bytes;
}
if (sum !== report.image_bytes) errors.push(`parts sum to ${sum}, image_bytes ${report.image_bytes}`);
if (imageBytes !== undefined && Number(imageBytes) !== report.image_bytes) errors.push(`image file has ${imageBytes} bytes, report says ${report.image_bytes}`);
if (report.overhead_bytes !== report.image.header + report.image.pool + report.image.padding) errors.push('overhead_bytes is not header + pool + padding');
// Padding is alignment only: at most 7 bytes per module and per table.
if (report.image.padding > 8 * ((report.modules?.length ?? 0) + 3)) errors.push(`padding of ${report.image.padding} bytes is more than alignment`);
if (report.runtime !== null) {
    for (const k of ['text', 'rodata', 'data', 'bss']) {
        const s = report.runtime.components.reduce((a, c) => a + c[k], 0);
        if (s !== report.runtime[k]) errors.push(`runtime ${k}: components sum to ${s}, total ${report.runtime[k]}`);
    }
}
if (errors.length) {
    console.log(errors.slice(0, 10).join('\n'));
    process.exit(1);
}
