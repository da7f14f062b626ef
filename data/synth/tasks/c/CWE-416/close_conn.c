#include <stdlib.h>
#include <unistd.h>

struct conn {
    int fd;
    char *rbuf;
    size_t bytes_in;
};

/* Close connection c: close its socket, free its read buffer and the
   connection object, and return how many bytes were received on it. */
size_t close_conn(struct conn *c) {
    close(c->fd);
    