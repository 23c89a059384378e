// SPDX-License-Identifier: MIT
// spawn.h: runs another program (the C compiler, the host runner) and waits for it.
#ifndef FREEZER_SPAWN_H
#define FREEZER_SPAWN_H

// Runs argv[0] (searched in PATH) with argv, in directory cwd (NULL: ours). Returns its
// exit status, 128 + the signal that ended it, or -1 with errno set if it could not start.
int spawn_run(char *const *argv, const char *cwd);

// Splits a command such as $CC ("ccache gcc -m64") into argv words at spaces, into the
// malloc'ed *words (one block: free it alone); returns the word count, or -1.
int spawn_split(const char *cmd, char ***words);

#endif // FREEZER_SPAWN_H
