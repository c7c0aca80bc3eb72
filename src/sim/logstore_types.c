/* SPDX-License-Identifier: MIT */
/* logstore_types.c -- pansim's url, userid, globalprotect and decryption log entries, generated
 * from (seed, index) like the others in logstore.c. */
#include <stdio.h>
#include <string.h>
#include "logstore_priv.h"

/*
 * An outbound TLS flow (ssl to port 443) of a LAN host to the internet, and the rule the policy
 * picks for it; @p src and @p dst (20 bytes each) hold the addresses @p fl points to. The caller
 * sets the session id and draws the source port, so each log type keeps its order of draws.
 */
static void tls_flow(const struct sim_logstore *s, struct rng *r, char *src, char *dst,
                     struct flow *fl)
{
    unsigned host = sim_world_lan_host(&s->lan, sim_log_pick(r, s->lan.n));
    snprintf(src, 20, SIM_WORLD_LAN_NET "%u", host);
    sim_log_internet_dst(dst, 20, sim_log_pick(r, 254), sim_log_pick(r, 2), 0);
    const struct sim_world_rule *rule = sim_log_rule_of(src, dst, "ssl", 6, 443);
    *fl = (struct flow){src, dst, rule != NULL ? rule->name : "interzone-default",
                        sim_world_host_user(host), "ssl", 0, 0, 443, 1};
}

/*
 * URL filtering (log-type url): a threat entry of subtype url, the URL in misc and its
 * category in category; the header as a traffic entry's. Field names: PAN-OS 10.x "Syslog
 * Field Descriptions", URL Filtering Log Fields, and the url fields a third-party PAN-OS MCP
 * server keeps; not compared with a recording (none public was found).
 */
