#!/bin/sh
# SPDX-License-Identifier: MIT
# The compiler's stress corpus: programs from tests/tools/genstress (deep nesting, jumps across
# every offset encoding, thousands of constants and names, huge literals, many locals, long
# lines). Each must compile to a .mpy that our VM (fzvm) runs to the generator's output, or
# fail with a clean error (exit 1, one message, no .mpy): never a crash or a sanitizer report.
#   stress/KIND_N          compiles, and fzvm prints the expected output
#   stress/jump-SHAPE      bodies of 12..140 bytes (1- and 2-byte jump offsets) all run; the
#                          largest body that compiles is found by bisection, and one byte more
#                          gives "RuntimeError: bytecode overflow"
#   stress-ref/...         the same facts in the reference VM (tests/oracle/mprun.mjs), when
#                          node and the npm oracle are installed
# stress.xfail lists checks that do not pass yet (skip lines).
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$BUILD" 2>/dev/null && pwd)
gen=$build/tests/tools/genstress
mpyc=$build/mpycross
vm=$build/host/fzvm
mprun=$here/../oracle/mprun.mjs
xfail=$here/stress.xfail
for b in "$gen" "$mpyc" "$vm"; do
    if [ ! -x "$b" ]; then
        echo "FAIL stress: $b was not built"
        exit 0
    fi
done
ref=0
command -v node >/dev/null 2>&1 && [ -d "$here/../oracle/node_modules/@micropython" ] && ref=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Sanitizer builds: smaller sizes where the nesting limit is lower, and leaks are errors.
scale=1
[ -n "$SANITIZE" ] && [ "$SANITIZE" != 0 ] && scale=5

report() {  # report NAME OK(1/0) WHY
    listed=0
    grep -qx "$1" "$xfail" 2>/dev/null && listed=1
    if [ "$2" = 1 ]; then
        if [ $listed = 1 ]; then echo "ok $1 (listed in stress.xfail: remove it)"; else echo "ok $1"; fi
    elif [ $listed = 1 ]; then echo "skip $1: expected failure (not yet supported)"
    else echo "FAIL $1: $3"; fi
}

# compile KIND N: writes $tmp/s.py, $tmp/s.exp, compiles to $tmp/s.mpy; status 0 compiled,
# 1 clean error ($tmp/err has it), 2 anything else (crash, sanitizer report, bad exit).
compile() {
    rm -f "$tmp/s.mpy" "$tmp/have"
    : >"$tmp/have"
    "$gen" "$1" "$2" "$tmp/s.py" "$tmp/s.exp" || return 2
    (cd "$tmp" && "$mpyc" -o s.mpy s.py) >"$tmp/out" 2>"$tmp/err"
    st=$?
    if grep -q -e 'Sanitizer' -e 'runtime error:' "$tmp/err"; then return 2; fi
    if [ $st = 0 ] && [ -s "$tmp/s.mpy" ] && [ ! -s "$tmp/err" ]; then return 0; fi
    if [ $st = 1 ] && [ ! -e "$tmp/s.mpy" ] && [ "$(wc -l <"$tmp/err")" -le 4 ]; then return 1; fi
    return 2
}

runs_ok() {  # the compiled $tmp/s.mpy prints $tmp/s.exp in fzvm
    timeout 60 "$vm" --heap 64M "$tmp/s.mpy" >"$tmp/have" 2>&1 && cmp -s "$tmp/have" "$tmp/s.exp"
}

ref_ok() {  # the reference VM prints $tmp/s.exp for our .mpy and for the source
    timeout 60 node "$mprun" "$tmp/s.mpy" >"$tmp/have" 2>&1 && cmp -s "$tmp/have" "$tmp/s.exp" &&
        timeout 60 node "$mprun" "$tmp/s.py" >"$tmp/have" 2>&1 && cmp -s "$tmp/have" "$tmp/s.exp"
}

