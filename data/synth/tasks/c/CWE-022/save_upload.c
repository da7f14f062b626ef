#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Store the len bytes of data as the file filename, chosen by the uploader,
   in the /srv/www/uploads directory. Return 0 on success, -1 on error. */
int save_upload(const char *filename, const char *data, size_t len) {
    char dest[512];
    