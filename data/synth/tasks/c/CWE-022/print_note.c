#include <stdio.h>

/* Print the note whose name is the first command-line argument; notes are
   the files in /var/notes. */
int main(int argc, char *argv[]) {
    char path[256];
    if (argc < 2)
        return 1;
    snprintf(path, sizeof path, "/var/notes/%s", argv[1]);
    FILE *f =
