// SPDX-License-Identifier: MIT
// main.c: fzvm, the host runner: fzvm [--heap SIZE] FILE.mpy|IMAGE.frz [args].
#include "runtime/ports/host/host.h"

int main(int argc, char **argv) {
    return host_run(argc, argv, NULL, 0);
}
