#include <stdlib.h>

struct node {
    char *name;
    struct node *next;
};

/* Remove the node that follows prev from the list, free it together with its
   name, and return the node that now follows prev. */
struct node *delete_after(struct node *prev) {
    struct node *victim = prev->next;
    if (victim == NULL)
        return NULL;
    