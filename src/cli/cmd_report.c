/* SPDX-License-Identifier: MIT */
/* cmd_report.c -- panctl report: a dynamic, predefined or custom report, its job followed to the
 * end, printed as XML, JSON, a table or CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

enum { OPT_TYPE = 256, OPT_NAME, OPT_PERIOD, OPT_TOPN, OPT_POLL };

static const struct cli_opt opts[] = {
    {{"type", required_argument, NULL, OPT_TYPE}, "TYPE", "dynamic, predefined or custom"},
    {{"name", required_argument, NULL, OPT_NAME},
     "NAME",
     "the report (top-applications-summary, top-attackers, a custom report's name)"},
    {{"period", required_argument, NULL, OPT_PERIOD},
     "PERIOD",
     "dynamic: last-60-seconds, last-15-minutes, last-hour, last-6-hrs, last-12-hrs, "
     "last-24-hrs, last-calendar-day, last-7-days or last-30-days"},
    {{"topn", required_argument, NULL, OPT_TOPN}, "N", "at most N rows (1-10000)"},
    {{"poll-interval", required_argument, NULL, OPT_POLL},
     "SECONDS",
     "between polls of the report job (default 2)"},
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char *const periods[] = {"last-60-seconds",   "last-15-minutes", "last-hour",
                                      "last-6-hrs",        "last-12-hrs",     "last-24-hrs",
                                      "last-calendar-day", "last-7-days",     "last-30-days"};

struct report_args {
    panos_report_options o;
    const char *out_path;
    long long topn;
};

static int parse(struct cli_ctx *ctx, struct report_args *a, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_TYPE:
            a->o.type = optarg;
            break;
        case OPT_NAME:
            a->o.name = optarg;
            break;
        case OPT_PERIOD:
            a->o.period = optarg;
            break;
        case 'O':
            a->out_path = optarg;
            break;
        case OPT_TOPN:
            if ((rc = cli_parse_count("report", "--topn", optarg, 1, 10000, &a->topn)) != 0)
                return rc;
            a->o.topn = (unsigned)a->topn;
            break;
        case OPT_POLL:
            if ((rc = cli_parse_seconds("report", "--poll-interval", optarg, 1, 3600000,
                                        &a->o.interval_ms)) != 0)
                return rc;
            break;
        case 'h':
            cli_help("report",
                     "--type dynamic|predefined|custom --name NAME [--period P] "
                     "[--topn N]",
                     "Run a report (type=report) and follow its job to the end; print it in the "
                     "-o format\n(xml, json; text and csv: a table of its rows). --vsys picks the "
                     "vsys, --target a\nfirewall behind Panorama.\n"
                     "  panctl report --type dynamic --name top-applications-summary --period "
                     "last-hour --topn 5\n"
                     "  panctl report --type custom --name 'weekly apps' -o csv",
                     opts);
            return -1;
        default:
            if ((rc = cli_global_option(ctx, "report", c, optarg)) != 0)
                return rc;
        }
    }
    return 0;
}

static int check(const struct report_args *a, int argc)
{
    const char *t = a->o.type;
    if (optind < argc)
        return cli_usage_error("report", "unexpected argument (use --name NAME)");
    if (t == NULL || (strcmp(t, "dynamic") && strcmp(t, "predefined") && strcmp(t, "custom")))
        return cli_usage_error("report", "--type: expected dynamic, predefined or custom");
    if (a->o.name == NULL || a->o.name[0] == '\0')
        return cli_usage_error("report", "%s", "no report: use --name NAME");
    if (a->o.period != NULL && strcmp(t, "dynamic") != 0)
        return cli_usage_error("report", "--period is for dynamic reports (predefined ones cover "
                                         "the last 24 hours, custom ones their definition)");
    for (size_t i = 0; a->o.period != NULL && i < sizeof(periods) / sizeof(periods[0]); i++)
        if (strcmp(a->o.period, periods[i]) == 0)
            return 0;
    if (a->o.period != NULL)
        return cli_usage_error("report", "--period %s: not a period (see --help)", a->o.period);
    return 0;
}

static void progress(void *payload, const panos_job *job)
{
    (void)payload;
    if (job->progress >= 0)
        fprintf(stderr, "\r\033[Kpanctl: report job %lld: %s %d%%", job->id, job->status,
                job->progress);
}

/* The report's <entry> rows as a table or CSV, each child element a column. */
static int rows(const struct cli_ctx *ctx, const panos_response *r)
{
    const panos_node *rep = panos_node_child(panos_response_result(r), "report");
    struct cli_rows_opts ro = {.fmt =
                                   ctx->format == CLI_FORMAT_CSV ? CLI_ROWS_CSV : CLI_ROWS_TABLE};
    struct cli_rows *w = NULL;
    int rc = cli_rows_new(&w, stdout, &ro);
    for (const panos_node *e = panos_node_child(rep, "entry"); rc == 0 && e;
         e = panos_node_next_named(e, "entry")) {
        panos_log_field f[32];
        panos_buf text[32];
        size_t n = 0;
        for (const panos_node *c = panos_node_first(e); c && n < 32; c = panos_node_next(c)) {
            text[n] = (panos_buf)PANOS_BUF_INIT;
            if (panos_node_text(&text[n], c) != PANOS_OK) {
                rc = PANOS_E_NOMEM;
                break;
            }
            f[n].name = panos_node_name(c);
            f[n].value = text[n].ptr ? text[n].ptr : "";
            n++;
        }
        cli_row row = {NULL, f, n};
        if (rc == 0)
            rc = cli_rows_add(w, &row);
        for (size_t i = 0; i < n; i++)
            panos_buf_dispose(&text[i]);
    }
    if (w != NULL && cli_rows_end(w) != 0 && rc == 0)
        rc = PANOS_E_IO;
    cli_rows_free(w);
    return rc != 0 ? cli_local_error((panos_code)rc, NULL) : 0;
}

int cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
    struct report_args a = {.o = PANOS_REPORT_OPTIONS_INIT};
    panos_response *r = NULL;
    int rc = parse(ctx, &a, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if ((rc = check(&a, argc)) != 0)
        return rc;
    int table = ctx->format == CLI_FORMAT_CSV || ctx->format == CLI_FORMAT_TEXT;
    if (table && a.out_path != NULL)
        return cli_usage_error("report", "%s",
                               "--out writes xml or json; a table or CSV goes "
                               "to stdout");
    if ((rc = cli_connect(ctx, 1)) != 0)
        return rc;
    a.o.vsys = ctx->vsys;
    if (isatty(STDERR_FILENO))
        a.o.progress = progress;
    panos_code code = panos_report_run(&r, ctx->client, &a.o);
    if (a.o.progress != NULL)
        fputs("\r\033[K", stderr);
    if (code != PANOS_OK)
        rc = cli_fail_client(ctx, code);
    else
        rc = table ? rows(ctx, r) : cli_print(ctx, r, NULL, a.out_path);
    panos_response_free(r);
    return rc;
}
