#include <stdio.h>
#include <string.h>

/* Open the uploaded file called name, stored in /var/spool/uploads, for reading. */
FILE *open_upload(const char *name) {
    char path[512];
    snprintf(path, sizeof path, "/var/spool/uploads/%s", name);
    