#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/heap: what an import leaves on the heap (fzvm --heap-report, after a collection).
#   heap/defs-free-frozen   a frozen module of 100 defs takes no more heap than one binding
#                           the same 100 names to ints: the first function made of a code
#                           block is an immediate word (runtime/rawcode.c), and the code
#                           records stay in the image
#   heap/defs-free-mpy      the same from a .mpy, whose loader writes the records (12
#                           bytes a code block, 2 a child) to the heap: under 20 bytes a
#                           def, where a function object alone is 32 on the host
#   heap/defaults-stored    a frozen def with a default costs its default's word: the
#                           first function of a code block is an immediate and its
#                           defaults go in the module's defaults store
#   heap/defaults-flash     a frozen def whose defaults are constants costs nothing:
#                           they are in the image
#   heap/defaults-named     so does one read from a name the body set to a constant
#   heap/defaults-objects   and one of a float or bytes constant (an object in flash)
#   heap/defaults-inline    a def run again with a default costs one block (defaults
#                           stored inline in the function object)
#   heap/globals-sized      a module's globals dict is made the size its body needs
#   heap/instance-size      an instance holds its attribute map itself
#   heap/instance-presized  a new instance's attribute map is made the size its class's
#                           instances came to
#   heap/class-size         a class's type object is eight words with its namespace
#                           dict inside; its slots are a table in flash that every
#                           class statement's type shares
#   heap/rom-bigints        so are big int constants: their digits are in the image
#   heap/cold-in-context    constants built at import are kept in the module's context,
#                           and its constant table stays in flash
#   heap/bigint-size        a big int is its object (one block: mpz_t's capacity and
#                           flags share a word) and its digits' block
#   heap/rom-constants      a frozen module's constant tuples of immediates, bytes and
#                           floats are objects in the image: a 200-item table, 300
#                           bytes and a float take no heap (they do from a .mpy)
#   heap/module-size        a frozen module is its context: one object, and its globals
#   heap/reimport-frees     a frozen module dropped from sys.modules is freed (its
#                           context is held weakly)
#   heap/del-global-frees   deleting a global frees its value (it stayed in the dict's
#                           table until the next compaction)
build=$(cd "${BUILD:-build}" && pwd)
freeze=$build/freeze
fzvm=$build/host/fzvm
mpycross=$build/mpycross
if [ ! -x "$fzvm" ] || [ ! -x "$freeze" ] || [ ! -x "$mpycross" ]; then
    echo "FAIL heap: $build/host/fzvm, freeze or mpycross not built"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

heap_of() {  # heap_of FILE: bytes the main module left in use, after a collection
    "$fzvm" --heap-report "$1" 2>&1 >/dev/null | awk '/^heap: / { print $2 - $10 }'
}

# frozen_main TEST DIR M...: builds each DIR/M.py as the main module of its own image,
# in DIR/M/out.
frozen_main() {
    test=$1 dir=$2
    shift 2
    for m in "$@"; do
        mkdir -p "$dir/$m"
        cp "$dir/$m.py" "$dir/$m/"
        printf 'options: {main: %s}\ncontents:\n  - freeze: %s\n' "$m" "$m" >"$dir/$m.yaml"
        "$freeze" build -q --emit frz -o "$dir/$m/out" "$dir/$m.yaml" 2>"$tmp/err" ||
            echo "FAIL heap/$test: freeze build $m: $(head -c 300 "$tmp/err")"
    done
}

# as_cheap TEST A B OUT WHAT: the frozen image of $tmp/rom/A prints OUT and leaves the
# heap of B's within a block: what A has more of is in flash.
as_cheap() {
    out=$("$fzvm" "$tmp/rom/$2/out/"*.frz 2>&1)
    t=$(heap_of "$tmp/rom/$2/out/"*.frz) n=$(heap_of "$tmp/rom/$3/out/"*.frz)
    echo "heap after import, frozen: $5 $t bytes against $n" >&2
    if [ "$out" != "$4" ]; then
        echo "FAIL heap/$1: $2 printed '$out'"
    elif [ -z "$t" ] || [ -z "$n" ] || [ "$t" -gt $((n + 32)) ]; then
        echo "FAIL heap/$1: $5 $t bytes against $n"
    else
        echo "ok heap/$1"
    fi
}

