// SPDX-License-Identifier: MIT
// genprog.mjs: a random control-flow program for differential tests, the same for the same seed.
//   node genprog.mjs SEED > prog.py
// The program mixes if/elif/else, for/while with else, break/continue, try/except/else/
// finally, with, star-unpacking, nested functions, closures writing through nonlocal,
// generators (yield inside try/finally, yield from), return inside finally in a loop,
// comprehensions, lambdas and chained comparisons inside one function, and prints running totals, so that a wrong jump, stack
// depth or exception-table entry shows in the output. Only ints, lists and str are printed
// (no dicts, floats or non-ASCII), so every correct VM prints the same text.
// tests/oracle/genprog.sh runs a fixed set of seeds through the oracle comparison.

const seed = Number(process.argv[2] ?? 1) >>> 0;

// mulberry32: a small seeded generator, enough for choosing program shapes
let state = seed ^ 0x9e3779b9;
function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const choice = (a) => a[Math.floor(random() * a.length)];
const randint = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

function expr(d = 0) {
    const c = random();
    if (d > 2 || c < 0.3) {
        return choice(["i", "j", "k", String(randint(-3, 70)), "n", "acc", "len(L)"]);
    }
    if (c < 0.5) {
        return `(${expr(d + 1)} ${choice(["+", "-", "*", "&", "|", "^"])} ${expr(d + 1)})`;
    }
    if (c < 0.6) {
        return `(${expr(d + 1)} if ${cond(d + 1)} else ${expr(d + 1)})`;
    }
    if (c < 0.7) {
        return `sum([x * 2 for x in range(${randint(0, 5)}) if x % 2])`;
    }
    if (c < 0.8) {
        return `f(${expr(d + 1)}, ${expr(d + 1)})`;
    }
    return `(lambda a, b=2: a - b)(${expr(d + 1)})`;
}

function cond(d = 0) {
    const c = random();
    if (d > 2 || c < 0.4) {
        return `${expr(d + 1)} ${choice(["<", ">", "==", "!=", "<=", ">="])} ${expr(d + 1)}`;
    }
    if (c < 0.6) {
        return `(${cond(d + 1)} and ${cond(d + 1)})`;
    }
    if (c < 0.8) {
        return `(${cond(d + 1)} or ${cond(d + 1)})`;
    }
    if (c < 0.9) {
        return `not ${cond(d + 1)}`;
    }
    return `${expr(d + 1)} < ${expr(d + 1)} < ${expr(d + 1)}`;
}

function block(ind, d, inloop) {
    const out = [];
    for (let s = randint(1, 4); s > 0; s--) {
        out.push(...stmt(ind, d, inloop));
    }
    return out;
}

// An optional "else:" clause with probability p.
function maybeElse(p, ind, d, inloop) {
    return random() < p ? ["    ".repeat(ind) + "else:", ...block(ind + 1, d + 1, inloop)] : [];
}

function simple(p) {
    return p + choice([`acc = acc + ${expr()}`, `L.append(${expr()})`, "n += 1",
                       "print(acc % 1000, n)"]);
}

function ifStmt(p, ind, d, inloop) {
    const out = [`${p}if ${cond()}:`, ...block(ind + 1, d + 1, inloop)];
    if (random() < 0.4) {
        out.push(`${p}elif ${cond()}:`, ...block(ind + 1, d + 1, inloop));
    }
    return [...out, ...maybeElse(0.5, ind, d, inloop)];
}

function forStmt(p, ind, d, inloop) {
    const v = choice(["i", "j", "k"]);
    const iter = choice([`range(${randint(0, 6)})`, `range(1, ${randint(1, 6)})`,
                         `range(${randint(0, 5)}, 0, -1)`, "[3, 1, 2]", "L[:3]", "range(n % 4)"]);
    return [`${p}for ${v} in ${iter}:`, ...block(ind + 1, d + 1, true),
            ...maybeElse(0.3, ind, d, inloop)];
}

