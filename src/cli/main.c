/* SPDX-License-Identifier: MIT */
/* main.c -- panctl: global options, the dispatch table of subcommands, help and exit status. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static int cmd_help(struct cli_ctx *ctx, int argc, char **argv);

/* Sorted by name. Adding a command: cmd_x.c, cli.h, a row here, docs/man/panctl-x.1, a case. */
static const struct cli_cmd cmds[] = {
    {"api", cmd_api, "Send a raw API request (type=... name=value ...)"},
    {"backup", cmd_backup, "Back up the running configs of an inventory of firewalls, in parallel"},
    {"batch", cmd_batch, "Run many commands, one per line, over one kept-alive connection"},
    {"check", cmd_check, "Check sessions, CPU, disk, HA, licences, ... as a Nagios plugin"},
    {"commit", cmd_commit, "Commit or validate the candidate configuration and follow the job"},
    {"config", cmd_config, "Read the configuration: config show|get XPATH"},
    {"devices", cmd_devices, "List the firewalls a Panorama manages; write their inventory"},
    {"export", cmd_export, "Download the running configuration to a file (streamed, atomic)"},
    {"help", cmd_help, "Show help for panctl or a command"},
    {"import", cmd_import, "Upload a configuration, certificate or key pair (multipart)"},
    {"investigate", cmd_investigate,
     "Investigate a host by IP or MAC: who it is, where it went, threats"},
    {"key", cmd_key, "Audit an API key: format, expiry, and what it exposes"},
    {"keygen", cmd_keygen, "Generate an API key from a user name and password"},
    {"logs", cmd_logs, "Query logs (traffic, threat, system, ...) as JSON lines, CSV or a table"},
    {"op", cmd_op, "Run an operational command (CLI text or XML)"},
    {"pcap", cmd_pcap, "List and download packet captures (threat, filter, application, dlp)"},
    {"prisma", cmd_prisma, "Prisma Cloud assets and vulnerabilities: JSON lines, CSV, SQLite"},
    {"report", cmd_report, "Run a dynamic, predefined or custom report and follow its job"},
    {"tls", cmd_tls, "Show a firewall's certificate fingerprint for --pin"},
    {"userid", cmd_userid, "Map users and tag addresses or users (User-ID), in bulk; list them"},
    {"version", cmd_version, "Show the firewall's PAN-OS version, model and serial"},
};

/* Above any command's own option values: a command's table holds its options and these. */
enum { OPT_HTTP = 0x1000, OPT_KEY, OPT_CA, OPT_PIN, OPT_INSECURE, OPT_TIMEOUT, OPT_TARGET,
       OPT_VSYS, OPT_VERSION, OPT_USER, OPT_PWFILE, OPT_AUTH, OPT_SESSION, OPT_JAR,
       OPT_NO_PROMPT, OPT_MAX_BYTES, OPT_DEADLINE, OPT_RETRIES };

