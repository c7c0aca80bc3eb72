/* SPDX-License-Identifier: MIT */
/* col_interfaces.c -- show interface all (link, speed) and show counter interface all. */
#include <stdio.h>
#include <string.h>
#include "collect.h"

/* Each entry of @p list with a name, at most ctx->max_interfaces; the omitted are counted in
 * panos_entities. Entries with an empty name are skipped (PA-5450 10.1 returns them:
 * jenningsloy318/panos_exporter #15, PR #33). */
typedef void (*entry_fn)(struct exp_metrics *out, const panos_node *e, const char *name);

static void each_entry(struct exp_metrics *out, const panos_node *list, const char *family,
                       size_t cap, entry_fn fn)
{
    size_t seen = 0, kept = 0;
    char name[128];
    for (const panos_node *e = list ? panos_node_child(list, "entry") : NULL; e;
         e = panos_node_next_named(e, "entry")) {
        if (exp_text(e, "name", name, sizeof(name)) != 0 || name[0] == '\0')
            continue;
        seen++;
        if (kept >= cap)
            continue;
        kept++;
        fn(out, e, name);
    }
    exp_metric_add(out, "panos_entities", (double)seen, "family", family, "state", "discovered",
                   NULL);
    exp_metric_add(out, "panos_entities", (double)kept, "family", family, "state", "monitored",
                   NULL);
    exp_metric_add(out, "panos_entities", (double)(seen - kept), "family", family, "state",
                   "omitted_by_limit", NULL);
}

static void hw_entry(struct exp_metrics *out, const panos_node *e, const char *name)
{
    char state[32], speed[32];
    double v;
    if (exp_text(e, "state", state, sizeof(state)) == 0)
        exp_metric_add(out, "panos_interface_up", exp_bool(state) == 1, "interface", name, NULL);
    /* Mb/s, or "auto"/"ukn" when not negotiated: no sample then. */
    if (exp_text(e, "speed", speed, sizeof(speed)) == 0 && exp_number(speed, &v) == 0)
        exp_metric_add(out, "panos_interface_speed_bytes_per_second", v * 1e6 / 8, "interface",
                       name, NULL);
}

int exp_parse_interfaces(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    const panos_node *hw = panos_node_child(r, "hw");
    if (hw == NULL && panos_node_child(r, "ifnet") == NULL)
        return -1;
    each_entry(out, hw, "interface", c->max_interfaces, hw_entry);
    return 0;
}

static void counter_entry(struct exp_metrics *out, const panos_node *e, const char *name)
{
    static const struct {
        const char *el, *family;
    } fields[] = {{"ibytes", "panos_interface_receive_bytes_total"},
                  {"obytes", "panos_interface_transmit_bytes_total"},
                  {"ipackets", "panos_interface_receive_packets_total"},
                  {"opackets", "panos_interface_transmit_packets_total"},
                  {"ierrors", "panos_interface_receive_errors_total"},
                  {"idrops", "panos_interface_receive_drops_total"}};
    double v;
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (exp_child_number(e, fields[i].el, &v) == 0)
            exp_metric_add(out, fields[i].family, v, "interface", name, NULL);
}

/* show counter interface all: <ifnet><ifnet><entry> (logical) and <hw><entry> (ports); the
 * hardware counters are used, and the logical ones for names that have no port. */
int exp_parse_if_counters(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    const panos_node *hw = panos_node_child(r, "hw");
    const panos_node *ifnet = panos_node_child(r, "ifnet");
    if (ifnet && panos_node_child(ifnet, "ifnet"))
        ifnet = panos_node_child(ifnet, "ifnet");
    if (hw == NULL && ifnet == NULL)
        return -1;
    /* The first added series wins at render time: hardware first, then logical. */
    struct exp_metrics tmp = {0};
    each_entry(&tmp, hw, "interface_counters_hw", c->max_interfaces, counter_entry);
    each_entry(&tmp, ifnet, "interface_counters", c->max_interfaces, counter_entry);
    int rc = exp_metrics_append(out, &tmp);
    if (tmp.failed)
        out->failed = 1; /* samples lost to memory: not a partial answer */
    exp_metrics_clear(&tmp);
    return rc;
}
