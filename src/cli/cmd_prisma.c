/* SPDX-License-Identifier: MIT */
/* cmd_prisma.c -- panctl prisma login|assets|vulns|sync: the Prisma Cloud connector. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "prisma.h"

enum {
    OPT_URL = 0x2000,
    OPT_KEY_ID,
    OPT_SECRET_FILE,
    OPT_DB,
    OPT_MAX_PAGES,
    OPT_PAGE_SIZE,
    OPT_REFRESH,
    OPT_RETRIES,
    OPT_MAX_WAIT
};

static const struct cli_opt opts[] = {
    {{"url", required_argument, NULL, OPT_URL},
     "URL",
     "Prisma Cloud API URL, e.g. https://api2.prismacloud.io (env PRISMA_API_URL, or "
     "prisma_url in .panrc)"},
    {{"access-key-id", required_argument, NULL, OPT_KEY_ID},
     "ID",
     "access key ID (env PRISMA_ACCESS_KEY_ID, or prisma_access_key_id in .panrc)"},
    {{"secret-file", required_argument, NULL, OPT_SECRET_FILE},
     "FILE",
     "secret key from FILE (mode 0600; - for stdin); else env PRISMA_SECRET_KEY, else a prompt"},
    {{"db", required_argument, NULL, OPT_DB}, "FILE", "sync: the SQLite database (made 0600)"},
    {{"max-pages", required_argument, NULL, OPT_MAX_PAGES},
     "N",
     "sync: stop after N pages (the next run resumes)"},
    {{"page-size", required_argument, NULL, OPT_PAGE_SIZE},
     "N",
     "assets per config search page (1-10000, default 1000)"},
    {{"refresh-after", required_argument, NULL, OPT_REFRESH},
     "SEC",
     "extend the 10-minute token once it is SEC old (default 480)"},
    {{"max-retries", required_argument, NULL, OPT_RETRIES},
     "N",
     "retries of a 429 or 5xx answer (default 6)"},
    {{"max-wait", required_argument, NULL, OPT_MAX_WAIT},
     "SEC",
     "cap of one backoff wait (default 30; Retry-After is honoured up to 300)"},
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

struct prisma_args {
    const char *url, *key_id, *secret_file, *db, *out;
    long long max_pages, page_size, refresh, retries, max_wait;
    int retries_set;
};

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void help(void)
{
    cli_help("prisma", "login|assets|vulns|sync [options]",
             "Read assets and vulnerability findings from Prisma Cloud.\n"
             "  login   log in and check the keys (nothing is printed but the API URL)\n"
             "  assets  EC2 instances (config search): cloud, account, region, type, name,\n"
             "          interfaces, addresses, public DNS, OS, exposure, risk grade\n"
             "  vulns   findings of every Compute host: asset, CVE, CVSS, severity, package,\n"
             "          fix status and date, first seen\n"
             "  sync    both into the SQLite database --db, incrementally (resumable)\n"
             "assets and vulns stream JSON lines (-o json, the default) or CSV (-o csv).\n"
             "--deadline SECONDS bounds the whole command (requests, retry waits, token\n"
             "extension, every page; default none); --max-bytes caps one answer.",
             opts);
}

static int parse(struct cli_ctx *ctx, struct prisma_args *a, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc = 0;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while (rc == 0 && (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_URL:
            a->url = optarg;
            break;
        case OPT_KEY_ID:
            a->key_id = optarg;
            break;
        case OPT_SECRET_FILE:
            a->secret_file = optarg;
            break;
        case OPT_DB:
            a->db = optarg;
            break;
        case 'O':
            a->out = optarg;
            break;
        case OPT_MAX_PAGES:
            rc = cli_parse_count("prisma", "--max-pages", optarg, 1, 1000000000, &a->max_pages);
            break;
        case OPT_PAGE_SIZE:
            rc = cli_parse_count("prisma", "--page-size", optarg, 1, 10000, &a->page_size);
            break;
        case OPT_REFRESH:
            rc = cli_parse_count("prisma", "--refresh-after", optarg, 1, 590, &a->refresh);
            break;
        case OPT_RETRIES:
            rc = cli_parse_count("prisma", "--max-retries", optarg, 0, 20, &a->retries);
            a->retries_set = 1;
            break;
        case OPT_MAX_WAIT:
            rc = cli_parse_count("prisma", "--max-wait", optarg, 1, 300, &a->max_wait);
            break;
        case 'h':
            help();
            return -1;
        default:
            rc = cli_global_option(ctx, "prisma", c, optarg);
            break;
        }
    }
    return rc;
}

/* A setting from the option, else the environment, else the .panrc files. */
static const char *setting(struct cli_ctx *ctx, const char *opt, const char *env, const char *rcvar)
{
    if (opt)
        return opt;
    const char *e = getenv(env);
    if (e && e[0])
        return e;
    cli_rc_load(ctx, 0);
    return cli_rc_first(ctx, rcvar, NULL);
}

