#include <stdlib.h>

/* Allocate a rows x cols grid of doubles, every cell set to 0.0; return NULL
   when the memory cannot be allocated. */
double *alloc_grid(size_t rows, size_t cols) {
    