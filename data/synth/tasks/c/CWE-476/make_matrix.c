#include <stdlib.h>

/* Allocate an n-by-n identity matrix. */
double *identity(int n) {
    double *m = calloc(n * n, sizeof(double));
    