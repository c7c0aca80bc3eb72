/* SPDX-License-Identifier: MIT */
/* logstore.c -- generate pansim's log entries on demand from (seed, type, index); no storage. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "logstore.h"
#include "sim.h"
#include "simworld.h"

struct sim_logstore {
    struct sim_logstore_options o;
    struct sim_world_lan lan; /* the LAN hosts every entry's src is drawn from */
    char serial[32];
    char device_name[64];
};

static const char *const type_names[SIM_LOG__COUNT] = {
    "traffic", "threat", "system", "config", "url", "userid", "globalprotect", "decryption"};

int sim_logtype_from_name(const char *name)
{
    for (int i = 0; i < SIM_LOG__COUNT; i++)
        if (name != NULL && strcmp(name, type_names[i]) == 0)
            return i;
    return -1;
}

int sim_logstore_new(struct sim_logstore **out, const struct sim_logstore_options *o)
{
    struct sim_logstore *s = calloc(1, sizeof(*s));
    if (s == NULL)
        return -1;
    s->o = *o;
    if (s->o.span_s <= 0)
        s->o.span_s = 7 * 86400;
    snprintf(s->serial, sizeof(s->serial), "%s", o->serial ? o->serial : "007051000123456");
    snprintf(s->device_name, sizeof(s->device_name), "%s",
             o->device_name ? o->device_name : "pansim-fw1");
    s->o.serial = s->serial;
    s->lan = sim_world_lan_of(o->seed);
    s->o.device_name = s->device_name;
    *out = s;
    return 0;
}

void sim_logstore_free(struct sim_logstore *s)
{
    free(s);
}

const char *sim_logstore_device_name(const struct sim_logstore *s)
{
    return s->device_name;
}

/* New entries per second of each type after t0: traffic at the given rate, others a tenth. */
static double type_rate(const struct sim_logstore *s, enum sim_logtype t)
{
    return t == SIM_LOG_TRAFFIC ? s->o.rate_per_s : s->o.rate_per_s / 10.0;
}

unsigned long long sim_logstore_count(const struct sim_logstore *s, enum sim_logtype type,
                                      long long now_ms)
{
    unsigned long long n = s->o.initial[type];
    double rate = type_rate(s, type);
    if (now_ms > s->o.t0_ms && rate > 0)
        n += (unsigned long long)((double)(now_ms - s->o.t0_ms) * rate / 1000.0);
    return n;
}

static long long entry_time_ms(const struct sim_logstore *s, enum sim_logtype t,
                               unsigned long long i)
{
    unsigned long long n0 = s->o.initial[t];
    if (i < n0) {
        long long spacing = n0 ? s->o.span_s * 1000 / (long long)n0 : 1000;
        if (spacing < 1)
            spacing = 1;
        return s->o.t0_ms - (long long)(n0 - 1 - i) * spacing;
    }
    double rate = type_rate(s, t);
    return s->o.t0_ms + (long long)((double)(i - n0 + 1) * 1000.0 / (rate > 0 ? rate : 1));
}

/* splitmix64: a good, tiny, deterministic mixer. */
static uint64_t mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

struct rng {
    uint64_t state;
};

static unsigned pick(struct rng *r, unsigned n)
{
    r->state = mix(r->state);
    return (unsigned)(r->state % n);
}

static void add(struct sim_logentry *e, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add(struct sim_logentry *e, const char *name, const char *fmt, ...)
{
    if (e->n >= SIM_LOG_MAX_FIELDS)
        return;
    va_list ap;
    va_start(ap, fmt);
    e->f[e->n].name = name;
    vsnprintf(e->f[e->n].value, SIM_LOG_VALUE_MAX, fmt, ap);
    e->f[e->n].attrs = NULL;
    e->n++;
    va_end(ap);
}

static void fmt_time(long long ms, char *out, size_t len, int iso)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    if (iso) {
        char base[32];
        strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(out, len, "%s.%03lld+00:00", base, ms % 1000);
    } else {
        strftime(out, len, "%Y/%m/%d %H:%M:%S", &tm);
    }
}

/*
 * The simulated network is the world's (simworld.h): sources are the LAN hosts of the ARP table
 * and DHCP leases, the applications and the rule an entry names come from the same tables as
 * the configuration, and allowed sessions leave through ethernet1/1 source-NATed to its address.
 */
