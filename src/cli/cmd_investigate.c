/* SPDX-License-Identifier: MIT */
/* cmd_investigate.c -- panctl investigate IP|MAC: identity, traffic, threats and a timeline of
 * one host, from the asset tables and the logs, in constant memory. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <panos/log.h>
#include <panos/macvendor.h>
#include "cli.h"
#include "investigate_priv.h"

enum { OPT_SINCE = 256, OPT_TOP, OPT_VENDOR_DIR, OPT_PARALLEL, OPT_ONLINE, OPT_VENDOR_URL };

static const struct cli_opt opts[] = {
    {{"since", required_argument, NULL, OPT_SINCE},
     "TIME",
     "start of the window: 7d (default), 24h, 90m, or 'YYYY/MM/DD HH:MM:SS'"},
    {{"top", required_argument, NULL, OPT_TOP}, "N", "rows in each top list, 1-1000 (10)"},
    {{"parallel", required_argument, NULL, OPT_PARALLEL},
     "N",
     "log queries in flight at once, 1-2 (2), each on its own connection"},
    {{"output", required_argument, NULL, 'o'}, "FORMAT", "text (default), json or html"},
    CLI_OPT_OUT,
    {{"vendor-dir", required_argument, NULL, OPT_VENDOR_DIR},
     "DIR",
     "the IEEE registries oui.csv, mam.csv, oui36.csv (default /usr/share/ieee-data)"},
    {{"online-vendor", no_argument, NULL, OPT_ONLINE},
     NULL,
     "ask macvendors.com about a MAC the registries do not know (1/s, cached 30 days)"},
    {{"vendor-url", required_argument, NULL, OPT_VENDOR_URL},
     "URL",
     "--online-vendor: another base URL (for tests; http:// only to loopback)"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

#define MAX_HOURS (24 * 366)

/* What the traffic and threat logs add up to: every table bounded. */
struct agg {
    struct inv_tally dst, app, svc, rule, threat;
    long long sessions, bytes, sent, received, denied, threats;
    char first[20], last[20];
    long long *hour_sessions, *hour_bytes; /* one slot per clock hour of the window */
    long long hour0;                       /* start of the first slot */
    size_t nhours;
    json_t *dhcp; /* lease events [{time, ip, mac, hostname}] (at most MAX_DHCP) */
    long long dhcp_more, dhcp_events;
    struct inv *v;
    panos_client *clone; /* the second client (--parallel 2), or NULL */
    int failed;
};
#define MAX_DHCP 200

static void fmt_time(char *buf, size_t len, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, len, "%Y/%m/%d %H:%M:%S", &tm);
}

