/* SPDX-License-Identifier: MIT */
/* cli.h -- what every panctl command includes: the context, the dispatch entry, the commands,
 * and the headers of the shared parts (one header per file: msg, opts, host, panrc, prompt,
 * connect, print, output). */
#ifndef PANCTL_CLI_H
#define PANCTL_CLI_H

#include <getopt.h>
#include <time.h>
#include <panos/panos.h>
#include "connect.h"
#include "host.h"
#include "msg.h"
#include "opts.h"
#include "output.h"
#include "panrc.h"
#include "print.h"
#include "prompt.h"

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
    int retries;           /* --retries N as N + 1; 0 = the library's default */
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

    struct cli_panrc rc;   /* the .panrc files (panrc.c) */
    const char *rc_key_path; /* the file the key came from: a renewed key is stored there */
    panos_client *client;  /* made by cli_connect() */
};

/* One subcommand: its name, its function and a one-line summary for `panctl --help`. */
struct cli_cmd {
    const char *name;
    int (*run)(struct cli_ctx *ctx, int argc, char **argv);
    const char *summary;
};

int cmd_api(struct cli_ctx *ctx, int argc, char **argv);
int cmd_backup(struct cli_ctx *ctx, int argc, char **argv);
int cmd_batch(struct cli_ctx *ctx, int argc, char **argv);
/* Run the command named argv[0] with @p ctx (batch): its status, 2 for an unknown name. */
int cli_dispatch(struct cli_ctx *ctx, int argc, char **argv);
int cmd_check(struct cli_ctx *ctx, int argc, char **argv);
int cmd_commit(struct cli_ctx *ctx, int argc, char **argv);
int cmd_config(struct cli_ctx *ctx, int argc, char **argv);
int cmd_config_diff(struct cli_ctx *ctx, int argc, char **argv); /* config diff */
int cmd_devices(struct cli_ctx *ctx, int argc, char **argv);
int cmd_export(struct cli_ctx *ctx, int argc, char **argv);
int cmd_import(struct cli_ctx *ctx, int argc, char **argv);
/* config load NAME (cmd_config_load.c). */
int cmd_config_load(struct cli_ctx *ctx, int argc, char **argv);
/* A status-and-message answer (a write, an import): -o text prints the message, -o json
 * {"status", "code", "msg"}; xml and --out as cli_print() (cmd_config_write.c). */
int cli_print_answer(const struct cli_ctx *ctx, const panos_response *r, const char *out_path);
/* --passphrase-file FILE ("-": stdin) into @p out (0600 checked), or the exit status. */
int cli_read_passphrase(panos_buf *out, const char *path);
/* The config writes (cmd_config_write.c): whether ACTION is one, and the command itself. */
int cli_config_is_write(const char *action);
int cmd_config_write(struct cli_ctx *ctx, int argc, char **argv);
/* config lock|unlock|locks (cmd_config_lock.c), connected; @p comment for lock, may be NULL. */
int cli_config_lock(struct cli_ctx *ctx, const char *action, const char *comment);
int cmd_keygen(struct cli_ctx *ctx, int argc, char **argv);
int cmd_key(struct cli_ctx *ctx, int argc, char **argv);
int cmd_logs(struct cli_ctx *ctx, int argc, char **argv);
/* The firewall's wall clock as if UTC, from show clock (cmd_logs.c); 0 or the exit status. */
int cli_firewall_now(struct cli_ctx *ctx, long long *out);
int cmd_investigate(struct cli_ctx *ctx, int argc, char **argv);
int cmd_op(struct cli_ctx *ctx, int argc, char **argv);
int cmd_pcap(struct cli_ctx *ctx, int argc, char **argv);
int cmd_prisma(struct cli_ctx *ctx, int argc, char **argv);
int cmd_report(struct cli_ctx *ctx, int argc, char **argv);
int cmd_tls(struct cli_ctx *ctx, int argc, char **argv);
int cmd_userid(struct cli_ctx *ctx, int argc, char **argv);
int cmd_version(struct cli_ctx *ctx, int argc, char **argv);
/* panctl --version: panctl's version and commit, the library's and its dependencies'. */
int cli_print_version(FILE *f);

/* "NAME-YYYYMMDDTHHMMSSZ.xml" (UTC) into @p buf, NAME made safe for a file name (characters
 * other than [A-Za-z0-9._-] become '_', no leading dot). Returns the length it needed. */
size_t cli_export_name(char *buf, size_t len, const char *name, time_t when);
/* The host part of what cli_connect() used: no scheme, path, port or IPv6 brackets. */
void cli_export_host(char *buf, size_t len, const char *host);

#endif
