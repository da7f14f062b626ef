#include <stdio.h>
#include <string.h>

/* Build dir/file into out. */
void make_path(char out[64], const char *dir, const char *file) {
    strcpy(out, dir);
    