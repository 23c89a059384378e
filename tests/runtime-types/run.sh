#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/runtime-types: the feature programs tests/runtime/<feature>.py, compiled with our
# mpycross and run on fzvm; stdout must equal <feature>.exp (the reference VM's output,
# made by mkexp.sh, or written by hand where we differ on purpose: see deliberate.txt).
here=$(dirname "$0")
progs=$(cd "$here/../runtime" && pwd)
build=$(cd "$BUILD" 2>/dev/null && pwd)
vm=$build/host/fzvm
cc=$build/mpycross
if [ ! -x "$vm" ] || [ ! -x "$cc" ]; then
    echo "skip runtime-types: $vm or $cc not built"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for py in "$progs"/*.py; do
    name=$(basename "$py" .py)
    exp="$progs/$name.exp"
    [ -f "$exp" ] || continue
    if ! "$cc" -o "$tmp/$name.mpy" "$py" 2>"$tmp/$name.err"; then
        echo "skip runtime-types/$name: mpycross cannot compile it yet ($(head -1 "$tmp/$name.err"))"
        continue
    fi
    "$vm" "$tmp/$name.mpy" >"$tmp/$name.out" 2>&1
    if cmp -s "$tmp/$name.out" "$exp"; then
        echo "ok runtime-types/$name"
    else
        echo "FAIL runtime-types/$name: output differs: $(diff "$tmp/$name.out" "$exp" | head -3 | tr '\n' ' ')"
    fi
done
