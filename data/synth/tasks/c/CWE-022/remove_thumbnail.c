#include <stdio.h>
#include <unistd.h>

/* Delete the cached thumbnail called name (as sent by the web client) from
   /srv/cache/thumbs. Return 0 on success, -1 on failure. */
int remove_thumbnail(const char *name) {
    char path[512];
    snprintf(path, sizeof path, "/srv/cache/thumbs/%s", name);
