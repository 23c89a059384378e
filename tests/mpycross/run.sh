#!/bin/sh
# SPDX-License-Identifier: MIT
# The compiler against the golden corpus: every cases/NNN_*.py must compile to the reference's
# .mpy byte for byte (and .O2.mpy with -O2); every errors/eNN_*.py must fail with the
# reference's exit status and stderr text. Cases in xfail.txt are expected to fail for now.
here=$(dirname "$0")
# The front end's own suites (suite_*.sh: parser against the corpus) run first.
for s in "$here"/suite_*.sh; do
    [ -f "$s" ] && sh "$s"
done
# The stress corpus (generated programs; needs no ../shared).
sh "$here/stress.sh"
bin=$BUILD/mpycross
xfail=$here/xfail.txt
if [ -z "$SHARED" ] || [ ! -d "$SHARED/golden" ]; then
    echo "skip mpycross/golden: ../shared/golden is absent"
    exit 0
fi
if [ ! -x "$bin" ]; then
    echo "FAIL mpycross/golden: $bin was not built"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
is_xfail() { [ -f "$xfail" ] && grep -qx "$1" "$xfail"; }
report() {  # report NAME OK(0/1) WHY
    if [ "$2" -eq 0 ]; then
        if is_xfail "$1"; then
            echo "ok mpycross/$1 (listed in tests/mpycross/xfail.txt: remove it)"
        else
            echo "ok mpycross/$1"
        fi
    elif is_xfail "$1"; then
        echo "skip mpycross/$1: expected failure (not yet supported)"
    else
        echo "FAIL mpycross/$1: $3"
    fi
}
cases=$SHARED/golden/cases
for py in "$cases"/*.py; do
    name=$(basename "$py" .py)
    for variant in "" .O2; do
        want=$cases/$name$variant.mpy
        [ -f "$want" ] || continue
        flags=
        [ -n "$variant" ] && flags=-O2
        out=$tmp/$name$variant.mpy
        (cd "$cases" && "$OLDPWD/$bin" $flags -s "$name.py" -o "$out" "$name.py") 2>"$tmp/err"
        if [ $? -ne 0 ]; then
            report "$name$variant" 1 "compile failed: $(head -c 200 "$tmp/err" | tr '\n' ' ')"
        elif cmp -s "$out" "$want"; then
            report "$name$variant" 0
        else
            report "$name$variant" 1 "bytes differ from $name$variant.mpy (see spec/tools/mpyann.py)"
        fi
    done
done
errors=$SHARED/golden/errors
for py in "$errors"/*.py; do
    name=$(basename "$py" .py)
    want=$errors/$name.err
    (cd "$errors" && "$OLDPWD/$bin" --mpy-cross-errors -s "$name.py" -o "$tmp/$name.mpy" "$name.py") \
        >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    printf 'exit=%s\n' "$status" >"$tmp/got"
    cat "$tmp/stderr" >>"$tmp/got"
    if cmp -s "$tmp/got" "$want" && [ ! -s "$tmp/stdout" ] && [ ! -e "$tmp/$name.mpy" ]; then
        report "$name" 0
    else
        report "$name" 1 "stderr/exit differ: $(tail -n 1 "$tmp/got")"
    fi
done
# The worked examples of compiler.md section 15, listing against our bytes.
if command -v python3 >/dev/null 2>&1; then
    python3 "$here/spec_examples.py" "$SHARED/spec" "$bin"
else
    echo "skip mpycross/spec: python3 is absent"
fi
