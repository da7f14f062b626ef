#include <dirent.h>
#include <stdio.h>
#include <string.h>

/* Print the names of the photos in the album directory called album, which
   lives under /srv/photos. */
void list_album(const char *album) {
    char dir[256];
    struct dirent *e;
    