const struct cli_opt cli_global_opts[] = {
    {{"host", required_argument, NULL, 'H'}, "HOST",
     "firewall or Panorama: name, IPv4, [IPv6], or URL https://HOST:PORT (env PANCTL_HOST)"},
    {{"port", required_argument, NULL, 'P'}, "PORT", "TCP port (default 443, or 80 with --http)"},
    {{"http", no_argument, NULL, OPT_HTTP}, NULL,
     "plain HTTP instead of HTTPS (warns unless the host is loopback)"},
    {{"key-file", required_argument, NULL, 'K'}, "FILE",
     "read the API key from FILE (mode 0600; - for stdin)"},
    {{"key", required_argument, NULL, OPT_KEY}, "KEY",
     "the API key itself (warns: visible in ps; prefer --key-file or PANCTL_API_KEY)"},
    {{"tag", required_argument, NULL, 't'}, "TAG",
     "take host, port, key and trust from the TAG entries of ./.panrc, ~/.panrc ($PANRC)"},
    {{"user", required_argument, NULL, OPT_USER}, "USER",
     "admin user: renews a refused or expired key once (keygen), and for --auth basic"},
    {{"password-file", required_argument, NULL, OPT_PWFILE}, "FILE",
     "that user's password (mode 0600); else api_password in .panrc, else a prompt"},
    {{"no-prompt", no_argument, NULL, OPT_NO_PROMPT}, NULL, "never ask for a password"},
    {{"auth", required_argument, NULL, OPT_AUTH}, "METHOD",
     "key (default) or basic: HTTP basic auth on every request (warns)"},
    {{"session", no_argument, NULL, OPT_SESSION}, NULL,
     "keep keygen's session cookie and send it (one-time-password and RADIUS admins)"},
    {{"cookie-jar", required_argument, NULL, OPT_JAR}, "FILE",
     "the session's cookie jar (default ~/.cache/panctl/HOST-PORT.cookies, 0600)"},
    {{"ca-file", required_argument, NULL, OPT_CA}, "FILE",
     "verify the firewall's certificate against the CAs in FILE (PEM)"},
    {{"pin", required_argument, NULL, OPT_PIN}, "SHA256",
     "trust exactly the certificate with this SHA-256 fingerprint (see 'panctl tls')"},
    {{"insecure", no_argument, NULL, OPT_INSECURE}, NULL,
     "do not verify the certificate at all (warns)"},
    {{"timeout", required_argument, NULL, OPT_TIMEOUT}, "SECONDS",
     "give up on a request after SECONDS (default 120)"},
    {{"max-bytes", required_argument, NULL, OPT_MAX_BYTES}, "SIZE",
     "refuse an answer larger than SIZE bytes (K, M, G suffixes; default 64M)"},
    {{"deadline", required_argument, NULL, OPT_DEADLINE}, "SECONDS",
     "give up on the whole command (retries and waits included) after SECONDS; 0 = none "
     "(default 300; logs, prisma: none)"},
    {{"retries", required_argument, NULL, OPT_RETRIES}, "N",
     "resend a read-only request at most N times (0 to 10, default 3)"},
    {{"target", required_argument, NULL, OPT_TARGET}, "SERIAL",
     "Panorama: send the request to the managed firewall SERIAL"},
    {{"vsys", required_argument, NULL, OPT_VSYS}, "VSYS", "virtual system for op commands"},
    {{"output", required_argument, NULL, 'o'}, "FORMAT",
     "xml, json, text or csv (csv: answers with rows; default: text on a terminal, xml "
     "otherwise)"},
    {{"verbose", no_argument, NULL, 'v'}, NULL, "trace requests on stderr (secrets redacted)"},
    {{"help", no_argument, NULL, 'h'}, NULL, "this help"},
    {{"version", no_argument, NULL, OPT_VERSION}, NULL,
     "print panctl's version and commit, and the versions of the libraries it uses"},
    {{NULL, 0, NULL, 0}, NULL, NULL},
};

static void main_help(FILE *f)
{
    fputs("usage: panctl [GLOBAL OPTIONS] COMMAND [ARGS] (global options may follow COMMAND)\n"
          "Automate Palo Alto Networks firewalls and Panorama over the PAN-OS XML API.\n\n"
          "Commands:\n",
          f);
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
    fputs("\nGlobal options:\n", f);
    cli_opt_rows(f, cli_global_opts);
    fputs("\nExamples (192.0.2.1 stands for your firewall):\n"
          "  panctl -H 192.0.2.1 tls                      # fingerprint to pin\n"
          "  panctl -H 192.0.2.1 --pin FP keygen -u admin > ~/.fw1.key\n"
          "  panctl -H 192.0.2.1 --pin FP -K ~/.fw1.key op show system info\n"
          "  panctl -t fw1 -o json op show interface all | jq .\n"
          "\nExit status: 0 success, 2 usage, other codes by error class (panctl(1), EXIT STATUS).\n"
          "'panctl help COMMAND' or 'panctl COMMAND --help' for a command's options.\n",
          f);
}

