/* SPDX-License-Identifier: MIT */
/* simop_sessions.c -- op answers about the session table: show session info and all. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simop.h"

/* Session counts: a pure function of the seed and the clock (they move every ten seconds, so two
 * polls a little apart differ), shared by show session info. */
struct sessions {
    unsigned long long tcp, udp, icmp, cps, pps, kbps;
};

static struct sessions sessions_of(const struct sim_state *st, long long now)
{
    struct sessions s;
    uint64_t slot = (uint64_t)(now / 10);
    s.tcp = 200 + sim_world_mix(st->seed, 300) % 1800 + sim_world_mix(st->seed, slot * 8) % 100;
    s.udp = 80 + sim_world_mix(st->seed, 301) % 900 + sim_world_mix(st->seed, slot * 8 + 1) % 50;
    s.icmp = sim_world_mix(st->seed, 302) % 20;
    s.cps = 5 + sim_world_mix(st->seed, 303) % 60 + sim_world_mix(st->seed, slot * 8 + 2) % 10;
    s.pps = 300 + sim_world_mix(st->seed, 304) % 4000 + sim_world_mix(st->seed, slot * 8 + 3) % 500;
    s.kbps =
        1000 + sim_world_mix(st->seed, 305) % 30000 + sim_world_mix(st->seed, slot * 8 + 4) % 4000;
    return s;
}

/*
 * show session info. 7.x (irom77/go-public pan2influx capture) had 40 fields in a hashed
 * order; 10.x and 11.x send 65, in name order with <dp> last, as in the pan-os-upgrade-assurance
 * fixture tests/test_firewall_proxy.py (test_get_session_stats): the SCTP (dis-sctp, tmo-sctp*,
 * num-sctp-*), GTP and 5G (num-gtp*, num-imsi, num-pfcpc, num-http2-5gc, tmo-5gcdelete),
 * offload (hw-udp-offload, tunnel-accel, sw-cutthrough) and TCP option fields. Booleans are
 * True/False. Offload is False on a VM, which has no offload engine.
 */
static enum sim_opstatus op_session_info(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    long long now = op->now;
    struct sessions s = sessions_of(st, now);
    unsigned long long active = s.tcp + s.udp + s.icmp;
    unsigned long long installed = active + s.cps * (unsigned long long)sim_op_uptime(st, now);
    const char *hw = sim_op_is_vm(st) ? "False" : "True";
    sim_op_put_el(f, "age-accel-en", "True");
    sim_op_put_el(f, "age-accel-thresh", "80");
    sim_op_put_el(f, "age-accel-tsf", "2");
    sim_op_put_el(f, "age-scan-ssf", "8");
    sim_op_put_el(f, "age-scan-thresh", "80");
    sim_op_put_el(f, "age-scan-tmo", "10");
    sim_op_put_ull(f, "cps", s.cps);
    sim_op_put_el(f, "dis-def", "60");
    sim_op_put_el(f, "dis-sctp", "30");
    sim_op_put_el(f, "dis-tcp", "90");
    sim_op_put_el(f, "dis-udp", "60");
    sim_op_put_el(f, "hw-offload", hw);
    sim_op_put_el(f, "hw-udp-offload", hw);
    sim_op_put_el(f, "icmp-unreachable-rate", "200");
    sim_op_put_el(f, "ipv6-fw", "True");
    sim_op_put_ull(f, "kbps", s.kbps);
    sim_op_put_el(f, "max-pending-mcast", "0");
    sim_op_put_ull(f, "num-active", active);
    sim_op_put_el(f, "num-bcast", "0");
    sim_op_put_el(f, "num-gtpc", "0");
    sim_op_put_el(f, "num-gtpu-active", "0");
    sim_op_put_el(f, "num-gtpu-pending", "0");
    sim_op_put_el(f, "num-http2-5gc", "0");
    sim_op_put_ull(f, "num-icmp", s.icmp);
    sim_op_put_el(f, "num-imsi", "0");
    sim_op_put_ull(f, "num-installed", installed);
    sim_op_put_ull(f, "num-max", sim_op_model_of(st)->num_max);
    sim_op_put_el(f, "num-mcast", "0");
    sim_op_put_el(f, "num-pfcpc", "0");
    sim_op_put_el(f, "num-predict", "0");
    sim_op_put_el(f, "num-sctp-assoc", "0");
    sim_op_put_el(f, "num-sctp-sess", "0");
    sim_op_put_ull(f, "num-tcp", s.tcp);
    sim_op_put_ull(f, "num-udp", s.udp);
    sim_op_put_el(f, "oor-action", "drop");
    sim_op_put_ull(f, "pps", s.pps);
    sim_op_put_el(f, "run-tc", "True");
    sim_op_put_el(f, "strict-checksum", "True");
    sim_op_put_el(f, "sw-cutthrough", "False");
    sim_op_put_el(f, "tcp-cong-ctrl", "3");
    sim_op_put_el(f, "tcp-diff-syn-rej", "True");
    sim_op_put_el(f, "tcp-no-refresh-fin-rst", "False");
    sim_op_put_el(f, "tcp-nonsyn-rej", "True");
    sim_op_put_el(f, "tcp-reject-siw-enable", "False");
    sim_op_put_el(f, "tcp-reject-siw-thresh", "4");
    sim_op_put_el(f, "tcp-strict-rst", "True");
    sim_op_put_el(f, "tmo-5gcdelete", "15");
    sim_op_put_el(f, "tmo-cp", "30");
    sim_op_put_el(f, "tmo-def", "30");
    sim_op_put_el(f, "tmo-icmp", "6");
    sim_op_put_el(f, "tmo-sctp", "3600");
    sim_op_put_el(f, "tmo-sctpcookie", "60");
    sim_op_put_el(f, "tmo-sctpinit", "5");
    sim_op_put_el(f, "tmo-sctpshutdown", "60");
    sim_op_put_el(f, "tmo-tcp", "3600");
    sim_op_put_el(f, "tmo-tcp-delayed-ack", "25");
    sim_op_put_el(f, "tmo-tcp-unverif-rst", "30");
    sim_op_put_el(f, "tmo-tcphalfclosed", "120");
    sim_op_put_el(f, "tmo-tcphandshake", "10");
    sim_op_put_el(f, "tmo-tcpinit", "5");
    sim_op_put_el(f, "tmo-tcptimewait", "15");
    sim_op_put_el(f, "tmo-udp", "30");
    sim_op_put_el(f, "tunnel-accel", hw);
    sim_op_put_el(f, "vardata-rate", "10485760");
    sim_op_put_el(f, "dp", "*.dp0");
    return SIM_OP_OK;
}

