#include <string.h>

/* Return the character right after the first ':' in s. */
int after_colon(const char *s) {
    char *p = strchr(s, ':');
    