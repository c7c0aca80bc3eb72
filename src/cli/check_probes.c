/* SPDX-License-Identifier: MIT */
/* check_probes.c -- what each panctl check asks the firewall and how it judges the answer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "check_core.h"
#include "check_parse.h"

#define NONE NAN

static const panos_node *result_of(const panos_response *r)
{
    return panos_response_result(r);
}

/* Whole days in @p secs, toward zero: 19.9 days left is 19, expired 3.1 days ago is -3. */
static double whole_days(long long secs)
{
    return (double)(secs / 86400); /* C division truncates toward zero */
}

/* The first of a list of dated things to expire (licences, certificates). */
struct soonest {
    long long t;
    double days;
    char name[128];
};

/* Judge one thing that expires at @p t (perfdata 'NAME'=DAYSd) and keep the soonest. */
static void note_expiry(struct chk *c, struct soonest *s, const char *name, long long t)
{
    double days = whole_days(t - c->now);
    chk_value(c, name, days, "d", NONE, NONE);
    if (s->name[0] == '\0' || t < s->t) {
        s->t = t;
        s->days = days;
        snprintf(s->name, sizeof(s->name), "%s", name);
    }
}

/* A whole decimal number of element @p name under @p parent, or -1. */
static double num_of(const panos_node *parent, const char *name)
{
    char b[64];
    chk_text(panos_node_child(parent, name), b, sizeof(b));
    char *end = NULL;
    double v = strtod(b, &end);
    return b[0] && end != b && *end == '\0' && v >= 0 ? v : -1;
}

/* Sessions: the session table's use, as a percentage of num-max (show session info). */
static void probe_sessions(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_op(c, "show session info", &r) != 0)
        return;
    double active = num_of(result_of(r), "num-active"), max = num_of(result_of(r), "num-max");
    if (active < 0 || max <= 0) {
        chk_unknown(c, "%s", "show session info has no num-active or num-max");
    } else {
        double pct = active * 100.0 / max;
        char p[32];
        chk_num(p, sizeof(p), pct);
        chk_say(c, "session table %s%% used (%.0f of %.0f sessions)", p, active, max);
        chk_value(c, "sessions_used", pct, "%", 0, 100);
        chk_perf(c, "sessions_active", active, "", 0, max);
    }
    panos_response_free(r);
}

/* Management CPU: 100 - idle of top's header (show system resources, both top layouts). */
static void probe_cpu_mgmt(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_op(c, "show system resources", &r) != 0)
        return;
    panos_buf t = PANOS_BUF_INIT;
    double idle;
    if (panos_node_text(&t, result_of(r)) != PANOS_OK || t.ptr == NULL ||
        cli_top_idle(t.ptr, &idle) != 0) {
        chk_unknown(c, "%s", "show system resources has no Cpu(s) line with an idle share");
    } else {
        char p[32];
        chk_num(p, sizeof(p), 100.0 - idle);
        chk_say(c, "management CPU %s%% busy", p);
        chk_value(c, "cpu_busy", 100.0 - idle, "%", 0, 100);
    }
    panos_buf_dispose(&t);
    panos_response_free(r);
}

/* Dataplane CPU: the busiest core's last minute, over every data processor (dp0, s1dp0, ...),
 * from show running resource-monitor minute last 1 (the newest sample comes first). */
static void probe_cpu_dp(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_op(c,
               "<show><running><resource-monitor><minute><last>1</last></minute>"
               "</resource-monitor></running></show>",
               &r) != 0)
        return;
    const panos_node *dps =
        panos_node_child(panos_node_child(result_of(r), "resource-monitor"), "data-processors");
    double worst = -1;
    char where[96] = "";
    for (const panos_node *dp = panos_node_first(dps); dp != NULL; dp = panos_node_next(dp)) {
        const panos_node *avg =
            panos_node_child(panos_node_child(dp, "minute"), "cpu-load-average");
        double dpmax = -1;
        for (const panos_node *e = panos_node_child(avg, "entry"); e != NULL;
             e = panos_node_next_named(e, "entry")) {
            char v[64], core[16];
            chk_text(panos_node_child(e, "value"), v, sizeof(v));
            chk_text(panos_node_child(e, "coreid"), core, sizeof(core));
            double x = strtod(v, NULL);
            if (v[0] >= '0' && v[0] <= '9' && x > dpmax)
                dpmax = x;
            if (v[0] >= '0' && v[0] <= '9' && x > worst) {
                worst = x;
                snprintf(where, sizeof(where), "%.40s core %.8s", panos_node_name(dp), core);
            }
        }
        if (dpmax >= 0) {
            char label[64];
            snprintf(label, sizeof(label), "%.40s_cpu_max", panos_node_name(dp));
            chk_value(c, label, dpmax, "%", 0, 100);
        }
    }
    if (worst < 0)
        chk_unknown(c, "%s", "the resource monitor shows no dataplane core");
    else
        chk_say(c, "dataplane CPU %.0f%% on the busiest core (%s)", worst, where);
    panos_response_free(r);
}

