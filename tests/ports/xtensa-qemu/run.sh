#!/bin/sh
# SPDX-License-Identifier: MIT
# The xtensa-qemu port under qemu-system-xtensa, for each optimisation level L (Os, O2):
#   xtensa-qemu/L/helpers   helpers.c prints, through the port's libgcc helpers, exactly
#                           what the host build prints with native operations
#   xtensa-qemu/L/mathf     mathf.c: the port's libc math, the same as glibc's libm
#   xtensa-qemu/L/smoke     start-up, memory layout, console, ticks, libc; exit status 42
#   xtensa-qemu/L/fault     an illegal instruction is reported on stderr, status 134
#   xtensa-qemu/hang        run-qemu.sh kills a guest that never exits (status 124)
#   xtensa-qemu/link-*      the linker script's ASSERTs reject a program too big for DRAM
#   xtensa-qemu/image       freeze's xtensa frozen.o lands in FLASH through
#                           frozen-image.ld, and runtime/image.c reads it there as the
#                           host reads the same image from its .frz
# Skipped (not failed) where the cross compiler or QEMU is absent.
diffs="helpers mathf"
names="$diffs smoke fault"
levels="Os O2"
skip_all() {
    for l in $levels; do
        for n in $names; do echo "skip xtensa-qemu/$l/$n: $1"; done
    done
    for n in hang link-stack link-heap image; do echo "skip xtensa-qemu/$n: $1"; done
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
