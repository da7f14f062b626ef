#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Load the stylesheet of the theme named by the APP_THEME environment variable
   (/usr/share/app/themes/<theme>.css) into buf, at most size bytes; return the
   number of bytes read. */
size_t load_theme(char *buf, size_t size) {
    const char *theme = getenv("APP_THEME");
    char path[300];
    if (theme == NULL)
        return 0;
    