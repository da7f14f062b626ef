#include <stdio.h>

/* Print the question coming from the script to the terminal and flush stdout. */
void ask(const char *question) {
    printf(