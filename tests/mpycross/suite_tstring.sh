#!/bin/sh
# SPDX-License-Identifier: MIT
# t-strings (compiler.md 2.8) and the interned input path (4.7): see tstring_check.py.
here=$(dirname "$0")
if [ -z "$SHARED" ] || [ ! -f "$SHARED/spec/tools/mpyann.py" ]; then
    echo "skip mpycross/tstring: ../shared/spec/tools/mpyann.py is absent"
elif ! command -v python3 >/dev/null 2>&1; then
    echo "skip mpycross/tstring: python3 is absent"
elif [ ! -x "$BUILD/mpycross" ]; then
    echo "FAIL mpycross/tstring: $BUILD/mpycross was not built"
else
    python3 "$here/tstring_check.py" "$SHARED/spec" "$BUILD/mpycross"
fi
