/* SPDX-License-Identifier: MIT */
/* simop_monitor.c -- op answers monitors poll: disk space, interface counters, VPN, GlobalProtect.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "simop.h"

/* df -h's size column: "952K", "9.1G", "19G" (one decimal below 10, as coreutils rounds up). */
static void put_human(FILE *f, unsigned long long kib)
{
    static const char units[] = "KMGT";
    double v = (double)kib;
    size_t u = 0;
    if (kib == 0) {
        fprintf(f, "%5s", "0");
        return;
    }
    while (v >= 1024.0 && u + 1 < sizeof(units) - 1)
        v /= 1024.0, u++;
    char buf[16];
    if (v < 10.0)
        snprintf(buf, sizeof(buf), "%.1f%c", (double)(unsigned long long)(v * 10.0 + 0.999) / 10.0,
                 units[u]);
    else
        snprintf(buf, sizeof(buf), "%llu%c", (unsigned long long)(v + 0.999), units[u]);
    fprintf(f, "%5s", buf);
}

/* The block device of partition @p n: PA-440 boots from eMMC, PA-5450 from NVMe, the others
 * from SCSI disks (device names of the check_paloalto_ng disk fixes for mmcblk and nvme). */
static void devname(const struct sim_state *st, int n, char *buf, size_t len)
{
    const char *m = sim_op_model_of(st)->name;
    if (strcmp(m, "PA-440") == 0)
        snprintf(buf, len, "/dev/mmcblk0p%d", n);
    else if (strcmp(m, "PA-5450") == 0)
        snprintf(buf, len, "/dev/nvme0n1p%d", n);
    else
        snprintf(buf, len, "/dev/sda%d", n);
}

/*
 * show system disk-space: df -h as text in <result> (elastic/beats panw filesystem.go, the
 * sample in its comment; check_paloalto diskspace mode). Use% is used / size rounded up. The
 * root and log partitions fill with the seed (root 55-89 %, so some devices of a fleet cross an
 * 85 % threshold) and the log partition grows slowly with uptime.
 */
static enum sim_opstatus op_disk_space(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    unsigned long long up = (unsigned long long)sim_op_uptime(st, op->now);
    struct {
        int part; /* 0: not a block device */
        const char *fs, *mount;
        unsigned long long size, used; /* KiB */
    } rows[] = {
        {1, NULL, "/", 7208960, 0},
        {0, "none", "/dev", 2621440, 64},
        {5, NULL, "/opt/pancfg", 16252928, 0},
        {6, NULL, "/opt/panrepo", 8257536, 0},
        {0, "tmpfs", "/dev/shm", 2621440, 289792},
        {0, "cgroup_root", "/cgroup", 2621440, 0},
        {8, NULL, "/opt/panlogs", 22020096, 0},
    };
    rows[0].used = rows[0].size * (55 + sim_world_mix(st->seed, 400) % 35) / 100;
    rows[2].used = rows[2].size * (30 + sim_world_mix(st->seed, 401) % 30) / 100;
    rows[3].used = rows[3].size * (20 + sim_world_mix(st->seed, 402) % 40) / 100;
    rows[6].used = rows[6].size * (10 + sim_world_mix(st->seed, 403) % 40) / 100 + up / 8;
    if (rows[6].used > rows[6].size)
        rows[6].used = rows[6].size;
    fputs("Filesystem      Size  Used Avail Use% Mounted on\n", f);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        char dev[32];
        if (rows[i].part)
            devname(st, rows[i].part, dev, sizeof(dev));
        else
            snprintf(dev, sizeof(dev), "%s", rows[i].fs);
        unsigned long long pct = (rows[i].used * 100 + rows[i].size - 1) / rows[i].size;
        fprintf(f, "%-15s", dev);
        put_human(f, rows[i].size);
        fputc(' ', f);
        put_human(f, rows[i].used);
        fputc(' ', f);
        put_human(f, rows[i].size - rows[i].used);
        fprintf(f, " %3llu%% %s\n", pct, rows[i].mount);
    }
    return SIM_OP_OK;
}

