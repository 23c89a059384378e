#!/bin/sh
# SPDX-License-Identifier: MIT
# The xtensa-qemu port under qemu-system-xtensa, for each optimisation level L (Os, O2):
#   xtensa-qemu/L/helpers   helpers.c prints, through the port's libgcc helpers, exactly
#                           what the host build prints with native operations
#   xtensa-qemu/L/mathf     mathf.c: the port's libc math, the same as glibc's libm
#   xtensa-qemu/L/specialf  specialf.c: erff, erfcf, tgammaf, lgammaf, the same as glibc's
#                           long double ones rounded to float
#   xtensa-qemu/L/smoke     start-up, memory layout, console, ticks, libc; exit status 42
#   xtensa-qemu/L/fault     an illegal instruction is reported on stderr, status 134
#   xtensa-qemu/hang        run-qemu.sh kills a guest that never exits (status 124)
#   xtensa-qemu/link-*      the linker script's ASSERTs reject a program too big for DRAM
#   xtensa-qemu/image       freeze's xtensa frozen.o lands in FLASH through
#                           frozen-image.ld, and runtime/image.c reads it there as the
#                           host reads the same image from its .frz
#   xtensa-qemu/golden/*    every golden case frozen and run under QEMU (golden.sh)
#   xtensa-qemu/single-host/*  expected/*.out is still what the single-precision host
#                           runner prints (expected/README.md)
#   xtensa-qemu/inplace     the image runs in place: every code object points into the
#                           image in FLASH, and the import's heap use is at most 60% of
#                           the 64-bit host's (a copy of the bytecode would pass that)
#   xtensa-qemu/app-status  freeze run -t xtensa-qemu returns sys.exit's status
#   xtensa-qemu/app-corrupt an app whose image has a flipped byte refuses to run it,
#                           saying why, with status 3
#   xtensa-qemu/app-hang    freeze run stops an app that never exits (status 124)
# Skipped (not failed) where the cross compiler or QEMU is absent.
diffs="helpers mathf specialf"
names="$diffs smoke fault"
levels="Os O2"
skip_all() {
    for l in $levels; do
        for n in $names; do echo "skip xtensa-qemu/$l/$n: $1"; done
    done
    for n in hang link-stack link-heap image golden single-host inplace app-status \
        app-corrupt app-hang; do echo "skip xtensa-qemu/$n: $1"; done
    exit 0
}
cc=${XTENSA_CROSS:-xtensa-lx106-elf-}gcc
command -v "$cc" >/dev/null 2>&1 || skip_all "$cc not installed (sh tools/install-deps.sh installs it)"
command -v qemu-system-xtensa >/dev/null 2>&1 ||
    skip_all "qemu-system-xtensa not installed (sh tools/install-deps.sh installs it)"
dir=$BUILD/xtensa-qemu
run=runtime/ports/xtensa-qemu/run-qemu.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check NAME STATUS WANT_STATUS FILE PATTERN WHY: ok when the status is as wanted and
# FILE holds PATTERN (a grep -E pattern).
check() {
    if [ "$2" -ne "$3" ]; then
        echo "FAIL $1: exit status $2, expected $3 ($6)"
    elif ! grep -Eq "$5" "$4"; then
        echo "FAIL $1: output lacks '$5' ($6): $(head -c 300 "$4")"
    else
        echo "ok $1"
    fi
}

# differ LEVEL NAME: the target's NAME.elf prints what the host's NAME-host prints.
differ() {
    "$BUILD/tests/ports/xtensa-qemu/$2-host" >"$tmp/want"
    "$run" -t 60 "$dir/$1/tests/$2.elf" >"$tmp/have" 2>"$tmp/err"
    s=$?
    if [ $s -ne 0 ]; then
        echo "FAIL xtensa-qemu/$1/$2: exit status $s: $(head -c 300 "$tmp/err")"
    elif ! cmp -s "$tmp/want" "$tmp/have"; then
        echo "FAIL xtensa-qemu/$1/$2: differs from the host's output," \
             "first at: $(diff "$tmp/want" "$tmp/have" | sed -n 2p)"
    elif [ "$(tail -n 1 "$tmp/have")" != end ]; then
        echo "FAIL xtensa-qemu/$1/$2: output incomplete on both sides"
    else
        echo "ok xtensa-qemu/$1/$2"
    fi
}

