#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>

/* Receive one length-prefixed message (a 4-byte big-endian length, then the
   bytes) from sock and return it as a new NUL-terminated string. */
char *recv_message(int sock) {
    uint32_t netlen;
    ssize_t got = recv(sock, &netlen, sizeof(uint32_t), MSG_WAITALL);
    if (got != 4)
        return NULL;
    uint32_t len = ntohl(netlen);
    