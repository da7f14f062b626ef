#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>

struct item {
    uint32_t id;
    uint32_t qty;
};

struct update_hdr {
    uint32_t version;
    uint32_t count;
};

/* Receive an inventory update from sock: a header with the number of items,
   then the items. Return a new array of the items and store their number in
   *n. */
struct item *recv_items(int sock, size_t *n) {
    struct update_hdr hdr;
    ssize_t got = recv(sock, &hdr, sizeof(struct update_hdr), MSG_WAITALL);
    if (got <= 0)
        return NULL;
    uint32_t count = ntohl(hdr.count);
    