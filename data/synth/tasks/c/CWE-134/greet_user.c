#include <stdio.h>

/* Print the user's name as the greeting line and return the number of characters printed. */
int greet(const char *name) {
    return printf(