# check KIND N REF: compile and run one program (REF=1: also in the reference VM).
check() {
    name=stress/$1_$2
    compile "$1" "$2"
    case $? in
        0) if runs_ok; then report "$name" 1
           else report "$name" 0 "fzvm prints '$(head -c 120 "$tmp/have")', want '$(head -c 120 "$tmp/s.exp")'"; fi
           if [ "$3" = 1 ] && [ $ref = 1 ]; then
               if ref_ok; then report "stress-ref/$1_$2" 1
               else report "stress-ref/$1_$2" 0 "reference VM prints '$(head -c 120 "$tmp/have")'"; fi
           fi ;;
        1) report "$name" 0 "compile error: $(tail -n 1 "$tmp/err")" ;;
        *) report "$name" 0 "compiler crashed or misbehaved: $(tail -n 3 "$tmp/err" | tr '\n' ' ')" ;;
    esac
}

# refused KIND N MESSAGE: must fail cleanly with MESSAGE as the last stderr line.
refused() {
    compile "$1" "$2"
    st=$?
    if [ $st = 1 ] && [ "$(tail -n 1 "$tmp/err")" = "$3" ]; then report "stress/$1_$2" 1
    elif [ $st = 1 ]; then report "stress/$1_$2" 0 "wrong error: $(tail -n 1 "$tmp/err")"
    else report "stress/$1_$2" 0 "not a clean error (status $st): $(tail -n 2 "$tmp/err" | tr '\n' ' ')"; fi
}

check expr $((1000 / scale)) 1
check brackets $((1000 / scale)) 0
check blocks 100 0
check defs 30 0
check defs 60 1
check consts 200 0
check consts 20000 0
check names 200 0
check names 20000 1
check locals 300 1
check args 300 1
check bigint 20000 0
check strings 200000 0
check longline 20000 0
# nesting past the compiler's limit is a clean error
refused expr 100000 "RuntimeError: maximum recursion depth exceeded"
refused brackets 100000 "RuntimeError: maximum recursion depth exceeded"

# jumps: every body size around the short/long offset boundaries (63/64 bytes signed,
# 127/128 unsigned), then the overflow boundary by bisection in [16000, 40000]; the reference
# VM checks the boundary for one shape of each kind of jump (signed backward and forward,
# unsigned forward).
for shape in while if ifelse for try finally with break; do
    bad=
    for n in $(seq 12 16) $(seq 52 76) $(seq 116 140); do
        compile "jump-$shape" $n
        if [ $? != 0 ] || ! runs_ok; then bad="body of $n bytes: $(tail -n 1 "$tmp/err")$(head -c 80 "$tmp/have")"; break; fi
    done
    if [ -z "$bad" ]; then report "stress/jump-$shape" 1; else report "stress/jump-$shape" 0 "$bad"; fi
    lo=16000 hi=40000 crashed=
    while [ $((hi - lo)) -gt 1 ]; do
        mid=$(((lo + hi) / 2))
        compile "jump-$shape" $mid
        case $? in 0) lo=$mid ;; 1) hi=$mid ;; *) crashed=$mid; break ;; esac
    done
    name=stress/jump-$shape-overflow
    if [ -n "$crashed" ]; then
        report "$name" 0 "body of $crashed bytes: compiler crashed: $(tail -n 2 "$tmp/err" | tr '\n' ' ')"
        continue
    fi
    compile "jump-$shape" $hi
    if [ "$(tail -n 1 "$tmp/err")" != "RuntimeError: bytecode overflow" ]; then
        report "$name" 0 "body of $hi bytes: $(tail -n 1 "$tmp/err")"
        continue
    fi
    refcheck=0
    if [ $ref = 1 ] && { [ $shape = while ] || [ $shape = if ] || [ $shape = try ]; }; then
        refcheck=1
        timeout 60 node "$mprun" "$tmp/s.py" >"$tmp/refhi" 2>&1
    fi
    compile "jump-$shape" $lo
    if runs_ok; then report "$name (largest body $lo bytes)" 1
    else report "$name" 0 "body of $lo bytes: fzvm prints '$(head -c 80 "$tmp/have")'"; fi
    if [ $refcheck = 1 ]; then
        if ref_ok && grep -q "RuntimeError: bytecode overflow" "$tmp/refhi"; then
            report "stress-ref/jump-$shape-overflow" 1
        else
            report "stress-ref/jump-$shape-overflow" 0 "the reference disagrees on the largest body ($lo bytes)"
        fi
    fi
done
