#!/bin/sh
# SPDX-License-Identifier: MIT
# freeze build end to end: image layout against its inputs, reproducible outputs, the C
# writer's section, budgets, the cache, corrupt images, and host apps that run.
# Checks listed in tests/freezer/xfail wait for other parts (the compiler, the host
# runtime): they print "skip NAME: expected failure" until they pass.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${BUILD:-build}" && pwd)
freeze=$build/freeze
fzvm=$build/host/fzvm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
golden=${SHARED:+$SHARED/golden/cases}
[ -n "$golden" ] && golden=$(cd "$golden" && pwd)

xfailed() { grep -qx "$1" "$here/xfail" 2>/dev/null; }
ok() { if xfailed "$1"; then echo "ok freezer/$1 (passes: remove it from tests/freezer/xfail)"; else echo "ok freezer/$1"; fi; }
fail() { if xfailed "$1"; then echo "skip freezer/$1: expected failure (not yet supported)"; else echo "FAIL freezer/$1: $2"; fi; }
check() { name=$1; shift; if "$@"; then ok "$name"; else fail "$name" "$why"; fi; }
why=

# A manifest freezing two golden .mpy files (one in a namespace package), for tests
# that must not depend on the compiler.
mpy_app() {  # mpy_app DIR
    mkdir -p "$1/pre/tools"
    cp "$golden/001_int_arith.mpy" "$1/pre/"
    cp "$golden/002_int_divmod.mpy" "$1/pre/tools/divmod.mpy"
    cat >"$1/manifest.yaml" <<'YAML'
metadata: {name: golden}
options: {main: 001_int_arith}
contents:
  - freeze: pre
YAML
}

# The size and offset inspect reports for module NAME of IMAGE.
field() {  # field IMAGE NAME offset|bytes
    "$freeze" inspect "$1" | awk -v n="$2" -v f="$3" '$3 == n { print (f == "offset" ? $1 : $2) }'
}

