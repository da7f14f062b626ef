#include <stdlib.h>

/* Double the size of the int buffer buf of n elements and zero the new half. */
int *grow(int *buf, size_t n) {
    int *b = realloc(buf, 2 * n * sizeof(int));
    