#include <stdio.h>
#include <string.h>

/* Print the log of the service named on the command line; service logs live
   in /var/log/services as <name>.log. */
int main(int argc, char **argv) {
    char path[256], line[512];
    if (argc < 2)
        return 1;
    snprintf(path, sizeof path, 