static long long parse_time(const char *s)
{
    struct tm tm = {0};
    if (s == NULL || sscanf(s, "%4d/%2d/%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                            &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (long long)timegm(&tm);
}

static long long num(const panos_log_entry *e, const char *name)
{
    const char *s = panos_log_entry_get(e, name);
    return s ? strtoll(s, NULL, 10) : 0;
}

static const char *str(const panos_log_entry *e, const char *name)
{
    const char *s = panos_log_entry_get(e, name);
    return s ? s : "";
}

static int on_traffic(void *payload, const panos_log_entry *e)
{
    struct agg *a = payload;
    const char *when = str(e, "receive_time");
    long long bytes = num(e, "bytes");
    char svc[64];
    snprintf(svc, sizeof(svc), "%s/%s", str(e, "proto"), str(e, "dport"));
    a->sessions++;
    a->bytes += bytes;
    a->sent += num(e, "bytes_sent");
    a->received += num(e, "bytes_received");
    if (strcmp(str(e, "action"), "allow") != 0)
        a->denied++;
    inv_stamp(a->first, a->last, when);
    long long t = parse_time(when);
    if (t >= a->hour0 && (size_t)((t - a->hour0) / 3600) < a->nhours) {
        a->hour_sessions[(t - a->hour0) / 3600]++;
        a->hour_bytes[(t - a->hour0) / 3600] += bytes;
    }
    if (inv_tally_add(&a->dst, str(e, "dst"), str(e, "dstloc"), bytes, when) ||
        inv_tally_add(&a->app, str(e, "app"), NULL, bytes, when) ||
        inv_tally_add(&a->svc, svc, NULL, bytes, when) ||
        inv_tally_add(&a->rule, str(e, "rule"), str(e, "action"), bytes, when)) {
        a->failed = 1;
        return 1;
    }
    return 0;
}

static int on_threat(void *payload, const panos_log_entry *e)
{
    struct agg *a = payload;
    char key[512];
    /* Over the API threatid is the threat's name and tid its number (PAN-OS XML API guide,
     * "Retrieve Logs"; demisto/content test_data/query_logs.xml). */
    snprintf(key, sizeof(key), "%s\t%s\t%s\t%s\t%s", str(e, "threatid"), str(e, "tid"),
             str(e, "severity"), str(e, "direction"), str(e, "action"));
    a->threats++;
    if (inv_tally_add(&a->threat, key, NULL, 0, str(e, "receive_time"))) {
        a->failed = 1;
        return 1;
    }
    return 0;
}

/* "DHCP lease started ip IP --> mac MAC - hostname NAME, ..." (PAN-OS syslog field
 * descriptions, system log; the text after the MAC is [U] and read only when present). */
static int on_dhcp(void *payload, const panos_log_entry *e)
{
    struct agg *a = payload;
    struct inv *v = a->v;
    char ip[64] = "", mac[32] = "", host[128] = "";
    const char *d = str(e, "opaque");
    const char *p = strstr(d, "ip ");
    if (p == NULL || sscanf(p, "ip %63s --> mac %31s", ip, mac) != 2)
        return 0;
    const char *h = strstr(d, " - hostname ");
    if (h)
        sscanf(h, " - hostname %127[^, ]", host);
    if (!(strcmp(ip, v->ip4) == 0 || (v->mac[0] && strcasecmp(mac, v->mac) == 0)))
        return 0;
    if (v->ip4[0] == '\0')
        snprintf(v->ip4, sizeof(v->ip4), "%s", ip);
    if (v->mac[0] == '\0')
        snprintf(v->mac, sizeof(v->mac), "%s", mac);
    if (v->hostname[0] == '\0' && host[0])
        snprintf(v->hostname, sizeof(v->hostname), "%s", host);
    v->seen = 1;
    a->dhcp_events++;
    if (json_array_size(a->dhcp) >= MAX_DHCP) {
        a->dhcp_more++;
        return 0;
    }
    json_t *o = json_object();
    json_object_set_new(o, "time", json_string(str(e, "receive_time")));
    json_object_set_new(o, "event", json_string(str(e, "eventid")));
    json_object_set_new(o, "ip", json_string(ip));
    json_object_set_new(o, "mac", json_string(mac));
    json_object_set_new(o, "hostname", json_string(host));
    json_array_append_new(a->dhcp, o);
    return 0;
}

/* Each query fills a copy of the aggregate; only the fields its entries add to are taken back
 * (its tables included: no table is written by two queries). */
static void agg_merge(struct agg *a, const struct agg *part, panos_log_entry_fn fn)
{
    if (fn == on_traffic) {
        a->dst = part->dst;
        a->app = part->app;
        a->svc = part->svc;
        a->rule = part->rule;
        a->sessions = part->sessions;
        a->bytes = part->bytes;
        a->sent = part->sent;
        a->received = part->received;
        a->denied = part->denied;
        memcpy(a->first, part->first, sizeof(a->first));
        memcpy(a->last, part->last, sizeof(a->last));
    } else if (fn == on_threat) {
        a->threat = part->threat;
        a->threats = part->threats;
    } else {
        a->dhcp_more = part->dhcp_more;
        a->dhcp_events = part->dhcp_events;
    }
    a->failed |= part->failed;
}

/* Run @p n queries, two at once when there is a second client, and merge their results.
 * PANOS_OK, or the first failure in query order with *@p failed_on the client it happened on. */
static panos_code run_queries(struct agg *a, struct inv_query *q, struct agg *parts, size_t n,
                              panos_client **failed_on)
{
    struct inv *v = a->v;
    panos_client *clients[] = {v->ctx->client, a->clone};
    for (size_t i = 0; i < n; i++) {
        parts[i] = *a;
        q[i].payload = &parts[i];
    }
    inv_run_queries(q, n, clients, a->clone ? 2 : 1);
    panos_code code = PANOS_OK;
    for (size_t i = 0; i < n; i++) {
        agg_merge(a, &parts[i], q[i].fn);
        v->requests++;
        if (code == PANOS_OK && (q[i].code != PANOS_OK || parts[i].failed)) {
            code = parts[i].failed ? PANOS_E_NOMEM : q[i].code;
            *failed_on = q[i].client;
        }
    }
    return code;
}

static void set_query(struct inv_query *q, const char *type, panos_log_entry_fn fn, const char *ip,
                      const char *since)
{
    memset(q, 0, sizeof(*q));
    q->type = type;
    q->fn = fn;
    /* The filter language: (addr.src in IP), (receive_time geq 'YYYY/MM/DD HH:MM:SS') (PAN-OS
     * XML API guide, "Retrieve Logs"; PAN-OS Administrator's Guide, "Filter Logs"). */
    if (fn == on_dhcp)
        snprintf(q->filter, sizeof(q->filter),
                 "(subtype eq dhcp) and (eventid eq lease-start) and (receive_time geq '%s')",
                 since);
    else
        snprintf(q->filter, sizeof(q->filter), "(%s in %s) and (receive_time geq '%s')",
                 fn == on_traffic ? "addr.src" : "addr", ip, since);
}

/* The DHCP lease events, traffic and threat logs. The last two need the host's address,
 * IPv4 first: when the lease events may tell it (no IPv4 yet, but a MAC), they wait for them. */
static panos_code query_logs(struct agg *a, panos_client **failed_on)
{
    struct inv *v = a->v;
    struct inv_query q[3];
    struct agg parts[3];
    size_t n = 1;
    panos_code code;
    set_query(&q[0], "system", on_dhcp, NULL, v->since_text);
    if (v->ip4[0] == '\0' && v->mac[0] != '\0') {
        if ((code = run_queries(a, q, parts, 1, failed_on)) != PANOS_OK)
            return code;
        n = 0;
    }
    const char *ip = v->ip4[0] ? v->ip4 : v->ip6;
    if (ip[0] == '\0')
        return PANOS_OK;
    set_query(&q[n++], "traffic", on_traffic, ip, v->since_text);
    set_query(&q[n++], "threat", on_threat, ip, v->since_text);
    return run_queries(a, q, parts, n, failed_on);
}

/* cli_fail_client() for a failure on @p c, which may be the second client. */
static int fail_on(struct cli_ctx *ctx, panos_client *c, panos_code code)
{
    panos_client *first = ctx->client;
    ctx->client = c ? c : first;
    int rc = cli_fail_client(ctx, code);
    ctx->client = first;
    return rc;
}

static json_t *threats_json(const struct agg *a, size_t top)
{
    json_t *arr = inv_tally_top(&a->threat, top, "key", NULL, 0, 1);
    static const char *const names[] = {"name", "id", "severity", "direction", "action"};
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        char *k = strdup(json_string_value(json_object_get(o, "key")));
        char *p = k, *tab;
        for (size_t f = 0; f < 5 && p; f++, p = tab ? tab + 1 : NULL) {
            if ((tab = strchr(p, '\t')) != NULL)
                *tab = '\0';
            json_object_set_new(o, names[f], json_string(p));
        }
        json_object_del(o, "key");
        free(k);
    }
    return arr;
}

static json_t *hourly_json(const struct agg *a)
{
    json_t *arr = json_array();
    for (size_t h = 0; h < a->nhours; h++) {
        if (a->hour_sessions[h] == 0)
            continue;
        char t[20];
        fmt_time(t, sizeof(t), a->hour0 + (long long)h * 3600);
        json_t *o = json_object();
        json_object_set_new(o, "from", json_string(t));
        json_object_set_new(o, "sessions", json_integer(a->hour_sessions[h]));
        json_object_set_new(o, "bytes", json_integer(a->hour_bytes[h]));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *report(struct inv *v, struct agg *a, size_t top, const struct inv_vendor *vo)
{
    static const char *const kinds[] = {"ipv4", "ipv6", "mac"};
    json_t *r = json_object(), *t = json_object(), *th = json_object(), *tl = json_object();
    json_object_set_new(r, "query", json_string(v->query));
    json_object_set_new(r, "kind", json_string(kinds[v->kind]));
    json_object_set_new(r, "since", json_string(v->since_text));
    json_object_set_new(r, "until", json_string(v->now_text));
    json_object_set_new(r, "identity", inv_identity(v, vo));
    json_object_set_new(r, "facts", json_incref(v->facts));
    json_object_set_new(t, "sessions", json_integer(a->sessions));
    json_object_set_new(t, "denied", json_integer(a->denied));
    json_object_set_new(t, "bytes", json_integer(a->bytes));
    json_object_set_new(t, "bytes_sent", json_integer(a->sent));
    json_object_set_new(t, "bytes_received", json_integer(a->received));
    json_object_set_new(t, "first_seen", json_string(a->first));
    json_object_set_new(t, "last_seen", json_string(a->last));
    json_object_set_new(t, "destinations", inv_tally_top(&a->dst, top, "address", "region", 1, 0));
    json_object_set_new(t, "applications", inv_tally_top(&a->app, top, "name", NULL, 1, 0));
    json_object_set_new(t, "services", inv_tally_top(&a->svc, top, "service", NULL, 1, 0));
    json_object_set_new(t, "rules", inv_tally_top(&a->rule, top, "name", "action", 0, 0));
    json_object_set_new(r, "traffic", t);
    json_object_set_new(th, "events", json_integer(a->threats));
    json_object_set_new(th, "signatures", threats_json(a, top));
    json_object_set_new(r, "threats", th);
    json_object_set_new(tl, "dhcp_events", json_integer(a->dhcp_events));
    json_object_set_new(tl, "dhcp", json_incref(a->dhcp));
    json_object_set_new(tl, "dhcp_not_listed", json_integer(a->dhcp_more));
    json_object_set_new(tl, "hourly", hourly_json(a));
    json_object_set_new(r, "timeline", tl);
    json_object_set_new(r, "queries", json_integer((json_int_t)v->requests));
    return r;
}

/* --since as given: a relative span (7d, 24h, 90m, 30s, at most 366 days) into *@p span, or an
 * absolute 'YYYY/MM/DD HH:MM:SS' into *@p at (the other one 0). 0, or -1 when it is neither. */
static int since_parse(const char *since, long long *span, long long *at)
{
    char *end;
    int y, mo, d, h, mi, sec, used = 0;
    static const char units[] = "smhd";
    static const long long secs[] = {1, 60, 3600, 86400};
    long long n = strtoll(since, &end, 10);
    const char *u = end != since && n > 0 && end[0] && !end[1] ? strchr(units, end[0]) : NULL;
    *span = *at = 0;
    if (u != NULL && n <= 366LL * 86400 / secs[u - units]) {
        *span = n * secs[u - units];
        return 0;
    }
    if (sscanf(since, "%4d/%2d/%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) != 6 ||
        since[used] != '\0' || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
        mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
        return -1;
    *at = parse_time(since);
    return 0;
}

static int since_usage(const char *since)
{
    return cli_usage_error("investigate",
                           "--since %s: expected 7d, 24h, 90m, 30s or "
                           "'YYYY/MM/DD HH:MM:SS' in the past",
                           since);
}

/* The window from --since (checked by since_parse()): relative to the firewall's clock, or
 * absolute. 0, or -1 when an absolute start is after the firewall's clock. */
static int window(struct inv *v, const char *since)
{
    long long span, at;
    since_parse(since, &span, &at);
    v->since = span ? v->now - span : at;
    if (v->since > v->now)
        return -1;
    fmt_time(v->since_text, sizeof(v->since_text), v->since);
    fmt_time(v->now_text, sizeof(v->now_text), v->now);
    return 0;
}

static int classify(struct inv *v, const char *arg)
{
    unsigned char b[16];
    unsigned long long mac;
    v->query = arg;
    if (inet_pton(AF_INET, arg, b) == 1) {
        v->kind = INV_IPV4;
        snprintf(v->ip4, sizeof(v->ip4), "%s", arg);
    } else if (inet_pton(AF_INET6, arg, b) == 1) {
        v->kind = INV_IPV6;
        inet_ntop(AF_INET6, b, v->ip6, sizeof(v->ip6)); /* the canonical form PAN-OS shows */
    } else if (panos_mac_parse(&mac, arg) == 0) {
        v->kind = INV_MAC;
        snprintf(v->mac, sizeof(v->mac), "%02llx:%02llx:%02llx:%02llx:%02llx:%02llx",
                 mac >> 40 & 0xff, mac >> 32 & 0xff, mac >> 24 & 0xff, mac >> 16 & 0xff,
                 mac >> 8 & 0xff, mac & 0xff);
    } else {
        return -1;
    }
    return 0;
}

static int emit(const json_t *r, int fmt, const char *out_path)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    int wr = fmt == 'j'
                 ? json_dumpf(r, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) | (fputc('\n', f) == EOF)
             : fmt == 'h' ? inv_write_html(f, r)
                          : inv_write_text(f, r);
    if (fclose(f) != 0 || wr != 0) {
        free(buf);
        return cli_local_error(PANOS_E_NOMEM, "cannot build the report");
    }
    int rc = 0;
    char err[512] = "";
    if (out_path) {
        if (panos_file_write_atomic(out_path, buf, len, 0600, err, sizeof(err)) != PANOS_OK)
            rc = cli_local_error(PANOS_E_IO, err);
    } else if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
        rc = cli_local_error(PANOS_E_IO, "cannot write the output");
    }
    free(buf);
    return rc;
}

static int agg_init(struct agg *a, struct inv *v)
{
    memset(a, 0, sizeof(*a));
    a->v = v;
    a->hour0 = v->since - v->since % 3600;
    a->nhours = (size_t)((v->now - a->hour0) / 3600 + 1);
    if (a->nhours > MAX_HOURS)
        a->nhours = MAX_HOURS;
    a->hour_sessions = calloc(a->nhours, sizeof(long long));
    a->hour_bytes = calloc(a->nhours, sizeof(long long));
    a->dhcp = json_array();
    if (!a->hour_sessions || !a->hour_bytes || !a->dhcp || inv_tally_init(&a->dst) ||
        inv_tally_init(&a->app) || inv_tally_init(&a->svc) || inv_tally_init(&a->rule) ||
        inv_tally_init(&a->threat))
        return -1;
    return 0;
}

static void agg_free(struct agg *a)
{
    inv_tally_free(&a->dst);
    inv_tally_free(&a->app);
    inv_tally_free(&a->svc);
    inv_tally_free(&a->rule);
    inv_tally_free(&a->threat);
    free(a->hour_sessions);
    free(a->hour_bytes);
    json_decref(a->dhcp);
}

static int investigate(struct inv *v, const char *since, size_t top, int fmt, const char *out_path,
                       const struct inv_vendor *vo)
{
    struct agg a;
    int rc;
    panos_code code;
    if ((rc = cli_firewall_now(v->ctx, &v->now)) != 0)
        return rc;
    v->requests++;
    if (window(v, since) != 0)
        return since_usage(since);
    if (agg_init(&a, v) != 0) {
        agg_free(&a);
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    }
    panos_client *failed_on = NULL;
    if ((code = inv_assets(v)) != PANOS_OK) {
        rc = cli_fail_client(v->ctx, code);
    } else if (v->parallel > 1 && (rc = cli_connect_clone(v->ctx, &a.clone)) != 0) {
        /* the error is printed */
    } else if ((code = query_logs(&a, &failed_on)) != PANOS_OK) {
        rc = fail_on(v->ctx, failed_on, code);
    } else if (!v->seen && a.sessions == 0 && a.threats == 0) {
        cli_error("%s was not seen by this firewall (ARP, IPv6 neighbours, DHCP, User-ID, logs "
                  "since %s)",
                  v->query, v->since_text);
        rc = PANOS_E_NOT_FOUND;
    } else {
        json_t *r = report(v, &a, top, vo);
        rc = r ? emit(r, fmt, out_path) : cli_local_error(PANOS_E_NOMEM, "out of memory");
        json_decref(r);
    }
    panos_client_free(a.clone);
    agg_free(&a);
    return rc;
}

int cmd_investigate(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    const char *since = "7d", *out_path = NULL;
    struct inv_vendor vo = {NULL, NULL, 0, NULL};
    long long top = 10, parallel = INV_MAX_PARALLEL, span, at;
    int c, rc, fmt = 't';
    struct inv v;
    memset(&v, 0, sizeof(v));
    v.ctx = ctx;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_SINCE:
            since = optarg;
            if (since_parse(since, &span, &at) != 0)
                return since_usage(since);
            break;
        case OPT_TOP:
            if ((rc = cli_parse_count("investigate", "--top", optarg, 1, 1000, &top)) != 0)
                return rc;
            break;
        case OPT_PARALLEL:
            if ((rc = cli_parse_count("investigate", "--parallel", optarg, 1, INV_MAX_PARALLEL,
                                      &parallel)) != 0)
                return rc;
            break;
        case OPT_VENDOR_DIR:
            vo.dir = optarg;
            break;
        case OPT_ONLINE:
            vo.online = 1;
            break;
        case OPT_VENDOR_URL:
            vo.url = optarg;
            break;
        case 'O':
            out_path = optarg;
            break;
        case 'o':
            if (strcmp(optarg, "text") && strcmp(optarg, "json") && strcmp(optarg, "html"))
                return cli_usage_error("investigate", "--output %s: expected text, json or html",
                                       optarg);
            fmt = optarg[0];
            break;
        case 'h':
            cli_help(
                "investigate",
                "IP|MAC [--since 7d] [--top N] [--parallel N] [-o text|json|html] [--out FILE] "
                "[--online-vendor]",
                "Investigate one host by IPv4, IPv6 or MAC address: who it is (ARP, IPv6 "
                "neighbours, DHCP\nleases and lease events, User-ID, the MAC's vendor from "
                "the IEEE registries), where it went\n(top destinations, applications, "
                "services, rules, denied sessions), its threat events and\na timeline. Every "
                "fact names its source and time. Exit 13 when the firewall never saw it.\n"
                "  panctl -H 192.0.2.1 investigate 192.0.2.51 --since 24h -o html --out "
                "host.html",
                opts);
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "investigate", c, optarg)) != 0)
                return rc;
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("investigate",
                               optind < argc ? "one address, not '%s'"
                                             : "expected an IP or MAC address%s",
                               optind < argc ? argv[optind + 1] : "");
    if (classify(&v, argv[optind]) != 0)
        return cli_usage_error("investigate", "'%s' is not an IPv4, IPv6 or MAC address",
                               argv[optind]);
    v.parallel = (int)parallel;
    if ((rc = inv_vendor_open(&vo)) != 0)
        return rc;
    if ((v.facts = json_array()) == NULL) {
        panos_macvendor_online_free(vo.handle);
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    }
    ctx->long_running = 1;
    rc = cli_connect(ctx, 1);
    if (rc == 0)
        rc = investigate(&v, since, (size_t)top, fmt, out_path, &vo);
    json_decref(v.facts);
    panos_macvendor_online_free(vo.handle);
    return rc;
}
