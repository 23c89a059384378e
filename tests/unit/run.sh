#!/bin/sh
# The shared headers against the spec's tables (skipped without ../shared).
dump=$BUILD/tests/tools/dump-tables
if [ -z "$SHARED" ]; then
    echo "skip tables/opcodes: ../shared is absent"
    echo "skip tables/qstrs: ../shared is absent"
    exit 0
fi
want=$(grep -v '^#' "$SHARED/spec/opcodes.tsv" | tail -n +2 | cut -f1,2)
have=$("$dump" opcodes)
if [ "$want" = "$have" ]; then echo "ok tables/opcodes"; else echo "FAIL tables/opcodes: runtime/opcodes.h differs from spec/opcodes.tsv"; fi
want=$(grep -v '^#' "$SHARED/spec/static-qstrs.txt" | grep -v '^$')
have=$("$dump" qstrs)
if [ "$want" = "$have" ]; then echo "ok tables/qstrs"; else echo "FAIL tables/qstrs: runtime/qstrdefs.h differs from spec/static-qstrs.txt"; fi
