#include <stdio.h>
#include <stdlib.h>

/* Compress file with gzip. */
int compress(const char *file) {
    char cmd[300];
    snprintf(cmd, sizeof cmd, 