/* The secret key: --secret-file (0600), else PRISMA_SECRET_KEY, else the terminal. */
static int secret_of(const struct cli_ctx *ctx, const struct prisma_args *a, const char *id,
                     const char *url, panos_buf *out)
{
    char err[300];
    if (a->secret_file) {
        panos_code code = panos_secret_read_file(out, a->secret_file, err, sizeof(err));
        return code == PANOS_OK
                   ? 0
                   : cli_local_error(code == PANOS_E_NOT_FOUND ? PANOS_E_IO : code, err);
    }
    const char *e = getenv("PRISMA_SECRET_KEY");
    if (e && e[0]) {
        out->ptr = strdup(e);
        out->size = strlen(e);
        return out->ptr ? 0 : cli_local_error(PANOS_E_NOMEM, NULL);
    }
    if (ctx->no_prompt || cli_prompt_password(out, id, url) != 0)
        return cli_usage_error("prisma", "no secret key: give --secret-file FILE or set "
                                         "PRISMA_SECRET_KEY");
    return 0;
}

static void on_progress(const char *line, void *payload)
{
    (void)payload;
    cli_warn("prisma: %s", line);
}

static int session(struct cli_ctx *ctx, const struct prisma_args *a, panos_prisma **out)
{
    const char *url = setting(ctx, a->url, "PRISMA_API_URL", "prisma_url");
    const char *id = setting(ctx, a->key_id, "PRISMA_ACCESS_KEY_ID", "prisma_access_key_id");
    if (url == NULL)
        return cli_usage_error("prisma", "no API URL: give --url or set PRISMA_API_URL");
    if (id == NULL)
        return cli_usage_error("prisma", "no access key ID: give --access-key-id or set "
                                         "PRISMA_ACCESS_KEY_ID");
    panos_buf secret = PANOS_BUF_INIT;
    int rc = secret_of(ctx, a, id, url, &secret);
    if (rc != 0)
        return rc;
    panos_prisma_options o = PANOS_PRISMA_OPTIONS_INIT;
    o.url = url;
    o.access_key_id = id;
    o.secret_key = secret.ptr;
    o.timeout_ms = ctx->timeout_ms;
    o.refresh_after_s = (long)a->refresh;
    o.max_retries = a->retries == 0 && a->retries_set ? -1 : (int)a->retries;
    o.max_backoff_s = (long)a->max_wait;
    o.ca_file = ctx->ca_file;
    o.insecure = ctx->insecure;
    o.progress = on_progress;
    /* Exports may rightly run for hours, as logs do: no deadline unless --deadline is given. */
    o.deadline_ms = ctx->deadline_set ? ctx->deadline_ms : 0;
    o.max_response_bytes = ctx->max_bytes;
    panos_code code = panos_prisma_new(out, &o);
    panos_buf_dispose_secret(&secret);
    return code == PANOS_OK ? 0 : cli_local_error(code, "cannot start a Prisma Cloud session");
}

