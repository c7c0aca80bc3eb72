/* SPDX-License-Identifier: MIT */
/* log.c -- one-line log messages on stderr: "panos_exporter: LEVEL: message". */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "log.h"

static const char *const names[] = {"error", "warn", "info", "debug"};
static int level = EXP_LOG_INFO;

int exp_log_set_level(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            level = i;
            return 0;
        }
    return -1;
}

void exp_log(enum exp_log_level l, const char *fmt, ...)
{
    if ((int)l > level)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    /* One write per line so that lines from two threads do not interleave. */
    fprintf(stderr, "panos_exporter: %s: %s\n", names[l], msg);
}