static void probe_cpu(struct chk *c)
{
    (c->dataplane ? probe_cpu_dp : probe_cpu_mgmt)(c);
}

/* Disk: use% of every file system of show system disk-space (df -h); the fullest is named. */
static void probe_disk(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_op(c, "show system disk-space", &r) != 0)
        return;
    panos_buf t = PANOS_BUF_INIT;
    struct cli_df_row rows[32];
    size_t n = 0;
    if (panos_node_text(&t, result_of(r)) != PANOS_OK || t.ptr == NULL ||
        cli_df_parse(t.ptr, rows, 32, &n) != 0 || n == 0) {
        chk_unknown(c, "%s", "show system disk-space is not df output");
    } else {
        size_t worst = 0;
        for (size_t i = 0; i < n; i++) {
            chk_value(c, rows[i].mount, rows[i].use_pct, "%", 0, 100);
            if (rows[i].use_pct > rows[worst].use_pct)
                worst = i;
        }
        chk_say(c, "%s %d%% used (the fullest of %zu file systems)", rows[worst].mount,
                rows[worst].use_pct, n);
    }
    panos_buf_dispose(&t);
    panos_response_free(r);
}

/* HA: CRITICAL when this member is non-functional or suspended, the peer is not connected or
 * the configuration is not synchronized; WARNING while it is initial or tentative. */
static void probe_ha(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_op(c, "show high-availability state", &r) != 0)
        return;
    const panos_node *res = result_of(r), *g = panos_node_child(res, "group");
    char en[16], st[32], peer[32], conn[32], sync[48];
    chk_text(panos_node_child(res, "enabled"), en, sizeof(en));
    chk_text(panos_node_child(panos_node_child(g, "local-info"), "state"), st, sizeof(st));
    chk_text(panos_node_child(panos_node_child(g, "peer-info"), "state"), peer, sizeof(peer));
    chk_text(panos_node_child(panos_node_child(g, "peer-info"), "conn-status"), conn, sizeof(conn));
    chk_text(panos_node_child(g, "running-sync"), sync, sizeof(sync));
    if (strcmp(en, "no") == 0) {
        chk_say(c, "%s", "HA is not enabled");
    } else if (strcmp(en, "yes") != 0 || st[0] == '\0') {
        chk_unknown(c, "%s", "show high-availability state has no enabled or local state");
    } else {
        int bad_state = strcmp(st, "non-functional") == 0 || strcmp(st, "suspended") == 0;
        int shaky = strcmp(st, "initial") == 0 || strcmp(st, "tentative") == 0;
        int connected = strcmp(conn, "up") == 0;
        int synced = strcmp(sync, "synchronized") == 0;
        chk_raise(c, bad_state || !connected || !synced ? CHK_CRITICAL
                     : shaky                            ? CHK_WARNING
                                                        : CHK_OK);
        chk_say(c, "HA local %s, peer %s (%s), config %s", st, peer[0] ? peer : "unknown",
                connected ? "connected" : "not connected", sync[0] ? sync : "sync unknown");
        chk_perf(c, "peer_connected", connected, "", 0, 1);
        chk_perf(c, "config_synchronized", synced, "", 0, 1);
    }
    panos_response_free(r);
}

/* Licences: days to expiry of each (request license info); expired is CRITICAL whatever the
 * thresholds, "Never" is fine and has no perfdata. */
