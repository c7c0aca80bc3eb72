/* SPDX-License-Identifier: MIT */
/* prompt.h -- the terminal password prompt. */
#ifndef PANCTL_PROMPT_H
#define PANCTL_PROMPT_H

#include <panos/panos.h>

/*
 * Ask for @p user's password on @p host on the terminal (/dev/tty, echo off). Only a line
 * ended by Enter counts. Returns 0 with the password in @p out (dispose of it with
 * panos_buf_dispose_secret()), or -1 without a terminal, at end of input or on a signal.
 */
int cli_prompt_password(panos_buf *out, const char *user, const char *host);

#endif
