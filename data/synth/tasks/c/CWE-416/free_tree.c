#include <stdlib.h>

struct tnode {
    char *key;
    struct tnode *left, *right;
};

/* Release the whole binary search tree rooted at t, keys included. */
void free_tree(struct tnode *t) {
    if (t == NULL)
        return;
    