/* SPDX-License-Identifier: MIT */
/* col_routes.c -- show routing route: how many routes each virtual router has, by route type. */
#include <stdio.h>
#include <string.h>
#include "collect.h"

/* Distinct (virtual router, type) pairs counted; more are dropped (a firewall has a handful). */
#define MAX_PAIRS 128

struct route_count {
    char vr[64];
    const char *type;
    double n;
};

/* The route type of a flags column ("A S   ", "A Oi", "A B E"): the first flag that names a
 * source, as the answer's <flags> legend defines them; A (active), ? (loose), E (ecmp) and
 * M (multicast) describe the route, not where it came from. */
static const char *route_type(const char *flags)
{
    static const struct {
        const char *flag, *type;
    } types[] = {{"S", "static"}, {"C", "connected"}, {"H", "host"},    {"R", "rip"},
                 {"O", "ospf"},   {"Oi", "ospf"},     {"Oo", "ospf"},   {"O1", "ospf"},
                 {"O2", "ospf"},  {"B", "bgp"},       {"~", "internal"}};
    char tok[8];
    for (const char *p = flags; *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        snprintf(tok, sizeof(tok), "%.*s", (int)(n < sizeof(tok) ? n : sizeof(tok) - 1), p);
        for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
            if (strcmp(tok, types[i].flag) == 0)
                return types[i].type;
        p += n;
    }
    return "other";
}

static void count(struct route_count *c, size_t *n, const char *vr, const char *type)
{
    for (size_t i = 0; i < *n; i++)
        if (c[i].type == type && strcmp(c[i].vr, vr) == 0) {
            c[i].n++;
            return;
        }
    if (*n == MAX_PAIRS)
        return;
    snprintf(c[*n].vr, sizeof(c[*n].vr), "%s", vr);
    c[*n].type = type;
    c[(*n)++].n = 1;
}

/* Legacy routing engine: <flags> legend, then entry{virtual-router, destination, nexthop,
 * metric, flags, age, interface, route-table}; one sample per (vr, type), never per route. */
int exp_parse_routes(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    struct route_count counts[MAX_PAIRS];
    size_t n = 0;
    char vr[64], flags[32];
    if (panos_node_child(r, "flags") == NULL && panos_node_child(r, "entry") == NULL)
        return -1;
    for (const panos_node *e = panos_node_child(r, "entry"); e;
         e = panos_node_next_named(e, "entry")) {
        if (exp_text(e, "virtual-router", vr, sizeof(vr)) != 0 ||
            exp_text(e, "flags", flags, sizeof(flags)) != 0)
            continue;
        count(counts, &n, vr, route_type(flags));
    }
    for (size_t i = 0; i < n; i++)
        exp_metric_add(out, "panos_route_table_routes", counts[i].n, "vr", counts[i].vr, "type",
                       counts[i].type, NULL);
    return 0;
}
