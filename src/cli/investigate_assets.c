/* SPDX-License-Identifier: MIT */
/* investigate_assets.c -- panctl investigate: who a host is, from ARP, IPv6 neighbours, DHCP
 * leases and User-ID, each fact with its source and time. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "cli.h"
#include "investigate_priv.h"

/* Child @p name's text of @p e, trimmed, into @p buf ("" when absent). */
static const char *child_text(const panos_node *e, const char *name, char *buf, size_t len)
{
    panos_buf b = PANOS_BUF_INIT;
    buf[0] = '\0';
    const panos_node *c = panos_node_child(e, name);
    if (c && panos_node_text(&b, c) == PANOS_OK && b.ptr) {
        const char *s = b.ptr;
        while (*s == ' ' || *s == '\n' || *s == '\t')
            s++;
        snprintf(buf, len, "%s", s);
        size_t n = strlen(buf);
        while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\n' || buf[n - 1] == '\t'))
            buf[--n] = '\0';
    }
    panos_buf_dispose(&b);
    return buf;
}

void inv_fact(struct inv *v, const char *source, const char *time, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    json_t *o = json_object();
    json_object_set_new(o, "source", json_string(source));
    json_object_set_new(o, "time", json_string(time));
    json_object_set_new(o, "fact", json_string(text));
    json_array_append_new(v->facts, o);
}

static void learn(char *dst, size_t len, const char *value)
{
    if (dst[0] == '\0' && value && *value)
        snprintf(dst, len, "%s", value);
}

/* Whether ARP or neighbour entry (@p ip, @p mac) is the host under investigation. */
static int is_ours(const struct inv *v, const char *ip, const char *mac)
{
    return (ip[0] && (strcmp(ip, v->ip4) == 0 || strcmp(ip, v->ip6) == 0)) ||
           (mac[0] && v->mac[0] && strcasecmp(mac, v->mac) == 0);
}

static panos_code op(panos_response **r, struct inv *v, const char *cmd)
{
    panos_code code = panos_op_run(r, v->ctx->client, cmd);
    v->requests++;
    return code;
}

/* ARP (IPv4) or IPv6 neighbours: entries/entry{ip, mac, ttl, interface}; an entry's age is
 * timeout - ttl (PAN-OS CLI legend of show arp). */
static panos_code neighbours(struct inv *v, const char *cmd, const char *source, int v6)
{
    panos_response *r = NULL;
    panos_code code = op(&r, v, cmd);
    if (code != PANOS_OK)
        return code;
    const panos_node *res = panos_response_result(r);
    const panos_node *es = res ? panos_node_child(res, "entries") : NULL;
    for (const panos_node *e = es ? panos_node_child(es, "entry") : NULL; e;
         e = panos_node_next_named(e, "entry")) {
        char ip[64], mac[32], ttl[16], ifn[64];
        child_text(e, "ip", ip, sizeof(ip));
        child_text(e, "mac", mac, sizeof(mac));
        if (!is_ours(v, ip, mac))
            continue;
        learn(v6 ? v->ip6 : v->ip4, sizeof(v->ip4), ip);
        learn(v->mac, sizeof(v->mac), mac);
        inv_fact(v, source, v->now_text, "%s is at %s on %s (entry expires in %s s)", ip, mac,
                 child_text(e, "interface", ifn, sizeof(ifn)), child_text(e, "ttl", ttl, 16));
        v->seen = 1;
    }
    panos_response_free(r);
    return PANOS_OK;
}

static void lease_fact(struct inv *v, const char *ip, const char *mac, const char *host,
                       const char *state, const char *ifn, const char *until)
{
    if (!is_ours(v, ip, mac))
        return;
    learn(v->ip4, sizeof(v->ip4), ip);
    learn(v->mac, sizeof(v->mac), mac);
    learn(v->hostname, sizeof(v->hostname), host);
    inv_fact(v, "dhcp-lease", v->now_text, "lease of %s to %s, hostname %s, %s on %s, expires %s",
             ip, mac, host[0] ? host : "(none)", state, ifn[0] ? ifn : "?", until);
    v->seen = 1;
}

static void lease_row(struct inv *v, const char *const *f, const char *section)
{
    lease_fact(v, f[0], f[1], f[2], f[3], section, f[5]);
}

static void user_fact(struct inv *v, const char *ip, const char *user, const char *type,
                      const char *vsys)
{
    if (!is_ours(v, ip, ""))
        return;
    learn(v->user, sizeof(v->user), user);
    inv_fact(v, "user-id", v->now_text, "%s is %s (from %s, %s)", ip, user, type, vsys);
    v->seen = 1;
}

