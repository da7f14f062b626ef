#include <string.h>

/* Append suffix to the file name stored in name. */
void add_suffix(char name[16], const char *suffix) {
    strcat(