/* Traffic through interface @p i since boot: bytes and packets in and out. Up interfaces carry
 * a seed-chosen rate from a seed-chosen base, so every counter grows with the clock (never
 * backwards) and two polls a second apart differ. */
struct ifcount {
    unsigned long long ibytes, obytes, ipackets, opackets, ierrors, idrops;
};

static struct ifcount ifcount_of(const struct sim_state *st, size_t i, long long now)
{
    struct ifcount c = {0};
    if (!sim_world_ifaces[i].up)
        return c;
    unsigned long long t = (unsigned long long)sim_op_uptime(st, now);
    unsigned long long rin = 20000 + sim_world_mix(st->seed, 500 + i) % 2000000;
    unsigned long long rout = 10000 + sim_world_mix(st->seed, 520 + i) % 1000000;
    unsigned long long base = sim_world_mix(st->seed, 540 + i) % 100000000;
    c.ibytes = base + rin * t;
    c.obytes = base / 2 + rout * t;
    c.ipackets = c.ibytes / 610;
    c.opackets = c.obytes / 580;
    c.ierrors = t / 86400;
    c.idrops = c.ipackets / 50000;
    return c;
}

/*
 * show counter interface all|NAME (the field list of jenningsloy318/panos_exporter and
 * jimdavis66/panos_exporter's interface counter collectors, 10.x): logical counters under
 * ifnet/ifnet/entry, port counters under hw/entry with their port block.
 */
static void put_ifnet(FILE *f, const char *name, const struct ifcount *c)
{
    fprintf(f,
            "<entry><name>%s</name><ibytes>%llu</ibytes><obytes>%llu</obytes>"
            "<ipackets>%llu</ipackets><opackets>%llu</opackets><ierrors>%llu</ierrors>"
            "<idrops>%llu</idrops><flowstate>0</flowstate><noroute>0</noroute>"
            "<noarp>0</noarp><noneigh>0</noneigh><nomac>0</nomac><zonechange>0</zonechange>"
            "<ipspoof>0</ipspoof><macspoof>0</macspoof><land>0</land><teardrop>0</teardrop>"
            "<pod>0</pod><icmp_frag>0</icmp_frag><ifwderrors>0</ifwderrors>"
            "<l2_encap>0</l2_encap><l2_decap>0</l2_decap><tcp_conn>%llu</tcp_conn>"
            "<udp_conn>%llu</udp_conn><sctp_conn>0</sctp_conn><other_conn>0</other_conn>"
            "</entry>",
            name, c->ibytes, c->obytes, c->ipackets, c->opackets, c->ierrors, c->idrops,
            c->ipackets / 40, c->ipackets / 90);
}

static void put_hw(FILE *f, const char *name, const struct ifcount *c)
{
    fprintf(f,
            "<entry><name>%s</name><ibytes>%llu</ibytes><obytes>%llu</obytes>"
            "<ipackets>%llu</ipackets><opackets>%llu</opackets><ierrors>%llu</ierrors>"
            "<idrops>%llu</idrops><port><rx-bytes>%llu</rx-bytes><tx-bytes>%llu</tx-bytes>"
            "<rx-unicast>%llu</rx-unicast><rx-multicast>0</rx-multicast>"
            "<rx-broadcast>%llu</rx-broadcast><tx-unicast>%llu</tx-unicast>"
            "<tx-multicast>0</tx-multicast><tx-broadcast>0</tx-broadcast>"
            "<rx-error>%llu</rx-error><tx-error>0</tx-error></port></entry>",
            name, c->ibytes, c->obytes, c->ipackets, c->opackets, c->ierrors, c->idrops,
            c->ibytes, c->obytes, c->ipackets - c->ipackets / 100, c->ipackets / 100,
            c->opackets, c->ierrors);
}

