#include <stdio.h>
#include <string.h>

#define REPORTS "/var/lib/reports/"

/* Read an old and a new report name from stdin and rename that report file
   in the reports directory. */
int main(void) {
    char from[64], to[64], src[128], dst[128];
    if (scanf("%63s %63s", from, to) != 2)
        return 1;
    