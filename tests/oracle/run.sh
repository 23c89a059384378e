#!/bin/sh
# Differential tests against the reference MicroPython VM (the npm oracle):
#   oracle/self         the oracle runs a golden .mpy exactly as recorded
#   oracle/<prog>       our mpycross's .mpy of programs/<prog>.py prints, in the reference VM,
#                       exactly what the source prints when MicroPython compiles it itself
#   oracle-vm/<prog>    and our own VM (fzvm) prints the same for our .mpy
#   oracle-frozen/<prog> and for the same module frozen into an image (freeze build)
# programs/xfail lists programs that do not pass yet (reported as skips).
# A first line "# mpycross: FLAGS" (e.g. -O2) compiles the program with those flags, and an
# -ON among them has the reference compile the source at that level too.
here=$(dirname "$0")
if ! command -v node >/dev/null 2>&1 || [ ! -d "$here/node_modules/@micropython" ]; then
    echo "skip oracle: node or the npm oracle is not installed (tools/install-deps.sh)"
    exit 0
fi
if [ -n "$SHARED" ]; then
    c=$SHARED/golden/cases/001_int_arith
    if node "$here/mprun.mjs" "$c.mpy" | cmp -s - "$c.out"; then echo "ok oracle/self"
    else echo "FAIL oracle/self: reference VM output differs for $c.mpy"; fi
fi
mpyc=$(cd "$BUILD" && pwd)/mpycross
vm=$(cd "$BUILD" && pwd)/host/fzvm
freeze=$(cd "$BUILD" && pwd)/freeze
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xfail="$here/programs/xfail"
for py in "$here"/programs/*.py; do
    name=$(basename "$py" .py)
    expected() { grep -qx "$1" "$xfail" 2>/dev/null; }
    report() {  # report NAME OK WHY
        if [ "$2" = 1 ]; then
            if expected "$1"; then echo "ok $1 (listed in programs/xfail: remove it)"; else echo "ok $1"; fi
        elif expected "$1"; then echo "skip $1: expected failure (not yet supported)"
        else echo "FAIL $1: $3"; fi
    }
    cp "$py" "$tmp/$name.py"
    flags=$(sed -n '1s/^# mpycross: //p' "$py")
    opt=$(printf '%s\n' $flags | sed -n 's/^-O\([0-3]\)$/\1/p' | tail -n 1)
    MPRUN_OPT=$opt node "$here/mprun.mjs" "$tmp/$name.py" >"$tmp/want" 2>&1
    if ! (cd "$tmp" && "$mpyc" $flags -s "$name.py" -o "$name.mpy" "$name.py") 2>"$tmp/err"; then
        report "oracle/$name" 0 "mpycross failed: $(head -c 300 "$tmp/err")"
        report "oracle-vm/$name" 0 "mpycross failed"
        continue
    fi
    rm "$tmp/$name.py"
    node "$here/mprun.mjs" "$tmp/$name.mpy" >"$tmp/have" 2>&1
    if cmp -s "$tmp/want" "$tmp/have"; then report "oracle/$name" 1
    else report "oracle/$name" 0 "reference VM prints differently for our .mpy"; fi
    "$vm" "$tmp/$name.mpy" >"$tmp/ours" 2>&1
    if cmp -s "$tmp/want" "$tmp/ours"; then report "oracle-vm/$name" 1
    else report "oracle-vm/$name" 0 "our VM prints differently from the reference"; fi
    mkdir -p "$tmp/fz/pre"
    mv "$tmp/$name.mpy" "$tmp/fz/pre/"
    printf 'options: {main: %s}\ncontents:\n  - freeze: pre\n' "$name" >"$tmp/fz/manifest.yaml"
    if "$freeze" build -q --emit frz -o "$tmp/fz/out" "$tmp/fz/manifest.yaml" 2>"$tmp/err"; then
        "$vm" "$tmp/fz/out/"*.frz >"$tmp/ours" 2>&1
        if cmp -s "$tmp/want" "$tmp/ours"; then report "oracle-frozen/$name" 1
        else report "oracle-frozen/$name" 0 "our VM prints differently from the reference, frozen"; fi
    else
        report "oracle-frozen/$name" 0 "freeze build failed: $(head -c 300 "$tmp/err")"
    fi
    rm -rf "$tmp/fz"
done

# Random control-flow programs for fixed seeds.
sh "$here/genprog.sh"