# per_object NAME LIMIT CHECK WHAT: $tmp/NAME.py prints the heap bytes one object takes;
# CHECK passes if that is under LIMIT.
per_object() {
    "$mpycross" -o "$tmp/$1.mpy" "$tmp/$1.py" && per=$("$fzvm" --heap 2M "$tmp/$1.mpy" 2>&1)
    if [ -n "$per" ] && [ "$per" -lt "$2" ] 2>/dev/null; then
        echo "ok heap/$3"
    else
        echo "FAIL heap/$3: $per bytes $4 (want under $2)"
    fi
    echo "heap: $per bytes $4" >&2
}

i=0
while [ $i -lt 100 ]; do
    printf 'def f%d(a, b):\n    return a * %d + b\n' $i $i >>"$tmp/defs.py"
    [ $i -lt 99 ] && printf 'f%d = %d\n' $i $((i + 1000)) >>"$tmp/ints.py"
    printf 'def f%d(a, b=%d):\n    return a * b\n' $i $i >>"$tmp/dflt.py"
    printf 'def f%d(a, b=K):\n    return a * b\n' $i >>"$tmp/dfltk.py"
    printf 'def f%d(a, b=K):\n    return a * b\n' $i >>"$tmp/dfltn.py"
    printf 'def f%d(a, b=1.5, c=b"ab"):\n    return a * b\n' $i >>"$tmp/dfltf.py"
    i=$((i + 1))
done
sed -i '1i K = int("3")' "$tmp/dfltk.py"
sed -i '1i K = 3' "$tmp/dfltn.py"
printf 'print(f0(1) + f99(3))\n' >>"$tmp/dfltk.py"
printf 'print(f0(1) + f99(3))\n' >>"$tmp/dfltn.py"
printf 'print(f0(1) + f99(3))\n' >>"$tmp/dfltf.py"
printf 'print(f0(1, 2) + f99(3, 4))\n' >>"$tmp/defs.py"
# One def among the ints: a module's context lives while a function of it does (gc.c).
printf 'def f99(a, b):\n    return a + b\nprint(f0 + f98)\n' >>"$tmp/ints.py"
printf 'print(f0(1) + f99(3))\n' >>"$tmp/dflt.py"
for m in defs ints dflt dfltk dfltn dfltf; do
    mkdir -p "$tmp/$m"
    "$mpycross" -o "$tmp/$m.mpy" "$tmp/$m.py" || echo "FAIL heap/defs-free: mpycross $m.py"
    printf 'options: {main: %s}\ncontents:\n  - module: %s.py\n' $m $m >"$tmp/$m.yaml"
    cp "$tmp/$m.py" "$tmp/$m/"
    "$freeze" build -q --emit frz -o "$tmp/$m/out" "$tmp/$m.yaml" 2>"$tmp/err" ||
        echo "FAIL heap/defs-free: freeze build $m: $(head -c 300 "$tmp/err")"
done
for form in frozen mpy; do
    per=4
    [ $form = mpy ] && per=20
    if [ $form = frozen ]; then
        d=$(heap_of "$tmp/defs/out/"*.frz) n=$(heap_of "$tmp/ints/out/"*.frz)
    else
        d=$(heap_of "$tmp/defs.mpy") n=$(heap_of "$tmp/ints.mpy")
    fi
    if [ -z "$d" ] || [ -z "$n" ]; then
        echo "FAIL heap/defs-free-$form: no heap report"
    elif [ "$d" -gt $((n + 100 * $per)) ]; then
        echo "FAIL heap/defs-free-$form: 100 defs leave $d bytes, 100 ints $n:" \
             "functions take heap ($(( (d - n) / 100 )) bytes each)"
    else
        echo "ok heap/defs-free-$form"
    fi
    echo "heap after import, $form: 100 defs $d bytes, 100 ints $n bytes" >&2
done

