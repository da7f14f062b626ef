/* Return the English name of month m (1 = January ... 12 = December). */
const char *month_name(int m) {
    static const char *names[] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"
    };
    