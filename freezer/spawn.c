// SPDX-License-Identifier: MIT
// spawn.c: runs another program (the C compiler, the host runner) and waits for it.
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "freezer/spawn.h"

int spawn_run(char *const *argv, const char *cwd) {
    int pipefd[2];  // the child reports a failed chdir or exec through it
    if (pipe(pipefd) != 0) {
        return -1;
    }
    // Close-on-exec: a successful exec closes the write end, so the parent reads nothing.
    fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = fork();
    if (pid < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        return -1;
    }
    if (pid == 0) {
        close(pipefd[0]);
        int e = 0;
        if (cwd != NULL && chdir(cwd) != 0) {
            e = errno;
        } else {
            execvp(argv[0], argv);
            e = errno;
        }
        ssize_t w = write(pipefd[1], &e, sizeof e);
        (void)w;
        _exit(127);
    }
    close(pipefd[1]);
    int child_err = 0;
    ssize_t r = read(pipefd[0], &child_err, sizeof child_err);
    close(pipefd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    if (r == (ssize_t)sizeof child_err) {
        errno = child_err;
        return -1;
    }
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

int spawn_split(const char *cmd, char ***words) {
    size_t len = strlen(cmd), max = len / 2 + 2;
    char **v = malloc(max * sizeof *v + len + 1);
    if (v == NULL) {
        return -1;
    }
    char *text = (char *)(v + max);
    memcpy(text, cmd, len + 1);
    int n = 0;
    for (char *p = text; *p;) {
        while (*p == ' ' || *p == '\t') {
            *p++ = 0;
        }
        if (*p) {
            v[n++] = p;
            while (*p && *p != ' ' && *p != '\t') {
                p++;
            }
        }
    }
    v[n] = NULL;
    *words = v;
    return n;
}
