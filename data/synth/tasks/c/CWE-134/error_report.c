#include <stdio.h>

/* Write the error detail received from the client to the stream out. */
void report_error(FILE *out, const char *detail) {
    fprintf(out, 