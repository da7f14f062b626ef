#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* CGI program: the query string is the name of a file in /srv/downloads;
   answer with a text/plain body giving the size of that file in bytes. */
int main(void) {
    const char *q = getenv("QUERY_STRING");
    char path[512];
    struct stat st;
    printf("Content-Type: text/plain\r\n\r\n");
    if (q == NULL || *q == '\0')
        return 0;
    