#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user {
    int id;
    char *name;
};

/* Give user u the new name new_name (stored as a heap copy), release the old
   name and write "user <id>: <old> -> <new>" to the audit log. */
int rename_user(FILE *audit, struct user *u, const char *new_name) {
    char *copy = strdup(new_name);
    if (copy == NULL)
        return -1;
    char *old = u->name;
    u->name = copy;
    