/*
 * show session all: the trust hosts of the ARP table (ethernet1/2) talking out through
 * ethernet1/1, source-NATed to its address. Element names and order are PAN-OS's as in
 * pan-os-upgrade-assurance tests/test_firewall_proxy.py (test_get_sessions); "NS" flags with
 * srcnat as in the NAT-ed entry quoted in a pan-configurator (PHP) session script. The listed
 * sessions are a sample of the num-active that show session info counts (tcp >= 200, udp >= 80).
 */
static enum sim_opstatus op_session_all(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    long long now = op->now;
    const struct sim_world_app *apps = sim_world_apps; /* the first three: ssl, web, dns */
    struct sim_world_lan a = sim_world_lan_of(st->seed);
    unsigned n = 8 + (unsigned)(sim_world_mix(st->seed, 1100) % 8); /* 8..15 */
    unsigned long long idx = 1000 + sim_world_mix(st->seed, 1101) % 50000;
    for (unsigned i = 0; i < n; i++) {
        uint64_t r = sim_world_mix(st->seed, 1200 + i);
        unsigned k = (unsigned)(r % 3);
        unsigned host = sim_world_lan_host(&a, (unsigned)((r >> 4) % a.n));
        char src[16], dst[16];
        snprintf(src, sizeof(src), SIM_WORLD_LAN_NET "%u", host);
        if ((r >> 12) & 1)
            snprintf(dst, sizeof(dst), "198.51.100.%u", 20 + (unsigned)((r >> 16) % 200));
        else
            snprintf(dst, sizeof(dst), "203.0.113.%u", 10 + (unsigned)((r >> 16) % 240));
        unsigned sport = 49152 + (unsigned)((r >> 24) % 16384);
        unsigned xsport = 1024 + (unsigned)((r >> 40) % 64000);
        unsigned long long bytes = k == 2 ? 120 + (r >> 20) % 400 : 500 + (r >> 20) % 900000;
        long long start = now - (long long)(1 + (r >> 50) % 900);
        if (start < st->boot_time)
            start = st->boot_time;
        idx += 1 + sim_world_mix(st->seed, 1300 + i) % 400;
        uint32_t sip = 0, dip = 0;
        sim_world_ip_parse(src, &sip);
        sim_world_ip_parse(dst, &dip);
        int rule = sim_world_rule_for("trust", "untrust", sip, dip, apps[k].name,
                                      apps[k].protonum, apps[k].port);
        fputs("<entry>", f);
        sim_op_put_el(f, "dst", dst);
        sim_op_put_el(f, "xsource", SIM_WORLD_NAT_IP);
        sim_op_put_el(f, "source", src);
        sim_op_put_el(f, "xdst", dst);
        fprintf(f, "<xsport>%u</xsport><xdport>%u</xdport>", xsport, apps[k].port);
        fprintf(f, "<sport>%u</sport><dport>%u</dport>", sport, apps[k].port);
        fprintf(f, "<proto>%d</proto><from>trust</from><to>untrust</to><start-time>",
                apps[k].protonum);
        sim_op_put_asctime(f, start);
        fputs("</start-time><nat>True</nat><srcnat>True</srcnat><dstnat>False</dstnat>"
              "<proxy>False</proxy><decrypt-mirror>False</decrypt-mirror><state>ACTIVE</state>"
              "<type>FLOW</type>",
              f);
        sim_op_put_ull(f, "total-byte-count", bytes);
        sim_op_put_ull(f, "idx", idx);
        fputs("<vsys-idx>1</vsys-idx><vsys>vsys1</vsys>", f);
        sim_op_put_el(f, "application", apps[k].name);
        /* The rule the policy picks for the flow: sessions only exist for allowed flows. */
        sim_op_put_el(f, "security-rule", rule >= 0 ? sim_world_rules[rule].name : "");
        fputs("<ingress>" SIM_WORLD_LAN_IF "</ingress><egress>" SIM_WORLD_WAN_IF "</egress>"
              "<flags>NS</flags></entry>",
              f);
    }
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_sessions_cmds[] = {
    {"show session info", SIM_OPARG_NONE, op_session_info},
    {"show session all", SIM_OPARG_NONE, op_session_all},
    {NULL, SIM_OPARG_NONE, NULL},
};
