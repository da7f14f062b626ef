#include <stdio.h>
#include <stdlib.h>

struct history {
    size_t count;
    char *lines[500];
};

/* Shell built-in "!n": print command number n (counted from 0) of history h,
   where arg is the text the user typed after the '!'. Print an error message
   for a number that is not in the history. */
void recall(const struct history *h, const char *arg) {
    size_t n = strtoul(arg, NULL, 10);
    if (n 