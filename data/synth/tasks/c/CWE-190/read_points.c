#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct point {
    double x, y;
};

/* Load a point file: a 32-bit count n followed by n points. Return a new
   array with the points and store n in *out_n; return NULL on error. */
struct point *read_points(FILE *in, size_t *out_n) {
    uint32_t n;
    size_t got = fread(&n, sizeof(uint32_t), 1, in);
    if (got != 1)
        return NULL;
    