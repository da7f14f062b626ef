#include <ctype.h>
#include <limits.h>
#include <stdio.h>

/* Read an unsigned decimal number from stdin one character at a time with
   getchar() and return its value. */
unsigned int read_number(void) {
    unsigned int value = 0;
    int c;
    while ((c = getchar()) != EOF && isdigit(c)) {
        