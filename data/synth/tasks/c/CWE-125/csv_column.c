#include <math.h>
#include <stddef.h>

struct row {
    size_t len;
    double *values;
};

/* Return field col of the parsed CSV row r, or NAN when the row has fewer
   fields. */
double column_value(const struct row *r, size_t col) {
    if (