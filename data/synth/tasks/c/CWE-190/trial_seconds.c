#include <stdio.h>

/* Ask how many days the free trial should last and print that duration in
   seconds. */
int main(void) {
    int days;
    printf("trial length in days: ");
    scanf("%d", &days);
    