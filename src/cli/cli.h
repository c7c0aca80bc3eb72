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
    char *rc_path;         /* the .panrc used */

    panos_rc *rc;          /* the .panrc, loaded on demand */
    int rc_loaded;
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

/* The .panrc to use: $PANRC, else $HOME/.panrc. */
void cli_panrc_path(char *out, size_t len);

/*
 * Split HOST, [IPv6], HOST:PORT, [IPv6]:PORT or http(s)://HOST[:PORT][/...]: @p host gets the
 * host (brackets kept), *@p port the port when one is given, *@p use_http the URL's scheme.
 * Returns 0, or -1 when it cannot be read.
 */
int cli_parse_host(const char *arg, char *host, size_t hostlen, unsigned int *port,
                   int *use_http);

/* Print the client's last error as "panctl: (N) NAME: [http N] [api N] message"; returns N. */
int cli_fail_client(const struct cli_ctx *ctx, panos_code code);

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

/* Parse a command's options from @p opts (NULL-terminated by an entry with opt.name NULL).
 * Fills a getopt_long table and short string; the caller loops over getopt_long. */
void cli_opts_build(const struct cli_opt *opts, struct option *longs, char *shorts,
                    size_t shorts_len);

/* Print "usage: panctl CMD USAGE", the description and the option table. */
void cli_help(const char *cmd, const char *usage, const char *desc, const struct cli_opt *opts);

/* Print a successful response in the chosen format; returns the exit status. */
int cli_print(const struct cli_ctx *ctx, const panos_response *r, const char *cmd_xml);

#endif
