#!/bin/sh
# SPDX-License-Identifier: MIT
# Manifest loading, data-driven: each cases/NAME/ holds a manifest.yaml (and the files it
# names) and either expect.out, the resolved module list that `freeze build --list`
# prints, or expect.err, whose first line is `exit=N` and the rest the exact stderr.
# Optional: args (extra command-line words, one line) and env (NAME=VALUE lines), and
# expect.run: the case is then also built for the host (`freeze build -t host --emit app`)
# and run, and its output compared with expect.run (NAME/run).
# The command runs inside the case folder, so messages carry relative paths only.
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${BUILD:-build}" && pwd)
freeze=$build/freeze
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "$here"/cases/*/; do
    name=manifest/$(basename "$dir")
    args=
    [ -f "$dir/args" ] && args=$(cat "$dir/args")
    (
        cd "$dir" || exit 99
        unset MPY_LIB_DIR
        if [ -f env ]; then
            while IFS= read -r kv; do [ -n "$kv" ] && export "$kv"; done <env
        fi
        # shellcheck disable=SC2086 # args holds several words on purpose
        "$freeze" build --list $args manifest.yaml >"$tmp/out" 2>"$tmp/err"
        echo "exit=$?" >"$tmp/status"
    )
    status=$(cat "$tmp/status")
    if [ -f "$dir/expect.err" ]; then
        { cat "$tmp/status"; cat "$tmp/err"; } >"$tmp/got"
        if cmp -s "$tmp/got" "$dir/expect.err"; then
            echo "ok $name"
        else
            echo "FAIL $name: stderr differs: $(diff "$dir/expect.err" "$tmp/got" | grep '^[<>]' | head -4 | tr '\n' ' ')"
        fi
    elif [ "$status" != "exit=0" ]; then
        echo "FAIL $name: $status: $(head -1 "$tmp/err")"
    elif cmp -s "$tmp/out" "$dir/expect.out"; then
        echo "ok $name"
    else
        echo "FAIL $name: module list differs: $(diff "$dir/expect.out" "$tmp/out" | grep '^[<>]' | head -4 | tr '\n' ' ')"
    fi
done
# End to end: build the cases with expect.run for the host and run them.
for dir in "$here"/cases/*/; do
    [ -f "$dir/expect.run" ] || continue
    name=manifest/$(basename "$dir")/run
    (
        cd "$dir" || exit 99
        unset MPY_LIB_DIR
        if [ -f env ]; then
            while IFS= read -r kv; do [ -n "$kv" ] && export "$kv"; done <env
        fi
        "$freeze" build -t host --emit app -o "$tmp/app" manifest.yaml >/dev/null 2>"$tmp/err" \
            && "$tmp/app/$(basename "$dir")" >"$tmp/out" 2>>"$tmp/err"
        echo "exit=$?" >"$tmp/status"
    )
    if [ "$(cat "$tmp/status")" != "exit=0" ]; then
        echo "FAIL $name: $(cat "$tmp/status"): $(head -1 "$tmp/err")"
    elif cmp -s "$tmp/out" "$dir/expect.run"; then
        echo "ok $name"
    else
        echo "FAIL $name: output differs: $(diff "$dir/expect.run" "$tmp/out" | grep '^[<>]' | head -4 | tr '\n' ' ')"
    fi
    rm -rf "$tmp/app"
done
