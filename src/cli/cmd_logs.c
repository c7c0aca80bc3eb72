/* SPDX-License-Identifier: MIT */
/* cmd_logs.c -- panctl logs: query any log type, page past 5,000, stream JSON lines, XML, CSV, a table. */
#include <signal.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <panos/log.h>
#include "cli.h"
#include "pano.h"

enum { OPT_QUERY = 256, OPT_SRC, OPT_DST, OPT_ADDR, OPT_PORT, OPT_APP, OPT_RULE, OPT_USER,
       OPT_ACTION, OPT_SUBTYPE, OPT_SINCE, OPT_UNTIL, OPT_DIR, OPT_FOLLOW, OPT_FIELDS,
       OPT_NO_PROGRESS, OPT_PAGE, OPT_JOB_TIMEOUT, OPT_POLL, OPT_MAX_VALUE, OPT_MAX_ENTRY,
       OPT_ALL_DEVICES };
enum { OPT_JOBS = OPT_ALL_DEVICES + 1 };

static const struct cli_opt opts[] = {
    {{"type", required_argument, NULL, 'T'},
     "TYPE",
     "traffic (default), threat, url, wildfire, data, system, config, hipmatch, globalprotect, "
     "userid, auth, decryption"},
    {{"query", required_argument, NULL, OPT_QUERY},
     "FILTER",
     "a PAN-OS filter, e.g. \"(zone.src eq trust)\"; and-ed with the options below"},
    {{"src", required_argument, NULL, OPT_SRC}, "IP[/LEN]", "source address or network"},
    {{"dst", required_argument, NULL, OPT_DST}, "IP[/LEN]", "destination address or network"},
    {{"addr", required_argument, NULL, OPT_ADDR}, "IP[/LEN]", "source or destination"},
    {{"port", required_argument, NULL, OPT_PORT}, "PORT", "destination port"},
    {{"app", required_argument, NULL, OPT_APP}, "APP", "application, e.g. ssl"},
    {{"rule", required_argument, NULL, OPT_RULE}, "RULE", "security rule name"},
    {{"user", required_argument, NULL, OPT_USER}, "USER", "source user"},
    {{"action", required_argument, NULL, OPT_ACTION}, "ACTION", "allow, deny, drop, ..."},
    {{"subtype", required_argument, NULL, OPT_SUBTYPE}, "SUBTYPE", "log subtype"},
    {{"since", required_argument, NULL, OPT_SINCE},
     "TIME",
     "'YYYY/MM/DD HH:MM:SS', YYYY-MM-DDTHH:MM:SS, or relative: 30m, 2h, 7d"},
    {{"until", required_argument, NULL, OPT_UNTIL}, "TIME", "same forms as --since"},
    {{"count", required_argument, NULL, 'n'},
     "N",
     "entries wanted (default 20; past 5,000 by paging; 0 = all)"},
    {{"dir", required_argument, NULL, OPT_DIR},
     "DIR",
     "backward (newest first, default) or forward"},
    {{"follow", no_argument, NULL, 'f'}, NULL, "then keep printing new entries until Ctrl-C"},
    {{"output", required_argument, NULL, 'o'},
     "FORMAT",
     "json (JSON lines), xml (<log><logs><entry>...), csv, or text (a table); default text on a "
     "terminal, json otherwise"},
    {{"fields", required_argument, NULL, OPT_FIELDS},
     "F1,F2",
     "fields to print, in this order (every format); default: all, or a few per type (text)"},
    {{"page-size", required_argument, NULL, OPT_PAGE}, "N", "entries per log job, 1-5000 (5000)"},
    {{"job-timeout", required_argument, NULL, OPT_JOB_TIMEOUT},
     "SECONDS",
     "finish a log job still running after SECONDS (300)"},
    {{"poll-ms", required_argument, NULL, OPT_POLL},
     "MS",
     "first poll of a job after MS (default 50), then 2x longer each time under 500, 1.5x "
     "from there, up to 2000"},
    {{"jobs-in-flight", required_argument, NULL, OPT_JOBS},
     "N",
     "log jobs on the firewall at once while paging newest first by seqno, 1 or 2 (2)"},
    {{"max-value-bytes", required_argument, NULL, OPT_MAX_VALUE},
     "SIZE",
     "refuse an entry with a field longer than SIZE (default 1M; the answer: --max-bytes)"},
    {{"max-entry-bytes", required_argument, NULL, OPT_MAX_ENTRY},
     "SIZE",
     "refuse an entry larger than SIZE (default 4M)"},
    {{"no-progress", no_argument, NULL, OPT_NO_PROGRESS}, NULL, "no progress line on stderr"},
    {{"all-devices", no_argument, NULL, OPT_ALL_DEVICES}, NULL,
     "on a Panorama: the query on each connected firewall in turn (target=SERIAL), --count "
     "entries from each; every entry names its firewall (serial, device_name)"},
    {{"help", no_argument, NULL, 'h'}, NULL, "this help"},
    {{NULL, 0, NULL, 0}, NULL, NULL},
};

