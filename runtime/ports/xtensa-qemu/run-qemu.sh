#!/bin/sh
# SPDX-License-Identifier: MIT
# run-qemu.sh: runs an xtensa-qemu ELF under QEMU's `sim` machine and exits with the
# guest's status (port_exit, through semihosting). The guest's stdout and stderr are
# QEMU's. A guest still running after the time limit is killed: the script then says
# so on stderr and exits 124 (as timeout(1) does).
#   run-qemu.sh [-t SECONDS] PROGRAM.elf       (default: $XQ_TIMEOUT, else 60)
usage() {
    echo "usage: run-qemu.sh [-t SECONDS] PROGRAM.elf" >&2
    exit 2
}
limit=${XQ_TIMEOUT:-60}
if [ "$1" = "-t" ]; then
    [ $# -ge 2 ] || usage
    limit=$2
    shift 2
fi
[ $# -eq 1 ] || usage
elf=$1
qemu=${QEMU_XTENSA:-qemu-system-xtensa}
if ! command -v "$qemu" >/dev/null 2>&1; then
    echo "run-qemu.sh: $qemu not found (install qemu-system-misc)" >&2
    exit 127
fi
if [ ! -r "$elf" ]; then
    echo "run-qemu.sh: cannot read $elf" >&2
    exit 2
fi
# -semihosting: simcall reaches the host (console, exit); -monitor none and
# -serial none: no other device reads the terminal; -nodefaults: nothing else.
# --foreground keeps QEMU in our process group, so ^C still reaches it; -k: a QEMU
# that ignores SIGTERM gets SIGKILL 2 s later.
timeout --foreground -k 2 "$limit" "$qemu" -M sim -cpu lx106 -nodefaults -semihosting \
    -display none -monitor none -serial none -kernel "$elf"
status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "run-qemu.sh: $elf did not exit within $limit s; killed" >&2
    exit 124
fi
exit "$status"
