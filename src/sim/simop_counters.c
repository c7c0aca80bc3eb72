/* SPDX-License-Identifier: MIT */
/* simop_counters.c -- op answers about the dataplane: global counters and the resource monitor. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simop.h"

/*
 * A sample of the global counters a 10.x dataplane lists (a real one lists some hundreds).
 * Names, categories, aspects, severities and descriptions are PAN-OS's: pkt_recv from the
 * demisto/content fixture test_data/show_counter_global.xml, the others as the "show counter
 * global" CLI prints them. @p per_s is the counter's mean rate per second; values grow with the
 * uptime so two reads are consistent (a counter never goes down).
 */
static const struct counter {
    const char *category, *name, *aspect, *desc, *severity;
    unsigned id;
    unsigned per_s; /* 0: a counter that stays small (a few per hour) */
} counters[] = {
    {"packet", "pkt_recv", "pktproc", "Packets received", "info", 17, 900},
    {"packet", "pkt_sent", "pktproc", "Packets transmitted", "info", 18, 880},
    {"packet", "pkt_stp_rcv", "pktproc", "STP BPDU packets received", "info", 19, 1},
    {"session", "session_allocated", "resource", "Sessions allocated", "info", 1129, 20},
    {"session", "session_freed", "resource", "Sessions freed", "info", 1130, 20},
    {"session", "session_installed", "resource", "Sessions installed", "info", 1131, 20},
    {"flow", "flow_rcv_dot1q_tag_err", "parse", "Packets dropped: 802.1q tag not configured",
     "drop", 5, 0},
    {"flow", "flow_policy_deny", "session", "Session setup: denied by policy", "drop", 253, 2},
    {"flow", "flow_tcp_non_syn", "session", "Non-SYN TCP packets without session match", "info",
     305, 1},
    {"flow", "flow_tcp_non_syn_drop", "session",
     "Packets dropped: non-SYN TCP without session match", "drop", 306, 1},
    {"flow", "flow_fwd_l3_mcast_drop", "forward",
     "Packets dropped: no route for IP multicast", "drop", 418, 0},
    {"flow", "flow_ip6_mcast_off", "pktproc",
     "Packets received: IPv6 multicast pkts with flow off", "info", 471, 0},
    {"flow", "flow_arp_pkt_rcv", "arp", "ARP packets received", "info", 572, 3},
    {"flow", "flow_arp_pkt_xmt", "arp", "ARP packets transmitted", "info", 573, 1},
    {"flow", "flow_arp_rcv_gratuitous", "arp", "Gratuitous ARP packets received", "info", 579, 0},
    {"flow", "flow_dos_pf_ipspoof", "dos",
     "Packets dropped: Zone protection option 'spoofed-ip-discard'", "drop", 683, 0},
    {"nat", "nat_dynamic_port_xlat", "session",
     "The total number of dynamic_ip_port NAT translate called", "info", 1210, 12},
    {"nat", "nat_dynamic_port_release", "session",
     "The total number of dynamic_ip_port NAT release called", "info", 1211, 12},
    {"appid", "appid_ident_by_icmp", "pktproc", "Application identified by icmp type", "info",
     1324, 1},
    {"appid", "appid_ident_by_simple_sig", "pktproc",
     "Application identified by simple signature", "info", 1327, 8},
    {"ctd", "ctd_pkt_slowpath", "pktproc", "Packets processed by slowpath", "info", 2020, 40},
    {"log", "log_traffic_cnt", "system", "Number of traffic logs", "info", 2200, 5},
    {"log", "log_threat_cnt", "system", "Number of threat logs", "info", 2201, 0},
};

/*
 * show counter global: <global><t>...<counters><entry>{category, name, value, rate,
 * aspect, desc, id, severity}</entry>...</counters></global><dp>dp0</dp>, as the demisto/content
 * fixture test_data/show_counter_global.xml (PAN-OS 10.x). <t> is the time the rates were taken
 * over; rate is per second. The filter form (<filter><severity>drop</severity>...) is answered
 * unfiltered.
 */
