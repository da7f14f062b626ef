#include <stdlib.h>

struct node {
    int value;
    struct node *next;
};

/* Free every node of the singly linked list that starts at head. */
void free_list(struct node *head) {
    struct node *cur = head;
    while (cur != NULL) {
        