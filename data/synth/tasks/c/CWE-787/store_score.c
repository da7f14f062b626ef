#include <stdio.h>

/* Store value at position index (read from the user) of scores. */
void record(int scores[10], int index, int value) {
    scores[