/* SPDX-License-Identifier: MIT */
/* col_ha.c -- show high-availability state (enabled, local and peer state, sync, links) and
 * show high-availability all (link monitoring). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "collect.h"

static const char *const ha_states[] = {
    "active",         "passive",   "active-primary", "active-secondary", "tentative",
    "non-functional", "suspended", "initial",        "unknown",          NULL};

/* The state as one of ha_states (lower case), "unknown" for anything else. */
static const char *known_state(const char *s)
{
    for (size_t i = 0; ha_states[i]; i++)
        if (strcasecmp(s, ha_states[i]) == 0)
            return ha_states[i];
    return "unknown";
}

static void put_links(struct exp_metrics *out, const panos_node *peer)
{
    static const struct {
        const char *el, *link;
    } links[] = {{"conn-ha1", "ha1"},
                 {"conn-ha1-backup", "ha1-backup"},
                 {"conn-ha2", "ha2"},
                 {"conn-ha2-backup", "ha2-backup"},
                 {"conn-ha3", "ha3"}};
    char st[32];
    for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
        const panos_node *l = panos_node_child(peer, links[i].el);
        if (l && exp_text(l, "conn-status", st, sizeof(st)) == 0)
            exp_metric_add(out, "panos_ha_link_up", exp_bool(st) == 1, "link", links[i].link, NULL);
    }
}

/* enabled is the string yes/no (check_paloalto_ng treated "no" as true). */
int exp_parse_ha(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    char buf[64];
    if (exp_text(r, "enabled", buf, sizeof(buf)) != 0)
        return -1;
    int on = exp_bool(buf) == 1;
    exp_metric_add(out, "panos_ha_enabled", on, NULL);
    const panos_node *g = panos_node_child(r, "group");
    if (!on || g == NULL)
        return 0;
    const panos_node *local = panos_node_child(g, "local-info");
    const panos_node *peer = panos_node_child(g, "peer-info");
    if (local && exp_text(local, "state", buf, sizeof(buf)) == 0)
        exp_metric_stateset(out, "panos_ha_local_state", "state", ha_states, known_state(buf));
    if (peer && exp_text(peer, "state", buf, sizeof(buf)) == 0)
        exp_metric_stateset(out, "panos_ha_peer_state", "state", ha_states, known_state(buf));
    if (peer && exp_text(peer, "conn-status", buf, sizeof(buf)) == 0)
        exp_metric_add(out, "panos_ha_peer_connected", exp_bool(buf) == 1, NULL);
    if (exp_text(g, "running-sync", buf, sizeof(buf)) == 0)
        exp_metric_add(out, "panos_ha_config_synchronized", strcasecmp(buf, "synchronized") == 0,
                       NULL);
    if (peer)
        put_links(out, peer);
    return 0;
}

/* link-monitoring/groups/entry{name, interface/entry{name, status}}: one sample per monitored
 * interface of each group. */
static void put_link_monitoring(struct exp_metrics *out, const panos_node *lm)
{
    const panos_node *gs = lm ? panos_node_child(lm, "groups") : NULL;
    char group[128], ifname[64], st[32];
    for (const panos_node *g = gs ? panos_node_child(gs, "entry") : NULL; g;
         g = panos_node_next_named(g, "entry")) {
        if (exp_text(g, "name", group, sizeof(group)) != 0)
            continue;
        const panos_node *ifs = panos_node_child(g, "interface");
        for (const panos_node *i = ifs ? panos_node_child(ifs, "entry") : NULL; i;
             i = panos_node_next_named(i, "entry"))
            if (exp_text(i, "name", ifname, sizeof(ifname)) == 0 &&
                exp_text(i, "status", st, sizeof(st)) == 0)
                exp_metric_add(out, "panos_ha_link_monitoring_interface_up", exp_bool(st) == 1,
                               "group", group, "interface", ifname, NULL);
    }
}

/* show high-availability all (slow tier): the links peer-info names (HA2 and the backups,
 * which the state answer may omit) and the interfaces link monitoring watches. Nothing when
 * HA is off. */
int exp_parse_ha_all(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    char buf[16];
    if (exp_text(r, "enabled", buf, sizeof(buf)) != 0)
        return -1;
    const panos_node *g = panos_node_child(r, "group");
    if (exp_bool(buf) != 1 || g == NULL)
        return 0;
    const panos_node *peer = panos_node_child(g, "peer-info");
    if (peer)
        put_links(out, peer);
    put_link_monitoring(out, panos_node_child(g, "link-monitoring"));
    return 0;
}
