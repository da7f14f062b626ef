#include <stdio.h>
#include <stdlib.h>

/* List the directory named by the user with ls -l. */
void list_dir(const char *dir) {
    char cmd[512];
    sprintf(cmd, 