#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/runtime: runs every golden .mpy (the reference compiler's bytes) on our VM, fzvm,
# and compares stdout with NNN.expected.out if present, else NNN.out; case 150 must also
# exit with status 1 (its traceback is part of the expected output). Cases listed in
# golden.xfail are expected failures (skip lines). Then the loader's robustness: truncated
# and bit-flipped .mpy files must be refused or run, never crash (exit 0 or 1 only).
here=$(dirname "$0")
vm=$(cd "$BUILD" 2>/dev/null && pwd)/host/fzvm
if [ ! -x "$vm" ]; then
    echo "FAIL runtime/fzvm: $vm not built"
    exit 0
fi
if [ -z "$SHARED" ] || [ ! -d "$SHARED/golden/cases" ]; then
    echo "skip runtime/golden: ../shared/golden is not here"
    exit 0
fi
xfail="$here/golden.xfail"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
total=0
for mpy in "$SHARED"/golden/cases/[0-9][0-9][0-9]_*.mpy; do
    case "$mpy" in *.O2.mpy) continue ;; esac
    name=$(basename "$mpy" .mpy)
    total=$((total + 1))
    exp="${mpy%.mpy}.expected.out"
    [ -f "$exp" ] || exp="${mpy%.mpy}.out"
    want=0
    [ "${name%%_*}" = 150 ] && want=1
    if [ $want = 1 ]; then
        (cd "$(dirname "$mpy")" && timeout 20 "$vm" "$name.mpy" >"$tmp/out" 2>&1)
    else
        (cd "$(dirname "$mpy")" && timeout 20 "$vm" "$name.mpy" >"$tmp/out" 2>/dev/null)
    fi
    status=$?
    listed=0
    grep -qx "$name" "$xfail" 2>/dev/null && listed=1
    if [ $status -eq $want ] && cmp -s "$tmp/out" "$exp"; then
        pass=$((pass + 1))
        if [ $listed = 1 ]; then echo "ok runtime/golden/$name (listed in golden.xfail: remove it)"
        else echo "ok runtime/golden/$name"; fi
    elif [ $listed = 1 ]; then
        echo "skip runtime/golden/$name: expected failure (not yet supported)"
    else
        echo "FAIL runtime/golden/$name: exit $status (want $want) or output differs"
    fi
done
echo "golden .mpy passing on our VM: $pass/$total" >&2

# The -O2 builds of every tenth case (NNN.O2.out where the output differs).
for mpy in "$SHARED"/golden/cases/[0-9][0-9][0-9]_*.O2.mpy; do
    [ -f "$mpy" ] || continue
    name=$(basename "$mpy" .mpy)
    base=${mpy%.O2.mpy}
    exp="$base.O2.out"
    [ -f "$exp" ] || exp="$base.expected.out"
    [ -f "$exp" ] || exp="$base.out"
    want=0
    [ "${name%%_*}" = 150 ] && want=1
    (cd "$(dirname "$mpy")" && timeout 20 "$vm" "$name.mpy" >"$tmp/out" 2>&1)
    status=$?
    if [ $status -eq $want ] && cmp -s "$tmp/out" "$exp"; then
        echo "ok runtime/golden-O2/$name"
    elif grep -qx "$name" "$xfail" 2>/dev/null; then
        echo "skip runtime/golden-O2/$name: expected failure (not yet supported)"
    else
        echo "FAIL runtime/golden-O2/$name: exit $status (want $want) or output differs"
    fi
done

