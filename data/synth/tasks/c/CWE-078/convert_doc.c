#include <stdio.h>
#include <stdlib.h>

/* Convert doc to PDF with libreoffice in headless mode. */
int to_pdf(const char *doc) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, 