layout() {
    img=$tmp/a/build/golden.frz
    # --mpy-form: each module's .mpy verbatim at its index entry.
    (cd "$tmp/a" && "$freeze" build -q --mpy-form --emit frz -o "$tmp/mf" manifest.yaml) || return 1
    for m in 001_int_arith:001_int_arith.mpy tools.divmod:tools/divmod.mpy; do
        mod=${m%%:*} file=$tmp/a/pre/${m#*:}
        off=$(field "$tmp/mf/golden.frz" "$mod" offset) len=$(field "$tmp/mf/golden.frz" "$mod" bytes)
        why="--mpy-form module $mod: offset '$off' bytes '$len'"
        [ -n "$off" ] && [ "$len" = "$(wc -c <"$file")" ] || return 1
        why="--mpy-form module $mod: image bytes differ from $file"
        cmp -s -i "$off:0" -n "$len" "$tmp/mf/golden.frz" "$file" || return 1
        # The frozen form (the default): 8-aligned, and the .mpy it rebuilds is the input.
        off=$(field "$img" "$mod" offset)
        [ $((off % 8)) -eq 0 ] || { why="module $mod at unaligned offset $off"; return 1; }
        why="frozen module $mod: inspect --extract differs from $file"
        "$freeze" inspect --extract "$img" "$mod" >"$tmp/extracted" && cmp -s "$tmp/extracted" "$file" || return 1
    done
    # A frozen module's name is its source file's pool string where that spells it
    # (001_int_arith.py), so its index costs the entry alone; tools.divmod's source is
    # 002_int_divmod.py, and --mpy-form has no pool: there the name is stored too.
    for c in "$img:001_int_arith:12" "$img:tools.divmod:24" "$tmp/mf/golden.frz:001_int_arith:25"; do
        set -- $(echo "$c" | tr ':' ' ')
        got=$("$freeze" size --report json "$1" | python3 -c '
import json, sys
print([m["parts"]["index"] for m in json.load(sys.stdin)["modules"] if m["name"] == sys.argv[1]][0])' "$2")
        why="$(basename "$1") $2: index part $got bytes, want $3"
        [ "$got" = "$3" ] || return 1
    done
    # The frozen module header is 8 bytes (a tag, small_int_bits and six counts under 128,
    # one byte each); --extract above read each block's code up to the next record's
    # start less its tail, and the last one's up to the code_end record.
    got=$("$freeze" size --report json "$img" | python3 -c '
import json, sys
p = [m["parts"] for m in json.load(sys.stdin)["modules"] if m["name"] == "001_int_arith"][0]
print(p["mpy_header"])')
    why="001_int_arith: frozen module header $got bytes, want 8"
    [ "$got" = 8 ] || return 1
    why="no name pool in the frozen image"
    "$freeze" inspect "$img" | grep -q '^  names  *[1-9][0-9]* in the pool' || return 1
    why="--mpy-form image has a name pool"
    ! "$freeze" inspect "$tmp/mf/golden.frz" | grep -q '^  names ' || return 1
    why="no namespace entry for package tools"
    "$freeze" inspect "$img" | grep -q ' tools (namespace)$' || return 1
    why="main is not 001_int_arith"
    "$freeze" inspect "$img" | grep -q '^  main  *001_int_arith$'
}

reproducible() {
    why="builds failed"
    (cd "$tmp/a" && "$freeze" build -q -j1 --emit frz,c,elf manifest.yaml) || return 1
    (cd / && "$freeze" build -q -j4 --emit frz,c,elf -o "$tmp/b/out" "$tmp/b/manifest.yaml") || return 1
    for f in golden.frz golden.c golden.o; do
        why="$f differs between two checkouts"
        cmp -s "$tmp/a/build/$f" "$tmp/b/out/$f" || return 1
    done
    why="the outputs name a directory of the build machine"
    ! grep -q -e "$tmp" "$tmp/a/build/golden.frz" "$tmp/a/build/golden.c" "$tmp/a/build/golden.o"
}

c_section() {
    why="cc cannot compile golden.c"
    cc -c -o "$tmp/golden.o" "$tmp/a/build/golden.c" || return 1
    size=$(wc -c <"$tmp/a/build/golden.frz")
    why="no .rodata.frozen section of $size bytes"
    readelf -S -W "$tmp/golden.o" | grep -q '\.rodata\.frozen' || return 1
    sym=$(nm -S "$tmp/golden.o" | awk '$4 == "freeze_image" { print $2 }')
    [ $((0x$sym)) -eq "$size" ] || return 1
    why="freeze_image_len is missing"
    nm "$tmp/golden.o" | grep -q ' R freeze_image_len$'
}

corrupt_refused() {  # corrupt_refused NAME MAKE-CORRUPT-COMMAND WANT-MESSAGE
    cp "$tmp/a/build/golden.frz" "$tmp/bad.frz"
    sh -c "$2" || { why="cannot corrupt"; return 1; }
    "$freeze" inspect "$tmp/bad.frz" >"$tmp/out" 2>"$tmp/err"
    st=$?
    why="inspect exit $st, stderr '$(cat "$tmp/err")'"
    [ "$st" -eq 1 ] && grep -q "$3" "$tmp/err"
}

flip='printf "\\377" | dd of='"$tmp"'/bad.frz bs=1 seek=200 conv=notrunc 2>/dev/null'
truncate_it='head -c 700 '"$tmp"'/a/build/golden.frz >'"$tmp"'/bad.frz'

# The runtime itself refuses the corrupt image before any module runs (no output).
runtime_refuses() {
    why="fzvm does not run the intact image yet"
    "$fzvm" "$tmp/a/build/golden.frz" >"$tmp/out" 2>/dev/null || return 1
    cmp -s "$tmp/out" "$golden/001_int_arith.out" || return 1
    for how in "$flip:CRC mismatch" "$truncate_it:truncated"; do
        cp "$tmp/a/build/golden.frz" "$tmp/bad.frz"
        sh -c "${how%:*}"
        "$fzvm" "$tmp/bad.frz" >"$tmp/out" 2>&1
        st=$?
        why="fzvm ran a corrupt image: exit $st, output '$(head -c 300 "$tmp/out")'"
        # One line naming the damage, and nothing the program would print.
        [ "$st" -ne 0 ] && [ "$(wc -l <"$tmp/out")" -eq 1 ] && grep -q "${how##*:}" "$tmp/out" || return 1
    done
}

budget() {
    why="an exceeded budget did not exit 3"
    (cd "$tmp/a" && "$freeze" build -q --emit frz,c --budget-flash 1K -o "$tmp/bud" manifest.yaml 2>"$tmp/err")
    [ $? -eq 3 ] || return 1
    why="an exceeded budget left outputs: $(ls "$tmp/bud" 2>/dev/null)"
    [ ! -e "$tmp/bud/golden.frz" ] || return 1
    why="no budget message: $(cat "$tmp/err")"
    grep -q 'exceeds the flash budget of 1024 bytes' "$tmp/err" || return 1
    why="a budget that holds failed"
    (cd "$tmp/a" && "$freeze" build -q --emit frz,c --budget-flash 64K -o "$tmp/bud" manifest.yaml)
}

json_report() {
    why="build failed"
    (cd "$tmp/a" && "$freeze" build --report json --emit frz -o "$tmp/js" manifest.yaml >"$tmp/report.json") || return 1
    why="not valid JSON with the module sizes"
    python3 - "$tmp/report.json" "$(field "$tmp/js/golden.frz" 001_int_arith bytes)" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))
mods = {m["name"]: m["bytes"] for m in r["modules"]}
assert mods["001_int_arith"] >= int(sys.argv[2]), mods  # its data, maybe with its index entry
assert r["image_bytes"] == sum(mods.values()) + r["overhead_bytes"]
PY
    [ $? -eq 0 ] || return 1
    why="csv report: $(cd "$tmp/a" && "$freeze" build --report csv --emit frz -o "$tmp/js" manifest.yaml | tr '\n' '|')"
    (cd "$tmp/a" && "$freeze" build --report csv --emit frz -o "$tmp/js" manifest.yaml) >"$tmp/report.csv" || return 1
    grep -q "^module,001_int_arith,,[0-9]*,[0-9]" "$tmp/report.csv" \
        && grep -qx "total,,,$(wc -c <"$tmp/js/golden.frz")" "$tmp/report.csv"
}

emit_only_frz() {
    why="--emit frz wrote other files than the image and its dependency file"
    (cd "$tmp/a" && "$freeze" build -q --emit frz -o "$tmp/e1" manifest.yaml) || return 1
    [ "$(ls "$tmp/e1" | tr '\n' ' ')" = "golden.d golden.frz " ] || return 1
    why="--emit esp is not a usage error yet"
    (cd "$tmp/a" && "$freeze" build -q --emit esp -o "$tmp/e2" manifest.yaml 2>/dev/null)
    [ $? -eq 2 ]
}

# The ELF object links into a C program that sees exactly the image, 16-aligned.
elf_host() {
    why="--emit elf failed"
    (cd "$tmp/a" && "$freeze" build -q --emit frz,elf -o "$tmp/elf" manifest.yaml) || return 1
    cat >"$tmp/dump.c" <<'C'
#include <stdint.h>
#include <stdio.h>
extern const uint8_t freeze_image[];
extern const uint32_t freeze_image_len;
int main(void) {
    fwrite(freeze_image, 1, freeze_image_len, stdout);
    return (uintptr_t)freeze_image % 16 != 0;
}
C
    why="cannot link golden.o into a C program"
    cc -o "$tmp/dump" "$tmp/dump.c" "$tmp/elf/golden.o" || return 1
    why="the linked program sees other bytes than golden.frz"
    "$tmp/dump" >"$tmp/dumped" && cmp -s "$tmp/dumped" "$tmp/elf/golden.frz"
}

# The Xtensa object links with the cross linker; the image lands at freeze_image.
elf_xtensa() {
    why="--emit elf failed for esp32s3"
    (cd "$tmp/a" && "$freeze" build -q -t esp32s3 --emit frz,elf -o "$tmp/xelf" manifest.yaml) || return 1
    x=xtensa-lx106-elf-
    printf 'extern const unsigned char freeze_image[];\nextern const unsigned freeze_image_len;\nconst unsigned char *p(void) { return freeze_image + freeze_image_len; }\nvoid _start(void) { p(); }\n' >"$tmp/s.c"
    why="cannot link golden.o with ${x}ld"
    ${x}gcc -O1 -c -o "$tmp/s.o" "$tmp/s.c" && ${x}ld -o "$tmp/s.elf" -e _start "$tmp/s.o" "$tmp/xelf/golden.o" 2>/dev/null || return 1
    ${x}objcopy -O binary -j .rodata "$tmp/s.elf" "$tmp/ro.bin" || return 1
    ro=$(${x}readelf -S -W "$tmp/s.elf" | awk '{ for (i = 1; i < NF; i++) if ($i == ".rodata") print $(i + 2) }')
    sym=$(${x}nm "$tmp/s.elf" | awk '$3 == "freeze_image" { print $1 }')
    why="the image is not at freeze_image in the linked program"
    cmp -s -i $((0x$sym - 0x$ro)):0 -n "$(wc -c <"$tmp/xelf/golden.frz")" "$tmp/ro.bin" "$tmp/xelf/golden.frz"
}

# freeze size: per-module bytes of an image, and the change against an older report.
size_diff() {
    img=$tmp/a/build/golden.frz
    why="size --report json failed"
    "$freeze" size --report json "$img" >"$tmp/old.json" || return 1
    why="size text does not list 001_int_arith"
    "$freeze" size "$img" | grep -q "^  001_int_arith .* [0-9.]* [KMi]*B " || return 1
    mkdir -p "$tmp/d/pre"
    cp "$golden/001_int_arith.mpy" "$golden/003_int_compare.mpy" "$tmp/d/pre/"
    cp "$tmp/a/manifest.yaml" "$tmp/d/"
    (cd "$tmp/d" && "$freeze" build -q --emit frz manifest.yaml) || return 1
    "$freeze" size "$tmp/d/build/golden.frz" --diff "$tmp/old.json" >"$tmp/diff" || return 1
    why="diff: $(tr '\n' '|' <"$tmp/diff")"
    # 001_int_arith's share of the name pool moves with the other modules: kept, not new.
    grep -Eq ' [-+][0-9]+  001_int_arith( \(grown\)| \(shrunk\))?$' "$tmp/diff" && grep -q ' 003_int_compare (added)$' "$tmp/diff" \
        && grep -q ' tools.divmod (removed)$' "$tmp/diff"
}

# The image reader builds for the MCU and needs nothing but mem* from its libc.
image_mcu() {
    x=xtensa-lx106-elf-
    why="runtime/image.c does not build for Xtensa"
    ${x}gcc -std=c11 -Os -mlongcalls -ffreestanding -Wall -Wextra -Werror -I"$root" \
        -I"$root/runtime/ports/xtensa-qemu/libc/include" -c -o "$tmp/image-x.o" "$root/runtime/image.c" || return 1
    extra=$(${x}nm -u "$tmp/image-x.o" | awk '{ print $2 }' | grep -v -x -e memchr -e memcmp -e memcpy)
    why="runtime/image.c needs $extra"
    [ -z "$extra" ]
}

# freeze inspect lists every golden .mpy to its end, and a module inside an image.
inspect_listing() {
    for f in "$golden"/*.mpy; do
        why="$(basename "$f"): $("$freeze" inspect "$f" 2>&1 >/dev/null)"
        "$freeze" inspect "$f" >"$tmp/list" 2>/dev/null || return 1
    done
    "$freeze" inspect "$golden/048_closures.mpy" >"$tmp/list"
    why="048_closures: no closure listing"
    grep -q '^  code make_adder: n_state 3, ' "$tmp/list" && grep -q '  MAKE_CLOSURE 0 1$' "$tmp/list" \
        && grep -q '^    code add: ' "$tmp/list" || return 1
    why="inspect IMAGE MODULE does not list the module"
    "$freeze" inspect "$tmp/a/build/golden.frz" tools.divmod >"$tmp/list" || return 1
    grep -q '^  qstr 0: 002_int_divmod.py$' "$tmp/list" && tail -1 "$tmp/list" | grep -q 'RETURN_VALUE$' || return 1
    why="inspect IMAGE of a missing module is not an error"
    ! "$freeze" inspect "$tmp/a/build/golden.frz" nosuch 2>/dev/null
}

# examples/product: a product Makefile that includes freeze's dependency file rebuilds
# the image when a source or the manifest changes, and does nothing otherwise.
depfile() {
    cp -r "$root/examples/product" "$tmp/prod"
    rm -rf "$tmp/prod/build"
    mk() { make -s -C "$tmp/prod" FREEZE="$freeze" "$@" 2>&1; }
    why="first make: $(mk)"
    [ -f "$tmp/prod/build/product.frz" ] && [ -f "$tmp/prod/build/product.d" ] || return 1
    why="the app does not run: $("$fzvm" "$tmp/prod/build/product.frz" 2>&1 | head -2 | tr '\n' '|')"
    [ "$("$fzvm" "$tmp/prod/build/product.frz" | head -1)" = "hello from product" ] || return 1
    why="the .d does not list the package's module"
    grep -q "app/sensors.py:\$" "$tmp/prod/build/product.d" || return 1
    why="make with nothing changed is not a no-op"
    mk -q || return 1
    for f in app/sensors.py manifest.yaml main.py; do
        sleep 0.05  # make compares mtimes to the nanosecond
        touch "$tmp/prod/$f"
        why="make after touching $f is a no-op"
        ! mk -q || return 1
        mk >/dev/null || return 1
        why="make after rebuilding for $f is not a no-op"
        mk -q || return 1
    done
    sleep 0.05
    echo 'X = 1' >"$tmp/prod/app/extra.py"  # a new module in the package's directory
    why="make after adding app/extra.py is a no-op"
    ! mk -q || return 1
    mk >/dev/null && mk -q || return 1
    why="the rebuilt image has no app.extra"
    "$freeze" inspect "$tmp/prod/build/product.frz" | grep -q ' app.extra$'
}

# refused_corrupt IMAGE WHAT: IMAGE, its CRC resealed first (so that only the loader's
# own checks stand between it and the VM), raises ValueError instead of running or crashing.
refused_corrupt() {
    python3 -c 'import struct, sys, zlib
b = bytearray(open(sys.argv[1], "rb").read())
struct.pack_into("<I", b, 12, zlib.crc32(bytes(b[16:]), zlib.crc32(bytes(b[:12]))))
open(sys.argv[1], "wb").write(b)' "$1" || return 1
    "$fzvm" "$1" >"$tmp/out" 2>&1
    st=$?
    why="$2: exit $st, output '$(head -c 300 "$tmp/out")'"
    [ $st -eq 1 ] && grep -q 'ValueError: corrupt frozen module' "$tmp/out"
}

# A frozen module whose fields do not fit raises ValueError.
frozen_corrupt() {
    # Each count of the header and the cold stream's length (vuints) made 127 (but n_defs:
    # a larger defaults store than the blocks use is only waste); a count a
    # vuint that runs past the module; the code's end (the last record) at the last
    # block's start (an empty block), or with the parent flag; the first block's code 1 byte long (too short for a prelude, a return
    # and its tail: the next record's start says where it ends); the first record's start
    # not 0; a block's positional defaults past the defaults store; the top level's first
    # child itself; the last parent's first child past n_rc; the first block without its
    # parent flag (its tail then ends in first_child's bytes, read as code); a qstr table
    # entry that names no qstr of the image.
    # The main module: a golden case with functions and positional defaults.
    mkdir -p "$tmp/fc/pre"
    cp "$golden/045_func_defaults.mpy" "$tmp/fc/pre/"
    printf 'options: {main: 045_func_defaults}\ncontents:\n  - freeze: pre\n' >"$tmp/fc/manifest.yaml"
    "$freeze" build -q --emit frz -o "$tmp/fc/out" "$tmp/fc/manifest.yaml" || return 1
    why="the module does not run"
    "$fzvm" "$tmp/fc/out/fc.frz" >/dev/null || return 1
    for field in n_qstr n_obj n_rc n_fdefs cold_len vuint code_end=last code_end=parent code_len=1 first=1 defaults child=0 last noparent qstr; do
        python3 - "$tmp/fc/out/fc.frz" "$tmp/badf.frz" "$field" "$root/tests/tools" <<'PY' || return 1
import struct, sys
sys.path.insert(0, sys.argv[4])
import fmod
b = bytearray(open(sys.argv[1], "rb").read())
off = fmod.main_module(b)
h = fmod.header(b, off)
field, bl = sys.argv[3], fmod.blocks(b, off, h)
rec = lambda i: struct.unpack_from("<H", b, bl[i]["rec"])[0]
end_rec = off + h["code_off"] - 2
if field == "code_end=last":
    struct.pack_into("<H", b, end_rec, bl[-1]["start"] - off - h["code_off"])
elif field == "code_end=parent":
    struct.pack_into("<H", b, end_rec, struct.unpack_from("<H", b, end_rec)[0] | 0x8000)
elif field in h["counts"]:
    assert b[off + h["counts"][field]] < 0x80, "a count of two bytes"
    b[off + h["counts"][field]] = 0x7f
elif field == "vuint":  # every byte from the counts on continues it
    for k in range(2, h["code_off"]):
        b[off + k] |= 0x80
elif field == "code_len=1":
    struct.pack_into("<H", b, bl[1]["rec"], (rec(1) & 0x8000) | 1)
elif field == "first=1":
    struct.pack_into("<H", b, bl[0]["rec"], rec(0) + 1)
elif field == "defaults":  # 1 + where in the store: past n_defs
    with_defaults = [k for k in bl if k["aux_bytes"] == 2]
    assert with_defaults, "no block with positional defaults in the main module"
    struct.pack_into("<H", b, with_defaults[0]["aux"], h["n_defs"] + 1)
elif field == "child=0":
    struct.pack_into("<H", b, bl[0]["child"], 0)
elif field == "last":
    struct.pack_into("<H", b, [k for k in bl if k["parent"]][-1]["child"], h["n_rc"])
elif field == "noparent":
    struct.pack_into("<H", b, bl[0]["rec"], rec(0) & 0x7fff)
elif field == "qstr":  # past the pool's last entry
    struct.pack_into("<H", b, off + h["qstr_off"], 0xfff0)
else:
    raise SystemExit("no field " + field)
open(sys.argv[2], "wb").write(b)
PY
        refused_corrupt "$tmp/badf.frz" "field $field" || return 1
    done
}

# An object in flash (a constant tuple or bytes, runtime/image.h) that is not what its
# constant word says is refused the same way: a kind the runtime does not know, a word
# naming a place outside the module's objects, a tuple item that is a pointer; and a
# flash default (a def's constant default, in the image) that is a pointer.
frozen_rom_corrupt() {
    mkdir -p "$tmp/rom/pre"
    printf 'T = (1, 2, 3)\nB = b"xy"\ndef f(a=7):\n    return a\ndef g(x=1.5):\n    return x\nprint(T, B, f(), g(), -2 ** 80, ((1,), 2))\n' >"$tmp/rom/pre/romc.py"
    printf 'options: {main: romc}\ncontents:\n  - freeze: pre\n' >"$tmp/rom/manifest.yaml"
    "$freeze" build -q --emit frz -o "$tmp/rom/out" "$tmp/rom/manifest.yaml" || return 1
    why="the module does not run: $("$fzvm" "$tmp/rom/out/rom.frz" 2>&1)"
    [ "$("$fzvm" "$tmp/rom/out/rom.frz" 2>&1)" = "(1, 2, 3) b'xy' 7 1.5 -1208925819614629174706176 ((1,), 2)" ] || return 1
    for field in kind ref item fdef fdefref intdigit intsmall coldref pointer; do
        python3 - "$tmp/rom/out/rom.frz" "$tmp/badr.frz" "$field" "$root/tests/tools" <<'PY' || return 1
import struct, sys
sys.path.insert(0, sys.argv[4])
import fmod
b = bytearray(open(sys.argv[1], "rb").read())
w = b[33]
fmt = "<Q" if w == 8 else "<I"
off = fmod.main_module(b)
h = fmod.header(b, off)
n_obj, obj_off = h["n_obj"], h["obj_off"]
refs = [i for i in range(n_obj)
        if (lambda v: v & 0x1f == 0x0e and v > 0x1f)(struct.unpack_from(fmt, b, off + obj_off + i * w)[0])]
at = off + obj_off + refs[0] * w
obj = off + (struct.unpack_from(fmt, b, at)[0] >> 5)
if sys.argv[3] == "kind":
    struct.pack_into(fmt, b, obj, 7)
elif sys.argv[3] == "ref":
    struct.pack_into(fmt, b, at, (0x7ffff0 << 5) | 0x0e)
elif sys.argv[3] == "item":  # the tuple (the first constant) holds a pointer instead of 1
    struct.pack_into(fmt, b, obj + 2 * w, 0x1000)
elif sys.argv[3] in ("coldref", "pointer"):  # the nested tuple, built at import
    cold = [i for i in range(n_obj)
            if (lambda v: v & 0x1f == 0x16 and v > 0x1f)(struct.unpack_from(fmt, b, off + obj_off + i * w)[0])]
    assert len(cold) == 1, cold
    at = off + obj_off + cold[0] * w
    struct.pack_into(fmt, b, at, (2 << 5) | 0x16 if sys.argv[3] == "coldref" else 0x1000)
elif sys.argv[3].startswith("int"):  # -2**80 in flash: top digit 0, or a small value
    big = [off + (struct.unpack_from(fmt, b, off + obj_off + i * w)[0] >> 5) for i in refs]
    big = [o for o in big if struct.unpack_from(fmt, b, o)[0] == 4]
    assert len(big) == 1, big
    n = struct.unpack_from(fmt, b, big[0] + w)[0]
    if sys.argv[3] == "intdigit":
        struct.pack_into("<H", b, big[0] + 3 * w + 2 * (n - 1), 0)
    else:  # one digit, 5: a value a small int holds
        struct.pack_into(fmt, b, big[0] + w, 1)
        struct.pack_into("<H", b, big[0] + 3 * w, 5)
else:  # f's flash default a pointer instead of 7, or g's (a float in flash) outside
    n_fdefs, fdefs_off = h["n_fdefs"], h["fdefs_off"]
    assert n_fdefs == 2, n_fdefs
    if sys.argv[3] == "fdef":
        struct.pack_into(fmt, b, off + fdefs_off, 0x1000)
    else:
        assert struct.unpack_from(fmt, b, off + fdefs_off + w)[0] & 0x1f == 0x0e
        struct.pack_into(fmt, b, off + fdefs_off + w, (0x7ffff0 << 5) | 0x0e)
open(sys.argv[2], "wb").write(b)
PY
        refused_corrupt "$tmp/badr.frz" "$field" || return 1
    done
}

# Random damage to the parts of a frozen module the loader checks (header, tables, cold
# stream, objects in flash, flash defaults), the CRC resealed: 200 seeded copies of a
# module with every kind of constant, each refused or run, never a crash.
frozen_fuzz() {
    mkdir -p "$tmp/fz/pre"
    cat >"$tmp/fz/pre/app.py" <<'PY'
T = (1, 2, 3, "abc", None)
B = b"xy\x00z"
BIG = -2 ** 80
F = 1.5
C = 2j
N = ((1,), 2)
LONG = "a fairly long string constant that is not a name at all, surely"
class K:
    X = 3
    def __init__(self, a, b=T, c=F):
        self.a = a
    def m(self, *args, **kw):
        return [x * 2 for x in args], kw
def g(x=B, y=None):
    return lambda z: (x, y, z)
print(T, B, BIG, F, C, N, LONG, K(1).m(1, 2, k=3), g()(4))
PY
    printf 'options: {main: app}\ncontents:\n  - freeze: pre\n' >"$tmp/fz/manifest.yaml"
    "$freeze" build -q --emit frz -o "$tmp/fz/out" "$tmp/fz/manifest.yaml" || return 1
    why="the module does not run: $("$fzvm" "$tmp/fz/out/fz.frz" 2>&1 | head -c 300)"
    "$fzvm" "$tmp/fz/out/fz.frz" | grep -qF "(1, 2, 3, 'abc', None) b'xy\\x00z' -1208925819614629174706176 1.5 2j" || return 1
    python3 "$root/tests/tools/fmodfuzz.py" "$fzvm" "$tmp/fz/out/fz.frz" 200 "$tmp/fz" >"$tmp/fz/log" 2>&1
    st=$?
    why="fmodfuzz.py exit $st: $(head -5 "$tmp/fz/log")"
    [ $st -eq 0 ]
}

# Past the code records' 16-bit code offsets: a module with a 70 KB bytes constant stays
# frozen (its objects in flash come after its code), a module whose code runs past 64 KiB
# goes into the image as its .mpy; both run.
big_modules() {
    mkdir -p "$tmp/bm/pre"
    python3 - "$tmp/bm/pre" <<'PY' || return 1
import random, sys
d = sys.argv[1]
r = random.Random(1)
data = bytes(r.randrange(256) for _ in range(70000))
open(d + "/font.py", "w").write("FONT = %r\ndef glyph(i):\n    return FONT[i]\n" % data)
open(d + "/table.py", "w").write("T = {\n" + "".join("    %d: %d,\n" % (i, i * 7) for i in range(9000))
                                 + "}\ndef get(k):\n    return T[k]\n")
open(d + "/main.py", "w").write("import font, table\nprint(len(font.FONT), font.glyph(69999), table.get(8999), len(table.T))\n")
PY
    printf 'options: {main: main}\ncontents:\n  - freeze: pre\n' >"$tmp/bm/manifest.yaml"
    "$freeze" build -q --emit frz -o "$tmp/bm/out" "$tmp/bm/manifest.yaml" 2>"$tmp/bm/err" || return 1
    why="no warning for table: $(cat "$tmp/bm/err")"
    grep -q "^freeze: warning: module 'table' goes into the image as its .mpy" "$tmp/bm/err" || return 1
    why="a warning for another module: $(cat "$tmp/bm/err")"
    [ "$(wc -l <"$tmp/bm/err")" -eq 1 ] || return 1
    # The same when no module of the image can be frozen (the pool is then never sealed).
    printf 'contents:\n  - module: pre/table.py\n' >"$tmp/bm/table.yaml"
    "$freeze" build -q --emit frz -o "$tmp/bm/t" "$tmp/bm/table.yaml" 2>"$tmp/bm/err" || return 1
    why="no warning for the image of table alone: $(cat "$tmp/bm/err")"
    grep -q "^freeze: warning: module 'pre.table' goes into the image as its .mpy" "$tmp/bm/err" || return 1
    got=$(python3 -c '
import struct, sys
b = open(sys.argv[1], "rb").read()
idx, = struct.unpack_from("<I", b, 44)
print(" ".join("frozen" if struct.unpack_from("<I", b, idx + 12 * i + 4)[0] & 2 else "mpy" for i in range(3)))' "$tmp/bm/out/bm.frz")
    why="forms of font, main, table: $got, want frozen frozen mpy"
    [ "$got" = "frozen frozen mpy" ] || return 1
    want="70000 $(python3 -c 'import random; r = random.Random(1); print([r.randrange(256) for _ in range(70000)][-1])') 62993 9000"
    got=$("$fzvm" --heap 4194304 "$tmp/bm/out/bm.frz" 2>&1)
    why="output '$got', want '$want'"
    [ "$got" = "$want" ] || return 1
    # A rebuild takes the image from the cache, and still says so.
    "$freeze" build -q --emit frz -o "$tmp/bm/out" "$tmp/bm/manifest.yaml" 2>"$tmp/bm/err" || return 1
    why="no warning for table on a rebuild: $(cat "$tmp/bm/err")"
    grep -q "^freeze: warning: module 'table' goes into the image as its .mpy" "$tmp/bm/err"
}

# Names made at run time find the pool's qstrs (a binary search by length and bytes):
# getattr with a built string reaches each class attribute of a frozen module, among
# them n_aacc and n_ccaa (equal hashes, equal lengths). A pool str hashes like the bytes
# of its text, as in MicroPython (the pool keeps no hashes: a pool str's is computed
# when asked).
pool_lookup() {
    mkdir -p "$tmp/pl/pre"
    python3 - "$tmp/pl/pre/names.py" <<'PY' || return 1
import sys
body = "".join("    n_%03d = %d\n" % (i, i + 3) for i in range(300))
open(sys.argv[1], "w").write("""class C:
    n_aacc = 1
    n_ccaa = 2
%s
found = sum(1 for i in range(300) if getattr(C, "n_" + "%%03d" %% i) == i + 3)
print(found, getattr(C, "n_" + "aacc"), getattr(C, "n_" + "ccaa"), hasattr(C, "n_" + "zzzz"))
built = "n_" + "ccaa"
print(hash("n_aacc") == hash(b"n_aacc"), {built: 5}["n_ccaa"], {"n_ccaa": 6}[built])
""" % body)
PY
    printf 'options: {main: names}\ncontents:\n  - freeze: pre\n' >"$tmp/pl/manifest.yaml"
    why="$("$freeze" build -q --emit frz -o "$tmp/pl/out" "$tmp/pl/manifest.yaml" 2>&1)"
    [ -f "$tmp/pl/out/pl.frz" ] || return 1
    why="the module printed '$("$fzvm" "$tmp/pl/out/pl.frz" 2>&1 | head -3)'"
    [ "$("$fzvm" "$tmp/pl/out/pl.frz" 2>&1)" = "300 1 2 False
True 5 6" ]
}

# A float in flash keeps its .mpy text only where the text does not follow from its
# value: on the host (double) neither 1.5 nor 0.1 does, so each is its object alone (16
# bytes); on xtensa-qemu (single) 1.5 is 8 bytes and 0.1 (0.1f is not the double 0.1)
# 8 and its 5-byte encoding. Either way --extract gives the compiler's .mpy back.
float_text() {
    mkdir -p "$tmp/ft/pre"
    printf 'A = 1.5\nB = 0.1\nprint(A + B)\n' >"$tmp/ft/pre/fl.py"
    "$build/mpycross" -s fl.py -o "$tmp/ft/fl.mpy" "$tmp/ft/pre/fl.py" || return 1
    printf 'contents:\n  - freeze: pre\n' >"$tmp/ft/manifest.yaml"
    for t in host:32 xtensa-qemu:21; do
        why="$("$freeze" build -q --emit frz -t "${t%%:*}" -o "$tmp/ft/${t%%:*}" "$tmp/ft/manifest.yaml" 2>&1)"
        img=$tmp/ft/${t%%:*}/ft.frz
        [ -f "$img" ] || return 1
        why="${t%%:*}: --extract differs from mpycross's .mpy"
        "$freeze" inspect --extract "$img" fl >"$tmp/ft/x.mpy" && cmp -s "$tmp/ft/x.mpy" "$tmp/ft/fl.mpy" || return 1
        got=$("$freeze" size --report json "$img" | python3 -c '
import json, sys
print(json.load(sys.stdin)["modules"][0]["parts"]["float"])')
        why="${t%%:*}: the floats take $got bytes, want ${t#*:}"
        [ "$got" = "${t#*:}" ] || return 1
    done
}

# An output directory that cannot be made is an I/O error: exit 4, one message.
io_error() {
    : >"$tmp/plainfile"
    (cd "$tmp/a" && "$freeze" build -q --emit frz -o "$tmp/plainfile/out" manifest.yaml) 2>"$tmp/err"
    st=$?
    why="exit $st, stderr '$(cat "$tmp/err")'"
    [ $st -eq 4 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q 'cannot create directory' "$tmp/err"
}

# The whole golden corpus compiled in one parallel build: every module in the image is
# mpy-cross's .mpy byte for byte (at -O0, and at -O2 where the corpus has one) once
# inspect --extract has rebuilt it from the frozen form, and a one-thread build from
# another directory gives the same image.
golden_modules_match() {  # golden_modules_match IMAGE SUFFIX: count in $n
    "$freeze" inspect "$1" >"$tmp/index" || return 1
    n=0
    while read -r off len mod; do
        want=$golden/$mod$2
        why="$mod differs from $(basename "$want")"
        [ -f "$want" ] && "$freeze" inspect --extract "$1" "$mod" >"$tmp/extracted" \
            && cmp -s "$tmp/extracted" "$want" || return 1
        n=$((n + 1))
    done <<EOF2
$(awk '$1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ { print $1, $2, $3 }' "$tmp/index")
EOF2
}

golden_compiled() {
    mkdir -p "$tmp/g/src" "$tmp/g/o2" "$tmp/g2"
    cp "$golden"/*.py "$tmp/g/src/"
    for f in "$golden"/*.O2.mpy; do
        cp "$golden/$(basename "$f" .O2.mpy).py" "$tmp/g/o2/"
    done
    printf 'metadata: {name: corpus}\ncontents:\n  - freeze: src\n' >"$tmp/g/manifest.yaml"
    printf 'metadata: {name: corpus2}\ncontents:\n  - freeze: {path: o2, opt: 2}\n' >"$tmp/g/o2.yaml"
    for m in manifest.yaml o2.yaml; do
        why="$(cd "$tmp/g" && "$freeze" build -q -j4 --emit frz $m 2>&1 | head -3)"
        (cd "$tmp/g" && "$freeze" build -q -j4 --emit frz $m >/dev/null 2>&1) || return 1
    done
    golden_modules_match "$tmp/g/build/corpus.frz" .mpy || return 1
    why="only $n modules at -O0"
    [ "$n" -eq "$(ls "$golden"/*.py | wc -l)" ] || return 1
    golden_modules_match "$tmp/g/build/corpus2.frz" .O2.mpy || return 1
    why="only $n modules at -O2"
    [ "$n" -eq "$(ls "$golden"/*.O2.mpy | wc -l)" ] || return 1
    cp -r "$tmp/g/src" "$tmp/g/manifest.yaml" "$tmp/g2/"
    (cd / && "$freeze" build -q -j1 --emit frz -o "$tmp/g2/out" "$tmp/g2/manifest.yaml") || return 1
    why="a -j1 build elsewhere gives another image"
    cmp -s "$tmp/g/build/corpus.frz" "$tmp/g2/out/corpus.frz"
}

bad_mpy() {
    mkdir -p "$tmp/badmpy/pre"
    printf 'M\005\000\037rest' >"$tmp/badmpy/pre/old.mpy"
    printf 'options: {main: old}\ncontents:\n  - freeze: pre\n' >"$tmp/badmpy/manifest.yaml"
    "$freeze" build -q --emit frz -o "$tmp/badmpy/out" "$tmp/badmpy/manifest.yaml" 2>"$tmp/err"
    st=$?
    why="exit $st: $(cat "$tmp/err")"
    [ $st -eq 1 ] && grep -q 'pre/old.mpy: error: .mpy version 5, freeze needs version 6' "$tmp/err"
}

no_tmp_left() {
    why="temporary files left: $(find "$tmp/a/build" -name '*.tmp*')"
    [ -z "$(find "$tmp/a/build" -name '*.tmp*')" ]
}

# A .py module through the compiler and the cache: a second build reuses it.
cache() {
    mkdir -p "$tmp/c"
    printf 'x = 1\n' >"$tmp/c/m.py"
    printf 'contents:\n  - module: m.py\n' >"$tmp/c/manifest.yaml"
    why="first build: $("$freeze" build -v --emit frz "$tmp/c/manifest.yaml" 2>&1 >/dev/null | tail -1)"
    "$freeze" build -v --emit frz "$tmp/c/manifest.yaml" 2>"$tmp/err" >/dev/null || return 1
    why="second build did not use the cache: $(cat "$tmp/err")"
    grep -q '^freeze: cached ' "$tmp/err" || return 1
    printf 'x = 2\n' >"$tmp/c/m.py"
    "$freeze" build -v --emit frz "$tmp/c/manifest.yaml" 2>"$tmp/err" >/dev/null
    why="a changed source was not recompiled: $(cat "$tmp/err")"
    grep -q '^freeze: compiled ' "$tmp/err"
}

# A rebuild trusts a source's remembered digest only while its stat is the same. An edit
# that keeps the size and puts the old mtime back still changes the ctime, and only that
# module is compiled again; a damaged memo, image or pack in the cache is ignored, and
# the output is as a fresh build's.
rebuild_memo() {
    mkdir -p "$tmp/rm"
    printf 'options: {main: m}\ncontents:\n  - module: m.py\n  - module: n.py\n' >"$tmp/rm/manifest.yaml"
    printf 'import n\nprint(n.V + 1)\n' >"$tmp/rm/m.py"
    printf 'V = 10\n' >"$tmp/rm/n.py"
    touch -d '2020-01-02 03:04:05' "$tmp/rm/m.py" "$tmp/rm/n.py"
    sleep 0.2  # and the ctime too: then the files are old enough to remember (memo.c)
    for i in 1 2; do
        "$freeze" build -q --emit frz -o "$tmp/rm/out" "$tmp/rm/manifest.yaml" 2>"$tmp/err" || return 1
        got=$("$fzvm" "$tmp/rm/out/rm.frz" 2>&1)
        why="build $i printed '$got', want 11: $(cat "$tmp/err")"
        [ "$got" = 11 ] || return 1
    done
    why="the memo does not hold the sources"
    grep -q n.py "$tmp/rm/out/.cache/rm.memo" || return 1
    printf 'V = 20\n' >"$tmp/rm/n.py"
    touch -d '2020-01-02 03:04:05' "$tmp/rm/n.py"
    sleep 0.2
    "$freeze" build -v --emit frz -o "$tmp/rm/out" "$tmp/rm/manifest.yaml" 2>"$tmp/err" >/dev/null || return 1
    got=$("$fzvm" "$tmp/rm/out/rm.frz" 2>&1)
    why="after an edit with the mtime put back: printed '$got', want 21"
    [ "$got" = 21 ] || return 1
    why="not just n.py compiled: $(cat "$tmp/err")"
    grep -q '^freeze: compiled .*/n\.py$' "$tmp/err" && grep -q '^freeze: cached .*/m\.py$' "$tmp/err" \
        && grep -q '^freeze: linked the image$' "$tmp/err" || return 1
    "$freeze" build -q --emit frz -o "$tmp/rm/fresh" "$tmp/rm/manifest.yaml" 2>"$tmp/err" || return 1
    for f in rm.memo rm.img rm.pack; do
        python3 -c '
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x40
open(p, "wb").write(b)' "$tmp/rm/out/.cache/$f" || return 1
        "$freeze" build -q --emit frz -o "$tmp/rm/out" "$tmp/rm/manifest.yaml" 2>"$tmp/err" || return 1
        why="with a damaged $f: the image differs from a fresh build's: $(cat "$tmp/err")"
        cmp -s "$tmp/rm/out/rm.frz" "$tmp/rm/fresh/rm.frz" || return 1
    done
}

# A host executable from golden .mpy: prints what the reference VM printed.
golden_app() {
    why="$( (cd "$tmp/a" && "$freeze" build -q -o "$tmp/app" manifest.yaml) 2>&1 | tail -1)"
    [ -x "$tmp/app/golden" ] || return 1
    "$tmp/app/golden" >"$tmp/out" 2>&1
    why="output differs from $golden/001_int_arith.out"
    cmp -s "$tmp/out" "$golden/001_int_arith.out"
}

# The demo: examples/hello compiled from source, linked and run.
hello_app() {
    why="$(cd "$root" && "$freeze" build examples/hello/manifest.yaml -t host -o "$tmp/hello" 2>&1 >/dev/null | tail -1)"
    [ -x "$tmp/hello/hello" ] || return 1
    why="output differs from tests/freezer/hello.out"
    "$tmp/hello/hello" | cmp -s - "$here/hello.out"
}

run_mpy() {
    why="freeze run did not print $golden/002_int_divmod.out"
    "$freeze" run "$golden/002_int_divmod.mpy" 2>/dev/null | cmp -s - "$golden/002_int_divmod.out"
}

if [ -z "$golden" ]; then
    for t in layout reproducible c-section corrupt-flip corrupt-truncated runtime-refuses \
             budget json-report emit-frz bad-mpy io-error size-diff inspect-listing depfile frozen-corrupt elf-host elf-xtensa golden-app golden-compiled run-mpy; do
        echo "skip freezer/$t: ../shared is absent"
    done
else
    mpy_app "$tmp/a"
    mpy_app "$tmp/b"
    if (cd "$tmp/a" && "$freeze" build -q --emit frz,c manifest.yaml 2>"$tmp/err"); then
        check layout layout
        check reproducible reproducible
        check c-section c_section
        check no-temp-files no_tmp_left
        check corrupt-flip corrupt_refused flip "$flip" 'image CRC mismatch'
        check corrupt-truncated corrupt_refused trunc "$truncate_it" 'image is truncated'
        check runtime-refuses runtime_refuses
    else
        echo "FAIL freezer/build-mpy: $(cat "$tmp/err")"
    fi
    check budget budget
    check json-report json_report
    check emit-frz emit_only_frz
    check bad-mpy bad_mpy
    check io-error io_error
    check size-diff size_diff
    check inspect-listing inspect_listing
    check depfile depfile
    check frozen-corrupt frozen_corrupt
    check elf-host elf_host
    if command -v xtensa-lx106-elf-gcc >/dev/null 2>&1; then
        check elf-xtensa elf_xtensa
    else
        echo "skip freezer/elf-xtensa: xtensa-lx106-elf-gcc is not installed"
    fi
    check golden-app golden_app
    check golden-compiled golden_compiled
    check run-mpy run_mpy
fi
check frozen-rom-corrupt frozen_rom_corrupt
check frozen-fuzz frozen_fuzz
check big-modules big_modules
check pool-lookup pool_lookup
check float-text float_text
check cache cache
check rebuild-memo rebuild_memo
if command -v xtensa-lx106-elf-gcc >/dev/null 2>&1; then
    check image-mcu image_mcu
else
    echo "skip freezer/image-mcu: xtensa-lx106-elf-gcc is not installed"
fi
check hello-app hello_app
