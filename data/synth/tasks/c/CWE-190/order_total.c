#include <stdio.h>
#include <stdlib.h>

/* Usage: order_total QUANTITY UNIT_PRICE_CENTS
   Print the total price of the order in cents. */
int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s QUANTITY UNIT_PRICE_CENTS\n", argv[0]);
        return 2;
    }
    int qty = atoi(argv[1]);
    int price = atoi(argv[2]);
    