#include <stdio.h>

/* Read one word from stdin into a 10-byte buffer and return its first character. */
int read_word(void) {
    char word[10];
    scanf(