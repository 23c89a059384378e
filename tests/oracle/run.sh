#!/bin/sh
# The oracle itself: the reference VM must run a golden .mpy and its source alike.
here=$(dirname "$0")
if ! command -v node >/dev/null 2>&1 || [ ! -d "$here/node_modules/@micropython" ]; then
    echo "skip oracle/self: node or the npm oracle is not installed (tools/install-deps.sh)"
    exit 0
fi
if [ -z "$SHARED" ]; then
    echo "skip oracle/self: ../shared is absent"
    exit 0
fi
c=$SHARED/golden/cases/001_int_arith
if node "$here/mprun.mjs" "$c.mpy" | cmp -s - "$c.out"; then echo "ok oracle/self"; else echo "FAIL oracle/self: reference VM output differs for $c.mpy"; fi
