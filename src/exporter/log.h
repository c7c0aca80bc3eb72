/* SPDX-License-Identifier: MIT */
/* log.h -- one-line log messages on stderr, filtered by --log-level. Never a secret. */
#ifndef EXP_LOG_H
#define EXP_LOG_H

enum exp_log_level { EXP_LOG_ERROR, EXP_LOG_WARN, EXP_LOG_INFO, EXP_LOG_DEBUG };

/* Set the level from "error", "warn", "info", "debug": 0, or -1 when unknown. */
int exp_log_set_level(const char *name);
void exp_log(enum exp_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