for l in $levels; do
    d=$dir/$l/tests
    for n in $diffs; do
        differ "$l" "$n"
    done

    "$run" -t 20 "$d/smoke.elf" >"$tmp/out" 2>"$tmp/err"
    s=$?
    if grep -q '^FAIL' "$tmp/out"; then
        echo "FAIL xtensa-qemu/$l/smoke: $(grep '^FAIL' "$tmp/out" | tr '\n' ' ')"
    else
        cat "$tmp/err" >>"$tmp/out"
        check "xtensa-qemu/$l/smoke" $s 42 "$tmp/out" '^to stderr$' "main's status and stderr"
    fi

    "$run" -t 20 "$d/fault.elf" >"$tmp/out" 2>"$tmp/err"
    check "xtensa-qemu/$l/fault" $? 134 "$tmp/err" \
        '^xtensa-qemu: fatal user exception: exccause 0x00000000 pc 0x4' "illegal instruction"
done

"$run" -t 1 "$dir/Os/tests/hang.elf" >"$tmp/out" 2>"$tmp/err"
check xtensa-qemu/hang $? 124 "$tmp/err" 'did not exit within 1 s; killed' "time limit"

# link NAME BSS_BYTES PATTERN: a program with that much .bss must fail to link, saying so.
link() {
    printf 'char big[%s];\nint main(void);\nint main(void) { return big[0]; }\n' "$2" >"$tmp/big.c"
    if "$cc" -ffreestanding -nostdlib -Llinker-scripts -T linker-scripts/xtensa-qemu.ld \
        -o "$tmp/big.elf" "$tmp/big.c" -Wl,--start-group "$dir/Os/libxqport.a" -lgcc \
        -Wl,--end-group 2>"$tmp/err"; then
        echo "FAIL xtensa-qemu/$1: a program with $2 bytes of .bss linked"
    else
        check "xtensa-qemu/$1" 0 0 "$tmp/err" "$3" "linker message"
    fi
}
link link-stack 510000 'xtensa-qemu.ld: \.data and \.bss overflow DRAM \(512 KiB\) into the stack'
link link-heap 460000 'xtensa-qemu.ld: DRAM leaves less heap than _heap_min'

# The image test: three modules (a package among them) through freeze, linked in.
image() {
    freeze=$BUILD/freeze
    a=$tmp/app
    mkdir -p "$a/pkg"
    printf 'print("main")\nimport util\n' >"$a/app.py"
    printf 'def f():\n    return 42\n' >"$a/util.py"
    printf 'X = 1\n' >"$a/pkg/__init__.py"
    printf 'metadata: {name: demo}\noptions: {main: app}\ncontents:\n  - module: app.py\n  - module: util.py\n  - package: {path: pkg}\n' >"$a/manifest.yaml"
    if ! "$freeze" build -q -t xtensa-qemu --emit frz,elf -o "$a/out" "$a/manifest.yaml" \
        2>"$tmp/err"; then
        echo "FAIL xtensa-qemu/image: freeze build failed: $(head -c 300 "$tmp/err")"
        return
    fi
    o=$dir/Os/obj
    if ! "$cc" -nostdlib -Wl,--gc-sections -Llinker-scripts -T linker-scripts/xtensa-qemu.ld \
        -o "$a/image.elf" "$o/tests/ports/xtensa-qemu/image.o" "$o/runtime/image.o" \
        "$a/out/demo.o" -Wl,--start-group "$dir/Os/libxqport.a" -lgcc -Wl,--end-group \
        2>"$tmp/err"; then
        echo "FAIL xtensa-qemu/image: link failed: $(head -c 300 "$tmp/err")"
        return
    fi
    at=$(${cc%gcc}nm "$a/image.elf" | awk '$3 == "freeze_image" { print $1 }')
    case $at in
    5*) ;;
    *) echo "FAIL xtensa-qemu/image: freeze_image at 0x$at, not in FLASH (0x50000000)"; return ;;
    esac
    "$BUILD/tests/ports/xtensa-qemu/image-host" "$a/out/demo.frz" >"$tmp/want"
    "$run" -t 20 "$a/image.elf" >"$tmp/have" 2>"$tmp/err"
    s=$?
    if [ $s -ne 0 ] || ! cmp -s "$tmp/want" "$tmp/have"; then
        echo "FAIL xtensa-qemu/image: status $s; the target read: $(head -c 200 "$tmp/have")"
    elif ! grep -q '^main app$' "$tmp/have" || [ "$(grep -c '^module ' "$tmp/have")" -ne 3 ]; then
        echo "FAIL xtensa-qemu/image: unexpected contents: $(head -c 300 "$tmp/have")"
    else
        echo "ok xtensa-qemu/image"
    fi
}
if [ -x "$BUILD/freeze" ]; then
    image
