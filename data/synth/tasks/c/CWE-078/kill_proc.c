#include <stdio.h>
#include <stdlib.h>

/* Stop the service whose name the operator typed, with pkill. */
void stop_service(const char *name) {
    char cmd[200];
    sprintf(cmd, 