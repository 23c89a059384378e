#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs what a fresh Debian machine lacks to build and test freeze; quick when
# everything is present. Run as root (or with sudo available).
set -e
cd "$(dirname "$0")/.."
# python3 runs a few test scripts (the spec tables and the parse oracle) and mpyann.py.
PKGS="build-essential pkg-config libyaml-dev libelf-dev zlib1g-dev libssl-dev check python3"
missing=
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
    SUDO=
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    echo "install-deps: installing$missing" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
# The xtensa-qemu target (tests/ports/xtensa-qemu): the lx106 cross compiler and QEMU,
# installed unless FREEZE_XTENSA=0: 90 MB to fetch, 360 MB installed, 12 s on this kind
# of machine (measured with apt-get --reinstall). Without them those tests skip.
# No recommends: qemu-system-misc would pull in a GUI and other machines' firmware.
XTENSA_PKGS="gcc-xtensa-lx106 binutils-xtensa-lx106 qemu-system-misc"
if [ "${FREEZE_XTENSA:-1}" != 0 ]; then
    missing=
    for p in $XTENSA_PKGS; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        SUDO=
        [ "$(id -u)" -eq 0 ] || SUDO=sudo
        echo "install-deps: installing$missing (FREEZE_XTENSA=0 skips them)" >&2
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            $missing >/dev/null
    fi
fi
# Headless Chromium renders the HTML size report in tests/report (without it that check
# skips): 46 s and about 290 MB installed on this kind of machine (measured from nothing,
# download included), so it is on unless FREEZE_CHROMIUM=0. No recommends.
if [ "${FREEZE_CHROMIUM:-1}" != 0 ] && ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
    SUDO=
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    echo "install-deps: installing chromium (FREEZE_CHROMIUM=0 skips it)" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
# The test oracle: MicroPython's VM from the npm registry, pinned by the lockfile.
if [ ! -d tests/oracle/node_modules/@micropython ]; then
    (cd tests/oracle && npm ci --no-audit --no-fund --loglevel=error)
fi
