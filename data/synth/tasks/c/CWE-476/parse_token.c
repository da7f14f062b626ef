#include <string.h>

/* Return the length of the first space-separated token of line. */
int token_length(char *line) {
    char *tok = strtok(line, " ");
    