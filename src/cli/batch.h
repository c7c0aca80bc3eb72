/* SPDX-License-Identifier: MIT */
/* batch.h -- panctl batch internals: splitting a line into words, echoing it without secrets. */
#ifndef PANCTL_BATCH_H
#define PANCTL_BATCH_H

#include <stddef.h>

/* The words of one batch line: argv[0..argc-1] point into buf; argv[argc] is NULL. */
struct cli_words {
    char *buf;
    char **argv;
    int argc;
};

/*
 * Split @p line as a POSIX shell splits a simple command's words: blanks separate words,
 * '...' keeps everything literally, "..." keeps everything but a backslash before " or \,
 * a backslash outside quotes keeps the next character, and a '#' that starts a word starts a
 * comment. No expansions ($, ~, *, `). A blank or comment line gives argc 0. Returns 0, or -1
 * with a one-line reason in @p err (an unterminated quote, a trailing backslash), or
 * PANOS_E_NOMEM as a positive value.
 */
int cli_words_split(const char *line, struct cli_words *out, char *err, size_t errlen);

/* Free what cli_words_split() made. Accepts a zeroed struct. */
void cli_words_free(struct cli_words *w);

/*
 * The words of a line joined by single spaces, for the separator and the JSON "command"
 * field, with secrets replaced by ***: the value of --key and of the parameters key=,
 * password= and passphrase= (the api command's). Words holding blanks or quotes are quoted
 * '...'. Returns a malloc'd string, or NULL when out of memory.
 */
char *cli_words_echo(const struct cli_words *w);

#endif
