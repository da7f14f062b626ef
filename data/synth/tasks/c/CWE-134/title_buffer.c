#include <stdio.h>

/* Copy the window title given by the user into buf with snprintf. */
void set_title(char *buf, size_t size, const char *title) {
    snprintf(buf, size, 