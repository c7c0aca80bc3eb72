/* SPDX-License-Identifier: MIT */
/* cmd_check.c -- panctl check NAME: a Nagios/Icinga plugin (STATUS - text | perfdata, exit 0-3). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check_core.h"
#include "cli.h"

static const char *const status_names[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

enum { OPT_DATAPLANE = 0x200, OPT_ALL_DEVICES };

static const struct cli_opt opts[] = {
    {{"warning", required_argument, NULL, 'w'},
     "RANGE",
     "WARNING when the value is outside RANGE (Nagios syntax: 10, 10:, ~:10, 10:20, @10:20)"},
    {{"critical", required_argument, NULL, 'c'}, "RANGE", "CRITICAL when outside RANGE"},
    {{"dataplane", no_argument, NULL, OPT_DATAPLANE},
     NULL,
     "cpu: the busiest dataplane core instead of the management plane"},
    {{"interface", required_argument, NULL, 'i'},
     "NAME",
     "interfaces: check NAME (repeatable; default: every interface with a zone or address)"},
    {{"tunnel", required_argument, NULL, 'T'},
     "NAME",
     "tunnels: check NAME (repeatable; default: every configured IPsec tunnel)"},
    {{"all-devices", no_argument, NULL, OPT_ALL_DEVICES},
     NULL,
     "on a Panorama: the check on every managed firewall, a line each after a summary"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char usage[] = "NAME [-w RANGE] [-c RANGE] [--dataplane] [--interface NAME]... "
                            "[--tunnel NAME]... [--all-devices]";
static const char desc[] =
    "Check one aspect of the firewall as a Nagios/Icinga plugin: one line 'STATUS - text | "
    "perfdata'\nand exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for a usage, connection, "
    "key or parse\nerror). NAME: sessions, cpu, disk, ha, licenses, certificates, content, key, "
    "interfaces, tunnels.";

void chk_unknown(struct chk *c, const char *fmt, ...)
{
    if (c->unknown)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->text, sizeof(c->text), fmt, ap);
    va_end(ap);
    /* one line: a device's message may hold newlines */
    for (char *p = c->text; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '|')
            *p = *p == '|' ? '/' : ' ';
    c->unknown = 1;
    c->status = CHK_UNKNOWN;
}

void chk_raise(struct chk *c, enum chk_status s)
{
    if (!c->unknown && s > c->status)
        c->status = s;
}

void chk_say(struct chk *c, const char *fmt, ...)
{
    if (c->unknown)
        return;
    size_t len = strlen(c->text);
    if (len > 0 && len + 2 < sizeof(c->text)) {
        memcpy(c->text + len, ", ", 3);
        len += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->text + len, sizeof(c->text) - len, fmt, ap);
    va_end(ap);
}

/* A number as perfdata and summaries write it: no exponent, at most 2 decimals, no trailing 0. */
static void num(char *buf, size_t len, double v)
{
    snprintf(buf, len, "%.2f", v);
    char *dot = strchr(buf, '.');
    if (dot != NULL) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0')
            *e-- = '\0';
        if (e == dot)
            *e = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, len, "0");
}

/* A perfdata label: a quote doubled and '=' made '_' (Development Guidelines, "Performance
 * data": the label may hold any character but '=' and, unless doubled, the single quote). */
static void perf_label(char *out, size_t len, const char *label)
{
    size_t o = 0;
    for (const char *p = label; *p && o + 3 < len; p++) {
        if (*p == '\'')
            out[o++] = '\'';
        out[o++] = *p == '=' ? '_' : *p;
    }
    out[o] = '\0';
}

static enum chk_status value(struct chk *c, const char *label, double v, const char *uom,
                             double min, double max, int judged)
{
    enum chk_status s = CHK_OK;
    if (judged && c->has_crit && cli_range_alert(&c->crit, v))
        s = CHK_CRITICAL;
    else if (judged && c->has_warn && cli_range_alert(&c->warn, v))
        s = CHK_WARNING;
    chk_raise(c, s);
    char vb[32], mn[32] = "", mx[32] = "";
    num(vb, sizeof(vb), v);
    if (!isnan(min))
        num(mn, sizeof(mn), min);
    if (!isnan(max))
        num(mx, sizeof(mx), max);
    char lb[160];
    perf_label(lb, sizeof(lb), label);
    size_t len = strlen(c->perf);
    snprintf(c->perf + len, sizeof(c->perf) - len, "%s'%s'=%s%s;%s;%s;%s;%s", len ? " " : "", lb,
             vb, uom, judged && c->has_warn ? c->warn.text : "",
             judged && c->has_crit ? c->crit.text : "", mn, mx);
    return s;
}

enum chk_status chk_value(struct chk *c, const char *label, double v, const char *uom, double min,
                          double max)
{
    return value(c, label, v, uom, min, max, 1);
}

void chk_perf(struct chk *c, const char *label, double v, const char *uom, double min, double max)
{
    value(c, label, v, uom, min, max, 0);
}

void chk_num(char *buf, size_t len, double v)
{
    num(buf, len, v);
}

