/* SPDX-License-Identifier: MIT */
/* cli.h -- what panctl's subcommands share: the context, the dispatch entry, messages, helpers. */
#ifndef PANCTL_CLI_H
#define PANCTL_CLI_H

#include <getopt.h>
#include <panos/panos.h>
#include "output.h"

/* Global options and the connection, built by main.c and handed to every command. */
struct cli_ctx {
    const char *host_arg;  /* --host / PANCTL_HOST / .panrc hostname; may be a URL */
    unsigned int port;     /* --port; 0 = from the URL, .panrc or the scheme's default */
    int use_http;          /* --http or an http:// URL */
    const char *key_file;  /* --key-file */
    char *key_arg;         /* --key (a copy, wiped) */
    const char *tag;       /* -t TAG */
    const char *ca_file;
    const char *pin;
    int insecure;
    long timeout_ms;
    size_t max_bytes;      /* --max-bytes: cap on one answer; 0 = the library's default */
    long deadline_ms;      /* --deadline; 0 = none */
    int deadline_set;      /* --deadline given; else 300 s, or none for logs */
    int long_running;      /* the command may run for hours (logs): no default deadline */
    const char *target;    /* --target SERIAL (Panorama) */
    const char *vsys;
    enum cli_format format;
    int format_set;        /* -o given; otherwise text on a terminal, xml elsewhere */
    int pretty;            /* stdout is a terminal */
    int verbose;
    const char *user;      /* --user: the admin, for renewing keys and --auth basic */
    const char *password_file; /* --password-file */
    int auth_basic;        /* --auth basic */
    int session;           /* --session: keep keygen's cookies */
    const char *cookie_jar; /* --cookie-jar FILE */
    int no_prompt;         /* --no-prompt: never ask on the terminal */
    enum { CLI_KEY_NONE, CLI_KEY_FILE, CLI_KEY_ARG, CLI_KEY_ENV, CLI_KEY_RC } key_source;

    const char *conn_host; /* the host cli_connect() used, as given (may be a URL) */
    unsigned int conn_port; /* the port it used: --port, the URL's or the .panrc's; 0 = default */

    /* The .panrc files, loaded on demand, first wins per variable: ./.panrc then ~/.panrc, or
     * $PANRC alone. bound: the file's settings belong to the firewall in use (see ctx.c). */
    struct cli_rcfile {
        char *path;
        panos_rc *rc;
        int bound;
    } rcf[2];
    size_t nrcf;
    int rc_loaded;
    panos_code rc_code;    /* the first load failure, reported where the file is needed */
    char rc_err[8192];
    const char *rc_key_path; /* the file the key came from: a renewed key is stored there */
    panos_client *client;  /* made by cli_connect() */
};

/* One subcommand: its name, its function and a one-line summary for `panctl --help`. */
struct cli_cmd {
    const char *name;
    int (*run)(struct cli_ctx *ctx, int argc, char **argv);
    const char *summary;
};

/* An option table entry with its help text (the help and the man page come from these). */
struct cli_opt {
    struct option opt;
    const char *arg;  /* "FILE", or NULL */
    const char *help;
};

int cmd_api(struct cli_ctx *ctx, int argc, char **argv);
int cmd_config(struct cli_ctx *ctx, int argc, char **argv);
int cmd_keygen(struct cli_ctx *ctx, int argc, char **argv);
int cmd_key(struct cli_ctx *ctx, int argc, char **argv);
int cmd_logs(struct cli_ctx *ctx, int argc, char **argv);
int cmd_op(struct cli_ctx *ctx, int argc, char **argv);
int cmd_tls(struct cli_ctx *ctx, int argc, char **argv);
int cmd_version(struct cli_ctx *ctx, int argc, char **argv);

/* "panctl: " + message on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "panctl: (N) NAME: message" for a failure that did not come from the firewall (message
 * empty or NULL: the code's description); returns N. NOT_FOUND (a missing local file) is
 * reported as IO (18). */
int cli_local_error(panos_code code, const char *msg);

/* The .panrc that keygen --save-tag writes: $PANRC, else $HOME/.panrc. */
void cli_panrc_path(char *out, size_t len);

/*
 * A .panrc setting of the firewall cli_connect() chose (api_username, api_password, ...):
 * from the first file that has it among those whose hostname is that firewall's (or, with -t,
 * that have no hostname). NULL before cli_connect() or when none has it. Borrowed.
 */
const char *cli_rc_get(const struct cli_ctx *ctx, const char *var);

/* Load the .panrc files for ctx->tag now (once), reporting a failure or an absent tag.
 * Returns 0 or the exit status. For commands that read them without connecting (key audit). */
int cli_rc_load(struct cli_ctx *ctx);

/* @p var from the first loaded .panrc that has it, whatever its hostname (offline use only: never
 * to send). @p path_out gets that file, or the first one when none has it. Borrowed. */
const char *cli_rc_first(const struct cli_ctx *ctx, const char *var, const char **path_out);

/* Free the loaded .panrc files (wiping their values). */
void cli_rc_free(struct cli_ctx *ctx);

/*
 * Split HOST, [IPv6], HOST:PORT, [IPv6]:PORT or http(s)://HOST[:PORT][/...]: @p host gets the
 * host (brackets kept), *@p port the port when one is given, *@p use_http the URL's scheme.
 * Returns 0, or -1 when it cannot be read.
 */
int cli_parse_host(const char *arg, char *host, size_t hostlen, unsigned int *port,
                   int *use_http);

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

/* Print the client's last error as "panctl: (N) NAME: [http N] [api N] message"; returns N. */
int cli_fail_client(const struct cli_ctx *ctx, panos_code code);

/* "Try 'panctl CMD --help'." alone (after getopt's own message); returns PANOS_E_INVALID_ARG. */
int cli_usage_try(const char *cmd);

/* A usage error: the message, then "Try 'panctl CMD --help'."; returns PANOS_E_INVALID_ARG. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Make ctx->client for the firewall the options name (host, port, scheme, trust, timeout,
 * target, vsys) and, when @p need_key, give it the key (key file, --key, PANCTL_API_KEY or the
 * .panrc). Prints the error and returns its exit status on failure, 0 on success.
 */
int cli_connect(struct cli_ctx *ctx, int need_key);

/* Ask for a password on the terminal (echo off). Returns 0, or -1 without a terminal. */
int cli_prompt_password(panos_buf *out, const char *user, const char *host);

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
 * code before and after the command name). Anything else (an unknown option, which getopt has
 * named) is a usage error for @p cmd (NULL: panctl itself). Returns 0, or the exit status.
 */
int cli_global_option(struct cli_ctx *ctx, const char *cmd, int c, char *arg);

/* Print "usage: panctl CMD USAGE", the description and the option table. */
void cli_help(const char *cmd, const char *usage, const char *desc, const struct cli_opt *opts);

/* Read a byte count: digits with an optional K, M or G suffix (powers of 1024), 1 to 1 TiB.
 * Returns 0, or -1 when @p s is not one. */
int cli_parse_size(const char *s, size_t *out);

/* Print a successful response in the chosen format on stdout, or into the file @p out_path
 * (atomically, mode 0600; xml unless -o is given) when not NULL; returns the exit status. */
int cli_print(const struct cli_ctx *ctx, const panos_response *r, const char *cmd_xml,
              const char *out_path);

#endif
