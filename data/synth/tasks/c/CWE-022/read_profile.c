#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read the profile of the user whose name arrives on standard input from
   /home/profiles/<user>.txt and print it. */
int main(void) {
    char user[64], path[128], line[256];
    if (!fgets(user, sizeof user, stdin))
        return 1;
    user[strcspn(user, "\n")] = '\0';
    snprintf(path, sizeof path, "/home/profiles/%s.txt", user);