static void probe_licenses(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_op(c, "request license info", &r) != 0)
        return;
    const panos_node *lic = panos_node_child(result_of(r), "licenses");
    int n = 0, never = 0;
    struct soonest s = {0, 0, ""};
    for (const panos_node *e = panos_node_child(lic, "entry"); e != NULL;
         e = panos_node_next_named(e, "entry")) {
        char feat[128], exp[64], expired[16];
        chk_text(panos_node_child(e, "feature"), feat, sizeof(feat));
        chk_text(panos_node_child(e, "expires"), exp, sizeof(exp));
        chk_text(panos_node_child(e, "expired"), expired, sizeof(expired));
        long long t;
        n++;
        if (strcasecmp(exp, "never") == 0) {
            never++;
        } else if (cli_parse_licence_date(exp, &t) != 0) {
            chk_unknown(c, "licence '%.60s': cannot read the expiry '%.40s'", feat, exp);
            break;
        } else {
            note_expiry(c, &s, feat, t);
            if (strcmp(expired, "yes") == 0)
                chk_raise(c, CHK_CRITICAL);
        }
    }
    if (n == 0)
        chk_unknown(c, "%s", "request license info lists no licence");
    else if (s.name[0] == '\0')
        chk_say(c, "%d licences, none expires", n);
    else if (s.t < c->now)
        chk_say(c, "%d licences (%d perpetual), %s expired %.0f days ago", n, never, s.name,
                -s.days);
    else
        chk_say(c, "%d licences (%d perpetual), the first to expire: %s in %.0f days", n, never,
                s.name, s.days);
    panos_response_free(r);
}

/* Certificates of /config/shared/certificate: days to expiry (expiry-epoch, else
 * not-valid-after); the soonest is named. */
static void probe_certificates(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_config_show(c, "/config/shared/certificate", &r) != 0)
        return;
    const panos_node *certs = panos_node_child(result_of(r), "certificate");
    int n = 0;
    struct soonest s = {0, 0, ""};
    for (const panos_node *e = panos_node_child(certs, "entry"); e != NULL;
         e = panos_node_next_named(e, "entry")) {
        const char *name = panos_node_attr(e, "name");
        char ep[32], nva[64];
        chk_text(panos_node_child(e, "expiry-epoch"), ep, sizeof(ep));
        chk_text(panos_node_child(e, "not-valid-after"), nva, sizeof(nva));
        char *end = NULL;
        long long t = strtoll(ep, &end, 10);
        if ((ep[0] == '\0' || *end != '\0') && cli_parse_cert_date(nva, &t) != 0) {
            chk_unknown(c, "certificate '%.60s': no expiry-epoch or not-valid-after",
                        name ? name : "");
            break;
        }
        note_expiry(c, &s, name ? name : "", t);
        n++;
    }
    if (n == 0)
        chk_say(c, "%s", "no certificates in shared");
    else if (s.t < c->now)
        chk_say(c, "%d certificates, %s expired %.0f days ago", n, s.name, -s.days);
    else
        chk_say(c, "%d certificates, the first to expire: %s in %.0f days", n, s.name, s.days);
    panos_response_free(r);
}

/* Content: age in days of the app, threat and antivirus releases (show system info dates). */
static void probe_content(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_op(c, "show system info", &r) != 0)
        return;
    static const char *const kinds[][2] = {
        {"app", "app-release-date"}, {"threat", "threat-release-date"}, {"av", "av-release-date"}};
    const panos_node *sys = panos_node_child(result_of(r), "system");
    int seen = 0;
    for (size_t i = 0; i < 3; i++) {
        char d[64];
        long long t;
        chk_text(panos_node_child(sys, kinds[i][1]), d, sizeof(d));
        if (d[0] == '\0' || strcmp(d, "unknown") == 0)
            continue;
        if (cli_parse_release_date(d, &t) != 0) {
            chk_unknown(c, "%s '%.40s' is not a date", kinds[i][1], d);
            break;
        }
        double age = (double)((c->now - t) / 8640) / 10.0; /* tenths of a day, toward zero */
        char a[32];
        chk_num(a, sizeof(a), age);
        chk_say(c, "%s %s days old", kinds[i][0], a);
        chk_value(c, kinds[i][0], age, "d", 0, NONE);
        seen++;
    }
    if (seen == 0)
        chk_unknown(c, "%s", "show system info has no content release dates");
    panos_response_free(r);
}

/* 1 when @p name was asked for (no names: all). */
static int wanted(const struct chk *c, const char *name, int *hits)
{
    if (c->nnames == 0)
        return 1;
    for (size_t i = 0; i < c->nnames; i++)
        if (strcmp(c->names[i], name) == 0) {
            hits[i] = 1;
            return 1;
        }
    return 0;
}

/* The names asked for that the answer does not have: UNKNOWN. */
static int missing(struct chk *c, const int *hits, const char *what)
{
    for (size_t i = 0; i < c->nnames; i++)
        if (!hits[i]) {
            chk_unknown(c, "no %s named '%.60s'", what, c->names[i]);
            return 1;
        }
    return 0;
}

