#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEMPLATE_DIR "/usr/share/mailer/templates"

/* Read the mail template called name (TEMPLATE_DIR/<name>.tmpl) into a new
   NUL-terminated buffer; return NULL on error. */
char *load_template(const char *name) {
    char path[512];
    char *buf;
    snprintf(path, sizeof path, "%s/%s.tmpl", TEMPLATE_DIR, name);
    