#include <stdio.h>
#include <stdlib.h>

/* Ping host (given on the command line) once with the ping program. */
int ping(const char *host) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, 