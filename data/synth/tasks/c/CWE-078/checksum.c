#include <stdio.h>

/* Print the sha256sum of path by running the sha256sum tool. */
void print_checksum(const char *path) {
    char cmd[300];
    snprintf(cmd, sizeof cmd, 