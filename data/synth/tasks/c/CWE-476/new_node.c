#include <stdlib.h>

/* Allocate a list node holding value. */
struct node { int value; struct node *next; };

struct node *new_node(int value) {
    struct node *n = malloc(sizeof *n);
    