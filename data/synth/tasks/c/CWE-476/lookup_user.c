#include <pwd.h>
#include <string.h>

/* Return 1 when user's login shell is /bin/sh. */
int is_root_shell(const char *user) {
    struct passwd *pw = getpwnam(user);
    