/* Report a count of things down among @p total: thresholds on the down count (default
 * CRITICAL above 0). */
static void down_report(struct chk *c, const char *what, int total, int down, const char *names)
{
    if (down == 0)
        chk_say(c, "%d of %d %s up", total, total, what);
    else
        chk_say(c, "%d of %d %s down: %s", down, total, what, names);
    chk_value(c, "down", down, "", 0, total);
}

static void add_name(char *buf, size_t len, const char *name)
{
    size_t l = strlen(buf);
    snprintf(buf + l, len - l, "%s%s", l ? " " : "", name);
}

/* Interfaces: link state (hw state) of the named ones, or of every interface with a zone or an
 * address (show interface all). */
static void probe_interfaces(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_op(c, "show interface all", &r) != 0)
        return;
    const panos_node *res = result_of(r);
    int hits[CHK_MAX_NAMES] = {0}, total = 0, down = 0;
    char names[512] = "";
    for (const panos_node *hw = panos_node_child(panos_node_child(res, "hw"), "entry"); hw != NULL;
         hw = panos_node_next_named(hw, "entry")) {
        char name[64], state[32], zone[64], ip[64];
        chk_text(panos_node_child(hw, "name"), name, sizeof(name));
        chk_text(panos_node_child(hw, "state"), state, sizeof(state));
        zone[0] = ip[0] = '\0';
        for (const panos_node *l = panos_node_child(panos_node_child(res, "ifnet"), "entry");
             l != NULL; l = panos_node_next_named(l, "entry")) {
            char ln[64];
            if (strcmp(chk_text(panos_node_child(l, "name"), ln, sizeof(ln)), name) == 0) {
                chk_text(panos_node_child(l, "zone"), zone, sizeof(zone));
                chk_text(panos_node_child(l, "ip"), ip, sizeof(ip));
            }
        }
        int configured = zone[0] != '\0' || (ip[0] != '\0' && strcmp(ip, "N/A") != 0);
        if (c->nnames > 0 ? !wanted(c, name, hits) : !configured)
            continue;
        total++;
        if (strcmp(state, "up") != 0) {
            down++;
            add_name(names, sizeof(names), name);
        }
    }
    if (!missing(c, hits, "interface"))
        down_report(c, "interfaces", total, down, names);
    panos_response_free(r);
}

/* IPsec tunnels: state of each configured tunnel (show vpn flow lists down ones too, as init
 * or inactive; show vpn ipsec-sa would omit them). */
static void probe_tunnels(struct chk *c)
{
    panos_response *r = NULL;
    if (chk_op(c, "show vpn flow", &r) != 0)
        return;
    int hits[CHK_MAX_NAMES] = {0}, total = 0, down = 0;
    char names[512] = "";
    for (const panos_node *e = panos_node_child(panos_node_child(result_of(r), "IPSec"), "entry");
         e != NULL; e = panos_node_next_named(e, "entry")) {
        char name[128], state[32];
        chk_text(panos_node_child(e, "name"), name, sizeof(name));
        chk_text(panos_node_child(e, "state"), state, sizeof(state));
        if (!wanted(c, name, hits))
            continue;
        total++;
        if (strcmp(state, "active") != 0) {
            down++;
            add_name(names, sizeof(names), name);
        }
    }
    if (!missing(c, hits, "IPsec tunnel"))
        down_report(c, "IPsec tunnels", total, down, names);
    panos_response_free(r);
}

static const struct {
    const char *name;
    chk_probe_fn *fn;
    const char *warn, *crit;
} probes[] = {
    {"sessions", probe_sessions, "80", "90"},
    {"cpu", probe_cpu, "80", "90"},
    {"disk", probe_disk, "85", "95"},
    {"ha", probe_ha, NULL, NULL},
    {"licenses", probe_licenses, "30:", "7:"},
    {"certificates", probe_certificates, "30:", "7:"},
    {"content", probe_content, "7", "14"},
    {"key", chk_probe_key, "14:", "3:"},
    {"interfaces", probe_interfaces, NULL, "0"},
    {"tunnels", probe_tunnels, NULL, "0"},
};

chk_probe_fn *chk_probe_find(const char *name)
{
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
        if (strcmp(name, probes[i].name) == 0)
            return probes[i].fn;
    return NULL;
}

void chk_probe_defaults(const char *name, const char **warn, const char **crit)
{
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
        if (strcmp(name, probes[i].name) == 0) {
            *warn = probes[i].warn;
            *crit = probes[i].crit;
        }
}
