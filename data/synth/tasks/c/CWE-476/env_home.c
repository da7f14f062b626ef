#include <stdlib.h>
#include <string.h>

/* Return the length of the HOME environment variable. */
size_t home_length(void) {
    char *home = getenv("HOME");
    