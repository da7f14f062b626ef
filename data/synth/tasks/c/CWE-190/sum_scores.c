#include <limits.h>
#include <stdio.h>

/* Read a count n and then n scores from stdin, and print the total score. */
int main(void) {
    int n, score, total = 0;
    scanf("%d", &n);
    for (int i = 0; i < n; i++) {
        scanf("%d", &score);
        