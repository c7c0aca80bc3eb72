/* SPDX-License-Identifier: MIT */
/* col_dataplane.c -- show running resource-monitor minute last 1: per data processor and core. */
#include <stdio.h>
#include <string.h>
#include "collect.h"

/* The newest sample of a comma-separated history ("7,7,6": newest first). */
static int newest(const panos_node *entry, double *v)
{
    char buf[512];
    if (exp_text(entry, "value", buf, sizeof(buf)) != 0)
        return -1;
    buf[strcspn(buf, ",")] = '\0';
    return exp_number(buf, v);
}

static void put_cores(struct exp_metrics *out, const panos_node *list, const char *family,
                      const char *dp)
{
    char core[32];
    double v;
    for (const panos_node *e = panos_node_child(list, "entry"); e;
         e = panos_node_next_named(e, "entry"))
        if (exp_text(e, "coreid", core, sizeof(core)) == 0 && newest(e, &v) == 0)
            exp_metric_add(out, family, v / 100, "dp", dp, "core", core, NULL);
}

/* "packet descriptor (on-chip)" -> "packet_descriptor_on_chip". */
static void resource_label(char *dst, size_t len, const char *name)
{
    size_t j = 0;
    int sep = 0;
    for (const char *p = name; *p && j + 1 < len; p++) {
        char ch = *p;
        int alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (ch >= 'A' && ch <= 'Z') {
            ch = (char)(ch - 'A' + 'a');
            alnum = 1;
        }
        if (alnum) {
            if (sep && j > 0)
                dst[j++] = '_';
            if (j + 1 < len)
                dst[j++] = ch;
            sep = 0;
        } else {
            sep = 1;
        }
    }
    dst[j] = '\0';
}

static void put_resources(struct exp_metrics *out, const panos_node *list, const char *dp)
{
    char name[96], label[96];
    double v;
    for (const panos_node *e = panos_node_child(list, "entry"); e;
         e = panos_node_next_named(e, "entry")) {
        if (exp_text(e, "name", name, sizeof(name)) != 0 || newest(e, &v) != 0)
            continue;
        resource_label(label, sizeof(label), name);
        exp_metric_add(out, "panos_dataplane_resource_utilization_ratio", v / 100, "dp", dp,
                       "resource", label, NULL);
    }
}

/* Every child of data-processors (dp0, dp1, s1dp0 ...: jenningsloy318/panos_exporter #16,
 * senses0/palo-alto-grafana-monitoring PR #2), whichever period it holds. */
int exp_parse_dataplane(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    const panos_node *rm = panos_node_child(r, "resource-monitor");
    const panos_node *dps = rm ? panos_node_child(rm, "data-processors") : NULL;
    if (dps == NULL)
        return -1;
    for (const panos_node *dp = panos_node_first(dps); dp; dp = panos_node_next(dp)) {
        const char *name = panos_node_name(dp);
        for (const panos_node *per = panos_node_first(dp); per; per = panos_node_next(per)) {
            put_cores(out, panos_node_child(per, "cpu-load-average"), "panos_dataplane_cpu_ratio",
                      name);
            put_cores(out, panos_node_child(per, "cpu-load-maximum"),
                      "panos_dataplane_cpu_max_ratio", name);
            put_resources(out, panos_node_child(per, "resource-utilization"), name);
        }
    }
    return 0;
}

/* show session info: flat counters in <result>. */
int exp_parse_sessions(struct exp_metrics *out, const panos_node *r, struct exp_parse_ctx *c)
{
    (void)c;
    static const struct {
        const char *el, *proto;
    } protos[] = {
        {"num-tcp", "tcp"}, {"num-udp", "udp"}, {"num-icmp", "icmp"}, {"num-sctp-assoc", "sctp"}};
    double v;
    if (exp_child_number(r, "num-active", &v) != 0)
        return -1;
    exp_metric_add(out, "panos_sessions_active", v, NULL);
    if (exp_child_number(r, "num-max", &v) == 0)
        exp_metric_add(out, "panos_sessions_max", v, NULL);
    for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
        if (exp_child_number(r, protos[i].el, &v) == 0)
            exp_metric_add(out, "panos_sessions_active_by_protocol", v, "protocol", protos[i].proto,
                           NULL);
    if (exp_child_number(r, "kbps", &v) == 0)
        exp_metric_add(out, "panos_throughput_bytes_per_second", v * 1000 / 8, NULL); /* kbps */
    if (exp_child_number(r, "pps", &v) == 0)
        exp_metric_add(out, "panos_packets_per_second", v, NULL);
    if (exp_child_number(r, "cps", &v) == 0)
        exp_metric_add(out, "panos_connections_per_second", v, NULL);
    return 0;
}