# The first def of a code block with a default keeps it in the module's defaults store:
# a word (8 bytes on the host) a def, beside the heap of 100 int globals (b=K, K set by a call:
# at least 6 and at most 9 bytes a def). A default the def pushes as a constant (b=3) is
# in the image's flash defaults and costs nothing. A def run again is one heap object
# with the default inside (one 32-byte block on the host), not an object and a tuple:
# 100 of them in a list, less the same list of ints. And a module's globals dict is
# sized once for the names its body stores (100 entries of 16 bytes, an index of 1-byte
# slots).
t=$(heap_of "$tmp/dfltk/out/"*.frz) n=$(heap_of "$tmp/ints/out/"*.frz)
echo "heap after import, frozen: 100 defs with a default from a global $t bytes" >&2
if [ -z "$t" ] || [ -z "$n" ]; then
    echo "FAIL heap/defaults-stored: no heap report"
elif [ "$t" -gt $((n + 100 * 9 + 64)) ] || [ "$t" -lt $((n + 100 * 6)) ]; then
    echo "FAIL heap/defaults-stored: 100 defs with a default leave $t bytes, 100 ints $n"
else
    echo "ok heap/defaults-stored"
fi
# in_flash NAME MODULE WHAT: the frozen MODULE's 100 defs with WHAT as defaults leave the
# heap of the 100 ints ($n), within a block: their defaults are in the image.
in_flash() {
    t=$(heap_of "$tmp/$2/out/"*.frz)
    echo "heap after import, frozen: 100 defs with $3 $t bytes" >&2
    if [ -z "$t" ] || [ -z "$n" ] || [ "$t" -gt $((n + 32)) ]; then
        echo "FAIL heap/$1: 100 defs with $3 leave $t bytes, 100 ints $n"
    else
        echo "ok heap/$1"
    fi
}
in_flash defaults-flash dflt "a constant default (b=3)"
# A default read from a name the module body set to a constant (K = 3; def f(a, b=K))
# is expected to be that constant: in the image too (the runtime checks it).
in_flash defaults-named dfltn "a default from a constant global (b=K, K = 3)"
# Float and bytes defaults are objects in the image, and the flash defaults name them.
in_flash defaults-objects dfltf "float and bytes defaults (b=1.5, c=b'ab')"
for m in many ints2; do
    {
        echo 'def mk(k):'
        echo '    def g(a, b=k):'
        echo '        return a + b'
        echo '    return g'
        echo 'mk(0)'
        [ $m = many ] && echo 'fs = [mk(i) for i in range(100)]' || echo 'fs = [i + 1000 for i in range(100)]'
        echo 'print(len(fs))'
    } >"$tmp/$m.py"
    "$mpycross" -o "$tmp/$m.mpy" "$tmp/$m.py" || echo "FAIL heap/defaults-inline: mpycross $m.py"
done
t=$(heap_of "$tmp/many.mpy") n=$(heap_of "$tmp/ints2.mpy")
echo "heap after import: 100 functions with a default made again $t bytes, 100 ints $n" >&2
if [ -z "$t" ] || [ -z "$n" ]; then
    echo "FAIL heap/defaults-inline: no heap report"
elif [ "$t" -gt $((n + 100 * 32)) ] || [ "$t" -lt $((n + 100 * 16)) ]; then
    echo "FAIL heap/defaults-inline: 100 functions with a default leave $t bytes, 100 ints $n"
else
    echo "ok heap/defaults-inline"
fi
if [ -n "$n" ] && [ "$n" -le $((100 * 16 + 1024)) ]; then
    echo "ok heap/globals-sized"
else
    echo "FAIL heap/globals-sized: a module of 100 int globals leaves $n bytes (more than" \
         "$((100 * 16 + 1024)): the globals table grew past its size)"
fi

# A deleted global lets go of its value at once, not when the globals' table is next
# compacted (the table has room left here, so nothing compacts it). Six lists go with it;
# at least four must be freed.
cat >"$tmp/delg.py" <<'EOF2'
import gc
def mk():
    return [None] * 500
gc.collect()
before = gc.mem_alloc()
big = [mk() for i in range(6)]
grown = gc.mem_alloc()
del big
for i in range(3):
    mk()  # overwrite stale words a conservative scan could see (one may still pin a list)
