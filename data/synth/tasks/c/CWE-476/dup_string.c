#include <stdlib.h>
#include <string.h>

/* Return an upper-case copy of s in newly allocated memory. */
char *dup_upper(const char *s) {
    char *copy = malloc(strlen(s) + 1);
    