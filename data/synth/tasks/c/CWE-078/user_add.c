#include <stdio.h>
#include <stdlib.h>

/* Create the system account login with useradd. */
int add_user(const char *login) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, 