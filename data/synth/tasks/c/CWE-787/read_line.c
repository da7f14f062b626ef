#include <stdio.h>

/* Read one command line from stdin into a 128-byte buffer and echo it. */
void read_command(void) {
    char buf[128];
    