else
    echo "skip xtensa-qemu/image: $BUILD/freeze is not built"
fi

# The golden cases, in two parallel halves (QEMU start-ups dominate: about 0.3 s each).
golden() {
    g=$SHARED/golden/cases
    names=$(for f in "$g"/[0-9][0-9][0-9]_*.mpy; do
        case $f in *.O2.mpy) ;; *) basename "$f" .mpy ;; esac
    done)
    odd=$(echo "$names" | awk 'NR % 2 == 1')
    even=$(echo "$names" | awk 'NR % 2 == 0')
    mkdir -p "$tmp/g1" "$tmp/g2"
    sh tests/ports/xtensa-qemu/golden.sh "$tmp/g1" $odd >"$tmp/g1.log" 2>&1 &
    sh tests/ports/xtensa-qemu/golden.sh "$tmp/g2" $even >"$tmp/g2.log" 2>&1
    wait
    cat "$tmp/g1.log" "$tmp/g2.log"
    n=$(cat "$tmp/g1.log" "$tmp/g2.log" | grep -c '^ok xtensa-qemu/golden/')
    echo "golden cases passing under QEMU: $n/$(echo "$names" | wc -l)" >&2
    vm=$(cd "$BUILD" && pwd)/tests/ports/xtensa-qemu/fzvm-single
    for n in $(cat tests/ports/xtensa-qemu/expected/single.txt); do
        if (cd "$g" && "$vm" "$n.mpy" 2>&1) | cmp -s - "tests/ports/xtensa-qemu/expected/$n.out"; then
            echo "ok xtensa-qemu/single-host/$n"
        else
            echo "FAIL xtensa-qemu/single-host/$n: expected/$n.out is not what $vm prints" \
                 "(regenerate with mkexpected.sh, after checking the change by eye)"
        fi
    done
}

# The in-place test: a module of 24 functions with nested lambdas (48 code objects).
inplace() {
    a=$tmp/inplace
    mkdir -p "$a"
    i=0
    while [ $i -lt 24 ]; do
        printf 'def f%d(x, y=2):\n' $i
        j=0
        while [ $j -lt 12 ]; do printf '    x = (x * %d + y) %% 1000003\n' $((j + 3)); j=$((j + 1)); done
        printf '    return lambda z: x + z\n'
        i=$((i + 1))
    done >"$a/big.py"
    printf 'total = f0(1)(0) + f23(2)(1)\n' >>"$a/big.py"
    printf 'metadata: {name: ip}\noptions: {main: big}\ncontents:\n  - module: big.py\n' >"$a/m.yaml"
    if ! "$BUILD/freeze" build -q -t xtensa-qemu --emit elf -o "$a/x" "$a/m.yaml" 2>"$tmp/err" ||
        ! "$BUILD/freeze" build -q -t host --emit c -o "$a/h" "$a/m.yaml" 2>>"$tmp/err"; then
        echo "FAIL xtensa-qemu/inplace: freeze build failed: $(head -c 300 "$tmp/err")"
        return
    fi
    # A sanitizer build's host objects need the sanitizers' run-time libraries.
    san=
    nm "$BUILD/obj/tests/ports/xtensa-qemu/inplace.o" 2>/dev/null | grep -q __asan_ &&
        san=-fsanitize=address,undefined
    if ! "$cc" -nostdlib -Wl,--gc-sections -Wl,--no-warn-execstack -L"$dir" -T xtensa-qemu.ld \
        -o "$a/ip.elf" "$dir/Os/obj/tests/ports/xtensa-qemu/inplace.o" "$a/x/ip.o" \
        -Wl,--start-group "$dir/libfreezert.a" -lgcc -Wl,--end-group 2>"$tmp/err" ||
        ! ${CC:-cc} -o "$a/ip-host" "$BUILD/obj/tests/ports/xtensa-qemu/inplace.o" "$a/h/ip.c" \
        "$BUILD/host/libfreezert.a" -lm $san 2>"$tmp/err"; then
        echo "FAIL xtensa-qemu/inplace: link failed: $(head -c 300 "$tmp/err")"
        return
    fi
    "$run" -t 20 "$a/ip.elf" >"$a/mcu" 2>"$tmp/err"
    s=$?
    "$a/ip-host" >"$a/host"
    mh=$(awk '$1 == "heap" { print $2 }' "$a/mcu")
    hh=$(awk '$1 == "heap" { print $2 }' "$a/host")
    if [ $s -ne 0 ] || [ -z "$mh" ] || [ -z "$hh" ]; then
        echo "FAIL xtensa-qemu/inplace: status $s: $(head -c 300 "$a/mcu") $(head -c 300 "$tmp/err")"
    elif ! grep -qx 'code 48 in-image 48' "$a/mcu" || ! grep -qx 'code 48 in-image 48' "$a/host"; then
        echo "FAIL xtensa-qemu/inplace: code objects outside the image: $(head -1 "$a/mcu") (host: $(head -1 "$a/host"))"
    elif ! grep -q '^first 5' "$a/mcu"; then
        echo "FAIL xtensa-qemu/inplace: bytecode not in FLASH (0x5...): $(grep first "$a/mcu")"
    elif [ $((mh * 10)) -gt $((hh * 6)) ]; then
        echo "FAIL xtensa-qemu/inplace: the import takes $mh bytes of heap on the target," \
             "more than 60% of the 64-bit host's $hh"
    else
        echo "ok xtensa-qemu/inplace"
    fi
    echo "in-place import of a $(awk '$1 == "module" { print $2 }' "$a/mcu")-byte module:" \
         "heap $mh bytes on xtensa-qemu, $hh on the 64-bit host" >&2
}