struct out {
    struct cli_rows *w; /* the one output layer's row writer */
    int progress_shown;
    int write_failed; /* 0, or PANOS_E_NOMEM or PANOS_E_IO from the row writer */
};

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Fields PAN-OS means as numbers (PAN-OS syslog field descriptions; demisto/content Panorama
 * test_data/query_logs.xml): JSON numbers. Sorted for bsearch: this runs for every field of every
 * entry. */
static int numeric_field(const char *name)
{
    static const char *const names[] = {
        "bytes", "bytes_received", "bytes_sent", "chunks", "chunks_received", "chunks_sent",
        "dg_hier_level_1", "dg_hier_level_2", "dg_hier_level_3", "dg_hier_level_4", "dport",
        "elapsed", "natdport", "natsport", "packets", "parent_session_id", "pcap_id",
        "pkts_received", "pkts_sent", "repeatcnt", "reportid", "seqno", "session_owner_id",
        "sessionid", "sport", "tid", "vsys_id"};
    return bsearch(&name, names, sizeof(names) / sizeof(names[0]), sizeof(names[0]),
                   cmp_name) != NULL;
}

/* Columns of the table when --fields is not given. */
static const char *const *table_columns(const char *type)
{
    static const char *const traffic[] = {"receive_time", "src", "dst", "dport", "app",
                                          "action", "rule", "bytes", NULL};
    static const char *const threat[] = {"receive_time", "src", "dst", "dport", "threatid",
                                         "severity", "action", NULL};
    static const char *const sys[] = {"receive_time", "severity", "eventid", "opaque", NULL};
    static const char *const config[] = {"receive_time", "admin", "cmd", "path", "result",
                                         NULL};
    static const char *const other[] = {"receive_time", "subtype", "src", "dst", NULL};
    if (strcmp(type, "traffic") == 0)
        return traffic;
    if (strcmp(type, "threat") == 0 || strcmp(type, "url") == 0 ||
        strcmp(type, "wildfire") == 0 || strcmp(type, "data") == 0)
        return threat;
    if (strcmp(type, "system") == 0)
        return sys;
    if (strcmp(type, "config") == 0)
        return config;
    return other;
}

static int width_of(const char *name)
{
    if (strcmp(name, "receive_time") == 0)
        return 19;
    if (strcmp(name, "src") == 0 || strcmp(name, "dst") == 0)
        return 15;
    if (strcmp(name, "dport") == 0)
        return 6;
    if (strcmp(name, "severity") == 0 || strcmp(name, "action") == 0)
        return 13;
    if (strcmp(name, "rule") == 0 || strcmp(name, "app") == 0 || strcmp(name, "threatid") == 0)
        return 20;
    if (strcmp(name, "opaque") == 0 || strcmp(name, "path") == 0)
        return 0; /* the last column runs free */
    return 14;
}

static void clear_progress(struct out *o)
{
    if (o->progress_shown) {
        fputs("\r\033[K", stderr);
        o->progress_shown = 0;
    }
}

