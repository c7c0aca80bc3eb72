/* SPDX-License-Identifier: MIT */
/* opts.h -- option tables (getopt and --help from one table) and the strict number parsers. */
#ifndef PANCTL_OPTS_H
#define PANCTL_OPTS_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

struct cli_ctx;

/* An option table entry with its help text (the help and the man page come from these). */
struct cli_opt {
    struct option opt;
    const char *arg;  /* "FILE", or NULL */
    const char *help;
};

/* The global options (main.c), terminated by an entry with opt.name NULL. */
extern const struct cli_opt cli_global_opts[];

/* Room in the tables cli_opts_build() fills: a command's options plus the global ones. */
#define CLI_MAX_LONGS 64
#define CLI_MAX_SHORTS 128

/*
 * Fill a getopt_long table (CLI_MAX_LONGS entries) and short string from a command's @p opts
 * (terminated by an entry with opt.name NULL) followed by the global options, so that global
 * options work after the command name too: `panctl op show clock -o json`. On a clash the
 * command's own option wins (logs --port and --user, key -K and -t); --help is the command's
 * and --version only goes before it. @p opts NULL: the global options alone. The caller loops
 * over getopt_long and hands what is not its own to cli_global_option().
 */
void cli_opts_build(const struct cli_opt *opts, struct option *longs, char *shorts,
                    size_t shorts_len);

/*
 * Apply the global option @p c that getopt_long returned, with its argument @p arg (the same
 * code before and after the command name; main.c). Anything else (an unknown option, which
 * getopt has named) is a usage error for @p cmd (NULL: panctl itself). Returns 0, or the exit
 * status.
 */
int cli_global_option(struct cli_ctx *ctx, const char *cmd, int c, char *arg);

/* The rows of an option table as --help shows them ("  -o, --output FORMAT  help"), on @p f:
 * the one formatter of panctl --help and every command's help. */
void cli_opt_rows(FILE *f, const struct cli_opt *opts);

/* Print "usage: panctl CMD USAGE", the description and the option table on stdout. */
void cli_help(const char *cmd, const char *usage, const char *desc, const struct cli_opt *opts);

/* The option rows every command that prints an answer shares. */
#define CLI_OPT_OUT                                                                                \
    {{"out", required_argument, NULL, 'O'}, "FILE",                                                \
     "write the answer to FILE (atomically, mode 0600; xml unless -o) instead of stdout"}
#define CLI_OPT_HELP {{"help", no_argument, NULL, 'h'}, NULL, "this help"}
#define CLI_OPT_END {{NULL, 0, NULL, 0}, NULL, NULL}

/*
 * The option loop of a command whose own options are at most --out (CLI_OPT_OUT, into
 * *@p out_path when not NULL) and --help (prints cli_help(@p cmd, @p usage, @p desc)); every
 * other option is a global one. Returns 0 to go on with argv[optind...], -1 when help was
 * printed (exit 0), or an exit status.
 */
int cli_simple_opts(struct cli_ctx *ctx, const char *cmd, const struct cli_opt *opts, int argc,
                    char **argv, const char *usage, const char *desc, const char **out_path);

/* Whether the @p n bytes at @p s are decimal digits, at least one. */
int cli_digits(const char *s, size_t n);

/*
 * The one parser for numbers on the command line. The whole of @p s must be a decimal number
 * (digits only, no sign, blanks, hex, exponent, "nan" or "inf") within [@p min, @p max]; a
 * value out of range or too long for a long long is refused the same way. On failure it prints
 * a usage error naming @p opt ("--count 1x: expected a whole number from 0 to ...") with
 * "Try 'panctl CMD --help'." (@p cmd NULL for a global option) and returns 2.
 */
int cli_parse_count(const char *cmd, const char *opt, const char *s, long long min,
                    long long max, long long *out);

/*
 * Seconds with an optional fraction ("30", "0.5", "1.250"), converted to milliseconds within
 * [@p min_ms, @p max_ms]. Refused like cli_parse_count(), and also a value finer than a
 * millisecond ("0.0004": libcurl would read the 0 ms it rounds to as "no timeout").
 */
int cli_parse_seconds(const char *cmd, const char *opt, const char *s, long min_ms, long max_ms,
                      long *out_ms);

/* Read a byte count: digits with an optional K, M or G suffix (powers of 1024), 1 to 1 TiB.
 * Returns 0, or -1 when @p s is not one. */
int cli_parse_size(const char *s, size_t *out);

#endif
