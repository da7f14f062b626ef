#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct img_header {
    uint32_t magic;
    uint32_t width;
    uint32_t height;
};

/* Read the header of the raw RGBA image file f into *hdr and allocate a
   pixel buffer big enough for the whole image (4 bytes per pixel). */
uint8_t *alloc_pixels(FILE *f, struct img_header *hdr) {
    size_t got = fread(hdr, sizeof(struct img_header), 1, f);
    if (got != 1 || hdr->magic != 0x41424752)
        return NULL;
    