#!/bin/sh
# SPDX-License-Identifier: MIT
# mkexpected.sh: regenerates tests/ports/xtensa-qemu/expected/NAME.out (see the README
# there). Run from the top of the tree after `make BUILD=DIR test-run` built the
# single-precision host runner:  BUILD=DIR SHARED=../shared sh tests/ports/xtensa-qemu/mkexpected.sh
here=$(dirname "$0")
g=$(cd "${SHARED:-../shared}/golden/cases" && pwd)
vm=$(cd "${BUILD:-build}" && pwd)/tests/ports/xtensa-qemu/fzvm-single
out=$(cd "$here/expected" && pwd)
oracle=$(pwd)/tests/oracle/mprun.mjs
# Single precision: our runtime with the port's float configuration, on the host.
for n in $(cat "$here/expected/single.txt"); do
    (cd "$g" && "$vm" "$n.mpy" >"$out/$n.out" 2>&1)
done
# 32-bit machine word: the reference VM, whose WebAssembly build is a 32-bit port.
for n in $(cat "$here/expected/word32.txt"); do
    (cd "$g" && node "$oracle" "$n.mpy" >"$out/$n.out" 2>&1)
done
exit 0
