#include <stdio.h>

/* Print the file name received from the client with cat, through popen. */
void show_file(const char *name) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, 