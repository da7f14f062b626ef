#include <stdio.h>

/* Print the debug line read from the input file to stdout. */
void debug(const char *line) {
    printf(