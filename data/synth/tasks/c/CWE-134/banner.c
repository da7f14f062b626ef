#include <stdio.h>
#include <string.h>

/* Print the message of the day loaded from the configuration file. */
void show_banner(const char *motd) {
    printf(