int prisma_fail(const panos_prisma *p, panos_code code)
{
    const panos_error *e = panos_prisma_last_error(p);
    if (e->code != code || e->message[0] == '\0')
        fprintf(stderr, "panctl: (%d) %s: %s\n", (int)code, panos_code_name(code),
                panos_strerror(code));
    else if (e->http_status)
        fprintf(stderr, "panctl: (%d) %s: [http %ld] %s\n", (int)code, panos_code_name(code),
                e->http_status, e->message);
    else
        fprintf(stderr, "panctl: (%d) %s: %s\n", (int)code, panos_code_name(code), e->message);
    return (int)code;
}

static int on_assets(void *payload, const panos_prisma_asset *rows, size_t n, const char *next)
{
    (void)next;
    struct prisma_out *o = payload;
    for (size_t i = 0; i < n; i++)
        if (prisma_out_asset(o, &rows[i]) != 0)
            return PANOS_E_IO;
    return interrupted ? -1 : 0;
}

static int on_vulns(void *payload, const panos_prisma_vuln *rows, size_t n, long next)
{
    (void)next;
    struct prisma_out *o = payload;
    for (size_t i = 0; i < n; i++)
        if (prisma_out_vuln(o, &rows[i]) != 0)
            return PANOS_E_IO;
    return interrupted ? -1 : 0;
}

static int export(struct cli_ctx *ctx, panos_prisma *p, const struct prisma_args *a, int vulns)
{
    struct prisma_out o;
    if (ctx->format_set && ctx->format != CLI_FORMAT_JSON && ctx->format != CLI_FORMAT_CSV)
        return cli_usage_error("prisma", "-o: assets and vulns print json (lines) or csv");
    int rc = prisma_out_open(&o, a->out, ctx->format == CLI_FORMAT_CSV, vulns);
    if (rc != 0)
        return rc;
    signal(SIGINT, on_interrupt);
    signal(SIGTERM, on_interrupt);
    panos_code code = vulns ? panos_prisma_vulns(p, 0, on_vulns, &o)
                            : panos_prisma_assets(p, NULL, (size_t)a->page_size, on_assets, &o);
    if (code == PANOS_E_IO)
        rc = cli_local_error(PANOS_E_IO, "cannot write the rows");
    else if (code != PANOS_OK)
        rc = prisma_fail(p, code);
    else if (interrupted)
        rc = cli_local_error(PANOS_E_FAILED, "interrupted: the output is incomplete");
    int crc = prisma_out_close(&o, rc == 0);
    return rc ? rc : crc;
}

int cmd_prisma(struct cli_ctx *ctx, int argc, char **argv)
{
    struct prisma_args a = {0};
    panos_prisma *p = NULL;
    int rc = parse(ctx, &a, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (optind >= argc)
        return cli_usage_error("prisma", "which: login, assets, vulns or sync?");
    const char *sub = argv[optind];
    int which = strcmp(sub, "login") == 0    ? 0
                : strcmp(sub, "assets") == 0 ? 1
                : strcmp(sub, "vulns") == 0  ? 2
                : strcmp(sub, "sync") == 0   ? 3
                                             : -1;
    if (which < 0)
        return cli_usage_error("prisma", "unknown subcommand '%s'", sub);
    if (optind + 1 < argc)
        return cli_usage_error("prisma", "unexpected argument '%s'", argv[optind + 1]);
    if (which == 3 && a.db == NULL)
        return cli_usage_error("prisma", "sync needs --db FILE");
    if ((a.db && which != 3) || (a.out && (which == 0 || which == 3)))
        return cli_usage_error("prisma", "%s is not an option of prisma %s",
                               a.db ? "--db" : "--out", sub);
    if ((rc = session(ctx, &a, &p)) != 0)
        return rc;
    if (which == 0) {
        panos_code code = panos_prisma_login(p);
        rc = code == PANOS_OK ? 0 : prisma_fail(p, code);
        if (rc == 0)
            printf("logged in to %s\n",
                   a.url ? a.url : setting(ctx, NULL, "PRISMA_API_URL", "prisma_url"));
    } else if (which == 3) {
        rc = prisma_sync(p, a.db, (long)a.max_pages, (size_t)a.page_size);
    } else {
        rc = export(ctx, p, &a, which == 2);
    }
    panos_prisma_free(p);
    return rc;
}
