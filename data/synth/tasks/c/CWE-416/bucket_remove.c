#include <stdlib.h>
#include <string.h>

struct entry {
    char *key;
    void *value;
    struct entry *next;
};

/* Remove key from the hash bucket chain *bucket, freeing the entry and its
   key. Return 1 if the key was found, 0 otherwise. */
int bucket_remove(struct entry **bucket, const char *key) {
    struct entry **pp = bucket;
    while (*pp != NULL) {
        struct entry *e = *pp;
        if (strcmp(e->key, key) == 0) {
            