#include <string.h>
#include <stdint.h>

/* Copy the payload of len bytes from the received packet into dst. */
void copy_payload(uint8_t dst[256], const uint8_t *pkt, size_t len) {
    memcpy(