#!/bin/sh
# SPDX-License-Identifier: MIT
# The front end against the golden corpus: every case parses (default and -O), every
# lexer/parser error gives mpy-cross's exact message and line, and every compile-time
# error case parses (its error belongs to the compiler).
dump=$BUILD/tests/tools/parse-dump
if [ -z "$SHARED" ]; then
    echo "skip mpycross/parse/golden: ../shared is absent"
    exit 0
fi
if [ ! -x "$dump" ]; then
    echo "FAIL mpycross/parse/golden: $dump not built"
    exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for py in "$SHARED"/golden/cases/*.py; do
    name=$(basename "$py" .py)
    # run from the case's folder so that file names carry no directory part
    if (cd "$(dirname "$py")" && "$OLDPWD/$dump" -q "$name.py") >"$out" 2>&1; then
        echo "ok mpycross/parse/$name"
    else
        echo "FAIL mpycross/parse/$name: $(head -3 "$out" | tr '\n' ' ')"
    fi
    if (cd "$(dirname "$py")" && "$OLDPWD/$dump" -q -O "$name.py") >"$out" 2>&1; then
        echo "ok mpycross/parse/$name-O"
    else
        echo "FAIL mpycross/parse/$name-O: $(head -3 "$out" | tr '\n' ' ')"
    fi
done
for py in "$SHARED"/golden/errors/*.py; do
    name=$(basename "$py" .py)
    err=${py%.py}.err
    (cd "$(dirname "$py")" && "$OLDPWD/$dump" -q "$name.py") >"$out" 2>&1
    rc=$?
    want=$(tail -n +2 "$err")
    if grep -q ', in \|^RuntimeError' "$err"; then
        # a compiler error: the parser must accept the file
        if [ $rc -eq 0 ]; then
            echo "ok mpycross/parse/$name-parses"
        else
            echo "FAIL mpycross/parse/$name-parses: $(head -3 "$out" | tr '\n' ' ')"
        fi
    elif [ $rc -eq 1 ] && [ "$(cat "$out")" = "$want" ]; then
        echo "ok mpycross/parse/$name"
    else
        echo "FAIL mpycross/parse/$name: got '$(tr '\n' '|' <"$out")' want '$(echo "$want" | tr '\n' '|')'"
    fi
done
# The tree's constants against the golden constant tables (needs python3).
if ! command -v python3 >/dev/null 2>&1; then
    echo "skip mpycross/parse-consts: python3 is absent"
    exit 0
fi
xfail=tests/mpycross/parse_consts.xfail
for py in "$SHARED"/golden/cases/*.py; do
    name=$(basename "$py" .py)
    if why=$(python3 tests/mpycross/parse_consts.py "$dump" "$py" "${py%.py}.mpy"); then
        if grep -qx "$name" "$xfail"; then
            echo "ok mpycross/parse-consts/$name (passes now: remove it from $xfail)"
        else
            echo "ok mpycross/parse-consts/$name"
        fi
    elif grep -qx "$name" "$xfail"; then
        echo "skip mpycross/parse-consts/$name: expected failure (not yet supported)"
    else
        echo "FAIL mpycross/parse-consts/$name: $why"
    fi
done
# Random programs: our parse errors against the reference VM's compiler (needs node).
if command -v node >/dev/null 2>&1 && [ -d tests/oracle/node_modules/@micropython ]; then
    python3 tests/mpycross/parse_oracle.py "$dump" tests/oracle/mprun.mjs
else
    echo "skip mpycross/parse-oracle: node or the npm oracle is not installed"
fi
