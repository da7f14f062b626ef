#include <stdio.h>
#include <stdlib.h>

/* Mail the administrator an empty message with the given subject using mail. */
void mail_admin(const char *subject) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, 