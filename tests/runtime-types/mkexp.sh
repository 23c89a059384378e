#!/bin/sh
# SPDX-License-Identifier: MIT
# mkexp.sh [NAME...]: (re)makes tests/runtime/NAME.exp from the reference VM
# (tests/oracle/mprun.mjs); the programs listed in deliberate.txt keep their hand-made .exp.
here=$(cd "$(dirname "$0")" && pwd)
progs=$here/../runtime
oracle=$here/../oracle/mprun.mjs
names=$*
[ -n "$names" ] || names=$(cd "$progs" && ls *.py | sed 's/\.py$//')
for name in $names; do
    if grep -qx "$name" "$here/deliberate.txt" 2>/dev/null; then
        echo "keep $name.exp (deliberate difference)"
        continue
    fi
    node "$oracle" "$progs/$name.py" >"$progs/$name.exp" 2>&1
    echo "made $name.exp"
done