static const struct cli_cmd *find_cmd(const char *name)
{
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        if (strcmp(cmds[i].name, name) == 0)
            return &cmds[i];
    return NULL;
}

/* "panctl CMD": the argv[0] a command's getopt_long names in its messages
 * ("panctl op: invalid option -- 'x'"). */
static char *prog_name(const struct cli_cmd *cmd)
{
    static char name[32];
    snprintf(name, sizeof(name), "panctl %s", cmd->name);
    return name;
}

static const struct cli_opt help_opts[] = {
    {{"help", no_argument, NULL, 'h'}, NULL, "this help"},
    {{NULL, 0, NULL, 0}, NULL, NULL},
};

static int cmd_help(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc;

    cli_opts_build(help_opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == 'h') {
            cli_help("help", "[COMMAND]",
                     "Show panctl's help, or COMMAND's (the same as 'panctl COMMAND --help').",
                     help_opts);
            return 0;
        }
        if ((rc = cli_global_option(ctx, "help", c, optarg)) != 0)
            return rc;
    }
    if (optind >= argc || strcmp(argv[optind], "help") == 0) {
        main_help(stdout);
        return 0;
    }
    if (optind + 1 < argc)
        return cli_usage_error("help", "unexpected argument '%s' (one command at a time)",
                               argv[optind + 1]);
    const struct cli_cmd *cmd = find_cmd(argv[optind]);
    if (cmd == NULL)
        return cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
    char *hargv[] = {prog_name(cmd), (char *)"--help", NULL};
    optind = 0;
    return cmd->run(ctx, 2, hargv);
}

int cli_dispatch(struct cli_ctx *ctx, int argc, char **argv)
{
    const struct cli_cmd *cmd = find_cmd(argv[0]);
    if (cmd == NULL)
        return cli_usage_error(NULL, "unknown command '%s'", argv[0]);
    argv[0] = prog_name(cmd);
    optind = 0;
    unsigned long said = cli_errors_said();
    return cli_say_nomem(cmd->name, cmd->run(ctx, argc, argv), said);
}

/* Before the command name (main) or after it (the command's getopt loop, whose table ends with
 * the global options): the same code either way (opts.h). */
int cli_global_option(struct cli_ctx *ctx, const char *cmd, int c, char *arg)
{
    int rc;
    switch (c) {
    case 'H': ctx->host_arg = arg; break;
    case 'P': {
        long long p;
        if ((rc = cli_parse_count(cmd, "--port", arg, 1, 65535, &p)) != 0)
            return rc;
        ctx->port = (unsigned int)p;
        break;
    }
    case OPT_HTTP: ctx->use_http = 1; break;
    case 'K': ctx->key_file = arg; break;
    case OPT_KEY:
        free(ctx->key_arg);
        ctx->key_arg = strdup(arg);
        panos_wipe(arg, strlen(arg)); /* out of ps, as far as we can */
        break;
    case 't': ctx->tag = arg; break;
    case OPT_CA: ctx->ca_file = arg; break;
    case OPT_PIN: ctx->pin = arg; break;
    case OPT_INSECURE: ctx->insecure = 1; break;
    case OPT_TIMEOUT:
        rc = cli_parse_seconds(cmd, "--timeout", arg, 1, 86400000, &ctx->timeout_ms);
        if (rc != 0)
            return rc;
        break;
    case OPT_MAX_BYTES:
        if (cli_parse_size(arg, &ctx->max_bytes) != 0)
            return cli_usage_error(cmd, "--max-bytes %s: expected a size such as 64M", arg);
        break;
    case OPT_DEADLINE:
        ctx->deadline_ms = 0;
        if (strcmp(arg, "0") != 0 &&
            (rc = cli_parse_seconds(cmd, "--deadline", arg, 1, 86400000, &ctx->deadline_ms)) != 0)
            return rc;
        ctx->deadline_set = 1;
        break;
    case OPT_RETRIES: {
        long long n;
        if ((rc = cli_parse_count(cmd, "--retries", arg, 0, 10, &n)) != 0)
            return rc;
        ctx->retries = (int)n + 1;
        break;
    }
    case OPT_TARGET: ctx->target = arg; break;
    case OPT_VSYS: ctx->vsys = arg; break;
    case OPT_USER: ctx->user = arg; break;
    case OPT_PWFILE: ctx->password_file = arg; break;
    case OPT_NO_PROMPT: ctx->no_prompt = 1; break;
    case OPT_AUTH:
        if (strcmp(arg, "basic") != 0 && strcmp(arg, "key") != 0)
            return cli_usage_error(cmd, "--auth %s: expected key or basic", arg);
        ctx->auth_basic = arg[0] == 'b';
        break;
    case OPT_SESSION: ctx->session = 1; break;
    case OPT_JAR: ctx->cookie_jar = arg; ctx->session = 1; break;
    case 'o':
        if (cli_format_parse(arg, &ctx->format) != 0)
            return cli_usage_error(cmd, "--output %s: expected xml, json, text or csv", arg);
        ctx->format_set = 1;
        break;
    case 'v': ctx->verbose = 1; break;
    case '?': return cli_usage_try(cmd); /* getopt_long has named the option */
    default: return cli_usage_error(cmd, "%s", "bad option");
    }
    return 0;
}

