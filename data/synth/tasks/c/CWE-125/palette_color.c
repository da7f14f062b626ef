#include <stdio.h>
#include <stdlib.h>

static const char *palette[8] = {
    "#000000", "#ff0000", "#00ff00", "#0000ff",
    "#ffff00", "#ff00ff", "#00ffff", "#ffffff"
};

/* Print the hex code of the palette entry whose number is given as the
   first argument. */
int main(int argc, char *argv[]) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s INDEX\n", argv[0]);
        return 1;
    }
    int idx = atoi(argv[1]);
    