static const char *const end_reasons[] = {"tcp-fin", "aged-out", "tcp-rst-from-client",
                                          "policy-deny"};

static void common_head(const struct sim_logstore *s, struct sim_logentry *e, const char *type,
                        const char *subtype)
{
    char t[32], hr[48];
    fmt_time(e->time_ms, t, sizeof(t), 0);
    fmt_time(e->time_ms, hr, sizeof(hr), 1);
    add(e, "domain", "1");
    add(e, "receive_time", "%s", t);
    add(e, "serial", "%s", s->serial);
    add(e, "seqno", "%llu", e->seqno);
    add(e, "actionflags", "0x0");
    add(e, "is-logging-service", "no");
    add(e, "type", "%s", type);
    add(e, "subtype", "%s", subtype);
    add(e, "config_ver", "2562");
    add(e, "time_generated", "%s", t);
    add(e, "high_res_timestamp", "%s", hr);
}

/* An internet address for draw @p ext: 198.51.100.20-219 or 203.0.113.10-249 (outside_b),
 * or one in blocked-net (198.51.100.225-254) for a flow the policy denies. */
static void internet_dst(char *buf, size_t len, unsigned ext, int outside_b, int blocked)
{
    if (blocked)
        snprintf(buf, len, "198.51.100.%u", 225 + ext % 30);
    else if (outside_b)
        snprintf(buf, len, "203.0.113.%u", 10 + ext % 240);
    else
        snprintf(buf, len, "198.51.100.%u", 20 + ext % 200);
}

/* The rule of vsys1's policy that the LAN flow hits (simworld.c evaluates it). */
static const struct sim_world_rule *rule_of(const char *src, const char *dst, const char *app,
                                            int proto, unsigned dport)
{
    uint32_t s_ip = 0, d_ip = 0;
    sim_world_ip_parse(src, &s_ip);
    sim_world_ip_parse(dst, &d_ip);
    int k = sim_world_rule_for("trust", "untrust", s_ip, d_ip, app, proto, dport);
    return k >= 0 ? &sim_world_rules[k] : NULL;
}

/*
 * srcloc/dstloc: a private or documentation range is written as the range itself (code and cc
 * too); a country as its name, with code= the name again and cc= the ISO code, as in the
 * demisto/content query_logs.xml capture (<dstloc code="Singapore" cc="SG">Singapore</dstloc>).
 * pansim places 198.51.100.0/24 in the United States and 203.0.113.0/24 in Singapore.
 */
static void add_loc(struct sim_logentry *e, const char *name, const char *ip)
{
    if (ip == NULL) {
        add(e, name, "192.0.2.0-192.0.2.255");
        e->f[e->n - 1].attrs = "cc=\"192.0.2.0-192.0.2.255\" code=\"192.0.2.0-192.0.2.255\"";
    } else if (strncmp(ip, "203.0.113.", 10) == 0) {
        add(e, name, "Singapore");
        e->f[e->n - 1].attrs = "code=\"Singapore\" cc=\"SG\"";
    } else {
        add(e, name, "United States");
        e->f[e->n - 1].attrs = "code=\"United States\" cc=\"US\"";
    }
}

/* The five-tuple part every session entry (traffic, threat, url, decryption) starts with. */
struct flow {
    const char *src, *dst, *rule, *user, *app;
    unsigned long long sessionid;
    unsigned sport, dport;
    int nat; /* 0: a denied flow, no NAT (addresses 0.0.0.0, ports 0) */
};

/* The fields of @p fl after the common header, in the order of a 10.x traffic entry
 * (query_logs.xml): addresses, rule and users, locations, app, zones, interfaces, log
 * forwarding profile, time_received, session, ports. */
