#include <stdio.h>

/* Show the status string that came from the server on stderr. */
void print_status(const char *status) {
    fprintf(stderr, 