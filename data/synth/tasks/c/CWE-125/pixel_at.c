#include <stdint.h>

/* Return the gray value of pixel (x, y) of the 8-bit image img, which is
   width pixels wide and height pixels high. */
uint8_t pixel_at(const uint8_t *img, int width, int height, int x, int y) {
    