static int on_entry(void *payload, const panos_log_entry *e)
{
    struct out *o = payload;
    clear_progress(o);
    int rc = cli_rows_add(o->w, e);
    if (rc != 0)
        o->write_failed = rc;
    return o->write_failed ? 1 : 0;
}

static void on_progress(void *payload, const panos_log_progress *p)
{
    struct out *o = payload;
    if (p->wanted)
        fprintf(stderr, "\rlogs: %llu of %llu entries, job %s %d%%\033[K", p->delivered,
                p->wanted, p->job_status ? p->job_status : "-", p->job_progress < 0 ? 0 : p->job_progress);
    else
        fprintf(stderr, "\rlogs: %llu entries, job %s %d%%\033[K", p->delivered,
                p->job_status ? p->job_status : "-", p->job_progress < 0 ? 0 : p->job_progress);
    o->progress_shown = 1;
}

/* Split "a,b, c" into @p fields (malloc'd names, counted in *@p n). Returns PANOS_OK,
 * PANOS_E_NOMEM, or PANOS_E_INVALID_ARG when no name is given. */
static panos_code split_fields(char ***fields, size_t *n, const char *list)
{
    char *copy = strdup(list);
    if (copy == NULL)
        return PANOS_E_NOMEM;
    size_t max = 1;
    for (const char *p = list; *p; p++)
        max += *p == ',';
    *fields = calloc(max + 1, sizeof(char *));
    if (*fields == NULL) {
        free(copy);
        return PANOS_E_NOMEM;
    }
    char *save = NULL;
    panos_code rc = PANOS_OK;
    for (char *t = strtok_r(copy, ",", &save); t && rc == PANOS_OK;
         t = strtok_r(NULL, ",", &save)) {
        while (*t == ' ')
            t++;
        if (*t && ((*fields)[*n] = strdup(t)) == NULL)
            rc = PANOS_E_NOMEM; /* not a column silently left out */
        else if (*t)
            (*n)++;
    }
    free(copy);
    return rc != PANOS_OK ? rc : *n ? PANOS_OK : PANOS_E_INVALID_ARG;
}

/* The firewall's wall clock as if UTC, from `show clock` ("Wed May 31 11:50:21 PDT 2023"). */
/*
 * logs --all-devices: @p q on every connected firewall of the Panorama of @p ctx, one after the
 * other (one firewall's log jobs in flight through Panorama), into the one writer of @p o. A
 * firewall that fails is named on stderr and the next one runs; a summary line at the end.
 * Returns the query's code: PANOS_OK, PANOS_E_FAILED when a firewall failed, or the first code
 * that stops the run (interrupted, the output failed); *@p rc gets an exit status when the
 * devices are unknown.
 */
static panos_code all_devices(struct cli_ctx *ctx, panos_log_query *q, struct out *o, int *rc)
{
    struct cli_pano_devs d;
    if ((*rc = cli_pano_devices(ctx, 1, &d)) != 0)
        return PANOS_OK;
    size_t ok = 0, failed = 0;
    panos_code code = PANOS_OK;
    for (size_t i = 0; i < d.n && !interrupted && !o->write_failed; i++) {
        const char *serial = d.v[i][PANO_SERIAL];
        code = panos_client_set_target(ctx->client, serial);
        if (code == PANOS_OK)
            code = panos_log_query_run(ctx->client, q, on_entry, o);
        clear_progress(o);
        if (code == PANOS_OK) {
            ok++;
        } else if (!interrupted && !o->write_failed) {
            char why[512];
            cli_client_error_text(why, sizeof(why), ctx->client, code);
            cli_error("%s %s: %s", serial, d.v[i][PANO_HOSTNAME], why);
            failed++;
        }
    }
    cli_error("logs --all-devices: %zu of %zu connected firewalls answered, %zu failed", ok, d.n,
              failed);
    cli_pano_devs_free(&d);
    return interrupted || o->write_failed ? code : failed ? PANOS_E_FAILED : PANOS_OK;
}

