#!/bin/sh
# SPDX-License-Identifier: MIT
# Size reports (issue 7): the parts add up exactly to every test image, the JSON validates
# against tests/report/schema.json, budgets pass, warn and fail with their exit codes,
# diffs name added, removed and grown modules, and the HTML page renders in Chromium.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${BUILD:-build}" && pwd)
freeze=$build/freeze
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
golden=${SHARED:+$SHARED/golden/cases}

ok() { echo "ok report/$1"; }
fail() { echo "FAIL report/$1: $2"; }
check() { name=$1; shift; why=; if "$@"; then ok "$name"; else fail "$name" "$why"; fi; }

validate() {  # validate REPORT.json [IMAGE]: schema and exact sums
    size=
    [ -n "$2" ] && size=$(wc -c <"$2")
    node "$here/validate.mjs" "$here/schema.json" "$1" $size
}

# A small app of our own: a package, constants of every kind, nested functions.
app() {  # app DIR
    mkdir -p "$1/pkg"
    cat >"$1/manifest.yaml" <<'YAML'
metadata: {name: demo}
options: {main: main}
contents:
  - module: main.py
  - module: util.py
  - package: pkg
YAML
    cat >"$1/main.py" <<'PY'
import util
from pkg import shapes
print("sum", util.add(2, 3), util.TABLE[0], shapes.Point(3, 4).norm())
PY
    cat >"$1/util.py" <<'PY'
TABLE = ("alpha", "beta", 3, 4.5, b"raw", (1, 2))
BIG = 123456789012345678901234567890
DOC = "a longer string constant that no name shares"
def add(a, b):
    def inner(x):
        return x + b
    return inner(a)
PY
    cat >"$1/pkg/__init__.py" <<'PY'
VERSION = "1.0"
PY
    cat >"$1/pkg/shapes.py" <<'PY'
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
PY
}

