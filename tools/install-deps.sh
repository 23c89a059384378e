#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs what a fresh Debian machine lacks to build and test freeze; quick when
# everything is present. Run as root (or with sudo available).
set -e
cd "$(dirname "$0")/.."
PKGS="build-essential pkg-config libyaml-dev libelf-dev zlib1g-dev check"
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
# The test oracle: MicroPython's VM from the npm registry, pinned by the lockfile.
if [ ! -d tests/oracle/node_modules/@micropython ]; then
    (cd tests/oracle && npm ci --no-audit --no-fund --loglevel=error)
fi
