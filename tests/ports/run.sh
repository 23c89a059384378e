#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/ports: one suite per target port (tests/ports/<target>/run.sh), run in turn.
status=0
for s in "$(dirname "$0")"/*/run.sh; do
    [ -f "$s" ] || continue
    sh "$s" || { echo "FAIL $s: suite exited with status $?"; status=1; }
done
exit $status