static void flow_head(struct sim_logentry *e, const struct flow *fl)
{
    char t[32];
    fmt_time(e->time_ms, t, sizeof(t), 0);
    add(e, "src", "%s", fl->src);
    add(e, "dst", "%s", fl->dst);
    add(e, "natsrc", "%s", fl->nat ? SIM_WORLD_NAT_IP : "0.0.0.0");
    add(e, "natdst", "%s", fl->nat ? fl->dst : "0.0.0.0");
    add(e, "rule", "%s", fl->rule);
    add(e, "srcuser", "%s", fl->user);
    add(e, "dstuser", "%s", "");
    add_loc(e, "srcloc", NULL);
    add_loc(e, "dstloc", fl->dst);
    add(e, "app", "%s", fl->app);
    add(e, "vsys", "vsys1");
    add(e, "from", "trust");
    add(e, "to", "untrust");
    add(e, "inbound_if", SIM_WORLD_LAN_IF);
    add(e, "outbound_if", SIM_WORLD_WAN_IF);
    add(e, "logset", "default");
    add(e, "time_received", "%s", t);
    add(e, "sessionid", "%llu", fl->sessionid);
    add(e, "repeatcnt", "1");
    add(e, "sport", "%u", fl->sport);
    add(e, "dport", "%u", fl->dport);
    add(e, "natsport", "%u", fl->nat ? 20000 + fl->sport % 40000 : 0);
    add(e, "natdport", "%u", fl->nat ? fl->dport : 0);
}

/* The App-ID metadata fields of a 10.x traffic entry (query_logs.xml order), as App-ID
 * describes the world's applications (Applipedia: category, subcategory, technology, risk). */
static void app_meta(struct sim_logentry *e, const struct sim_world_app *a)
{
    static const struct {
        const char *app, *cat, *sub, *tech, *risk;
    } meta[] = {
        {"ssl", "networking", "encrypted-tunnel", "browser-based", "4"},
        {"web-browsing", "general-internet", "internet-utility", "browser-based", "4"},
        {"dns", "networking", "infrastructure", "network-protocol", "3"},
        {"dns-base", "networking", "infrastructure", "network-protocol", "3"},
        {"ssh", "networking", "encrypted-tunnel", "client-server", "4"},
        {"ntp", "networking", "infrastructure", "network-protocol", "2"},
    };
    size_t k = 0, n = sizeof(meta) / sizeof(meta[0]);
    while (k < n && strcmp(meta[k].app, a->name) != 0)
        k++;
    add(e, "category_of_app", "%s", k < n ? meta[k].cat : "general-internet");
    add(e, "subcategory_of_app", "%s", k < n ? meta[k].sub : "internet-utility");
    add(e, "technology_of_app", "%s", k < n ? meta[k].tech : "client-server");
    add(e, "tunneled_app", "%s", a->name);
    add(e, "risk_of_app", "%s", k < n ? meta[k].risk : "2");
    add(e, "is_saas_of_app", "no");
    add(e, "sanctioned_state_of_app", "no");
}

/* A firewall that no Panorama manages writes 0 at every device-group level. */
static void dg_hier(struct sim_logentry *e)
{
    add(e, "dg_hier_level_1", "0");
    add(e, "dg_hier_level_2", "0");
    add(e, "dg_hier_level_3", "0");
    add(e, "dg_hier_level_4", "0");
}

/*
 * Counters add up as on a firewall: bytes = bytes_sent + bytes_received and packets =
 * pkts_sent + pkts_received, every packet 60 to 1514 bytes (an Ethernet frame), and a denied
 * session has sent its first packet(s) and received nothing.
 */
