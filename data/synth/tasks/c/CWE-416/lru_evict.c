#include <stdlib.h>

struct lru_item {
    struct lru_item *prev, *next;
    char *data;
};

struct lru {
    struct lru_item *head, *tail;
    size_t count;
};

/* Evict the least recently used item (the tail) of cache c: unlink it, free
   it with its data, and return the new tail. */
struct lru_item *lru_evict(struct lru *c) {
    struct lru_item *old = c->tail;
    if (old == NULL)
        return NULL;
    