void sim_log_gen_url(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    static const struct {
        const char *host, *path, *cat, *action;
    } urls[] = {
        {"www.example.com", "/", "computer-and-internet-info", "alert"},
        {"docs.example.org", "/guide/index.html", "reference-and-research", "alert"},
        {"news.example.net", "/today", "news", "alert"},
        {"bad.example.net", "/dl/payload.bin", "malware", "block-url"},
    };
    unsigned k = sim_log_pick(r, 4);
    char src[20], dst[20];
    struct flow fl;
    tls_flow(s, r, src, dst, &fl);
    fl.sessionid = 300000 + e->seqno % 700000;
    fl.sport = 1024 + sim_log_pick(r, 64000);
    sim_log_common_head(s, e, "THREAT", "url");
    sim_log_flow_head(e, &fl);
    sim_log_add(e, "flags", "0x403000");
    sim_log_add(e, "flag-pcap", "no");
    sim_log_add(e, "flag-nat", "yes");
    sim_log_add(e, "proto", "tcp");
    sim_log_add(e, "action", "%s", urls[k].action);
    sim_log_add(e, "misc", "%s%s", urls[k].host, urls[k].path);
    sim_log_add(e, "threatid", "(9999)");
    sim_log_add(e, "category", "%s", urls[k].cat);
    sim_log_add(e, "severity", "informational");
    sim_log_add(e, "direction", "client-to-server");
    sim_log_add(e, "url_idx", "1");
    sim_log_add(e, "contenttype", "text/html");
    sim_log_add(e, "user_agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
    sim_log_add(e, "http_method", "get");
    sim_log_add(e, "referer", "%s", "");
    sim_log_add(e, "xff", "%s", "");
    sim_log_add(e, "url_category_list", "%s,low-risk", urls[k].cat);
    sim_log_dg_hier(e);
    sim_log_add(e, "device_name", "%s", s->device_name);
    sim_log_add(e, "vsys_id", "1");
    sim_log_add(e, "http2_connection", "0");
}

/*
 * User-ID (log-type userid): an IP-to-user mapping learnt for a LAN host, the mappings of
 * show user ip-user-mapping all. Field names: PAN-OS 10.x syslog User-ID Log Fields and the
 * userid fields a third-party PAN-OS MCP server keeps; not compared with a recording.
 */
void sim_log_gen_userid(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    unsigned host = sim_world_lan_host(&s->lan, sim_log_pick(r, s->lan.n));
    sim_log_common_head(s, e, "USERID", "login");
    sim_log_add(e, "vsys", "vsys1");
    sim_log_add(e, "ip", SIM_WORLD_LAN_NET "%u", host);
    sim_log_add(e, "user", "%s", sim_world_host_user(host));
    sim_log_add(e, "datasourcename", "AD-agent");
    sim_log_add(e, "eventid", "%s", "");
    sim_log_add(e, "repeatcnt", "1");
    sim_log_add(e, "timeout", "2700");
    sim_log_add(e, "beginport", "0");
    sim_log_add(e, "endport", "0");
    sim_log_add(e, "datasource", "agent");
    sim_log_add(e, "datasourcetype", "ad");
    sim_log_add(e, "factortype", "%s", "");
    sim_log_add(e, "factorcompletiontime", "1970/01/01 00:00:00");
    sim_log_add(e, "factorno", "0");
    sim_log_add(e, "ugflags", "0x0");
    sim_log_add(e, "userbysource", "%s", sim_world_host_user(host));
    sim_log_add(e, "tag_name", "%s", "");
    sim_log_dg_hier(e);
    sim_log_add(e, "vsys_name", "%s", "");
    sim_log_add(e, "device_name", "%s", s->device_name);
    sim_log_add(e, "vsys_id", "1");
}

/*
 * GlobalProtect (log-type globalprotect, 10.x): remote users logging in to the portal and
 * gateway on ethernet1/1. Field names: PAN-OS 10.x syslog GlobalProtect Log Fields and the
 * fields a third-party PAN-OS MCP server keeps; not compared with a recording.
 */
void sim_log_gen_globalprotect(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    static const char *const stages[] = {"portal-auth", "gateway-auth", "login", "logout"};
    unsigned k = sim_log_pick(r, 4);
    unsigned user = 1 + sim_log_pick(r, 40);
    int fail = k < 2 && sim_log_pick(r, 8) == 0;
    sim_log_common_head(s, e, "GLOBALPROTECT", "0");
    sim_log_add(e, "vsys", "vsys1");
    sim_log_add(e, "eventid", "%s", stages[k]);
    sim_log_add(e, "stage", "%s", k == 0 ? "portal" : "gateway");
    sim_log_add(e, "auth_method", "LDAP");
    sim_log_add(e, "tunnel_type", "IPSec");
    sim_log_add(e, "srcuser", "user%02u", user);
    sim_log_add(e, "srcregion", "US");
    sim_log_add(e, "machinename", "LAPTOP-%04u", user);
    sim_log_add(e, "public_ip", "203.0.113.%u", 10 + user);
    sim_log_add(e, "public_ipv6", "::");
    sim_log_add(e, "private_ip", "10.255.0.%u", user);
    sim_log_add(e, "private_ipv6", "::");
    sim_log_add(e, "hostid", "%016llx", (unsigned long long)sim_log_mix(user));
    sim_log_add(e, "serialnumber", "%s", "");
    sim_log_add(e, "client_ver", "6.2.1-43");
    sim_log_add(e, "client_os", "Microsoft Windows");
    sim_log_add(e, "client_os_ver", "10.0.19045");
    sim_log_add(e, "repeatcnt", "1");
    sim_log_add(e, "reason", "%s", k == 3 ? "client logout" : "");
    sim_log_add(e, "error", "%s",
                fail ? "Authentication failed: Invalid username or password" : "");
    sim_log_add(e, "opaque", "%s", fail ? "" : "Success");
    sim_log_add(e, "status", "%s", fail ? "failure" : "success");
    sim_log_add(e, "location", "%s", "");
    sim_log_add(e, "login_duration", "%u", k == 3 ? 600 + sim_log_pick(r, 30000) : 0);
    sim_log_add(e, "connect_method", "on-demand");
    sim_log_add(e, "error_code", "%u", fail ? 2 : 0);
    sim_log_add(e, "portal", "GP-portal");
    sim_log_add(e, "selection_type", "%s", k == 1 ? "automatic" : "");
    sim_log_add(e, "response_time", "%u", 20 + sim_log_pick(r, 400));
    sim_log_add(e, "priority", "%s", "");
    sim_log_add(e, "attempted_gateways", "%s", k == 1 ? "GP-gateway" : "");
    sim_log_add(e, "gateway", "%s", k == 0 ? "" : "GP-gateway");
    sim_log_dg_hier(e);
    sim_log_add(e, "vsys_name", "%s", "");
    sim_log_add(e, "device_name", "%s", s->device_name);
    sim_log_add(e, "vsys_id", "1");
    sim_log_add(e, "description", "%s", fail ? "GlobalProtect authentication failed" : "");
}

/*
 * Decryption (log-type decryption, 10.x): TLS sessions of the LAN hosts to the internet, with
 * the handshake and certificate fields. Field names: PAN-OS 10.x syslog Decryption Log Fields
 * (the XML names are [U]); not compared with a recording.
 */
void sim_log_gen_decryption(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e)
{
    static const char *const snis[] = {"www.example.com", "docs.example.org", "news.example.net"};
    unsigned k = sim_log_pick(r, 3);
    char src[20], dst[20];
    struct flow fl;
    tls_flow(s, r, src, dst, &fl);
    int tls13 = sim_log_pick(r, 3) != 0;
    fl.sessionid = 400000 + e->seqno % 600000;
    fl.sport = 1024 + sim_log_pick(r, 64000);
    sim_log_common_head(s, e, "DECRYPTION", "0");
    sim_log_flow_head(e, &fl);
    sim_log_add(e, "flags", "0x400000");
    sim_log_add(e, "proto", "tcp");
    sim_log_add(e, "action", "allow");
    sim_log_add(e, "tunnel", "N/A");
    sim_log_add(e, "policy_name", "no-decrypt");
    sim_log_add(e, "ec_curve", "%s", tls13 ? "X25519" : "secp256r1");
    sim_log_add(e, "tls_version", "%s", tls13 ? "TLS1.3" : "TLS1.2");
    sim_log_add(e, "tls_keyxchg", "ECDHE");
    sim_log_add(e, "tls_enc", "%s", tls13 ? "AES_128_GCM" : "AES_256_GCM");
    sim_log_add(e, "tls_auth", "%s", tls13 ? "NONE" : "SHA384");
    sim_log_add(e, "proxy_type", "No Decrypt");
    sim_log_add(e, "err_index", "None");
    sim_log_add(e, "root_status", "trusted");
    sim_log_add(e, "chain_status", "Trusted");
    sim_log_add(e, "cert_flags", "0");
    sim_log_add(e, "cert_serial", "%016llX", (unsigned long long)sim_log_mix(e->seqno));
    sim_log_add(e, "fingerprint", "%016llx", (unsigned long long)sim_log_mix(e->seqno + 1));
    sim_log_add(e, "notbefore", "2026/01/05 00:00:00");
    sim_log_add(e, "notafter", "2027/01/05 23:59:59");
    sim_log_add(e, "cert_ver", "V3");
    sim_log_add(e, "cert_size", "2048");
    sim_log_add(e, "cn", "%s", snis[k]);
    sim_log_add(e, "issuer_cn", "Example Issuing CA");
    sim_log_add(e, "root_cn", "Example Root CA");
    sim_log_add(e, "sni", "%s", snis[k]);
    sim_log_add(e, "error", "%s", "");
    sim_log_add(e, "container_id", "%s", "");
    sim_log_dg_hier(e);
    sim_log_add(e, "device_name", "%s", s->device_name);
    sim_log_add(e, "vsys_id", "1");
}