int cli_firewall_now(struct cli_ctx *ctx, long long *out)
{
    panos_response *r = NULL;
    panos_code code = panos_op_run(&r, ctx->client, "<show><clock/></show>");
    if (code != PANOS_OK) {
        panos_response_free(r); /* an error answer comes back too */
        return cli_fail_client(ctx, code);
    }
    panos_buf text = PANOS_BUF_INIT;
    panos_code tc = panos_node_text(&text, panos_response_result(r));
    struct tm tm = {0};
    char mon[4] = "", tz[16] = "";
    int day = 0, h = 0, m = 0, s = 0, year = 0;
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    int ok = tc == PANOS_OK && sscanf(text.ptr, "%*3s %3s %d %d:%d:%d %15s %d", mon, &day, &h,
                                      &m, &s, tz, &year) == 7;
    const char *mp = ok ? strstr(months, mon) : NULL;
    panos_buf_dispose(&text);
    panos_response_free(r);
    if (!ok || mp == NULL || mon[0] == '\0') {
        cli_local_error(PANOS_E_PARSE, "cannot read the firewall's clock for --since/--until; "
                                       "give absolute times");
        return PANOS_E_PARSE;
    }
    tm.tm_year = year - 1900;
    tm.tm_mon = (int)(mp - months) / 3;
    tm.tm_mday = day;
    tm.tm_hour = h;
    tm.tm_min = m;
    tm.tm_sec = s;
    *out = (long long)timegm(&tm);
    return 0;
}

static int is_relative(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    return n >= 2 && strchr("smhd", t[n - 1]) != NULL && t[0] >= '0' && t[0] <= '9' &&
           strchr(t, ' ') == NULL && strchr(t, '-') == NULL;
}