static void user_row(struct inv *v, const char *const *f, const char *section)
{
    (void)section;
    user_fact(v, f[0], f[3], f[2], f[1]);
}

/* An answer with no element in <result>: the CLI's text table (PAN-OS 8.x/9.x), read by the
 * columns @p cols of its header. */
static panos_code text_table(struct inv *v, const panos_node *res, const char *const *cols,
                             size_t n, inv_row_fn fn)
{
    panos_buf b = PANOS_BUF_INIT;
    if (panos_node_text(&b, res) != PANOS_OK)
        return PANOS_E_NOMEM;
    if (b.ptr != NULL)
        inv_text_rows(v, b.ptr, cols, n, fn);
    panos_buf_dispose(&b);
    return PANOS_OK;
}

/* DHCP server leases: the XML form result/interface[@name]/entry{ip, mac, hostname, state,
 * leasetime} (third-party lease scripts), or the CLI's table of 'show dhcp server lease' as
 * text (one client of the API reads it so; columns of a public PA-460 CLI capture, 2023). */
static panos_code leases(struct inv *v)
{
    static const char *const cols[] = {"ip", "mac", "hostname", "state", "duration", "lease_time"};
    panos_response *r = NULL;
    panos_code code =
        op(&r, v,
           "<show><dhcp><server><lease><interface>all</interface></lease></server></dhcp>"
           "</show>");
    if (code != PANOS_OK)
        return code;
    const panos_node *res = panos_response_result(r);
    if (res != NULL && panos_node_first(res) == NULL)
        code = text_table(v, res, cols, 6, lease_row);
    for (const panos_node *i = res ? panos_node_child(res, "interface") : NULL; i;
         i = panos_node_next_named(i, "interface")) {
        const char *ifn = panos_node_attr(i, "name");
        for (const panos_node *e = panos_node_child(i, "entry"); e;
             e = panos_node_next_named(e, "entry")) {
            char ip[64], mac[32], host[128], state[32], until[64];
            lease_fact(v, child_text(e, "ip", ip, sizeof(ip)),
                       child_text(e, "mac", mac, sizeof(mac)),
                       child_text(e, "hostname", host, sizeof(host)),
                       child_text(e, "state", state, sizeof(state)), ifn ? ifn : "",
                       child_text(e, "leasetime", until, sizeof(until)));
        }
    }
    panos_response_free(r);
    return code;
}

/* User-ID: the structured form entry{ip, vsys, type, user, ...} of show user ip-user-mapping
 * all (newer PAN-OS), or the CLI's text table PAN-OS 8.x/9.x send inside <result> (IP, Vsys,
 * From, User, IdleTimeout(s), MaxTimeout(s): PAN-OS XML API Lab, "IP User Mapping"). */
static panos_code users(struct inv *v)
{
    static const char *const cols[] = {"IP", "Vsys", "From", "User", "IdleTimeout(s)"};
    if (v->ip4[0] == '\0' && v->ip6[0] == '\0')
        return PANOS_OK;
    panos_response *r = NULL;
    panos_code code =
        op(&r, v, "<show><user><ip-user-mapping><all/></ip-user-mapping></user></show>");
    if (code != PANOS_OK)
        return code;
    const panos_node *res = panos_response_result(r);
    if (res != NULL && panos_node_first(res) == NULL)
        code = text_table(v, res, cols, 5, user_row);
    for (const panos_node *e = res ? panos_node_child(res, "entry") : NULL; e;
         e = panos_node_next_named(e, "entry")) {
        char ip[64], user[256], type[32], vsys[32];
        user_fact(v, child_text(e, "ip", ip, sizeof(ip)), child_text(e, "user", user, 256),
                  child_text(e, "type", type, sizeof(type)), child_text(e, "vsys", vsys, 32));
    }
    panos_response_free(r);
    return code;
}

panos_code inv_assets(struct inv *v)
{
    panos_code code;
    /* An IPv6 address finds its MAC among the neighbours, then the MAC its IPv4 in ARP;
     * anything else the other way round. */
    static const char arp[] = "<show><arp><entry name='all'/></arp></show>";
    static const char nb[] = "<show><neighbor><interface><entry name='all'/></interface>"
                             "</neighbor></show>";
    int v6first = v->kind == INV_IPV6;
    if ((code = neighbours(v, v6first ? nb : arp, v6first ? "ipv6-neighbour" : "arp", v6first)) !=
            PANOS_OK ||
        (code = neighbours(v, v6first ? arp : nb, v6first ? "arp" : "ipv6-neighbour", !v6first)) !=
            PANOS_OK)
        return code;
    if ((code = leases(v)) != PANOS_OK || (code = users(v)) != PANOS_OK)
        return code;
    return PANOS_OK;
}
