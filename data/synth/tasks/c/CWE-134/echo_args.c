#include <stdio.h>

/* Print every command-line argument on its own line. */
int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        printf(