static enum sim_opstatus op_counter_global(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    unsigned long long up = (unsigned long long)sim_op_uptime(st, op->now);
    fprintf(f, "<global><t>%llu</t><counters>", up % 1000 + 1);
    for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
        const struct counter *c = &counters[i];
        uint64_t r = sim_world_mix(st->seed, 4000 + i);
        unsigned long long value, rate;
        if (c->per_s > 0) {
            value = up * c->per_s + r % (c->per_s * 60ULL + 1);
            rate = c->per_s / 2 + r % (c->per_s + 1);
        } else {
            value = 1 + up / 3600 + r % 7;
            rate = 0;
        }
        fputs("<entry>", f);
        sim_op_put_el(f, "category", c->category);
        sim_op_put_el(f, "name", c->name);
        sim_op_put_ull(f, "value", value);
        sim_op_put_ull(f, "rate", rate);
        sim_op_put_el(f, "aspect", c->aspect);
        sim_op_put_el(f, "desc", c->desc);
        fprintf(f, "<id>%u</id>", c->id);
        sim_op_put_el(f, "severity", c->severity);
        fputs("</entry>", f);
    }
    fputs("</counters></global>", f);
    sim_op_put_el(f, "dp", sim_op_dp_name(st));
    return SIM_OP_OK;
}

/* One comma-separated list of @p n samples around @p base (newest first): sample i is the one
 * of period slot @p slot - i, so the list shifts by one as each period passes and two polls in
 * different periods differ. */
static void put_samples(FILE *f, const struct sim_state *st, uint64_t key, unsigned base,
                        unsigned n, long long slot)
{
    for (unsigned i = 0; i < n; i++) {
        uint64_t r = sim_world_mix(st->seed, key * 1000003ULL + (uint64_t)(slot - i));
        unsigned v = base == 0 ? 0 : base + (unsigned)(r % 5) - 2;
        fprintf(f, "%s%u", i ? "," : "", v > 100 ? 100 : v);
    }
}

static const char *const periods[] = {"second", "minute", "hour", "day", "week"};
static const unsigned samples_of[] = {60, 60, 24, 7, 13};
static const long long seconds_of[] = {1, 60, 3600, 86400, 604800};

/* One period block of dataplane @p dp: per-core load (average and maximum), tasks, resources. */
static void put_period(FILE *f, const struct sim_state *st, unsigned dp, unsigned p, unsigned n,
                       long long now)
{
    unsigned cores = sim_op_model_of(st)->dp_cores;
    long long slot = now / seconds_of[p];
    uint64_t k0 = (uint64_t)dp * 100000;
    const char *sfx = p == 0 ? "" : " (average)";
    fprintf(f, "<%s><cpu-load-average>", periods[p]);
    for (unsigned c = 0; c < cores; c++) {
        fprintf(f, "<entry><coreid>%u</coreid><value>", c);
        put_samples(f, st, k0 + 100 + p * 64 + c, c == 0 ? 0 : 3 + c % 5, n, slot);
        fputs("</value></entry>", f);
    }
    fputs("</cpu-load-average><task>", f);
    fputs("<pktlog_forwarding>0%</pktlog_forwarding><send_mac>0%</send_mac>"
          "<flow_lookup>3%</flow_lookup><flow_fastpath>4%</flow_fastpath>"
          "<flow_slowpath>3%</flow_slowpath><flow_forwarding>0%</flow_forwarding>"
          "<flow_mgmt>1%</flow_mgmt><flow_ctrl>1%</flow_ctrl><nac_result>0%</nac_result>"
          "<flow_np>0%</flow_np><dfa_result>0%</dfa_result><module_internal>0%</module_internal>"
          "<aho_result>0%</aho_result><zip_result>0%</zip_result><lwm>0%</lwm>",
          f);
    fputs("</task><cpu-load-maximum>", f);
    for (unsigned c = 0; c < cores; c++) {
        fprintf(f, "<entry><coreid>%u</coreid><value>", c);
        put_samples(f, st, k0 + 200 + p * 64 + c, c == 0 ? 0 : 6 + c % 7, n, slot);
        fputs("</value></entry>", f);
    }
    fputs("</cpu-load-maximum><resource-utilization>", f);
    static const char *const res[] = {"session", "packet buffer", "packet descriptor",
                                      "packet descriptor (on-chip)"};
    for (unsigned k = 0; k < 4; k++) {
        fprintf(f, "<entry><name>%s%s</name><value>", res[k], sfx);
        put_samples(f, st, k0 + 300 + p * 8 + k, k == 3 ? 2 : k == 0 ? 7 : 0, n, slot);
        fputs("</value></entry>", f);
        if (p != 0) { /* minute and longer periods also keep the maximum */
            fprintf(f, "<entry><name>%s (maximum)</name><value>", res[k]);
            put_samples(f, st, k0 + 400 + p * 8 + k, k == 3 ? 3 : k == 0 ? 8 : 0, n, slot);
            fputs("</value></entry>", f);
        }
    }
    fprintf(f, "</resource-utilization></%s>", periods[p]);
}

