#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Usage: canvas WIDTH HEIGHT
   Draw an empty WIDTH x HEIGHT canvas of '.' characters, one row per line. */
int main(int argc, char **argv) {
    if (argc < 3)
        return 1;
    int w = atoi(argv[1]);
    int h = atoi(argv[2]);
    