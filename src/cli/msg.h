/* SPDX-License-Identifier: MIT */
/* msg.h -- panctl's diagnostics on stderr: errors, warnings, usage errors, a client's failure. */
#ifndef PANCTL_MSG_H
#define PANCTL_MSG_H

#include <panos/panos.h>

struct cli_ctx;

/* "panctl: " + message on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "panctl: (N) NAME: message" for a failure that did not come from the firewall (message
 * empty or NULL: the code's description); returns N. NOT_FOUND (a missing local file) is
 * reported as IO (18). */
int cli_local_error(panos_code code, const char *msg);

/* The client's last error (@p c may be NULL) as "(N) NAME: [http N] [api N] message", the
 * line cli_fail_client() prints, into @p buf. */
void cli_client_error_text(char *buf, size_t len, const panos_client *c, panos_code code);

/* Print the client's last error as "panctl: (N) NAME: [http N] [api N] message", with a hint
 * when a key was refused; returns N. */
int cli_fail_client(const struct cli_ctx *ctx, panos_code code);

/* "Try 'panctl CMD --help'." alone (after getopt's own message); returns PANOS_E_INVALID_ARG. */
int cli_usage_try(const char *cmd);

/* A usage error: the message, then "Try 'panctl CMD --help'." (@p cmd NULL: panctl itself);
 * returns PANOS_E_INVALID_ARG. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* How many error lines (cli_error and the usage errors) panctl has printed so far. */
unsigned long cli_errors_said(void);

/*
 * The exit status @p rc of command @p cmd, which started when cli_errors_said() was @p before:
 * when it is out of memory (3) and the command printed no error, prints the line panctl(1)
 * promises, "(3) NOMEM: out of memory" (a failed allocation deep in a command or the library
 * returns PANOS_E_NOMEM without a word). Not for check and key, whose 3 is a verdict on stdout
 * (UNKNOWN, NOT A KEY). Returns @p rc.
 */
int cli_say_nomem(const char *cmd, int rc, unsigned long before);

#endif
