#include <stdio.h>
#include <stdint.h>
#include <sys/socket.h>

static const char *op_names[16] = {
    "NOP", "READ", "WRITE", "SEEK", "STAT", "OPEN", "CLOSE", "SYNC",
    "LOCK", "UNLOCK", "PING", "AUTH", "LIST", "MOVE", "COPY", "QUIT"
};

/* Receive one request from the client socket; its first byte is the opcode.
   Log the name of the requested operation. */
void log_request(int sock) {
    uint8_t req[64];
    ssize_t got = recv(sock, req, sizeof req, 0);
    if (got < 1)
        return;
    uint8_t op = req[0];
    