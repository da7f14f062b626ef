#include <stddef.h>

struct sensor_bank {
    size_t num_sensors;
    const char *names[32];
};

/* Return the name of the sensor in slot idx, or NULL when the bank has no
   such slot. */
const char *sensor_name(const struct sensor_bank *bank, size_t idx) {
    if (idx 