static void gen_traffic(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    const struct sim_world_app *a = &sim_world_apps[pick(r, (unsigned)sim_world_napps)];
    unsigned host = sim_world_lan_host(&s->lan, pick(r, s->lan.n));
    int outside_b = pick(r, 2);
    unsigned ext = pick(r, 254);
    int deny = pick(r, 10) == 0;
    unsigned sport = 1024 + pick(r, 64000);
    unsigned pkts_sent = deny ? 1 + pick(r, 3) : 1 + pick(r, 100);
    unsigned pkts_recv = deny ? 0 : 1 + pick(r, 150);
    unsigned long long bytes_sent = (unsigned long long)pkts_sent * (60 + pick(r, 600));
    unsigned long long bytes_recv = (unsigned long long)pkts_recv * (60 + pick(r, 1455));
    unsigned elapsed = deny ? 0 : pick(r, 600);
    char start[32], src[20], dst[20];
    fmt_time(e->time_ms - (long long)elapsed * 1000, start, sizeof(start), 0);
    snprintf(src, sizeof(src), SIM_WORLD_LAN_NET "%u", host);
    internet_dst(dst, sizeof(dst), ext, outside_b, deny);
    const struct sim_world_rule *rule = rule_of(src, dst, a->name, a->protonum, a->port);

    const struct flow fl = {src, dst, rule != NULL ? rule->name : "interzone-default",
                            sim_world_host_user(host), a->name, 100000 + e->seqno % 900000,
                            sport, a->port, !deny};
    common_head(s, e, "TRAFFIC", deny ? "deny" : "end");
    flow_head(e, &fl);
    add(e, "flags", "%s", deny ? "0x0" : "0x400053");
    add(e, "flag-pcap", "no");
    add(e, "flag-flagged", "no");
    add(e, "flag-proxy", "no");
    add(e, "flag-url-denied", "no");
    add(e, "flag-nat", "%s", deny ? "no" : "yes");
    add(e, "captive-portal", "no");
    add(e, "non-std-dport", "no");
    add(e, "transaction", "no");
    add(e, "pbf-c2s", "no");
    add(e, "pbf-s2c", "no");
    add(e, "temporary-match", "no");
    add(e, "sym-return", "no");
    add(e, "decrypt-mirror", "no");
    add(e, "credential-detected", "no");
    add(e, "flag-mptcp-set", "no");
    add(e, "flag-tunnel-inspected", "no");
    add(e, "flag-recon-excluded", "no");
    add(e, "flag-wf-channel", "no");
    add(e, "proto", "%s", a->proto);
    add(e, "action", "%s", rule != NULL ? rule->action : "deny");
    add(e, "tunnel", "N/A");
    add(e, "tpadding", "0");
    add(e, "cpadding", "0");
    add(e, "rule_uuid", "%s", rule != NULL ? rule->uuid : "");
    add(e, "s_decrypted", "0");
    add(e, "s_encrypted", "0");
    add(e, "vpadding", "0");
    app_meta(e, a);
    add(e, "bpadding", "0");
    dg_hier(e);
    add(e, "device_name", "%s", s->device_name);
    add(e, "vsys_id", "1");
    add(e, "tunnelid_imsi", "0");
    add(e, "parent_session_id", "0");
    add(e, "bytes", "%llu", bytes_sent + bytes_recv);
    add(e, "bytes_sent", "%llu", bytes_sent);
    add(e, "bytes_received", "%llu", bytes_recv);
    add(e, "packets", "%u", pkts_sent + pkts_recv);
    add(e, "start", "%s", start);
    add(e, "elapsed", "%u", elapsed);
    add(e, "category", "%s", a->category);
    add(e, "traffic_flags", "0x0");
    add(e, "flag-decrypt-forwarded", "no");
    add(e, "flag-l7-skipped", "no");
    add(e, "pkts_sent", "%u", pkts_sent);
    add(e, "pkts_received", "%u", pkts_recv);
    add(e, "session_end_reason", "%s", deny ? "policy-deny" : end_reasons[pick(r, 3)]);
    add(e, "action_source", "from-policy");
    add(e, "assoc_id", "0");
    add(e, "chunks", "0");
    add(e, "chunks_sent", "0");
    add(e, "chunks_received", "0");
    add(e, "http2_connection", "0");
    add(e, "link_change_count", "0");
    add(e, "sdwan_fec_data", "0");
    add(e, "offloaded", "0");
    add(e, "tunnelid", "0");
    add(e, "imsi", "%s", "");
    add(e, "monitortag", "0");
    add(e, "imei", "%s", "");
}