# freeze run's exit status is the app's, and a corrupt image never runs.
app() {
    a=$tmp/app2
    mkdir -p "$a"
    printf 'import sys\nprint("running")\nsys.exit(7)\n' >"$a/ex.py"
    printf 'metadata: {name: ex}\noptions: {main: ex}\ncontents:\n  - module: ex.py\n' >"$a/m.yaml"
    FREEZE_RUN_TIMEOUT=20 "$BUILD/freeze" run -t xtensa-qemu "$a/m.yaml" >"$a/out" 2>"$tmp/err"
    check xtensa-qemu/app-status $? 7 "$a/out" '^running$' "sys.exit(7)"
    elf=$a/build/ex.elf
    off=$(${cc%gcc}readelf -S -W "$elf" 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == ".frozen_image") print $(i + 3) }')
    if [ -z "$off" ]; then
        echo "FAIL xtensa-qemu/app-corrupt: no .frozen_image section in $elf"
        return
    fi
    printf 'Z' | dd of="$elf" bs=1 seek=$((0x$off + 100)) conv=notrunc 2>/dev/null
    FREEZE_RUN_TIMEOUT=20 "$BUILD/freeze" run -t xtensa-qemu "$elf" >"$a/out" 2>"$a/err"
    s=$?
    if [ -s "$a/out" ]; then
        echo "FAIL xtensa-qemu/app-corrupt: the corrupt image ran: $(head -c 200 "$a/out")"
    else
        check xtensa-qemu/app-corrupt $s 3 "$a/err" '^xtensa-qemu: frozen image refused: ' \
            "a flipped byte in the image"
    fi
    printf 'while True:\n    pass\n' >"$a/hang.py"
    printf 'metadata: {name: hang}\noptions: {main: hang}\ncontents:\n  - module: hang.py\n' \
        >"$a/hang.yaml"
    FREEZE_RUN_TIMEOUT=1 "$BUILD/freeze" run -t xtensa-qemu "$a/hang.yaml" >"$a/out" 2>"$a/err"
    check xtensa-qemu/app-hang $? 124 "$a/err" 'hang.elf did not exit within 1 s; stopped' \
        "time limit"
}

if [ ! -x "$BUILD/freeze" ] || [ ! -f "$dir/libfreezert.a" ]; then
    for n in golden single-host inplace app-status app-corrupt app-hang; do
        echo "skip xtensa-qemu/$n: $BUILD/freeze or $dir/libfreezert.a is not built"
    done
    exit 0
fi
if [ -n "$SHARED" ] && [ -d "$SHARED/golden/cases" ]; then
    golden
else
    echo "skip xtensa-qemu/golden: ../shared/golden is not here"
fi
inplace
app