# Programs of our own (programs/NAME.py, expected output NAME.exp: MicroPython's), compiled
# by our mpycross and run with a small heap so the collector and the limits get exercised.
mpyc=$(cd "$BUILD" 2>/dev/null && pwd)/mpycross
for py in "$here"/programs/*.py; do
    name=$(basename "$py" .py)
    if [ ! -x "$mpyc" ]; then
        echo "skip runtime/prog/$name: $mpyc not built"
        continue
    fi
    cp "$py" "$tmp/$name.py"
    if ! (cd "$tmp" && "$mpyc" -o "$name.mpy" "$name.py" >/dev/null 2>&1); then
        echo "skip runtime/prog/$name: mpycross can't compile it yet"
        continue
    fi
    (cd "$tmp" && timeout 60 "$vm" --heap 64K "$name.mpy" >"$tmp/out" 2>&1)
    if cmp -s "$tmp/out" "${py%.py}.exp"; then
        echo "ok runtime/prog/$name"
    else
        echo "FAIL runtime/prog/$name: output differs from $name.exp"
    fi
done

# Code nested deeper than any fixed limit: the loader recurses per level, bounded by the C
# stack budget only; 500 levels load and run, 3000 run or give a clean RuntimeError.
for n in 500 3000; do
    awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "%*sdef f%d():\n", i, "", i;
        printf "%*spass\nprint(1)\n", n, "" }' >"$tmp/deep.py"
    if [ ! -x "$mpyc" ] || ! (cd "$tmp" && "$mpyc" -o deep.mpy deep.py >/dev/null 2>&1); then
        echo "skip runtime/deep-defs-$n: mpycross can't compile it"
        continue
    fi
    timeout 20 "$vm" --heap 8M "$tmp/deep.mpy" >"$tmp/out" 2>&1
    s=$?
    last=$(tail -n 1 "$tmp/out")
    if [ $s = 0 ] && [ "$last" = 1 ]; then echo "ok runtime/deep-defs-$n"
    elif [ $n = 3000 ] && [ $s = 1 ] && [ "$last" = "RuntimeError: maximum recursion depth exceeded" ]; then
        echo "ok runtime/deep-defs-$n"
    else echo "FAIL runtime/deep-defs-$n: exit $s: $(head -c 120 "$tmp/out")"; fi
done

# The collector under stress: a collection at every allocation, in a small heap; as a
# .mpy, and frozen (a module that is its context, classes holding their dict, constants
# in flash and in the context).
freeze=$(dirname "$vm")/../freeze
for c in 048_closures 062_class_container 084_yield_from 089_nested_comprehension \
         116_expr_parser 136_gen_pipeline 144_inventory 068_class_multiple_inherit \
         126_int_constants 127_float_constants; do
    mpy="$SHARED/golden/cases/$c.mpy"
    [ -f "$mpy" ] || continue
    exp="${mpy%.mpy}.expected.out"
    [ -f "$exp" ] || exp="${mpy%.mpy}.out"
    mkdir -p "$tmp/gs/pre"
    rm -f "$tmp/gs/pre/"*
    cp "$mpy" "$tmp/gs/pre/"
    printf 'options: {main: %s}\ncontents:\n  - freeze: pre\n' "$c" >"$tmp/gs/m.yaml"
    "$freeze" build -q --emit frz -o "$tmp/gs/out" "$tmp/gs/m.yaml" 2>/dev/null
    for form in "" -frozen; do
        input="$c.mpy"
        [ -n "$form" ] && input=$(ls "$tmp/gs/out/"*.frz)
        (cd "$(dirname "$mpy")" && FZVM_GC_STRESS=1 timeout 120 "$vm" --heap 48K "$input" >"$tmp/out" 2>/dev/null)
        if cmp -s "$tmp/out" "$exp"; then
            echo "ok runtime/gc-stress/$c$form"
        else
            echo "FAIL runtime/gc-stress/$c$form: output differs with a collection at every allocation"
        fi
    done
done

# Robustness: every prefix length class and a sweep of single-bit flips of a few cases.
fuzz_one() {  # fuzz_one FILE LABEL
    timeout 5 "$vm" "$1" >/dev/null 2>"$tmp/err"
    s=$?
    # Any status a program can choose (0, 1, sys.exit(n)) is fine, and 124 (timeout: a
    # corrupt jump made an endless loop); a signal (128 + n) is a crash.
    if [ $s -ge 128 ] && [ $s -ne 124 ]; then
        echo "FAIL runtime/fuzz/$2: exit status $s"; return 1
    fi
    if grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
        echo "FAIL runtime/fuzz/$2: sanitizer report"; return 1
    fi
    return 0
}
for c in 048_closures 070_exc_basic 080_gen_basic 128_string_constants; do
    src="$SHARED/golden/cases/$c.mpy"
    [ -f "$src" ] || continue
    size=$(wc -c <"$src")
    ok=1
    n=0
    while [ $n -lt "$size" ]; do
        head -c $n "$src" >"$tmp/t.mpy"
        fuzz_one "$tmp/t.mpy" "$c-trunc$n" || ok=0
        n=$((n + 1 + size / 40))
    done
    [ $ok = 1 ] && echo "ok runtime/fuzz/$c-truncated"
    ok=1
    i=0
    while [ $i -lt 48 ]; do
        off=$(( (i * 7919) % size ))
        bit=$(( i % 8 ))
        "$BUILD/tests/tools/bitflip" "$src" "$tmp/f.mpy" $off $bit 2>/dev/null || cp "$src" "$tmp/f.mpy"
        fuzz_one "$tmp/f.mpy" "$c-flip$off.$bit" || ok=0
        i=$((i + 1))
    done
    [ $ok = 1 ] && echo "ok runtime/fuzz/$c-bitflips"
done
exit 0
