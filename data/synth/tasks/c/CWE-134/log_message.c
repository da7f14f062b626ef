#include <stdio.h>

/* Print the user-supplied message to stdout followed by a newline. */
void log_message(const char *msg) {
    printf(