/* One entry per interface the argument names ("all": every one). */
static void put_counters(const struct sim_op *op,
                         void (*put)(FILE *, const char *, const struct ifcount *))
{
    int all = strcmp(op->arg, "all") == 0;
    for (size_t i = 0; i < sim_world_nifaces; i++) {
        if (!all && strcmp(op->arg, sim_world_ifaces[i].name) != 0)
            continue;
        struct ifcount c = ifcount_of(op->st, i, op->now);
        put(op->f, sim_world_ifaces[i].name, &c);
    }
}

static enum sim_opstatus op_counter_interface(struct sim_op *op)
{
    int found = strcmp(op->arg, "all") == 0;
    for (size_t i = 0; i < sim_world_nifaces; i++)
        found |= strcmp(op->arg, sim_world_ifaces[i].name) == 0;
    if (!found)
        return sim_op_err_invalid(op, op->arg, 1);
    fputs("<ifnet><ifnet>", op->f);
    put_counters(op, put_ifnet);
    fputs("</ifnet></ifnet><hw>", op->f);
    put_counters(op, put_hw);
    fputs("</hw>", op->f);
    return SIM_OP_OK;
}

/* An SPI from the seed, as PAN-OS prints them: 8 upper-case hex digits. */
static unsigned spi_of(const struct sim_state *st, size_t i, int out)
{
    return (unsigned)(sim_world_mix(st->seed, 600 + 2 * i + (unsigned)out) >> 32);
}

/* Seconds left of the current SA (an hour's lifetime, rekeyed on the hour since boot). */
static long long sa_remain(const struct sim_state *st, long long now)
{
    return 3600 - sim_op_uptime(st, now) % 3600;
}

/*
 * show vpn flow (metacpan Device-PaloAlto-Firewall t/17-vpn_tunnels.t captures, PA-VM, 7.x/8.x):
 * every configured tunnel, in the capture's field order, with its state: active, or init while
 * IKE has not come up (enc and auth then read "not established", the SPIs are zero and there is
 * no remain or last-rekey); then the dataplane and the SSL-VPN count.
 */
static void put_flow_entry(FILE *f, const struct sim_state *st, size_t i, long long now)
{
    const struct sim_world_tunnel *t = &sim_world_tunnels[i];
    long long up = sim_op_uptime(st, now);
    unsigned long long pkts = t->up ? (unsigned long long)up * (3 + i) : 0;
    fprintf(f,
            "<entry><pkt-decap>%llu</pkt-decap><keytype>auto key</keytype>"
            "<anti-replay>True</anti-replay><natt-lp>0</natt-lp><dec-err>0</dec-err>"
            "<inner-warn>0</inner-warn><owner>1</owner><id>%d</id><enc>%s</enc>"
            "<monitor><status>False</status><on>False</on><pkt-recv>0</pkt-recv>"
            "<pkt-seen>0</pkt-seen><interval>0</interval><pkt-reply>0</pkt-reply>"
            "<threshold>0</threshold><pkt-sent>0</pkt-sent></monitor><start>%lld</start>"
            "<copy-tos>False</copy-tos>",
            pkts, t->id, t->up ? "aes-256-cbc" : "not established", up);
    if (t->up)
        fprintf(f, "<last-rekey>%lld</last-rekey>", 3600 - sa_remain(st, now));
    fprintf(f,
            "<natt>False</natt><remote-spi>%08X</remote-spi><state>%s</state>"
            "<pkt-lifesize>0</pkt-lifesize><inner-if>tunnel.%d</inner-if><sid>%zu</sid>"
            "<type>IPSec</type><byte-decap>%llu</byte-decap><peerip>%s</peerip>"
            "<owner-cpuid>0</owner-cpuid><seq-recv>%llu</seq-recv><timestamp>%lld</timestamp>"
            "<acquire>0</acquire><seq-send>%llu</seq-send><auth>%s</auth>"
            "<pkt-encap>%llu</pkt-encap><pkt-replay>0</pkt-replay><natt-rp>0</natt-rp>"
            "<localip>" SIM_WORLD_NAT_IP "</localip><local-spi>%08X</local-spi>"
            "<name>%s</name><outer-if>" SIM_WORLD_WAN_IF "</outer-if><auth-err>0</auth-err>"
            "<owner-state>0</owner-state><proto>ESP</proto><gwid>%d</gwid><mtu>1427</mtu>"
            "<subtype>None</subtype>",
            t->up ? spi_of(st, i, 1) : 0u, t->up ? "active" : "init", t->id, 300 + i, pkts * 390,
            t->peer, pkts, up, pkts, t->up ? "sha256" : "not established", pkts,
            t->up ? spi_of(st, i, 0) : 0u, t->name, t->id);
    if (t->up)
        fprintf(f, "<remain>%lld</remain>", sa_remain(st, now));
    fprintf(f,
            "<byte-encap>%llu</byte-encap><context>%zu</context>"
            "<pkt-lifetime>0</pkt-lifetime></entry>",
            pkts * 420, 5 + i);
}

