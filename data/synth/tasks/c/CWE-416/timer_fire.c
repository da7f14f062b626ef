#include <stdlib.h>

struct timer {
    void (*on_expire)(void *arg);
    void *arg;
    struct timer *next;
};

/* Take the first timer off the pending list *list, destroy it (free it),
   and then run its on_expire callback with its argument. */
void fire_next(struct timer **list) {
    struct timer *t = *list;
    if (t == NULL)
        return;
    *list = t->next;
    