gc.collect()
print(grown - gc.mem_alloc() >= 4 * 500 * 4)
EOF2
"$mpycross" -o "$tmp/delg.mpy" "$tmp/delg.py" && out=$("$fzvm" --heap 1M "$tmp/delg.mpy" 2>&1)
if [ "$out" = True ]; then
    echo "ok heap/del-global-frees"
else
    echo "FAIL heap/del-global-frees: the deleted global's list is still alive ($out)"
fi

# A frozen module dropped from sys.modules is freed with its globals once nothing uses
# its functions: the context table holds contexts weakly (gc.c). Imported 20 times, each
# copy's 2 KB list must go; before, every copy stayed (40 KB and more). One function of
# the module is kept, so its context (and that copy) must stay usable.
mkdir -p "$tmp/reimp"
cat >"$tmp/reimp/drop.py" <<'EOF2'
DATA = [0] * 250
def size():
    return len(DATA)
EOF2
cat >"$tmp/reimp/reimp.py" <<'EOF2'
import gc, sys
def once():
    import drop
    del sys.modules["drop"]
    return drop.size
once()
gc.collect()
before = gc.mem_alloc()
for i in range(20):
    kept = once()
for i in range(3):
    [None] * 40  # overwrite stale words a conservative scan could see
gc.collect()
print(gc.mem_alloc() - before < 6 * 250 * 8, kept())
EOF2
printf 'options: {main: reimp}\ncontents:\n  - freeze: %s\n' "$tmp/reimp" >"$tmp/reimp.yaml"
out=$("$freeze" build -q --emit frz -o "$tmp/reimp/out" "$tmp/reimp.yaml" 2>&1 &&
      "$fzvm" --heap 1M "$tmp/reimp/out/"*.frz 2>&1)
if [ "$out" = "True 250" ]; then
    echo "ok heap/reimport-frees"
else
    echo "FAIL heap/reimport-frees: the dropped modules' globals stay alive ($out)"
fi