static void gen_threat(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    static const struct {
        const char *subtype, *name, *cat, *sev, *action, *app, *proto;
        unsigned tid, port;
    } threats[] = {
        {"spyware", "generic:bad.example.net", "dns-c2", "high", "sinkhole", "dns-base", "udp",
         109001001, 53},
        {"vulnerability", "HTTP Directory Traversal Vulnerability", "code-execution", "medium",
         "reset-both", "web-browsing", "tcp", 30844, 80},
        {"vulnerability", "SSH User Authentication Brute Force Attempt", "brute-force", "high",
         "drop", "ssh", "tcp", 40015, 22},
        {"scan", "TCP Port Scan", "scan", "critical", "drop", "not-applicable", "tcp", 8001, 0},
        {"virus", "Virus/Win32.WGeneric.abcd", "virus", "medium", "reset-both", "web-browsing",
         "tcp", 277251, 80},
    };
    unsigned k = pick(r, sizeof(threats) / sizeof(threats[0]));
    unsigned host = sim_world_lan_host(&s->lan, pick(r, s->lan.n));
    unsigned ext = pick(r, 254);
    char src[20], dst[20];
    snprintf(src, sizeof(src), SIM_WORLD_LAN_NET "%u", host);
    internet_dst(dst, sizeof(dst), ext, 1, 0);
    const struct sim_world_rule *rule =
        rule_of(src, dst, threats[k].app, strcmp(threats[k].proto, "udp") == 0 ? 17 : 6,
                threats[k].port);
    /* The traffic entry's header fields, then the threat's own in the order of the 10.x
     * syslog Threat Log Fields (PAN-OS 10.1 "Syslog Field Descriptions"); the element names of
     * the threat part are those of a live 11.x answer (flabel panw tests, THREAT_XML) and of
     * demisto/content Panorama.py prettify_log: threatid is the name, tid the number,
     * thr_category the threat category. */
    unsigned sport = 1024 + pick(r, 64000);
    int pcap = pick(r, 4) == 0;
    const struct flow fl = {src, dst, rule != NULL ? rule->name : "interzone-default",
                            sim_world_host_user(host), threats[k].app,
                            200000 + e->seqno % 800000, sport, threats[k].port, 1};
    common_head(s, e, "THREAT", threats[k].subtype);
    flow_head(e, &fl);
    add(e, "flags", "%s", pcap ? "0x80402000" : "0x402000");
    add(e, "flag-pcap", "%s", pcap ? "yes" : "no");
    add(e, "flag-nat", "yes");
    add(e, "proto", "%s", threats[k].proto);
    add(e, "action", "%s", threats[k].action);
    add(e, "misc", "%s", threats[k].port == 53 ? "bad.example.net" : "");
    add(e, "threatid", "%s", threats[k].name);
    add(e, "tid", "%u", threats[k].tid);
    add(e, "category", "any");
    add(e, "thr_category", "%s", threats[k].cat);
    add(e, "severity", "%s", threats[k].sev);
    add(e, "direction", "client-to-server");
    add(e, "url_idx", "0");
    add(e, "pcap_id", "%s", pcap ? "1206450340254187521" : "0");
    add(e, "reportid", "0");
    add(e, "contentver", "AppThreat-8800-8000");
    dg_hier(e);
    add(e, "device_name", "%s", s->device_name);
    add(e, "vsys_id", "1");
    add(e, "parent_session_id", "0");
    add(e, "tunnelid_imsi", "0");
    add(e, "imsi", "%s", "");
    add(e, "imei", "%s", "");
}

static void gen_system(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    unsigned kind = pick(r, 4);
    unsigned host = sim_world_lan_host(&s->lan, pick(r, s->lan.n));
    char name[32];
    sim_world_host_name(host, name, sizeof(name));
    if (kind <= 1) {
        /* DHCP lease events: the description form of PAN-OS syslog field descriptions (system log);
         * DHCP text from a third-party script [U]. */
        common_head(s, e, "SYSTEM", "dhcp");
        add(e, "vsys", "%s", "");
        add(e, "eventid", "lease-start");
        add(e, "object", "%s", "");
        add(e, "module", "general");
        add(e, "severity", "informational");
        add(e, "opaque",
            "DHCP lease started ip " SIM_WORLD_LAN_NET "%u --> mac " SIM_WORLD_MAC_PREFIX
            "%02x - hostname %s, interface " SIM_WORLD_LAN_IF,
            host, host, name);
    } else if (kind == 2) {
        int ok = pick(r, 5) != 0;
        common_head(s, e, "SYSTEM", "auth");
        add(e, "vsys", "%s", "");
        add(e, "eventid", "%s", ok ? "auth-success" : "auth-fail");
        add(e, "object", "%s", "");
        add(e, "module", "general");
        add(e, "severity", "%s", ok ? "informational" : "medium");
        add(e, "opaque", "%s", ok ? "User 'admin' authenticated. From: 198.51.100.10."
                                  : "failed authentication for user 'admin'. Reason: Invalid "
                                    "username or password. From: 198.51.100.66.");
    } else {
        common_head(s, e, "SYSTEM", "general");
        add(e, "vsys", "%s", "");
        add(e, "eventid", "general");
        add(e, "object", "%s", "");
        add(e, "module", "general");
        add(e, "severity", "informational");
        add(e, "opaque", "Connection to Update server: updates.paloaltonetworks.com completed "
                         "successfully, initiated by 192.0.2.1");
    }
    dg_hier(e);
    add(e, "vsys_name", "%s", "");
    add(e, "device_name", "%s", s->device_name);
    add(e, "vsys_id", "0");
}

