#include <stdio.h>

/* Open the file at path and return its first character. */
int first_char(const char *path) {
    FILE *f = fopen(path, "r");
    