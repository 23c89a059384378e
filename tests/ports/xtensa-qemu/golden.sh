#!/bin/sh
# SPDX-License-Identifier: MIT
# golden.sh TMPDIR CASE...: runs each golden case under QEMU from a frozen image and
# prints one line per case (ok, FAIL, or skip for the cases in golden.xfail):
#   xtensa-qemu/golden/NAME      `freeze run -t xtensa-qemu` of a manifest holding the
#                                reference NAME.mpy as main: the app's stdout must be
#                                expected/NAME.out (our single-precision / 32-bit
#                                expectation, see expected/README.md) if there is one,
#                                else NAME.expected.out, else NAME.out; the exit status
#                                1 if that ends in a traceback, else 0
#   xtensa-qemu/golden-O2/NAME   NAME.O2.mpy (the reference compiler's -O2 output, every
#                                tenth case) frozen the same way and linked by hand with
#                                the -O2 runtime library: NAME.O2.out where it exists
# run.sh starts two of these in parallel. Env: BUILD, SHARED (set by tests/run).
here=$(dirname "$0")
g=$SHARED/golden/cases
freeze=$BUILD/freeze
lib=$BUILD/xtensa-qemu
cc=${XTENSA_CROSS:-xtensa-lx106-elf-}gcc
tmp=$1
shift
export FREEZE_RUN_TIMEOUT=20

# expected NAME: the file NAME's output must equal.
expected() {
    for f in "$here/expected/$1.out" "$g/$1.expected.out" "$g/$1.out"; do
        [ -f "$f" ] && { echo "$f"; return; }
    done
}

# report TEST NAME STATUS OUT EXP: the verdict line for one run.
report() {
    want=0
    grep -q '^Traceback (most recent call last):' "$5" && want=1
    listed=0
    grep -qx "$2" "$here/golden.xfail" 2>/dev/null && listed=1
    if [ "$3" -eq $want ] && cmp -s "$4" "$5"; then
        if [ $listed = 1 ]; then echo "ok $1/$2 (listed in golden.xfail: remove it)"
        else echo "ok $1/$2"; fi
    elif [ $listed = 1 ]; then
        echo "skip $1/$2: expected failure (not yet supported)"
    else
        echo "FAIL $1/$2: exit status $3 (want $want), first difference:" \
             "$(diff "$5" "$4" | sed -n '2p;3p' | tr '\n' ' ' | head -c 200)"
    fi
}

for name in "$@"; do
    d=$tmp/$name
    mkdir -p "$d"
    cp "$g/$name.mpy" "$d/"
    printf 'metadata: {name: app}\noptions: {main: %s}\ncontents:\n  - module: %s.mpy\n' \
        "$name" "$name" >"$d/manifest.yaml"
    exp=$(expected "$name")
    "$freeze" run -t xtensa-qemu "$d/manifest.yaml" >"$d/out" 2>"$d/err"
    report xtensa-qemu/golden "$name" $? "$d/out" "$exp"
    [ -f "$g/$name.O2.mpy" ] || continue
    # The -O2 bytecode, as module NAME, with the -O2 library.
    mkdir -p "$d/o2"
    cp "$g/$name.O2.mpy" "$d/o2/$name.mpy"
    cp "$d/manifest.yaml" "$d/o2/"
    [ -f "$g/$name.O2.out" ] && exp=$g/$name.O2.out
    if ! "$freeze" build -q -t xtensa-qemu --emit elf -o "$d/o2/build" "$d/o2/manifest.yaml" \
        2>"$d/err" ||
        ! "$cc" -nostdlib -Wl,--gc-sections -Wl,--no-warn-execstack -L"$lib" \
        -T xtensa-qemu-app.ld -o "$d/o2/app.elf" "$d/o2/build/app.o" \
        -Wl,--start-group "$lib/O2/libfreezert.a" -lgcc -Wl,--end-group 2>"$d/err"; then
        echo "FAIL xtensa-qemu/golden-O2/$name: build failed: $(head -c 200 "$d/err")"
        continue
    fi
    "$freeze" run -t xtensa-qemu "$d/o2/app.elf" >"$d/out-O2" 2>"$d/err"
    report xtensa-qemu/golden-O2 "$name" $? "$d/out-O2" "$exp"
done
