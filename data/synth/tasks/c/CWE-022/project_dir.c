#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Ask for a project name on stdin and create the directory of that project
   under /srv/projects. */
int main(void) {
    char name[64], dir[128];
    printf("project name: ");
    if (!fgets(name, sizeof name, stdin))
        return 1;
    name[strcspn(name, "\n")] = '\0';
    