/*
 * show running resource-monitor [second|minute|hour|day|week] [last N]: per dataplane,
 * per period, per-core load averages and maxima, task shares and resource use, comma-separated
 * samples newest first (60 seconds, 60 minutes, 24 hours, 7 days, 13 weeks; last N cuts them).
 * Element names as the irom77/go-public pan2influx capture (PA-5000, 7.x) and the
 * pan-os-upgrade-assurance minute fixture; no period means every period.
 */
static enum sim_opstatus op_resource_monitor(struct sim_op *op)
{
    int want[5] = {0, 0, 0, 0, 0}, any = 0;
    long last = 0;
    for (xmlNode *c = op->el->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        unsigned p;
        for (p = 0; p < 5 && strcmp((const char *)c->name, periods[p]) != 0; p++)
            ;
        xmlNode *l = NULL;
        if (p < 5) {
            want[p] = any = 1;
            /* <second><last>5</last></second> (the CLI's nesting) */
            for (xmlNode *g = c->children; g != NULL; g = g->next)
                if (g->type == XML_ELEMENT_NODE)
                    l = g;
        } else {
            l = c;
        }
        if (l == NULL)
            continue;
        if (strcmp((const char *)l->name, "last") != 0)
            return sim_op_err_invalid(op, (const char *)l->name, 0);
        xmlChar *t = xmlNodeGetContent(l);
        char *end = NULL;
        last = t != NULL ? strtol((const char *)t, &end, 10) : 0;
        int bad = t == NULL || end == NULL || *end != '\0' || last < 1;
        xmlFree(t);
        if (bad)
            return sim_op_err_incomplete(op);
    }
    FILE *f = op->f;
    fputs("<resource-monitor><data-processors>", f);
    for (unsigned dp = 0; dp < sim_op_dp_count(op->st); dp++) {
        char name[16];
        sim_op_dp_name_at(op->st, dp, name, sizeof(name));
        fprintf(f, "<%s>", name);
        for (unsigned p = 0; p < 5; p++) {
            if (any && !want[p])
                continue;
            unsigned n = samples_of[p];
            if (last > 0 && (unsigned long)last < n)
                n = (unsigned)last;
            put_period(f, op->st, dp, p, n, op->now);
        }
        fprintf(f, "</%s>", name);
    }
    fputs("</data-processors></resource-monitor>", f);
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_counters_cmds[] = {
    {"show counter global", SIM_OPARG_KEYWORDS, op_counter_global},
    {"show running resource-monitor", SIM_OPARG_KEYWORDS, op_resource_monitor},
    {NULL, SIM_OPARG_NONE, NULL},
};
