#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

/* The index file fd holds 16-bit record numbers. Read the next one and
   return the name of that record from names (count entries). */
const char *next_record_name(int fd, const char *const names[], size_t count) {
    uint16_t recno;
    ssize_t r = read(fd, &recno, sizeof recno);
    if (r != (ssize_t)sizeof(uint16_t))
        return NULL;
    