int cli_simple_opts(struct cli_ctx *ctx, const char *cmd, const struct cli_opt *opts, int argc,
                    char **argv, const char *usage, const char *desc, const char **out_path)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == 'O' && out_path != NULL) {
            *out_path = optarg;
        } else if (c == 'h') {
            cli_help(cmd, usage, desc, opts);
            return -1;
        } else if ((rc = cli_global_option(ctx, cmd, c, optarg)) != 0) {
            return rc;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct cli_ctx ctx = {0};
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc;

    /* A closed pipe (panctl logs | head) is a write error to handle, not a silent death: the
     * running log job must still be finished. */
    signal(SIGPIPE, SIG_IGN);
    argv[0] = (char *)"panctl"; /* getopt_long's messages start with it */
    ctx.timeout_ms = 120000;
    ctx.pretty = isatty(STDOUT_FILENO);
    cli_opts_build(NULL, longs, shorts + 1, sizeof(shorts) - 1);
    shorts[0] = '+'; /* stop at the command: its options are its own */
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case 'h': main_help(stdout); return 0;
        case OPT_VERSION: return cli_print_version(stdout);
        default:
            if ((rc = cli_global_option(&ctx, NULL, c, optarg)) != 0)
                return rc;
        }
    }
    if (!ctx.format_set)
        ctx.format = ctx.pretty ? CLI_FORMAT_TEXT : CLI_FORMAT_XML;
    if (optind >= argc) {
        main_help(stderr);
        return PANOS_E_INVALID_ARG;
    }
    const struct cli_cmd *cmd = find_cmd(argv[optind]);
    if (cmd == NULL)
        return cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
    if (panos_global_init() != PANOS_OK) {
        cli_error("cannot initialise libcurl");
        return PANOS_E_FAILED;
    }
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    sub_argv[0] = prog_name(cmd);
    optind = 0; /* reset getopt for the command's own options */
    unsigned long said = cli_errors_said();
    rc = cli_say_nomem(cmd->name, cmd->run(&ctx, sub_argc, sub_argv), said);
    panos_client_free(ctx.client);
    cli_rc_free(&ctx);
    panos_free_secret(ctx.key_arg);
    panos_global_cleanup();
    if (fflush(stdout) != 0 && rc == 0) {
        cli_error("cannot write the output");
        rc = PANOS_E_IO;
    }
    return rc;
}