function whileStmt(p, ind, d, inloop) {
    return [`${p}w${d} = 0`, `${p}while w${d} < ${randint(0, 5)}:`, `${p}    w${d} += 1`,
            ...block(ind + 1, d + 1, true), ...maybeElse(0.3, ind, d, inloop)];
}

function tryStmt(p, ind, d, inloop) {
    const out = [`${p}try:`, ...block(ind + 1, d + 1, inloop)];
    if (random() < 0.3) {
        out.push(`${p}    raise ValueError(n)`);
    }
    const r = random();
    if (r < 0.4) {
        out.push(`${p}except ValueError as e:`, ...block(ind + 1, d + 1, inloop));
        out.push(...maybeElse(0.5, ind, d, inloop));
    } else if (r < 0.7) {
        out.push(`${p}except (KeyError, ValueError):`, ...block(ind + 1, d + 1, inloop),
                 `${p}finally:`, ...block(ind + 1, d + 1, inloop));
    } else {
        out.push(`${p}finally:`, ...block(ind + 1, d + 1, inloop));
    }
    return out;
}

function stmt(ind, d, inloop) {
    const p = "    ".repeat(ind);
    const c = random();
    if (d > 3 || c < 0.3) {
        return [simple(p)];
    }
    if (c < 0.4) {
        return ifStmt(p, ind, d, inloop);
    }
    if (c < 0.5) {
        return forStmt(p, ind, d, inloop);
    }
    if (c < 0.58) {
        return whileStmt(p, ind, d, inloop);
    }
    if (c < 0.66 && inloop) {
        return [`${p}if ${cond()}:`, `${p}    ${choice(["break", "continue"])}`];
    }
    if (c < 0.78) {
        return tryStmt(p, ind, d, inloop);
    }
    if (c < 0.86) {
        return [`${p}with CM(${expr()}) as cm${d}:`, ...block(ind + 1, d + 1, inloop)];
    }
    if (c < 0.92) {
        return [`${p}a${d}, *b${d} = [${expr()}, ${expr()}, ${expr()}]`,
                `${p}acc += a${d} + len(b${d})`];
    }
    return choice([funcStmt, closureStmt, genStmt, finallyReturnStmt])(p, ind, d);
}

function funcStmt(p, ind, d) {
    return [`${p}def g${d}(x, *r, **kw):`, `${p}    y = x`, `${p}    return y + len(r)`,
            `${p}acc += g${d}(${expr()}, 1, 2, z=3)`];
}

// a closure writing main's acc (acc, and whatever expr names, become cells of main)
function closureStmt(p, ind, d) {
    return [`${p}def h${d}():`, `${p}    nonlocal acc`, `${p}    acc += ${expr()}`,
            `${p}    return acc % 7`, `${p}n += h${d}()`];
}

function genStmt(p, ind, d) {
    return [`${p}for q${d} in gen(${randint(0, 4)}):`, `${p}    acc += q${d}`,
            ...block(ind + 1, d + 1, true)];
}

// return inside try/finally inside a loop
function finallyReturnStmt(p, ind, d) {
    return [`${p}def r${d}(v):`, `${p}    for _ in range(3):`, `${p}        try:`,
            `${p}            if v > ${randint(0, 9)}:`, `${p}                return v`,
            `${p}        finally:`, `${p}            v += 1`, `${p}    return -v`,
            `${p}acc += r${d}(${expr()})`];
}

const lines = [
    `# genprog.mjs seed ${seed}`,
    "class CM:",
    "    def __init__(self, v): self.v = v",
    "    def __enter__(self): return self.v",
    "    def __exit__(self, *a): return False",
    "def f(a, b):",
    "    return a - b",
    "def gen(m):",
    "    for q in range(m):",
    "        try:",
    "            yield q * 3",
    "        finally:",
    "            pass",
    "    yield from range(m)",
    "def main():",
    "    acc = 0",
    "    n = 0",
    "    L = []",
    "    i = j = k = 1",
    ...block(1, 0, false),
    "    print(acc % 100000, n, len(L), L[:5])",
    "main()",
];
process.stdout.write(lines.join("\n") + "\n");