/*
 * URL filtering (log-type url): a threat entry of subtype url, the URL in misc and its
 * category in category; the header as a traffic entry's. Field names: PAN-OS 10.x "Syslog
 * Field Descriptions", URL Filtering Log Fields, and the url fields a third-party PAN-OS MCP
 * server keeps; not compared with a recording (none public was found).
 */
static void gen_url(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    static const struct {
        const char *host, *path, *cat, *action;
    } urls[] = {
        {"www.example.com", "/", "computer-and-internet-info", "alert"},
        {"docs.example.org", "/guide/index.html", "reference-and-research", "alert"},
        {"news.example.net", "/today", "news", "alert"},
        {"bad.example.net", "/dl/payload.bin", "malware", "block-url"},
    };
    unsigned k = pick(r, 4);
    unsigned host = sim_world_lan_host(&s->lan, pick(r, s->lan.n));
    char src[20], dst[20];
    snprintf(src, sizeof(src), SIM_WORLD_LAN_NET "%u", host);
    internet_dst(dst, sizeof(dst), pick(r, 254), pick(r, 2), 0);
    const struct sim_world_rule *rule = rule_of(src, dst, "ssl", 6, 443);
    const struct flow fl = {src, dst, rule != NULL ? rule->name : "interzone-default",
                            sim_world_host_user(host), "ssl", 300000 + e->seqno % 700000,
                            1024 + pick(r, 64000), 443, 1};
    common_head(s, e, "THREAT", "url");
    flow_head(e, &fl);
    add(e, "flags", "0x403000");
    add(e, "flag-pcap", "no");
    add(e, "flag-nat", "yes");
    add(e, "proto", "tcp");
    add(e, "action", "%s", urls[k].action);
    add(e, "misc", "%s%s", urls[k].host, urls[k].path);
    add(e, "threatid", "(9999)");
    add(e, "category", "%s", urls[k].cat);
    add(e, "severity", "informational");
    add(e, "direction", "client-to-server");
    add(e, "url_idx", "1");
    add(e, "contenttype", "text/html");
    add(e, "user_agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
    add(e, "http_method", "get");
    add(e, "referer", "%s", "");
    add(e, "xff", "%s", "");
    add(e, "url_category_list", "%s,low-risk", urls[k].cat);
    dg_hier(e);
    add(e, "device_name", "%s", s->device_name);
    add(e, "vsys_id", "1");
    add(e, "http2_connection", "0");
}

/*
 * User-ID (log-type userid): an IP-to-user mapping learnt for a LAN host, the mappings of
 * show user ip-user-mapping all. Field names: PAN-OS 10.x syslog User-ID Log Fields and the
 * userid fields a third-party PAN-OS MCP server keeps; not compared with a recording.
 */
static void gen_userid(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    unsigned host = sim_world_lan_host(&s->lan, pick(r, s->lan.n));
    common_head(s, e, "USERID", "login");
    add(e, "vsys", "vsys1");
    add(e, "ip", SIM_WORLD_LAN_NET "%u", host);
    add(e, "user", "%s", sim_world_host_user(host));
    add(e, "datasourcename", "AD-agent");
    add(e, "eventid", "%s", "");
    add(e, "repeatcnt", "1");
    add(e, "timeout", "2700");
    add(e, "beginport", "0");
    add(e, "endport", "0");
    add(e, "datasource", "agent");
    add(e, "datasourcetype", "ad");
    add(e, "factortype", "%s", "");
    add(e, "factorcompletiontime", "1970/01/01 00:00:00");
    add(e, "factorno", "0");
    add(e, "ugflags", "0x0");
    add(e, "userbysource", "%s", sim_world_host_user(host));
    add(e, "tag_name", "%s", "");
    dg_hier(e);
    add(e, "vsys_name", "%s", "");
    add(e, "device_name", "%s", s->device_name);
    add(e, "vsys_id", "1");
}

/*
 * GlobalProtect (log-type globalprotect, 10.x): remote users logging in to the portal and
 * gateway on ethernet1/1. Field names: PAN-OS 10.x syslog GlobalProtect Log Fields and the
 * fields a third-party PAN-OS MCP server keeps; not compared with a recording.
 */
static void gen_globalprotect(const struct sim_logstore *s, struct rng *r,
                              struct sim_logentry *e)
{
    static const char *const stages[] = {"portal-auth", "gateway-auth", "login", "logout"};
    unsigned k = pick(r, 4);
    unsigned user = 1 + pick(r, 40);
    int fail = k < 2 && pick(r, 8) == 0;
    common_head(s, e, "GLOBALPROTECT", "0");
    add(e, "vsys", "vsys1");
    add(e, "eventid", "%s", stages[k]);
    add(e, "stage", "%s", k == 0 ? "portal" : "gateway");
    add(e, "auth_method", "LDAP");
    add(e, "tunnel_type", "IPSec");
    add(e, "srcuser", "user%02u", user);
    add(e, "srcregion", "US");
    add(e, "machinename", "LAPTOP-%04u", user);
    add(e, "public_ip", "203.0.113.%u", 10 + user);
    add(e, "public_ipv6", "::");
    add(e, "private_ip", "10.255.0.%u", user);
    add(e, "private_ipv6", "::");
    add(e, "hostid", "%016llx", (unsigned long long)mix(user));
    add(e, "serialnumber", "%s", "");
    add(e, "client_ver", "6.2.1-43");
    add(e, "client_os", "Microsoft Windows");
    add(e, "client_os_ver", "10.0.19045");
    add(e, "repeatcnt", "1");
    add(e, "reason", "%s", k == 3 ? "client logout" : "");
    add(e, "error", "%s", fail ? "Authentication failed: Invalid username or password" : "");
    add(e, "opaque", "%s", fail ? "" : "Success");
    add(e, "status", "%s", fail ? "failure" : "success");
    add(e, "location", "%s", "");
    add(e, "login_duration", "%u", k == 3 ? 600 + pick(r, 30000) : 0);
    add(e, "connect_method", "on-demand");
    add(e, "error_code", "%u", fail ? 2 : 0);
    add(e, "portal", "GP-portal");
    add(e, "selection_type", "%s", k == 1 ? "automatic" : "");
    add(e, "response_time", "%u", 20 + pick(r, 400));
    add(e, "priority", "%s", "");
    add(e, "attempted_gateways", "%s", k == 1 ? "GP-gateway" : "");
    add(e, "gateway", "%s", k == 0 ? "" : "GP-gateway");
    dg_hier(e);
    add(e, "vsys_name", "%s", "");
    add(e, "device_name", "%s", s->device_name);
    add(e, "vsys_id", "1");
    add(e, "description", "%s", fail ? "GlobalProtect authentication failed" : "");
}

/*
 * Decryption (log-type decryption, 10.x): TLS sessions of the LAN hosts to the internet, with
 * the handshake and certificate fields. Field names: PAN-OS 10.x syslog Decryption Log Fields
 * (the XML names are [U]); not compared with a recording.
 */
static void gen_decryption(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    static const char *const snis[] = {"www.example.com", "docs.example.org",
                                       "news.example.net"};
    unsigned k = pick(r, 3);
    unsigned host = sim_world_lan_host(&s->lan, pick(r, s->lan.n));
    char src[20], dst[20];
    snprintf(src, sizeof(src), SIM_WORLD_LAN_NET "%u", host);
    internet_dst(dst, sizeof(dst), pick(r, 254), pick(r, 2), 0);
    const struct sim_world_rule *rule = rule_of(src, dst, "ssl", 6, 443);
    int tls13 = pick(r, 3) != 0;
    const struct flow fl = {src, dst, rule != NULL ? rule->name : "interzone-default",
                            sim_world_host_user(host), "ssl", 400000 + e->seqno % 600000,
                            1024 + pick(r, 64000), 443, 1};
    common_head(s, e, "DECRYPTION", "0");
    flow_head(e, &fl);
    add(e, "flags", "0x400000");
    add(e, "proto", "tcp");
    add(e, "action", "allow");
    add(e, "tunnel", "N/A");
    add(e, "policy_name", "no-decrypt");
    add(e, "ec_curve", "%s", tls13 ? "X25519" : "secp256r1");
    add(e, "tls_version", "%s", tls13 ? "TLS1.3" : "TLS1.2");
    add(e, "tls_keyxchg", "ECDHE");
    add(e, "tls_enc", "%s", tls13 ? "AES_128_GCM" : "AES_256_GCM");
    add(e, "tls_auth", "%s", tls13 ? "NONE" : "SHA384");
    add(e, "proxy_type", "No Decrypt");
    add(e, "err_index", "None");
    add(e, "root_status", "trusted");
    add(e, "chain_status", "Trusted");
    add(e, "cert_flags", "0");
    add(e, "cert_serial", "%016llX", (unsigned long long)mix(e->seqno));
    add(e, "fingerprint", "%016llx", (unsigned long long)mix(e->seqno + 1));
    add(e, "notbefore", "2026/01/05 00:00:00");
    add(e, "notafter", "2027/01/05 23:59:59");
    add(e, "cert_ver", "V3");
    add(e, "cert_size", "2048");
    add(e, "cn", "%s", snis[k]);
    add(e, "issuer_cn", "Example Issuing CA");
    add(e, "root_cn", "Example Root CA");
    add(e, "sni", "%s", snis[k]);
    add(e, "error", "%s", "");
    add(e, "container_id", "%s", "");
    dg_hier(e);
    add(e, "device_name", "%s", s->device_name);
    add(e, "vsys_id", "1");
}

static void gen_config(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    static const char *const paths[] = {
        "vsys  vsys1 address  web-srv",
        "vsys  vsys1 rulebase security rules  LAN to Internet",
        "deviceconfig system",
    };
    unsigned k = pick(r, 3);
    common_head(s, e, "CONFIG", "0");
    add(e, "host", "198.51.100.10");
    add(e, "cmd", "%s", k == 2 ? "set" : pick(r, 2) ? "edit" : "set");
    add(e, "admin", "admin");
    add(e, "client", "%s", pick(r, 2) ? "Web" : "CLI");
    add(e, "result", "Succeeded");
    add(e, "path", "%s", paths[k]);
    add(e, "before-change-detail", "%s", "");
    add(e, "after-change-detail", "%s", "");
    dg_hier(e);
    add(e, "vsys_name", "%s", "");
    add(e, "device_name", "%s", s->device_name);
}

void sim_logstore_entry(const struct sim_logstore *s, enum sim_logtype type,
                        unsigned long long index, struct sim_logentry *e)
{
    struct rng r = {mix((uint64_t)s->o.seed * 0x100000001B3ULL ^ ((uint64_t)type << 56) ^ index)};
    e->n = 0;
    e->seqno = index + 1;
    e->time_ms = entry_time_ms(s, type, index);
    snprintf(e->logid, sizeof(e->logid), "%llu",
             7300000000000000000ULL + (unsigned long long)type * 1000000000000000ULL + index);
    switch (type) {
    case SIM_LOG_TRAFFIC:
        gen_traffic(s, &r, e);
        break;
    case SIM_LOG_THREAT:
        gen_threat(s, &r, e);
        break;
    case SIM_LOG_SYSTEM:
        gen_system(s, &r, e);
        break;
    case SIM_LOG_URL:
        gen_url(s, &r, e);
        break;
    case SIM_LOG_USERID:
        gen_userid(s, &r, e);
        break;
    case SIM_LOG_GLOBALPROTECT:
        gen_globalprotect(s, &r, e);
        break;
    case SIM_LOG_DECRYPTION:
        gen_decryption(s, &r, e);
        break;
    case SIM_LOG_CONFIG:
    case SIM_LOG__COUNT:
        gen_config(s, &r, e);
        break;
    }
}

const char *sim_logentry_get(const struct sim_logentry *e, const char *name)
{
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->f[i].name, name) == 0)
            return e->f[i].value;
    return NULL;
}

void sim_logentry_xml(const struct sim_logentry *e, FILE *out)
{
    fprintf(out, "      <entry logid=\"%s\">\n", e->logid);
    for (size_t i = 0; i < e->n; i++) {
        const char *attrs = e->f[i].attrs;
        if (e->f[i].value[0] == '\0' && attrs == NULL) {
            fprintf(out, "        <%s/>\n", e->f[i].name); /* <imsi/> in XSOAR query_logs.xml */
            continue;
        }
        fprintf(out, "        <%s%s%s>", e->f[i].name, attrs ? " " : "", attrs ? attrs : "");
        sim_xml_escape(out, e->f[i].value, 0);
        fprintf(out, "</%s>\n", e->f[i].name);
    }
    fputs("      </entry>\n", out);
}
