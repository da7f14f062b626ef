#include <stdlib.h>

/* Set the n elements of a, allocated by the caller, to value. */
void fill(int *a, int n, int value) {
    for (int i = 0; i 