#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

/* Cache server command: read a cache key from the client socket and delete
   the file of that key in /var/cache/kv. Return 0 on success. */
int handle_delete(int sock) {
    char key[128], path[256];
    ssize_t n = recv(sock, key, sizeof key - 1, 0);
    if (n <= 0)
        return -1;
    key[n] = '\0';
    