# A frozen module is its context: one object of seven words and its made bits (one
# 64-byte block on the host), then its globals dict and table. Four modules of one def
# each take 160 bytes apiece on the host, sys.modules' growth included; a module object
# beside a context of eleven words took 224.
mkdir -p "$tmp/modsz"
for m in m1 m2 m3 m4 m5; do printf 'def f():\n    return 1\n' >"$tmp/modsz/$m.py"; done
cat >"$tmp/modsz/modsz.py" <<'EOF2'
import gc
import m1
gc.collect()
before = gc.mem_alloc()
import m2, m3, m4, m5
gc.collect()
print((gc.mem_alloc() - before) // 4)
EOF2
printf 'options: {main: modsz}\ncontents:\n  - freeze: %s\n' "$tmp/modsz" >"$tmp/modsz.yaml"
per=$("$freeze" build -q --emit frz -o "$tmp/modsz/out" "$tmp/modsz.yaml" 2>&1 &&
      "$fzvm" --heap 1M "$tmp/modsz/out/"*.frz 2>&1)
echo "heap: a frozen module of one def $per bytes" >&2
if [ -n "$per" ] && [ "$per" -lt 192 ] 2>/dev/null; then
    echo "ok heap/module-size"
else
    echo "FAIL heap/module-size: a frozen module of one def takes $per bytes (want under 192)"
fi

# An instance holds its attributes' map itself (no dict object of its own): on the host a
# 32-byte block, plus its table (two attributes: another), so 1000 of them in a list take
# under 80 bytes each (a separate dict made it 96).
cat >"$tmp/inst.py" <<'EOF2'
import gc
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
gc.collect()
before = gc.mem_alloc()
ps = [P(i, i) for i in range(1000)]
gc.collect()
print((gc.mem_alloc() - before) // 1000)
EOF2
per_object inst 80 instance-size "an instance of two attributes"

# A class counts its instances' attributes and makes a new instance's map that size at
# once: with 11 attributes, 1000 instances take 232 bytes each on the host (the object,
# an 11-entry table and the list's slot), under 264; grown by half while __init__ ran,
# the table had room for 15 (296).
python3 - "$tmp" <<'EOF2'
import sys
with open(sys.argv[1] + "/inst11.py", "w") as f:
    f.write("import gc\nclass P:\n    def __init__(self):\n")
    for i in range(11):
        f.write("        self.a%d = %d\n" % (i, i))
    f.write("P()\ngc.collect()\nbefore = gc.mem_alloc()\nps = [P() for i in range(1000)]\n")
    f.write("gc.collect()\nprint((gc.mem_alloc() - before) // 1000)\n")
EOF2
per_object inst11 264 instance-presized "an instance of eleven attributes"

# A class is its type object holding its namespace dict (eight words: one 64-byte block
# on the host) and that dict's table (__module__, __qualname__): 30 empty classes take
# 107 bytes each beside 30 int globals, under 120 (128 with the dict an object of its
# own; the type alone was 128 bytes when each type held its own ten slot pointers).
i=0
: >"$tmp/cls.py"
: >"$tmp/cint.py"
while [ $i -lt 30 ]; do
    printf 'class C%d:\n    pass\n' $i >>"$tmp/cls.py"
    printf 'C%d = %d\n' $i $((i + 1000)) >>"$tmp/cint.py"
    i=$((i + 1))
done
echo 'print(C0.__name__)' >>"$tmp/cls.py"
echo 'print(C0)' >>"$tmp/cint.py"
"$mpycross" -o "$tmp/cls.mpy" "$tmp/cls.py" && "$mpycross" -o "$tmp/cint.mpy" "$tmp/cint.py"
c=$(heap_of "$tmp/cls.mpy") n=$(heap_of "$tmp/cint.mpy")
echo "heap after import: 30 empty classes $c bytes, 30 ints $n" >&2
if [ -n "$c" ] && [ -n "$n" ] && [ $(( (c - n) / 30 )) -lt 120 ]; then
    echo "ok heap/class-size"
else
    echo "FAIL heap/class-size: 30 empty classes leave $c bytes, 30 ints $n (want under 120 a class)"
fi

# Lookup tables in flash: a 200-entry tuple of ints and strs, 300 bytes and a float,
# frozen, leave the heap of three int globals (within a block); from a .mpy they are
# built on the heap.
mkdir -p "$tmp/rom"
{
    printf 'TABLE = ('
    i=0
    while [ $i -lt 200 ]; do printf '%d, ' $((i * 7 - 300)); i=$((i + 1)); done
    printf "'end')\nDATA = b'"
    i=0
    while [ $i -lt 300 ]; do printf '\\x%02x' $((i % 256)); i=$((i + 1)); done
    printf "'\nSCALE = 1.25\nprint(len(TABLE), TABLE[-1], len(DATA), DATA[255], SCALE * 2)\n"
} >"$tmp/rom/tables.py"
printf 'TABLE = 1\nDATA = 2\nSCALE = 3\nprint(TABLE, DATA, SCALE)\n' >"$tmp/rom/two.py"
frozen_main rom-constants "$tmp/rom" tables two
out=$("$fzvm" "$tmp/rom/tables/out/"*.frz 2>&1)
t=$(heap_of "$tmp/rom/tables/out/"*.frz) n=$(heap_of "$tmp/rom/two/out/"*.frz)
"$mpycross" -o "$tmp/rom/tables.mpy" "$tmp/rom/tables.py" && tm=$(heap_of "$tmp/rom/tables.mpy")
echo "heap after import, frozen: a 200-item tuple, 300 bytes and a float $t bytes, three ints $n; from a .mpy $tm" >&2
if [ "$out" != "201 end 300 255 2.5" ]; then
    echo "FAIL heap/rom-constants: the tables module printed '$out'"
elif [ -z "$t" ] || [ -z "$n" ] || [ -z "$tm" ] || [ "$t" -gt $((n + 32)) ] || [ "$tm" -lt $((n + 1600)) ]; then
    echo "FAIL heap/rom-constants: frozen tables leave $t bytes, two ints $n, the .mpy $tm"
else
    echo "ok heap/rom-constants"
fi

# Big int constants of a frozen module are objects in flash too (their digits in the
# image): 20 of them beside 20 small ints leave the same heap within a block; before,
# each was an object and a digits block (64 bytes on the host) and the module's whole
# constant table was copied to the heap.
python3 - "$tmp/rom" <<'EOF2'
import sys
d = sys.argv[1]
with open(d + "/bigs.py", "w") as f:
    for i in range(20):
        f.write("B%d = %d\n" % (i, (2 ** 80 + i) * (-1 if i % 2 else 1)))
    f.write("print(B0 + B1, B2 * 3 - B4, B19 >> 70, hex(B6), -B7 == 2 ** 80 + 7)\n")
with open(d + "/smalls.py", "w") as f:
    for i in range(20):
        f.write("B%d = %d\n" % (i, i))
    f.write("print(B0 + B1)\n")
EOF2
frozen_main rom-bigints "$tmp/rom" bigs smalls
as_cheap rom-bigints bigs smalls "-1 2417851639229258349412354 -1025 0x100000000000000000006 True" \
    "20 big int globals, against 20 small ints,"

# A frozen module's constant table stays in flash when some constants are built at
# import (a nested tuple): they are kept in its context, a word each. 50 bytes constants
# beside a nested tuple leave the heap of the tuple alone, within a block; the whole table
# was copied to the heap (8 bytes a constant on the host).
python3 - "$tmp/rom" <<'EOF2'
import sys
d = sys.argv[1]
with open(d + "/coldtab.py", "w") as f:
    f.write("NT = ((1, 2), (3, 4))\n")
    for i in range(50):
        f.write("C%d = b'%02d'\n" % (i, i))
    f.write("print(NT, C0, C49)\n")
with open(d + "/coldone.py", "w") as f:
    f.write("NT = ((1, 2), (3, 4))\n")
    for i in range(50):
        f.write("C%d = %d\n" % (i, i))
    f.write("print(NT, C0, C49)\n")
EOF2
frozen_main cold-in-context "$tmp/rom" coldtab coldone
as_cheap cold-in-context coldtab coldone "((1, 2), (3, 4)) b'00' b'49'" \
    "50 bytes constants and a nested tuple, against 50 ints and the tuple,"

# A big int is one block for the object (type, digit pointer, length, and capacity with
# sign and flags in one word) and one for its digits: 1000 of 2**70 + i in a list take
# under 80 bytes each on the host (two 32-byte blocks and the list's slot; a separate
# capacity word and two flag bytes made the object two blocks, 104 bytes each).
cat >"$tmp/bigs.py" <<'EOF2'
import gc
gc.collect()
before = gc.mem_alloc()
big = [2 ** 70 + i for i in range(1000)]
gc.collect()
print((gc.mem_alloc() - before) // 1000)
EOF2
per_object bigs 80 bigint-size "a big int in a list"

# A module's globals and a class's namespace are sized once, by the names the body
# stores (the code record's names field): 39 more globals and 29 more class attributes
# than a module with one of each cost a dict entry each (16 bytes on the host), and at
# most 256 bytes for the two tables' indexes; tables grown one entry at a time end
# larger (2 KB more, or 24 bytes a name, before the field).
python3 - "$tmp/rom" <<'EOF2'
import sys
d = sys.argv[1]
def module(n_globals, n_attrs):
    return ("".join("v%d = %d\n" % (i, i) for i in range(40 - n_globals, 40)) + "class C:\n"
            + "".join("    a%d = %d\n" % (i, i) for i in range(30 - n_attrs, 30))
            + "print(v39, C.a29)\n")
open(d + "/sized.py", "w").write(module(40, 30))
open(d + "/sized1.py", "w").write(module(1, 1))
EOF2
frozen_main names-sized "$tmp/rom" sized sized1
out=$("$fzvm" "$tmp/rom/sized/out/"*.frz 2>&1)
s=$(heap_of "$tmp/rom/sized/out/"*.frz) s1=$(heap_of "$tmp/rom/sized1/out/"*.frz)
echo "heap after import, frozen: 40 globals and 30 class names $s bytes, one of each $s1" >&2
if [ "$out" != "39 29" ] || [ -z "$s" ] || [ -z "$s1" ] || [ $((s - s1)) -gt $((68 * 16 + 256)) ]; then
    echo "FAIL heap/names-sized: printed '$out'; 68 names more take $((s - s1)) bytes"
else
    echo "ok heap/names-sized"
fi
