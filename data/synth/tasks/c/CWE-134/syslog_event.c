#include <syslog.h>

/* Send the event text read from the network to syslog at LOG_INFO. */
void log_event(const char *event) {
    syslog(LOG_INFO, 