# Every image here: the app in both module forms and for both word sizes, each golden
# case alone, and the whole golden corpus in one image.
parts_sum() {
    n=0
    for form in "" --mpy-form; do
        for t in host xtensa-qemu; do
            out=$tmp/ps-$t$form
            (cd "$tmp/app" && "$freeze" build -q $form -t $t --emit frz -o "$out" manifest.yaml) || { why="build $t $form"; return 1; }
            "$freeze" size "$out/demo.frz" --report json --detail functions >"$out/r.json" || { why="size $t $form"; return 1; }
            why="$t $form: $(validate "$out/r.json" "$out/demo.frz")" && validate "$out/r.json" "$out/demo.frz" >/dev/null || return 1
            n=$((n + 1))
        done
    done
    if [ -n "$golden" ]; then
        mkdir -p "$tmp/g/all"
        for py in "$golden"/*.py; do
            c=$(basename "$py" .py)
            mkdir -p "$tmp/g/$c"
            cp "$py" "$tmp/g/$c/m_$c.py"
            cp "$py" "$tmp/g/all/m_$c.py"
            printf 'metadata: {name: g}\ncontents:\n  - freeze: .\n' >"$tmp/g/$c/manifest.yaml"
            (cd "$tmp/g/$c" && "$freeze" build -q --emit frz -o out manifest.yaml 2>/dev/null) || continue
            "$freeze" size "$tmp/g/$c/out/g.frz" --report json --detail functions >"$tmp/g/$c/r.json"
            why="$c: $(validate "$tmp/g/$c/r.json" "$tmp/g/$c/out/g.frz")"
            validate "$tmp/g/$c/r.json" "$tmp/g/$c/out/g.frz" >/dev/null || return 1
            n=$((n + 1))
        done
        printf 'metadata: {name: g}\ncontents:\n  - freeze: .\n' >"$tmp/g/all/manifest.yaml"
        for form in "" --mpy-form; do
            (cd "$tmp/g/all" && "$freeze" build -q $form --emit frz -o "out$form" manifest.yaml) || { why="golden corpus image $form"; return 1; }
            "$freeze" size "$tmp/g/all/out$form/g.frz" --report json --detail functions >"$tmp/g/all/r.json"
            why="corpus $form: $(validate "$tmp/g/all/r.json" "$tmp/g/all/out$form/g.frz")"
            validate "$tmp/g/all/r.json" "$tmp/g/all/out$form/g.frz" >/dev/null || return 1
            n=$((n + 1))
        done
    fi
    echo "# report/parts-sum: $n images, every part accounted for" >&2
}

# freeze build's own JSON, with the linked host app's runtime and the measured heap.
build_json() {
    # The heap of a fresh build, then of one whose image is in the cache (from a build
    # without the probe): the probe must still get the modules, and measure the same.
    (cd "$tmp/app" && "$freeze" build --report json --measure-ram -o "$tmp/bj0" manifest.yaml >"$tmp/bj0.json" 2>"$tmp/bj.err") || { why="build: $(cat "$tmp/bj.err")"; return 1; }
    (cd "$tmp/app" && "$freeze" build -q -o "$tmp/bj" manifest.yaml 2>"$tmp/bj.err") || { why="build: $(cat "$tmp/bj.err")"; return 1; }
    (cd "$tmp/app" && "$freeze" build --report json --measure-ram -o "$tmp/bj" manifest.yaml >"$tmp/bj.json" 2>"$tmp/bj.err") || { why="build: $(cat "$tmp/bj.err")"; return 1; }
    why=$(validate "$tmp/bj.json" "$tmp/bj/demo.frz") || return 1
    why="no runtime or heap section: $(head -c 300 "$tmp/bj.json")"
    node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const ok = r.runtime !== null && r.runtime.components.some(c => c.name === "vm" && c.text > 0)
    && r.ram !== null && r.ram.steps.length === 5 && r.ram.steps[4].after === "(main)"
    && r.ram.steps[0].heap_used <= r.ram.steps[4].heap_used && r.ram.heap_reserved > 0;
const fresh = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
if (ok && JSON.stringify(fresh.ram) !== JSON.stringify(r.ram)) {
    console.log("the heap differs from that of a fresh build: " + JSON.stringify(r.ram.steps));
    process.exit(1);
}
process.exit(ok ? 0 : 1);' "$tmp/bj.json" "$tmp/bj0.json"
}

budgets() {
    img=$tmp/ps-host/demo.frz
    total=$(wc -c <"$img")
    why="a budget with room warned or failed"
    "$freeze" size "$img" --budget-flash $((total * 2)) >/dev/null 2>"$tmp/err" || return 1
    ! grep -q warning "$tmp/err" || return 1
    why="within 10%: no warning, or not exit 0: $(cat "$tmp/err")"
    "$freeze" size "$img" --budget-flash $((total + total / 20)) >/dev/null 2>"$tmp/err" || return 1
    grep -q "warning: flash use of $total bytes .* is within 10% of the flash budget" "$tmp/err" || return 1
    why="over budget: not exit 3"
    "$freeze" size "$img" --budget-flash $((total - 100)) >/dev/null 2>"$tmp/err"
    [ $? -eq 3 ] || return 1
    why="over budget: no excess or top contributors: $(cat "$tmp/err")"
    grep -q "exceeds the flash budget of $((total - 100)) bytes .* by 100 bytes" "$tmp/err" \
        && grep -q "largest: util (" "$tmp/err" || return 1
    # The manifest's budget in every accepted spelling, and a malformed one.
    for b in "$((total * 2))" "0x$(printf %x $((total * 2)))" 64K 64KiB 1M 1MiB; do
        mkdir -p "$tmp/mb" && cp -r "$tmp/app/." "$tmp/mb/"
        printf 'budget: {flash: %s}\n' "$b" >>"$tmp/mb/manifest.yaml"
        why="manifest budget $b: $(cd "$tmp/mb" && "$freeze" build -q --emit frz manifest.yaml 2>&1)"
        (cd "$tmp/mb" && "$freeze" build -q --emit frz manifest.yaml 2>/dev/null) || return 1
    done
    rm -rf "$tmp/mb/build"
    printf 'metadata: {name: demo}\nbudget: {flash: 300, ram: 48K}\ncontents:\n  - module: util.py\n' >"$tmp/mb/manifest.yaml"
    (cd "$tmp/mb" && "$freeze" build -q --emit frz manifest.yaml 2>"$tmp/err")
    st=$?
    why="manifest flash budget 300 exceeded: exit $st: $(cat "$tmp/err")"
    [ $st -eq 3 ] && [ ! -e "$tmp/mb/build/demo.frz" ] || return 1
    printf 'metadata: {name: demo}\nbudget:\n  flash: 12Q\ncontents:\n  - module: util.py\n' >"$tmp/mb/manifest.yaml"
    (cd "$tmp/mb" && "$freeze" build -q --emit frz manifest.yaml 2>"$tmp/err")
    st=$?
    why="malformed size: exit $st: $(cat "$tmp/err")"
    [ $st -eq 1 ] && grep -q "manifest.yaml:3:10: error: budget 'flash' must be a size .*not '12Q'" "$tmp/err" || return 1
    why="bad --budget-flash not a usage error"
    "$freeze" size "$img" --budget-flash 1.5K >/dev/null 2>&1
    [ $? -eq 2 ] || return 1
    # RAM: measured by running the app, so a RAM budget can fail too.
    why="RAM budget of 1K not exceeded: $(cat "$tmp/err")"
    (cd "$tmp/app" && "$freeze" build -q --budget-ram 1K -o "$tmp/rb" manifest.yaml 2>"$tmp/err")
    [ $? -eq 3 ] && grep -q "RAM use of [0-9]* bytes .* exceeds the RAM budget of 1024 bytes" "$tmp/err"
}

diffs() {
    "$freeze" size "$tmp/ps-host/demo.frz" --report json >"$tmp/old.json" || return 1
    mkdir -p "$tmp/d" && cp -r "$tmp/app/." "$tmp/d/"
    rm "$tmp/d/pkg/shapes.py"
    printf 'from pkg import extra\nimport util\nprint(util.add(1, 2), extra.X)\n' >"$tmp/d/main.py"
    printf 'X = [1, 2, 3]\n' >"$tmp/d/pkg/extra.py"
    printf 'MORE = "grown by a constant"\ndef sub(a, b):\n    return a - b\n' >>"$tmp/d/util.py"
    (cd "$tmp/d" && "$freeze" build -q --emit frz -o out manifest.yaml) || { why="build"; return 1; }
    "$freeze" size "$tmp/d/out/demo.frz" --diff "$tmp/old.json" >"$tmp/diff" || { why="diff failed"; return 1; }
    why="text diff: $(tr '\n' '|' <"$tmp/diff")"
    grep -Eq '^ +\[NEW\] +- +[0-9]+ +\+[0-9]+  pkg.extra \(added\)$' "$tmp/diff" \
        && grep -Eq '^ +\[DEL\] +[0-9]+ +- +-[0-9]+  pkg.shapes \(removed\)$' "$tmp/diff" \
        && grep -Eq '^ +\+[0-9.]+% +[0-9]+ +[0-9]+ +\+[0-9]+  util \(grown\)$' "$tmp/diff" \
        && grep -Eq 'TOTAL$' "$tmp/diff" || return 1
    # Both sides as JSON reports, and the diff as JSON: states and the total's delta.
    "$freeze" size "$tmp/d/out/demo.frz" --report json >"$tmp/new.json"
    "$freeze" size "$tmp/new.json" --diff "$tmp/old.json" --report json >"$tmp/diff.json" || { why="json diff"; return 1; }
    why="json diff: $(head -c 400 "$tmp/diff.json")"
    node -e '
const fs = require("fs");
const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const o = JSON.parse(fs.readFileSync(process.argv[2], "utf8")), n = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const st = Object.fromEntries(d.modules.map(m => [m.name, m.state]));
const ok = st["pkg.extra"] === "added" && st["pkg.shapes"] === "removed" && st["util"] === "grown"
    && d.delta === n.image_bytes - o.image_bytes && d.modules.every(m => m.delta === (m.new ?? 0) - (m.old ?? 0));
process.exit(ok ? 0 : 1);' "$tmp/diff.json" "$tmp/old.json" "$tmp/new.json"
}

other_forms() {
    why="text: no sorted table with the rest summed"
    "$freeze" size "$tmp/g/all/out/g.frz" --top 3 >"$tmp/t.txt" 2>/dev/null || "$freeze" size "$tmp/ps-host/demo.frz" --top 2 >"$tmp/t.txt"
    grep -q "more modules)" "$tmp/t.txt" && grep -q "^  total " "$tmp/t.txt" || return 1
    why="csv: rows do not add up"
    "$freeze" size "$tmp/ps-host/demo.frz" --report csv --detail functions >"$tmp/r.csv" || return 1
    awk -F, -v img="$(wc -c <"$tmp/ps-host/demo.frz")" '
        $1 == "module" || $1 == "image" { s += $4 }
        $1 == "module" { p = 0; for (i = 5; i <= NF; i++) p += $i; if (p != $4) bad = 1 }
        $1 == "total" { t = $4 }
        END { exit !(s == img && t == img && !bad) }' "$tmp/r.csv" && grep -q '^function,util,add.inner,' "$tmp/r.csv"
}

# The 32-bit target: the runtime per component from NAME.elf and the heap measured under QEMU.
xtensa() {
    (cd "$tmp/app" && "$freeze" build -t xtensa-qemu --report json --measure-ram -o "$tmp/x" manifest.yaml >"$tmp/x.json" 2>"$tmp/x.err") || { why="build: $(cat "$tmp/x.err")"; return 1; }
    why=$(validate "$tmp/x.json" "$tmp/x/demo.frz") || return 1
    why="runtime or heap not from the xtensa build: $(tr '\n' ' ' <"$tmp/x.json" | head -c 600)"
    node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const c = Object.fromEntries(r.runtime.components.map(x => [x.name, x]));
const ok = r.target === "xtensa-qemu" && r.ram.measured_on.startsWith("xtensa-qemu")
    && c.vm.text > 0 && c.objects.text > 0 && c.libc.text > 0 && c.gc.bss > 0
    && r.ram.steps.length === 5 && r.ram.steps.every(s => s.heap_used > 0 && s.heap_used < r.ram.heap_reserved)
    && r.budgets.flash.used === r.image_bytes + r.runtime.text + r.runtime.rodata + r.runtime.data
    && r.runtime.image === r.image_bytes;
process.exit(ok ? 0 : 1);' "$tmp/x.json"
}

html() {
    (cd "$tmp/app" && "$freeze" build -q --report html -o "$tmp/h" manifest.yaml >"$tmp/report.html" 2>/dev/null)
    (cd "$tmp/app" && "$freeze" build --report html -o "$tmp/h" manifest.yaml >"$tmp/report.html") || { why="build --report html"; return 1; }
    why="not one self-contained page with a treemap"
    grep -q '<div class="map"' "$tmp/report.html" && ! grep -Eiq '<script|src=|href=|url\(|@import' "$tmp/report.html" || return 1
    chrome=$(command -v chromium || command -v chromium-browser)
    if [ -z "$chrome" ]; then
        echo "skip report/html-render: chromium is not installed"
        return 0
    fi
    why="chromium failed: $(tail -3 "$tmp/chrome.err" 2>/dev/null)"
    timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
        --enable-logging=stderr --window-size=1000,1300 --screenshot="$tmp/report.png" \
        "file://$tmp/report.html" >/dev/null 2>"$tmp/chrome.err" || return 1
    why="no PNG"
    [ "$(head -c 8 "$tmp/report.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || return 1
    why="the page logged errors: $(grep -E 'CONSOLE|Failed to load|ERR_' "$tmp/chrome.err" | head -3)"
    ! grep -Eq 'CONSOLE\(|Failed to load|net::ERR_' "$tmp/chrome.err" || return 1
    timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile2" \
        --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>/dev/null
    why="the rendered DOM lacks the modules"
    grep -q 'title="util' "$tmp/dom.html" && grep -q 'title="pkg.shapes' "$tmp/dom.html" || return 1
    [ -n "$REPORT_PNG" ] && cp "$tmp/report.png" "$REPORT_PNG"
    return 0
}

# Damaged images (CRC fixed up) and damaged JSON reports: errors, never a crash.
robust() {
    why=$(python3 "$here/fuzz.py" "$freeze" "$tmp/ps-host/demo.frz" 40) || return 1
    "$freeze" size "$tmp/ps-host/demo.frz" --report json >"$tmp/good.json"
    n=$(wc -c <"$tmp/good.json")
    head -c $((n / 2)) "$tmp/good.json" >"$tmp/bad1.json"
    printf '{"modules": [' >"$tmp/bad2.json"
    python3 -c 'print("[" * 100000)' >"$tmp/bad3.json"
    printf '{"image_bytes": 5, "modules": [{"name": 3, "bytes": 1}]}' >"$tmp/bad4.json"
    for j in 1 2 3 4; do
        "$freeze" size "$tmp/ps-host/demo.frz" --diff "$tmp/bad$j.json" >/dev/null 2>"$tmp/err"
        st=$?
        why="bad report $j: exit $st: $(cat "$tmp/err")"
        [ $st -eq 1 ] && grep -q "bad$j.json: error: " "$tmp/err" || return 1
    done
}

app "$tmp/app"
check parts-sum parts_sum
check schema-build build_json
check budgets budgets
check diff diffs
check forms other_forms
check robust robust
check html html
if command -v xtensa-lx106-elf-gcc >/dev/null 2>&1 && command -v qemu-system-xtensa >/dev/null 2>&1 \
    && [ -f "$build/xtensa-qemu/libfreezert.a" ]; then
    check xtensa-qemu xtensa
else
    echo "skip report/xtensa-qemu: no xtensa-lx106-elf-gcc, qemu-system-xtensa or $build/xtensa-qemu/libfreezert.a"
fi
