#!/bin/sh
# The command-line contract of freeze and mpycross (design.md section 4):
# --help and --version succeed on stdout; an unknown option is a one-line error
# and exit 2; a missing input file is a one-line error and exit 1.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() {  # check NAME WANT_STATUS WANT_STREAM(out|err|none) COMMAND...
    name=$1 want=$2 stream=$3
    shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -ne "$want" ]; then
        echo "FAIL cli/$name: exit status $status, want $want ($(head -c 200 "$tmp/err"))"
        return
    fi
    case $stream in
        out) [ -s "$tmp/out" ] || { echo "FAIL cli/$name: nothing on stdout"; return; } ;;
        err) if [ "$(wc -l <"$tmp/err")" -ne 1 ] || [ -s "$tmp/out" ]; then
                 echo "FAIL cli/$name: want exactly one line on stderr and nothing on stdout"; return
             fi ;;
    esac
    echo "ok cli/$name"
}
for tool in freeze mpycross; do
    bin=$BUILD/$tool
    check "$tool-help" 0 out "$bin" --help
    check "$tool-version" 0 out "$bin" --version
    check "$tool-unknown-option" 2 err "$bin" --no-such-option
done
check mpycross-missing-file 1 err "$BUILD/mpycross" "$tmp/missing.py"
check freeze-missing-manifest 1 err "$BUILD/freeze" build "$tmp/missing.yaml"
check freeze-unknown-command 2 err "$BUILD/freeze" frobnicate
check mpycross-no-input 2 err "$BUILD/mpycross"
# No output file is left behind by a failed compile.
printf 'x = (\n' >"$tmp/bad.py"
"$BUILD/mpycross" -o "$tmp/bad.mpy" "$tmp/bad.py" 2>/dev/null
if [ $? -eq 1 ] && [ ! -e "$tmp/bad.mpy" ] && [ -z "$(ls "$tmp" | grep -v -e '^bad.py$' -e '^out$' -e '^err$')" ]; then
    echo "ok cli/mpycross-no-partial-output"
else
    echo "FAIL cli/mpycross-no-partial-output: a failed compile must exit 1 and leave no file"
fi
# freeze run FILE.py behaves like micropython FILE.py: sys.argv[0] is the script as given
# (not the compiled stand-in), then the arguments after --.
printf 'import sys\nprint(sys.argv)\n' >"$tmp/argv.py"
fz=$(cd "$BUILD" && pwd)/freeze
got=$(cd "$tmp" && "$fz" run argv.py -- a b 2>&1)
if [ "$got" = "['argv.py', 'a', 'b']" ]; then
    echo "ok cli/freeze-run-argv"
else
    echo "FAIL cli/freeze-run-argv: sys.argv is $got, expected ['argv.py', 'a', 'b']"
fi
