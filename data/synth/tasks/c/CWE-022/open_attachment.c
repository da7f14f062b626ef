#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* Open the attachment called attachment (the file name given in the mail
   the user received) inside /var/mail/attachments for reading and return
   its file descriptor, or -1. */
int open_attachment(const char *attachment) {
    char path[300];
    snprintf(path, sizeof path, "/var/mail/attachments/%s", attachment);
    return
