#include <stdio.h>
#include <stdlib.h>

/* Read the whole file at path into a new buffer and store its size. */
char *read_all(const char *path, long *size) {
    FILE *f = fopen(path, "rb");
    