static enum sim_opstatus op_vpn_flow(struct sim_op *op)
{
    FILE *f = op->f;
    fprintf(f, "<total>%zu</total><num_ipsec>%zu</num_ipsec><IPSec>", sim_world_ntunnels,
            sim_world_ntunnels);
    for (size_t i = 0; i < sim_world_ntunnels; i++)
        put_flow_entry(f, op->st, i, op->now);
    fprintf(f, "</IPSec><dp>%s</dp><num_sslvpn>0</num_sslvpn>", sim_op_dp_name(op->st));
    return SIM_OP_OK;
}

/*
 * show vpn ipsec-sa (metacpan Device-PaloAlto-Firewall t/16-ipsec_peers.t capture): the established
 * SAs only (a tunnel whose IKE never came up has none), the remote padded to 21 columns and the
 * SPIs printed as signed 32-bit numbers, as captured.
 */
static enum sim_opstatus op_vpn_ipsec_sa(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    size_t n = 0;
    for (size_t i = 0; i < sim_world_ntunnels; i++)
        n += (size_t)sim_world_tunnels[i].up;
    fprintf(f, "<ntun>%zu</ntun>", n);
    if (n == 0) {
        fputs("<entries/>", f);
        return SIM_OP_OK;
    }
    fputs("<entries>", f);
    for (size_t i = 0; i < sim_world_ntunnels; i++) {
        const struct sim_world_tunnel *t = &sim_world_tunnels[i];
        if (!t->up)
            continue;
        fprintf(f,
                "<entry><kb>4608000</kb><life>%lld</life><enc>AES256</enc>"
                "<remote>%-21s</remote><name>%s(gw-%s)</name><proto>ESP</proto>"
                "<i_spi>%d</i_spi><gwid>%d</gwid><o_spi>%d</o_spi><tid>%d</tid>"
                "<hash>SHA256</hash></entry>",
                sa_remain(st, op->now), t->peer, t->name, t->name, (int32_t)spi_of(st, i, 0), t->id,
                (int32_t)spi_of(st, i, 1), t->id);
    }
    fputs("</entries>", f);
    return SIM_OP_OK;
}

/* "Nov.29 10:00:00", as the CLI's show vpn ike-sa prints its Established and Expiration. */
static void put_ike_time(FILE *f, const char *el, long long t)
{
    struct tm tm;
    sim_op_utc(t, &tm);
    fprintf(f, "<%s>%s.%02d %02d:%02d:%02d</%s>", el, sim_op_mons[tm.tm_mon % 12], tm.tm_mday,
            tm.tm_hour, tm.tm_min, tm.tm_sec, el);
}

