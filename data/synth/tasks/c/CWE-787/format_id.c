#include <stdio.h>

/* Write prefix followed by id into out, a buffer of 20 bytes. */
void format_id(char *out, int id, const char *prefix) {
    sprintf(