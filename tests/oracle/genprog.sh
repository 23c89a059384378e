#!/bin/sh
# SPDX-License-Identifier: MIT
# Random control-flow programs (tests/tools/genprog.mjs) for a fixed set of seeds: our
# mpycross's .mpy must print in the reference VM and in fzvm what the source prints when
# MicroPython compiles it itself (oracle-gen/SEED, oracle-gen-vm/SEED). Run by run.sh, which
# has checked that node and the oracle are installed. GENPROG_SEEDS overrides the seeds.
# Seeds 22 and 55 once hit the loader's stack check with a closure past child 255.
# fzvm gets the 8 MiB heap mprun.mjs gives the reference VM.
here=$(cd "$(dirname "$0")" && pwd)
mpyc=$(cd "$BUILD" && pwd)/mpycross
vm=$(cd "$BUILD" && pwd)/host/fzvm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for seed in ${GENPROG_SEEDS:-1 2 3 4 5 6 7 8 9 10 11 12 22 55}; do
    p=$tmp/g$seed
    node "$here/../tools/genprog.mjs" "$seed" >"$p.py"
    timeout 30 node "$here/mprun.mjs" "$p.py" >"$p.want" 2>&1
    if ! (cd "$tmp" && "$mpyc" -o "g$seed.mpy" "g$seed.py") 2>"$p.err"; then
        echo "FAIL oracle-gen/$seed: mpycross failed: $(head -c 200 "$p.err")"
        continue
    fi
    rm "$p.py"
    timeout 30 node "$here/mprun.mjs" "$p.mpy" >"$p.have" 2>&1
    if cmp -s "$p.want" "$p.have"; then echo "ok oracle-gen/$seed"
    else echo "FAIL oracle-gen/$seed: reference VM prints differently for our .mpy (node tests/tools/genprog.mjs $seed)"; fi
    timeout 30 "$vm" --heap 8M "$p.mpy" >"$p.ours" 2>&1
    if cmp -s "$p.want" "$p.ours"; then echo "ok oracle-gen-vm/$seed"
    else echo "FAIL oracle-gen-vm/$seed: fzvm prints differently (node tests/tools/genprog.mjs $seed)"; fi
done