int cmd_logs(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    panos_logfilter f = {0};
    panos_log_query q = {0};
    struct out o = {0};
    struct cli_rows_opts ro = {.fmt = CLI_ROWS_JSONL, .numeric = numeric_field,
                               .id_name = "logid", .xml_open = "<log>\n<logs>\n",
                               .xml_close = "</logs>\n</log>\n", .xml_item = "entry"};
    char **cols = NULL;
    size_t ncols = 0;
    panos_buf filter = PANOS_BUF_INIT;
    int c, rc = 0, fmt_set = 0, no_progress = 0, fleet = 0;
    const char *fields = NULL;
    char err[512] = "";

    f.log_type = "traffic";
    q.version = PANOS_LOG_QUERY_VERSION;
    q.count = 20;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        long long num;
        switch (c) {
        case 'T': f.log_type = optarg; break;
        case OPT_QUERY: f.query = optarg; break;
        case OPT_SRC: f.src = optarg; break;
        case OPT_DST: f.dst = optarg; break;
        case OPT_ADDR: f.addr = optarg; break;
        case OPT_PORT: f.port = optarg; break;
        case OPT_APP: f.app = optarg; break;
        case OPT_RULE: f.rule = optarg; break;
        case OPT_USER: f.user = optarg; break;
        case OPT_ACTION: f.action = optarg; break;
        case OPT_SUBTYPE: f.subtype = optarg; break;
        case OPT_SINCE: f.since = optarg; break;
        case OPT_UNTIL: f.until = optarg; break;
        case 'n':
            if ((rc = cli_parse_count("logs", "--count", optarg, 0, 1000000000, &num)) != 0)
                return rc;
            /* 0: every entry that matches, as far as the largest count reaches (the library's
             * 0 is PAN-OS's default of 20). */
            q.count = num == 0 ? 1000000000ULL : (unsigned long long)num;
            break;
        case OPT_DIR:
            if (strcmp(optarg, "forward") != 0 && strcmp(optarg, "backward") != 0)
                return cli_usage_error("logs", "--dir %s: expected forward or backward", optarg);
            q.forward = optarg[0] == 'f';
            break;
        case 'f': q.follow = 1; break;
        case 'o':
            fmt_set = 1;
            if (strcmp(optarg, "json") == 0 || strcmp(optarg, "jsonl") == 0)
                ro.fmt = CLI_ROWS_JSONL;
            else if (strcmp(optarg, "csv") == 0)
                ro.fmt = CLI_ROWS_CSV;
            else if (strcmp(optarg, "text") == 0)
                ro.fmt = CLI_ROWS_TABLE;
            else if (strcmp(optarg, "xml") == 0)
                ro.fmt = CLI_ROWS_XML;
            else
                return cli_usage_error("logs", "--output %s: expected json, xml, csv or text",
                                       optarg);
            break;
        case OPT_FIELDS: fields = optarg; break;
        case OPT_PAGE:
            if ((rc = cli_parse_count("logs", "--page-size", optarg, 1, 5000, &num)) != 0)
                return rc;
            q.page_size = (unsigned int)num;
            break;
        case OPT_JOB_TIMEOUT:
            rc = cli_parse_seconds("logs", "--job-timeout", optarg, 1, 86400000,
                                   &q.job_timeout_ms);
            if (rc != 0)
                return rc;
            break;
        case OPT_POLL:
            if ((rc = cli_parse_count("logs", "--poll-ms", optarg, 1, 60000, &num)) != 0)
                return rc;
            q.poll_initial_ms = (long)num;
            break;
        case OPT_JOBS:
            if ((rc = cli_parse_count("logs", "--jobs-in-flight", optarg, 1, 2, &num)) != 0)
                return rc;
            q.jobs_in_flight = (unsigned int)num;
            break;
        case OPT_MAX_VALUE:
        case OPT_MAX_ENTRY:
            if (cli_parse_size(optarg, c == OPT_MAX_VALUE ? &q.max_value_bytes
                                                          : &q.max_entry_bytes) != 0)
                return cli_usage_error("logs", "--%s %s: expected a size such as 4M",
                                       c == OPT_MAX_VALUE ? "max-value-bytes" : "max-entry-bytes",
                                       optarg);
            break;
        case OPT_NO_PROGRESS: no_progress = 1; break;
        case OPT_ALL_DEVICES: fleet = 1; break;
        case 'h':
            cli_help("logs", "[--type TYPE] [FILTER OPTIONS] [--count N] [-o json|xml|csv|text]",
                     "Query the firewall's logs with an async log job: enqueue, poll until done "
                     "(progress on a\nterminal), fetch; past 5,000 entries by paging on seqno "
                     "so none is lost or repeated while\nnew logs arrive. Entries are streamed "
                     "one at a time: memory stays flat for any count.\nCtrl-C (or a timeout) "
                     "finishes the running job on the firewall.\n"
                     "  panctl -H 192.0.2.1 logs --type traffic --src 192.0.2.0/24 --port 443 "
                     "--since 2h -n 10000 -o csv",
                     opts);
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "logs", c, optarg)) != 0)
                return rc;
        }
    }
    if (optind < argc)
        return cli_usage_error("logs", "unexpected argument '%s' (filters go in --query)",
                               argv[optind]);
    if (!panos_log_type_valid(f.log_type))
        return cli_usage_error("logs", "--type %s: not a log type", f.log_type);
    if (fleet && (q.follow || ctx->target))
        return cli_usage_error("logs", "--all-devices: not with %s",
                               q.follow ? "--follow" : "--target (it reaches every firewall)");
    if (!fmt_set) {
        if (ctx->format_set)
            ro.fmt = ctx->format == CLI_FORMAT_TEXT  ? CLI_ROWS_TABLE
                     : ctx->format == CLI_FORMAT_XML ? CLI_ROWS_XML
                     : ctx->format == CLI_FORMAT_CSV ? CLI_ROWS_CSV
                                                     : CLI_ROWS_JSONL;
        else
            ro.fmt = ctx->pretty ? CLI_ROWS_TABLE : CLI_ROWS_JSONL;
    }
    if (fields && (rc = (int)split_fields(&cols, &ncols, fields)) != PANOS_OK) {
        if (rc == PANOS_E_INVALID_ARG)
            rc = cli_usage_error("logs", "--fields %s: expected NAME[,NAME...]", fields);
        goto done;
    }
    if (ro.fmt == CLI_ROWS_TABLE) {
        /* A table that streams: fixed column widths, the last fitted to a terminal. */
        ro.width = width_of;
        struct winsize ws;
        if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
            ro.term_cols = ws.ws_col;
        if (cols == NULL) {
            ro.cols = table_columns(f.log_type);
            while (ro.cols[ro.ncols])
                ro.ncols++;
        }
    }
    if (cols != NULL) {
        ro.cols = (const char *const *)cols;
        ro.ncols = ncols;
    }
    ctx->long_running = 1; /* exports and --follow may run for hours: --deadline only if given */
    if ((rc = cli_connect(ctx, 1)) != 0)
        goto done;
    if (is_relative(f.since) || is_relative(f.until)) {
        if ((rc = cli_firewall_now(ctx, &f.now)) != 0)
            goto done;
    }
    panos_code code = panos_logfilter_build(&filter, &f, err, sizeof(err));
    if (code == PANOS_E_NOMEM) {
        rc = cli_local_error(code, err);
        goto done;
    }
    if (code != PANOS_OK) {
        rc = cli_usage_error("logs", "%s", err[0] ? err : panos_strerror(code));
        goto done;
    }
    if (ctx->verbose && filter.ptr && filter.ptr[0])
        fprintf(stderr, "panctl: query: %s\n", filter.ptr);
    q.log_type = f.log_type;
    q.filter = filter.ptr;
    q.cancel = &interrupted;
    if (!no_progress && isatty(STDERR_FILENO)) {
        q.progress = on_progress;
        q.progress_payload = &o;
    }
    /* The handler stays until exit: a second Ctrl-C (timeout(1) signals the whole process
     * group too) must not kill panctl while it finishes the job and reports. */
    struct sigaction sa = {0};
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* The XML wrapper opens here and is closed below even after a failure, so the output
     * always parses; the exit status tells the failure. */
    /* A page is 5-11 MB of output: 64 KiB writes instead of stdio's 4 KiB (nothing is written
     * to stdout before this). glibc ignores the size unless it is given the buffer, hence the
     * static one. Not with --follow, nor to a terminal, where lines go out as they come. */
    static char outbuf[64 * 1024];
    if (!q.follow && !isatty(STDOUT_FILENO))
        setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
    if (cli_rows_new(&o.w, stdout, &ro) != 0) {
        rc = PANOS_E_NOMEM;
        goto done;
    }
    if (fleet)
        code = all_devices(ctx, &q, &o, &rc); /* rc: the devices unknown (the XML closes) */
    else
        code = panos_log_query_run(ctx->client, &q, on_entry, &o);
    clear_progress(&o);
    int end = cli_rows_end(o.w);
    if (end != 0 && !o.write_failed)
        o.write_failed = end;
    if (o.write_failed == PANOS_E_NOMEM) {
        rc = cli_local_error(PANOS_E_NOMEM, NULL);
    } else if (o.write_failed) {
        rc = cli_local_error(PANOS_E_IO, "cannot write the output");
    } else if (interrupted && !q.follow) {
        /* Not a failure class: one line, then 128 + SIGINT as a shell reports it (panctl(1)). */
        const char *m = panos_client_last_error(ctx->client)->message;
        if (code == PANOS_E_FAILED && strncmp(m, "interrupted", 11) == 0)
            cli_error("%s", m); /* "interrupted; log job N finished" */
        else
            cli_error("interrupted");
        rc = 130;
    } else if (fleet && code == PANOS_E_FAILED) {
        rc = PANOS_E_FAILED; /* each failure named above */
    } else if (code != PANOS_OK) {
        rc = cli_fail_client(ctx, code);
    }
done:
    cli_rows_free(o.w);
    for (size_t i = 0; i < ncols; i++)
        free(cols[i]);
    free(cols);
    panos_buf_dispose(&filter);
    return rc;
}
