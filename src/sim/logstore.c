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
#include "logstore_priv.h"

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
uint64_t sim_log_mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

unsigned sim_log_pick(struct rng *r, unsigned n)
{
    r->state = sim_log_mix(r->state);
    return (unsigned)(r->state % n);
}

/* @p s into @p out (SIM_LOG_VALUE_MAX bytes), cut as vsnprintf() would cut it. */
static void copy_value(char *out, const char *s)
{
    size_t n = strlen(s);
    if (n > SIM_LOG_VALUE_MAX - 1)
        n = SIM_LOG_VALUE_MAX - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

/* @p v in decimal into @p out. */
static void put_ull(char *out, unsigned long long v)
{
    char tmp[24];
    size_t n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* Every entry has about 80 fields: the common formats (a literal, "%s", "%u", "%llu") are
 * written by hand, since vsnprintf() was a fifth of the time pansim took for a log page. */
void sim_log_add(struct sim_logentry *e, const char *name, const char *fmt, ...)
{
    if (e->n >= SIM_LOG_MAX_FIELDS)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *v = e->f[e->n].value;
    e->f[e->n].name = name;
    if (strchr(fmt, '%') == NULL)
        copy_value(v, fmt);
    else if (strcmp(fmt, "%s") == 0)
        copy_value(v, va_arg(ap, const char *));
    else if (strcmp(fmt, "%u") == 0)
        put_ull(v, va_arg(ap, unsigned));
    else if (strcmp(fmt, "%llu") == 0)
        put_ull(v, va_arg(ap, unsigned long long));
    else
        vsnprintf(v, SIM_LOG_VALUE_MAX, fmt, ap);
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

void sim_log_common_head(const struct sim_logstore *s, struct sim_logentry *e, const char *type,
                         const char *subtype)
{
    char t[32], hr[48];
    fmt_time(e->time_ms, t, sizeof(t), 0);
    fmt_time(e->time_ms, hr, sizeof(hr), 1);
    sim_log_add(e, "domain", "1");
    sim_log_add(e, "receive_time", "%s", t);
    sim_log_add(e, "serial", "%s", s->serial);
    sim_log_add(e, "seqno", "%llu", e->seqno);
    sim_log_add(e, "actionflags", "0x0");
    sim_log_add(e, "is-logging-service", "no");
    sim_log_add(e, "type", "%s", type);
    sim_log_add(e, "subtype", "%s", subtype);
    sim_log_add(e, "config_ver", "2562");
    sim_log_add(e, "time_generated", "%s", t);
    sim_log_add(e, "high_res_timestamp", "%s", hr);
}

/* An internet address for draw @p ext: 198.51.100.20-219 or 203.0.113.10-249 (outside_b),
 * or one in blocked-net (198.51.100.225-254) for a flow the policy denies. */
void sim_log_internet_dst(char *buf, size_t len, unsigned ext, int outside_b, int blocked)
{
    if (blocked)
        snprintf(buf, len, "198.51.100.%u", 225 + ext % 30);
    else if (outside_b)
        snprintf(buf, len, "203.0.113.%u", 10 + ext % 240);
    else
        snprintf(buf, len, "198.51.100.%u", 20 + ext % 200);
}

/* The rule of vsys1's policy that the LAN flow hits (simworld.c evaluates it). */
const struct sim_world_rule *sim_log_rule_of(const char *src, const char *dst, const char *app,
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
        sim_log_add(e, name, "192.0.2.0-192.0.2.255");
        e->f[e->n - 1].attrs = "cc=\"192.0.2.0-192.0.2.255\" code=\"192.0.2.0-192.0.2.255\"";
    } else if (strncmp(ip, "203.0.113.", 10) == 0) {
        sim_log_add(e, name, "Singapore");
        e->f[e->n - 1].attrs = "code=\"Singapore\" cc=\"SG\"";
    } else {
        sim_log_add(e, name, "United States");
        e->f[e->n - 1].attrs = "code=\"United States\" cc=\"US\"";
    }
}

/* The five-tuple part every session entry (traffic, threat, url, decryption) starts with. */

/* The fields of @p fl after the common header, in the order of a 10.x traffic entry
 * (query_logs.xml): addresses, rule and users, locations, app, zones, interfaces, log
 * forwarding profile, time_received, session, ports. */
void sim_log_flow_head(struct sim_logentry *e, const struct flow *fl)
{
    char t[32];
    fmt_time(e->time_ms, t, sizeof(t), 0);
    sim_log_add(e, "src", "%s", fl->src);
    sim_log_add(e, "dst", "%s", fl->dst);
    sim_log_add(e, "natsrc", "%s", fl->nat ? SIM_WORLD_NAT_IP : "0.0.0.0");
    sim_log_add(e, "natdst", "%s", fl->nat ? fl->dst : "0.0.0.0");
    sim_log_add(e, "rule", "%s", fl->rule);
    sim_log_add(e, "srcuser", "%s", fl->user);
    sim_log_add(e, "dstuser", "%s", "");
    add_loc(e, "srcloc", NULL);
    add_loc(e, "dstloc", fl->dst);
    sim_log_add(e, "app", "%s", fl->app);
    sim_log_add(e, "vsys", "vsys1");
    sim_log_add(e, "from", "trust");
    sim_log_add(e, "to", "untrust");
    sim_log_add(e, "inbound_if", SIM_WORLD_LAN_IF);
    sim_log_add(e, "outbound_if", SIM_WORLD_WAN_IF);
    sim_log_add(e, "logset", "default");
    sim_log_add(e, "time_received", "%s", t);
    sim_log_add(e, "sessionid", "%llu", fl->sessionid);
    sim_log_add(e, "repeatcnt", "1");
    sim_log_add(e, "sport", "%u", fl->sport);
    sim_log_add(e, "dport", "%u", fl->dport);
    sim_log_add(e, "natsport", "%u", fl->nat ? 20000 + fl->sport % 40000 : 0);
    sim_log_add(e, "natdport", "%u", fl->nat ? fl->dport : 0);
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
    sim_log_add(e, "category_of_app", "%s", k < n ? meta[k].cat : "general-internet");
    sim_log_add(e, "subcategory_of_app", "%s", k < n ? meta[k].sub : "internet-utility");
    sim_log_add(e, "technology_of_app", "%s", k < n ? meta[k].tech : "client-server");
    sim_log_add(e, "tunneled_app", "%s", a->name);
    sim_log_add(e, "risk_of_app", "%s", k < n ? meta[k].risk : "2");
    sim_log_add(e, "is_saas_of_app", "no");
    sim_log_add(e, "sanctioned_state_of_app", "no");
}

/* A firewall that no Panorama manages writes 0 at every device-group level. */
void sim_log_dg_hier(struct sim_logentry *e)
{
    sim_log_add(e, "dg_hier_level_1", "0");
    sim_log_add(e, "dg_hier_level_2", "0");
    sim_log_add(e, "dg_hier_level_3", "0");
    sim_log_add(e, "dg_hier_level_4", "0");
}

/*
 * Counters add up as on a firewall: bytes = bytes_sent + bytes_received and packets =
 * pkts_sent + pkts_received, every packet 60 to 1514 bytes (an Ethernet frame), and a denied
 * session has sent its first packet(s) and received nothing.
 */
static void gen_traffic(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    const struct sim_world_app *a = &sim_world_apps[sim_log_pick(r, (unsigned)sim_world_napps)];
    unsigned host = sim_world_lan_host(&s->lan, sim_log_pick(r, s->lan.n));
    int outside_b = sim_log_pick(r, 2);
    unsigned ext = sim_log_pick(r, 254);
    int deny = sim_log_pick(r, 10) == 0;
    unsigned sport = 1024 + sim_log_pick(r, 64000);
    unsigned pkts_sent = deny ? 1 + sim_log_pick(r, 3) : 1 + sim_log_pick(r, 100);
    unsigned pkts_recv = deny ? 0 : 1 + sim_log_pick(r, 150);
    unsigned long long bytes_sent = (unsigned long long)pkts_sent * (60 + sim_log_pick(r, 600));
    unsigned long long bytes_recv = (unsigned long long)pkts_recv * (60 + sim_log_pick(r, 1455));
    unsigned elapsed = deny ? 0 : sim_log_pick(r, 600);
    char start[32], src[20], dst[20];
    fmt_time(e->time_ms - (long long)elapsed * 1000, start, sizeof(start), 0);
    snprintf(src, sizeof(src), SIM_WORLD_LAN_NET "%u", host);
    sim_log_internet_dst(dst, sizeof(dst), ext, outside_b, deny);
    const struct sim_world_rule *rule = sim_log_rule_of(src, dst, a->name, a->protonum, a->port);

    const struct flow fl = {src, dst, rule != NULL ? rule->name : "interzone-default",
                            sim_world_host_user(host), a->name, 100000 + e->seqno % 900000,
                            sport, a->port, !deny};
    sim_log_common_head(s, e, "TRAFFIC", deny ? "deny" : "end");
    sim_log_flow_head(e, &fl);
    sim_log_add(e, "flags", "%s", deny ? "0x0" : "0x400053");
    sim_log_add(e, "flag-pcap", "no");
    sim_log_add(e, "flag-flagged", "no");
    sim_log_add(e, "flag-proxy", "no");
    sim_log_add(e, "flag-url-denied", "no");
    sim_log_add(e, "flag-nat", "%s", deny ? "no" : "yes");
    sim_log_add(e, "captive-portal", "no");
    sim_log_add(e, "non-std-dport", "no");
    sim_log_add(e, "transaction", "no");
    sim_log_add(e, "pbf-c2s", "no");
    sim_log_add(e, "pbf-s2c", "no");
    sim_log_add(e, "temporary-match", "no");
    sim_log_add(e, "sym-return", "no");
    sim_log_add(e, "decrypt-mirror", "no");
    sim_log_add(e, "credential-detected", "no");
    sim_log_add(e, "flag-mptcp-set", "no");
    sim_log_add(e, "flag-tunnel-inspected", "no");
    sim_log_add(e, "flag-recon-excluded", "no");
    sim_log_add(e, "flag-wf-channel", "no");
    sim_log_add(e, "proto", "%s", a->proto);
    sim_log_add(e, "action", "%s", rule != NULL ? rule->action : "deny");
    sim_log_add(e, "tunnel", "N/A");
    sim_log_add(e, "tpadding", "0");
    sim_log_add(e, "cpadding", "0");
    sim_log_add(e, "rule_uuid", "%s", rule != NULL ? rule->uuid : "");
    sim_log_add(e, "s_decrypted", "0");
    sim_log_add(e, "s_encrypted", "0");
    sim_log_add(e, "vpadding", "0");
    app_meta(e, a);
    sim_log_add(e, "bpadding", "0");
    sim_log_dg_hier(e);
    sim_log_add(e, "device_name", "%s", s->device_name);
    sim_log_add(e, "vsys_id", "1");
    sim_log_add(e, "tunnelid_imsi", "0");
    sim_log_add(e, "parent_session_id", "0");
    sim_log_add(e, "bytes", "%llu", bytes_sent + bytes_recv);
    sim_log_add(e, "bytes_sent", "%llu", bytes_sent);
    sim_log_add(e, "bytes_received", "%llu", bytes_recv);
    sim_log_add(e, "packets", "%u", pkts_sent + pkts_recv);
    sim_log_add(e, "start", "%s", start);
    sim_log_add(e, "elapsed", "%u", elapsed);
    sim_log_add(e, "category", "%s", a->category);
    sim_log_add(e, "traffic_flags", "0x0");
    sim_log_add(e, "flag-decrypt-forwarded", "no");
    sim_log_add(e, "flag-l7-skipped", "no");
    sim_log_add(e, "pkts_sent", "%u", pkts_sent);
    sim_log_add(e, "pkts_received", "%u", pkts_recv);
    sim_log_add(e, "session_end_reason", "%s",
                deny ? "policy-deny" : end_reasons[sim_log_pick(r, 3)]);
    sim_log_add(e, "action_source", "from-policy");
    sim_log_add(e, "assoc_id", "0");
    sim_log_add(e, "chunks", "0");
    sim_log_add(e, "chunks_sent", "0");
    sim_log_add(e, "chunks_received", "0");
    sim_log_add(e, "http2_connection", "0");
    sim_log_add(e, "link_change_count", "0");
    sim_log_add(e, "sdwan_fec_data", "0");
    sim_log_add(e, "offloaded", "0");
    sim_log_add(e, "tunnelid", "0");
    sim_log_add(e, "imsi", "%s", "");
    sim_log_add(e, "monitortag", "0");
    sim_log_add(e, "imei", "%s", "");
}

/* A threat entry's pcap id as PAN-OS lays it out: the UTC epoch second in bits 25-56
 * ((id & 0x01fffffffe000000) >> 25, pan-python 0.26.0 pcapid_time), which the published id
 * 1206450340254187521 (pan-os-ansible panos_export) decodes to 2020-07-20 22:20:17 UTC. Its top
 * bits (8 << 57 there) are kept; pansim puts the entry's seqno in the low 25 bits so that
 * simpcap.c finds the entry again. Case 0452. */
unsigned long long sim_log_pcap_id(const struct sim_logentry *e)
{
    unsigned long long t = (unsigned long long)(e->time_ms / 1000) & 0xffffffffULL;
    return (8ULL << 57) | (t << 25) | (e->seqno & 0x1ffffffULL);
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
    unsigned k = sim_log_pick(r, sizeof(threats) / sizeof(threats[0]));
    unsigned host = sim_world_lan_host(&s->lan, sim_log_pick(r, s->lan.n));
    unsigned ext = sim_log_pick(r, 254);
    char src[20], dst[20];
    snprintf(src, sizeof(src), SIM_WORLD_LAN_NET "%u", host);
    sim_log_internet_dst(dst, sizeof(dst), ext, 1, 0);
    const struct sim_world_rule *rule = sim_log_rule_of(
        src, dst, threats[k].app, strcmp(threats[k].proto, "udp") == 0 ? 17 : 6, threats[k].port);
    /* The traffic entry's header fields, then the threat's own in the order of the 10.x
     * syslog Threat Log Fields (PAN-OS 10.1 "Syslog Field Descriptions"); the element names of
     * the threat part are those of a live 11.x answer (flabel panw tests, THREAT_XML) and of
     * demisto/content Panorama.py prettify_log: threatid is the name, tid the number,
     * thr_category the threat category. */
    unsigned sport = 1024 + sim_log_pick(r, 64000);
    int pcap = sim_log_pick(r, 4) == 0;
    const struct flow fl = {src, dst, rule != NULL ? rule->name : "interzone-default",
                            sim_world_host_user(host), threats[k].app,
                            200000 + e->seqno % 800000, sport, threats[k].port, 1};
    sim_log_common_head(s, e, "THREAT", threats[k].subtype);
    sim_log_flow_head(e, &fl);
    sim_log_add(e, "flags", "%s", pcap ? "0x80402000" : "0x402000");
    sim_log_add(e, "flag-pcap", "%s", pcap ? "yes" : "no");
    sim_log_add(e, "flag-nat", "yes");
    sim_log_add(e, "proto", "%s", threats[k].proto);
    sim_log_add(e, "action", "%s", threats[k].action);
    sim_log_add(e, "misc", "%s", threats[k].port == 53 ? "bad.example.net" : "");
    sim_log_add(e, "threatid", "%s", threats[k].name);
    sim_log_add(e, "tid", "%u", threats[k].tid);
    sim_log_add(e, "category", "any");
    sim_log_add(e, "thr_category", "%s", threats[k].cat);
    sim_log_add(e, "severity", "%s", threats[k].sev);
    sim_log_add(e, "direction", "client-to-server");
    sim_log_add(e, "url_idx", "0");
    sim_log_add(e, "pcap_id", "%llu", pcap ? sim_log_pcap_id(e) : 0ULL);
    sim_log_add(e, "reportid", "0");
    sim_log_add(e, "contentver", "AppThreat-8800-8000");
    sim_log_dg_hier(e);
    sim_log_add(e, "device_name", "%s", s->device_name);
    sim_log_add(e, "vsys_id", "1");
    sim_log_add(e, "parent_session_id", "0");
    sim_log_add(e, "tunnelid_imsi", "0");
    sim_log_add(e, "imsi", "%s", "");
    sim_log_add(e, "imei", "%s", "");
}

static void gen_system(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    unsigned kind = sim_log_pick(r, 4);
    unsigned host = sim_world_lan_host(&s->lan, sim_log_pick(r, s->lan.n));
    char name[32], mac[20];
    sim_world_host_name(host, name, sizeof(name));
    sim_world_host_mac(host, mac, sizeof(mac));
    if (kind <= 1) {
        /* DHCP lease events: the description form of PAN-OS syslog field descriptions (system log);
         * DHCP text from a third-party script [U]. */
        sim_log_common_head(s, e, "SYSTEM", "dhcp");
        sim_log_add(e, "vsys", "%s", "");
        sim_log_add(e, "eventid", "lease-start");
        sim_log_add(e, "object", "%s", "");
        sim_log_add(e, "module", "general");
        sim_log_add(e, "severity", "informational");
        sim_log_add(e, "opaque",
                    "DHCP lease started ip " SIM_WORLD_LAN_NET "%u --> mac %s - hostname %s, "
                    "interface " SIM_WORLD_LAN_IF,
                    host, mac, name);
    } else if (kind == 2) {
        int ok = sim_log_pick(r, 5) != 0;
        sim_log_common_head(s, e, "SYSTEM", "auth");
        sim_log_add(e, "vsys", "%s", "");
        sim_log_add(e, "eventid", "%s", ok ? "auth-success" : "auth-fail");
        sim_log_add(e, "object", "%s", "");
        sim_log_add(e, "module", "general");
        sim_log_add(e, "severity", "%s", ok ? "informational" : "medium");
        sim_log_add(e, "opaque", "%s",
                    ok ? "User 'admin' authenticated. From: 198.51.100.10."
                       : "failed authentication for user 'admin'. Reason: Invalid "
                         "username or password. From: 198.51.100.66.");
    } else {
        sim_log_common_head(s, e, "SYSTEM", "general");
        sim_log_add(e, "vsys", "%s", "");
        sim_log_add(e, "eventid", "general");
        sim_log_add(e, "object", "%s", "");
        sim_log_add(e, "module", "general");
        sim_log_add(e, "severity", "informational");
        sim_log_add(e, "opaque",
                    "Connection to Update server: updates.paloaltonetworks.com completed "
                    "successfully, initiated by 192.0.2.1");
    }
    sim_log_dg_hier(e);
    sim_log_add(e, "vsys_name", "%s", "");
    sim_log_add(e, "device_name", "%s", s->device_name);
    sim_log_add(e, "vsys_id", "0");
}

static void gen_config(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    static const char *const paths[] = {
        "vsys  vsys1 address  web-srv",
        "vsys  vsys1 rulebase security rules  LAN to Internet",
        "deviceconfig system",
    };
    unsigned k = sim_log_pick(r, 3);
    sim_log_common_head(s, e, "CONFIG", "0");
    sim_log_add(e, "host", "198.51.100.10");
    sim_log_add(e, "cmd", "%s", k == 2 ? "set" : sim_log_pick(r, 2) ? "edit" : "set");
    sim_log_add(e, "admin", "admin");
    sim_log_add(e, "client", "%s", sim_log_pick(r, 2) ? "Web" : "CLI");
    sim_log_add(e, "result", "Succeeded");
    sim_log_add(e, "path", "%s", paths[k]);
    sim_log_add(e, "before-change-detail", "%s", "");
    sim_log_add(e, "after-change-detail", "%s", "");
    sim_log_dg_hier(e);
    sim_log_add(e, "vsys_name", "%s", "");
    sim_log_add(e, "device_name", "%s", s->device_name);
}

void sim_logstore_entry(const struct sim_logstore *s, enum sim_logtype type,
                        unsigned long long index, struct sim_logentry *e)
{
    struct rng r = {
        sim_log_mix((uint64_t)s->o.seed * 0x100000001B3ULL ^ ((uint64_t)type << 56) ^ index)};
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
        sim_log_gen_url(s, &r, e);
        break;
    case SIM_LOG_USERID:
        sim_log_gen_userid(s, &r, e);
        break;
    case SIM_LOG_GLOBALPROTECT:
        sim_log_gen_globalprotect(s, &r, e);
        break;
    case SIM_LOG_DECRYPTION:
        sim_log_gen_decryption(s, &r, e);
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
