#include <stdio.h>
#include <stdlib.h>

/* Show the last 5 commits of branch with git log. */
int show_log(const char *branch) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, 