/*
 * show vpn ike-sa: one entry per IKE gateway with an established phase-1 SA (partner-1, whose
 * IKE never came up, has none). The element names are unverified (no public capture of the
 * XML answer): they follow the columns of the CLI's output in Palo Alto Networks' knowledge
 * base (GwID, Peer-Address, Gateway Name, Role, Mode, Algorithm, Established, Expiration, V,
 * Phase2). IKEv1 main mode, an 8-hour lifetime rekeyed every 8 hours since boot.
 */
static enum sim_opstatus op_vpn_ike_sa(struct sim_op *op)
{
    long long start = op->now - sim_op_uptime(op->st, op->now) % 28800;
    for (size_t i = 0; i < sim_world_ntunnels; i++) {
        const struct sim_world_tunnel *t = &sim_world_tunnels[i];
        if (!t->up)
            continue;
        fprintf(op->f,
                "<entry><gwid>%d</gwid><remote>%s</remote><name>gw-%s</name><role>Init</role>"
                "<mode>Main</mode><algo>PSK/DH14/A256/SHA256</algo>",
                t->id, t->peer, t->name);
        put_ike_time(op->f, "created", start);
        put_ike_time(op->f, "expires", start + 28800);
        fputs("<version>v1</version><phase2>1</phase2></entry>", op->f);
    }
    return SIM_OP_OK;
}

/*
 * show global-protect-gateway statistics (elastic/beats panw vpn_types.go GPStatsResult; the
 * element names check_paloalto-style monitors read): one Gateway block per gateway and the
 * totals. Users come and go with the clock (a new count every five minutes).
 */
static enum sim_opstatus op_gp_statistics(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    unsigned long long slot = (unsigned long long)op->now / 300;
    unsigned long long cur = sim_world_mix(st->seed ^ slot, 700) % 120;
    unsigned long long prev = 40 + sim_world_mix(st->seed, 701) % 400;
    fprintf(op->f,
            "<Gateway><name>" SIM_WORLD_GP_GATEWAY "</name><CurrentUsers>%llu</CurrentUsers>"
            "<PreviousUsers>%llu</PreviousUsers></Gateway><TotalCurrentUsers>%llu"
            "</TotalCurrentUsers><TotalPreviousUsers>%llu</TotalPreviousUsers>",
            cur, prev, cur, prev);
    return SIM_OP_OK;
}

/*
 * show ntp (metacpan Device-PaloAlto-Firewall t/05-ntp.t captures, 7.x/8.x): the server in use
 * (or LOCAL), then one ntp-server-N block per configured server with its status (synched,
 * available, rejected), authentication type, reachability and address. pansim syncs to the
 * primary and sees the secondary.
 */
static enum sim_opstatus op_ntp(struct sim_op *op)
{
    static const char *const servers[] = {SIM_WORLD_NTP1, SIM_WORLD_NTP2};
    fputs("<synched>" SIM_WORLD_NTP1 "</synched>", op->f);
    for (size_t i = 0; i < 2; i++)
        fprintf(op->f,
                "<ntp-server-%zu><status>%s</status><authentication-type>none"
                "</authentication-type><reachable>yes</reachable><name>%s</name>"
                "</ntp-server-%zu>",
                i + 1, i == 0 ? "synched" : "available", servers[i], i + 1);
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_monitor_cmds[] = {
    {"show ntp", SIM_OPARG_NONE, op_ntp},
    {"show system disk-space", SIM_OPARG_NONE, op_disk_space},
    {"show counter interface", SIM_OPARG_TEXT, op_counter_interface},
    {"show vpn flow", SIM_OPARG_NONE, op_vpn_flow},
    {"show vpn ipsec-sa", SIM_OPARG_NONE, op_vpn_ipsec_sa},
    {"show vpn ike-sa", SIM_OPARG_NONE, op_vpn_ike_sa},
    {"show global-protect-gateway statistics", SIM_OPARG_NONE, op_gp_statistics},
    {NULL, SIM_OPARG_NONE, NULL},
};
