#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct session {
    unsigned long id;
    char *token;
    time_t created;
};

/* Expire session s: wipe and free its token, free the session itself, and
   append the line "expired <id> after <seconds>s" to log. */
void expire_session(FILE *log, struct session *s) {
    