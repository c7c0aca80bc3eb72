/* SPDX-License-Identifier: MIT */
/* col_vpn.c -- GlobalProtect gateways, IPsec tunnels and SAs, BGP peers (legacy and ARE). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "collect.h"

/* show global-protect-gateway statistics: Gateway{name, CurrentUsers}, TotalCurrentUsers. */
int exp_parse_gp(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    char name[128];
    double v, sum = 0;
    int any = 0;
    for (const panos_node *g = panos_node_child(r, "Gateway"); g;
         g = panos_node_next_named(g, "Gateway")) {
        if (exp_text(g, "name", name, sizeof(name)) != 0 ||
            exp_child_number(g, "CurrentUsers", &v) != 0)
            continue;
        exp_metric_add(out, "panos_globalprotect_gateway_users", v, "gateway", name, NULL);
        sum += v;
        any = 1;
    }
    if (exp_child_number(r, "TotalCurrentUsers", &v) == 0)
        sum = v;
    else if (!any && panos_node_first(r) != NULL)
        return -1;
    exp_metric_add(out, "panos_globalprotect_users", sum, NULL);
    return 0;
}

/* show vpn flow: IPSec/entry{name, state: active|init|inactive}; includes tunnels that are
 * down, which ipsec-sa omits. */
int exp_parse_vpn_flow(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    const panos_node *ipsec = panos_node_child(r, "IPSec");
    char name[128], state[32];
    if (ipsec == NULL)
        return panos_node_child(r, "total") || panos_node_first(r) == NULL ? 0 : -1;
    for (const panos_node *e = panos_node_child(ipsec, "entry"); e;
         e = panos_node_next_named(e, "entry"))
        if (exp_text(e, "name", name, sizeof(name)) == 0 && name[0] &&
            exp_text(e, "state", state, sizeof(state)) == 0)
            exp_metric_add(out, "panos_ipsec_tunnel_up", strcasecmp(state, "active") == 0, "tunnel",
                           name, NULL);
    return 0;
}

/* show vpn ipsec-sa: ntun, entries/entry. */
int exp_parse_ipsec_sa(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    double v;
    if (exp_child_number(r, "ntun", &v) != 0) {
        const panos_node *es = panos_node_child(r, "entries");
        v = 0;
        for (const panos_node *e = es ? panos_node_child(es, "entry") : NULL; e;
             e = panos_node_next_named(e, "entry"))
            v++;
        if (es == NULL && panos_node_first(r) != NULL)
            return -1;
    }
    exp_metric_add(out, "panos_ipsec_sa_active", v, NULL);
    return 0;
}

/* show vpn ike-sa: one entry per IKE gateway with a phase-1 SA. The element names are
 * unverified (no public capture of the XML answer); the gateway is read from <name>, as the
 * CLI's "Gateway Name" column, or <gateway>. A gateway without an SA has no entry. */
int exp_parse_ike_sa(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    char gw[128];
    double n = 0;
    const panos_node *e = panos_node_child(r, "entry");
    if (e == NULL && panos_node_first(r) != NULL)
        return -1;
    for (; e; e = panos_node_next_named(e, "entry")) {
        n++;
        if ((exp_text(e, "name", gw, sizeof(gw)) == 0 && gw[0]) ||
            (exp_text(e, "gateway", gw, sizeof(gw)) == 0 && gw[0]))
            exp_metric_add(out, "panos_ike_gateway_up", 1, "gateway", gw, NULL);
    }
    exp_metric_add(out, "panos_ike_sa_active", n, NULL);
    return 0;
}

static const char *const bgp_states[] = {"Idle",        "Connect",     "Active", "OpenSent",
                                         "OpenConfirm", "Established", NULL};

static const char *bgp_state(const char *s)
{
    for (size_t i = 0; bgp_states[i]; i++)
        if (strcasecmp(s, bgp_states[i]) == 0)
            return bgp_states[i];
    return NULL;
}

static void put_peer(struct exp_metrics *out, const char *vr, const char *peer, const char *st,
                     double uptime, int have_uptime)
{
    const char *known = bgp_state(st);
    for (size_t i = 0; bgp_states[i]; i++)
        exp_metric_add(out, "panos_bgp_peer_state", known == bgp_states[i], "vr", vr, "peer", peer,
                       "state", bgp_states[i], NULL);
    if (have_uptime)
        exp_metric_add(out, "panos_bgp_peer_uptime_seconds", uptime, "vr", vr, "peer", peer, NULL);
}

/* Legacy routing: entry[@peer,@vr]{status, status-duration}. */
int exp_parse_bgp_legacy(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    char st[32];
    double up;
    for (const panos_node *e = panos_node_child(r, "entry"); e;
         e = panos_node_next_named(e, "entry")) {
        const char *peer = panos_node_attr(e, "peer"), *vr = panos_node_attr(e, "vr");
        if (peer == NULL || exp_text(e, "status", st, sizeof(st)) != 0)
            continue;
        int have = exp_child_number(e, "status-duration", &up) == 0;
        put_peer(out, vr ? vr : "", peer, st, up, have);
    }
    return 0;
}

/* Advanced routing engine (11.x): entry{peer-name | peer, logical-router, state,
 * status-time}; field names vary by release, so both spellings are read. */
int exp_parse_bgp_are(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    char peer[128], vr[128], st[32];
    double up;
    for (const panos_node *e = panos_node_child(r, "entry"); e;
         e = panos_node_next_named(e, "entry")) {
        if (exp_text(e, "peer-name", peer, sizeof(peer)) != 0 &&
            exp_text(e, "peer", peer, sizeof(peer)) != 0)
            continue;
        if (exp_text(e, "logical-router", vr, sizeof(vr)) != 0)
            exp_text(e, "vr", vr, sizeof(vr));
        if (exp_text(e, "state", st, sizeof(st)) != 0 && exp_text(e, "status", st, sizeof(st)) != 0)
            continue;
        int have = exp_child_number(e, "status-time", &up) == 0 ||
                   exp_child_number(e, "status-duration", &up) == 0;
        put_peer(out, vr, peer, st, up, have);
    }
    return 0;
}