const char *chk_text(const panos_node *node, char *buf, size_t len)
{
    panos_buf t = PANOS_BUF_INIT;
    buf[0] = '\0';
    if (node != NULL && panos_node_text(&t, node) == PANOS_OK && t.ptr != NULL)
        snprintf(buf, len, "%s", t.ptr);
    panos_buf_dispose(&t);
    return buf;
}

/* A failed request: UNKNOWN with the client's error; the answer that came with it (a PAN-OS
 * error body) is freed. */
static int fail_client(struct chk *c, panos_code code, panos_response **out)
{
    panos_response_free(*out);
    *out = NULL;
    const panos_error *e = panos_client_last_error(c->ctx->client);
    const char *msg = e != NULL && e->message != NULL && e->message[0] ? e->message : NULL;
    chk_unknown(c, "%s%s%s", panos_code_name(code), msg ? ": " : "", msg ? msg : "");
    return -1;
}

int chk_op(struct chk *c, const char *cmd, panos_response **out)
{
    panos_buf xml = PANOS_BUF_INIT;
    char err[256] = "";
    panos_code code = panos_cmd_to_xml(&xml, cmd, err, sizeof(err));
    if (code != PANOS_OK) {
        chk_unknown(c, "%s", err);
        return -1;
    }
    code = panos_op_run(out, c->ctx->client, xml.ptr);
    panos_buf_dispose(&xml);
    return code == PANOS_OK ? 0 : fail_client(c, code, out);
}

int chk_config_show(struct chk *c, const char *xpath, panos_response **out)
{
    panos_code code = panos_config_show(out, c->ctx->client, xpath);
    return code == PANOS_OK ? 0 : fail_client(c, code, out);
}

/* Print the plugin line and return the exit status. */
static int report(const struct chk *c)
{
    printf("%s - %s%s%s\n", status_names[c->status], c->text, c->perf[0] ? " | " : "", c->perf);
    fflush(stdout);
    return (int)c->status;
}

/* A usage error, Nagios style: the line on stdout and exit 3 (2 would read as CRITICAL). */
static int usage_unknown(struct chk *c, const char *fmt, const char *arg)
{
    chk_unknown(c, fmt, arg);
    fprintf(stderr, "Try 'panctl check --help'.\n");
    return report(c);
}

static int set_range(struct chk *c, int crit, const char *s)
{
    char err[160];
    if (cli_range_parse(crit ? &c->crit : &c->warn, s, err, sizeof(err)) != 0) {
        char msg[220];
        snprintf(msg, sizeof(msg), "%s %s", crit ? "--critical" : "--warning", err);
        return usage_unknown(c, "%s", msg);
    }
    *(crit ? &c->has_crit : &c->has_warn) = 1;
    return -1;
}

int cmd_check(struct cli_ctx *ctx, int argc, char **argv)
{
    static struct chk c; /* large buffers; one check per process */
    memset(&c, 0, sizeof(c));
    c.ctx = ctx;
    c.now = (long long)time(NULL);
    const char *warn = NULL, *crit = NULL;
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int ch, rc, all = 0;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (ch) {
        case 'w':
            warn = optarg;
            break;
        case 'c':
            crit = optarg;
            break;
        case OPT_DATAPLANE:
            c.dataplane = 1;
            break;
        case OPT_ALL_DEVICES:
            all = 1;
            break;
        case 'i':
        case 'T':
            if (c.nnames == CHK_MAX_NAMES)
                return usage_unknown(&c, "at most %s --interface or --tunnel names", "32");
            c.names[c.nnames++] = optarg;
            break;
        case 'h':
            cli_help("check", usage, desc, opts);
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "check", ch, optarg)) != 0)
                return usage_unknown(&c, "%s", "invalid command line (see stderr)");
        }
    }
    if (optind >= argc)
        return usage_unknown(&c, "%s",
                             "which check? sessions, cpu, disk, ha, licenses, "
                             "certificates, content, key, interfaces or tunnels");
    const char *name = argv[optind];
    chk_probe_fn *probe = chk_probe_find(name);
    if (probe == NULL)
        return usage_unknown(&c, "unknown check '%.60s'", name);
    if (optind + 1 < argc)
        return usage_unknown(&c, "unexpected argument '%.60s'", argv[optind + 1]);
    const char *dw = NULL, *dc = NULL;
    chk_probe_defaults(name, &dw, &dc);
    if ((warn || dw) && (rc = set_range(&c, 0, warn ? warn : dw)) >= 0)
        return rc;
    if ((crit || dc) && (rc = set_range(&c, 1, crit ? crit : dc)) >= 0)
        return rc;
    if (all && (strcmp(name, "key") == 0 || ctx->target))
        return usage_unknown(&c, "%s", "--all-devices: not with check key or --target");
    if (strcmp(name, "key") != 0 && cli_connect(ctx, 1) != 0) {
        chk_unknown(&c, "%s", "cannot set up the connection (see stderr)");
        return report(&c);
    }
    if (all)
        return chk_all_devices(&c, probe);
    probe(&c);
    return report(&c);
}
