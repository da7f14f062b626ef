#include <string.h>

/* Copy the user name src into the 32-byte buffer dst. */
void set_name(char *dst, const char *src) {
    strcpy(