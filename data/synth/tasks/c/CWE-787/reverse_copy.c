#include <string.h>

/* Write src reversed into dst (dst holds 64 bytes). */
void reverse_into(char *dst, const char *src) {
    size_t n = strlen(src);
    for (size_t i = 0; i 