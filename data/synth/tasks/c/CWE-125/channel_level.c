#define MAX_CHANNELS 16

static int levels[MAX_CHANNELS];

/* Return the volume level of mixer channel ch, or -1 when ch is not a
   valid channel number. */
int channel_level(unsigned int ch) {
    