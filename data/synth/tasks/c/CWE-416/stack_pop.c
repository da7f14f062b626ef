#include <stdlib.h>

struct frame {
    int value;
    struct frame *below;
};

struct stack {
    struct frame *top;
    size_t depth;
};

/* Pop the top frame of the (non-empty) stack st, release its memory and
   return its value. */
int stack_pop(struct stack *st) {
    struct frame *top = st->top;
    