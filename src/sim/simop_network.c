/* SPDX-License-Identifier: MIT */
/* simop_network.c -- op answers about the network: interfaces (all, one, management) and ARP. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simop.h"

/* The interfaces, addresses and LAN hosts are the world's (simworld.h). */
#define LOOPBACK_ID 3
#define LOOPBACK_MAC 0x05

/* speed/duplex as the hw table shows them: "auto" on a VM, 1000/full on hardware. */
static const char *hw_speed(const struct sim_state *st, int up)
{
    return !up ? "ukn" : sim_op_is_vm(st) ? "auto" : "1000";
}

static const char *hw_duplex(const struct sim_state *st, int up)
{
    return !up ? "ukn" : sim_op_is_vm(st) ? "auto" : "full";
}

/* show interface all (CPAN Device-PaloAlto-Firewall t/02-interfaces.t): ifnet (logical) then
 * hw (ports plus loopback). */
static enum sim_opstatus op_interface_all(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    fputs("<ifnet>", f);
    for (size_t i = 0; i < sim_world_nifaces; i++) {
        const struct sim_world_iface *x = &sim_world_ifaces[i];
        fputs("<entry>", f);
        sim_op_put_el(f, "name", x->name);
        if (x->zone != NULL)
            sim_op_put_el(f, "zone", x->zone);
        else
            fputs("<zone/>", f);
        sim_op_put_el(f, "fwd", x->zone != NULL ? "vr:default" : "N/A");
        fputs("<vsys>1</vsys><dyn-addr/><addr6/><tag>0</tag>", f);
        sim_op_put_el(f, "ip", x->addr != NULL ? x->addr : "N/A");
        fprintf(f, "<id>%d</id><addr/></entry>", x->id);
    }
    fputs("</ifnet><hw>", f);
    for (size_t i = 0; i < sim_world_nifaces; i++) {
        const struct sim_world_iface *x = &sim_world_ifaces[i];
        fputs("<entry>", f);
        sim_op_put_el(f, "name", x->name);
        sim_op_put_el(f, "duplex", hw_duplex(st, x->up));
        fputs("<type>0</type>", f);
        sim_op_put_el(f, "state", x->up ? "up" : "down");
        fprintf(f, "<st>%s/%s/%s</st>", hw_speed(st, x->up), hw_duplex(st, x->up),
                x->up ? "up" : "down(autoneg)");
        fprintf(f, "<mac>" SIM_WORLD_MAC_PREFIX "%02x</mac><mode>(autoneg)</mode>", x->mac);
        sim_op_put_el(f, "speed", hw_speed(st, x->up));
        fprintf(f, "<id>%d</id></entry>", x->id);
    }
    fprintf(f,
            "<entry><name>loopback</name><duplex>[n/a]</duplex><type>5</type><state>up</state>"
            "<st>[n/a]/[n/a]/up</st><mac>" SIM_WORLD_MAC_PREFIX "%02x</mac><mode>(unknown)</mode>"
            "<speed>[n/a]</speed><id>%d</id></entry></hw>",
            LOOPBACK_MAC, LOOPBACK_ID);
    return SIM_OP_OK;
}

/* Counters for one interface: grow with uptime at a per-interface, per-seed rate. */
static void put_if_counters(FILE *f, const struct sim_state *st, const struct sim_world_iface *x,
                            long long up, int port)
{
    unsigned long long ip = 0, op = 0, ib = 0, ob = 0;
    if (x->up) {
        ip = (unsigned long long)up * (20 + sim_world_mix(st->seed, 400 + (uint64_t)x->id) % 400);
        op = (unsigned long long)up * (20 + sim_world_mix(st->seed, 500 + (uint64_t)x->id) % 400);
        ib = ip * (90 + sim_world_mix(st->seed, 600 + (uint64_t)x->id) % 1000);
        ob = op * (90 + sim_world_mix(st->seed, 700 + (uint64_t)x->id) % 1000);
    }
    fputs("<entry>", f);
    sim_op_put_el(f, "name", x->name);
    sim_op_put_ull(f, "ibytes", ib);
    sim_op_put_ull(f, "obytes", ob);
    sim_op_put_ull(f, "ipackets", ip);
    sim_op_put_ull(f, "opackets", op);
    fputs("<ierrors>0</ierrors><idrops>0</idrops>", f);
    if (port) {
        fputs("<port>", f);
        sim_op_put_ull(f, "tx-unicast", op);
        fputs("<tx-multicast>0</tx-multicast><rx-broadcast>0</rx-broadcast>", f);
        sim_op_put_ull(f, "rx-unicast", ip);
        fputs("<rx-multicast>0</rx-multicast>", f);
        sim_op_put_ull(f, "rx-bytes", ib);
        fputs("<tx-broadcast>0</tx-broadcast>", f);
        sim_op_put_ull(f, "tx-bytes", ob);
        fputs("</port>", f);
    } else {
        fputs("<flowstate>0</flowstate><ifwderrors>0</ifwderrors><noroute>0</noroute>"
              "<noarp>0</noarp><noneigh>0</noneigh><neighpend>0</neighpend><nomac>0</nomac>"
              "<zonechange>0</zonechange><land>0</land><pod>0</pod><teardrop>0</teardrop>"
              "<ipspoof>0</ipspoof><macspoof>0</macspoof><icmp_frag>0</icmp_frag>"
              "<l2_encap>0</l2_encap><l2_decap>0</l2_decap>",
              f);
        sim_op_put_ull(f, "tcp_conn", x->up ? ip / 40 : 0);
        sim_op_put_ull(f, "udp_conn", x->up ? ip / 90 : 0);
        fputs("<sctp_conn>0</sctp_conn><other_conn>0</other_conn>", f);
    }
    fputs("</entry>", f);
}

/* show interface "ethernet1/N" or "loopback" (a PA-VM capture in a public Go package's example):
 * one ifnet and its hw (vsys by name). */
static enum sim_opstatus op_interface_one(struct sim_op *op, const struct sim_world_iface *x,
                                          int type)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    long long now = op->now;
    int conf = x->zone != NULL;
    long long up = sim_op_uptime(st, now);
    fputs("<ifnet><ipv6_client>False</ipv6_client>", f);
    sim_op_put_el(f, "vr", conf ? "default" : "N/A");
    fprintf(f, "<tag>0</tag><circuitonly>False</circuitonly><ndpmon>False</ndpmon><id>%d</id>"
               "<mgt_subnet>False</mgt_subnet>",
            x->id);
    if (conf) {
        fputs("<addr>", f);
        sim_op_put_el(f, "member", x->addr);
        fputs("</addr>", f);
    } else {
        fputs("<addr/>", f);
    }
    fputs("<service/><gre>False</gre><ra>False</ra>", f);
    if (conf)
        sim_op_put_el(f, "zone", x->zone);
    else
        fputs("<zone/>", f);
    fputs("<counters><ifnet>", f);
    put_if_counters(f, st, x, up, 0);
    fputs("</ifnet><hw>", f);
    put_if_counters(f, st, x, up, 1);
    fputs("</hw></counters><dad>False</dad><policing>False</policing><mssadjv4>0</mssadjv4>"
          "<mssadjv6>0</mssadjv6><sdwan>False</sdwan>",
          f);
    sim_op_put_el(f, "fwd_type", conf ? "vr" : "N/A");
    fputs("<addr6/>", f);
    sim_op_put_el(f, "name", x->name);
    fputs("<tunnel/><vsys>vsys1</vsys><dyn-addr/><mtu>1500</mtu><tcpmss>False</tcpmss>"
          "<mode>layer3</mode></ifnet><hw>",
          f);
    sim_op_put_el(f, "name", x->name);
    const char *duplex = type == 5 ? "[n/a]" : hw_duplex(st, x->up);
    const char *speed = type == 5 ? "[n/a]" : hw_speed(st, x->up);
    sim_op_put_el(f, "duplex", duplex);
    fprintf(f, "<type>%d</type><state_c>auto</state_c><mac>" SIM_WORLD_MAC_PREFIX "%02x</mac>",
            type,
            x->mac);
    sim_op_put_el(f, "state", x->up ? "up" : "down");
    fputs("<duplex_c>auto</duplex_c><mode>layer3</mode><speed_c>auto</speed_c>", f);
    sim_op_put_el(f, "speed", speed);
    fprintf(f, "<id>%d</id><untag>False</untag></hw><dp>dp0</dp>", x->id);
    return SIM_OP_OK;
}

/* show interface "management": result/info and result/counters (pan-python live tests). */
static enum sim_opstatus op_interface_mgmt(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    long long now = op->now;
    unsigned long long up = (unsigned long long)sim_op_uptime(st, now);
    unsigned long long rxp = up * (3 + sim_world_mix(st->seed, 800) % 20);
    unsigned long long txp = up * (2 + sim_world_mix(st->seed, 801) % 15);
    fputs("<info><name>management</name><state>up</state><speed>1000</speed>"
          "<duplex>full</duplex><mac>" SIM_WORLD_MAC_PREFIX "00</mac></info><counters>",
          f);
    sim_op_put_ull(f, "rx-bytes", rxp * 310);
    sim_op_put_ull(f, "rx-packets", rxp);
    fputs("<rx-errors>0</rx-errors><rx-dropped>0</rx-dropped>", f);
    sim_op_put_ull(f, "tx-bytes", txp * 540);
    sim_op_put_ull(f, "tx-packets", txp);
    fputs("<tx-errors>0</tx-errors><tx-dropped>0</tx-dropped></counters>", f);
    return SIM_OP_OK;
}

/* An unknown interface: still status="success", the error is inside <result>
 * (pan-os-upgrade-assurance 2.1.1 tests/test_firewall_proxy.py). */
static enum sim_opstatus op_interface_unknown(struct sim_op *op, const char *name)
{
    FILE *f = op->f;
    fputs("<dp>dp0</dp><error>Interface '", f);
    sim_xml_escape(f, name, 1);
    fputs("' not found</error>", f);
    return SIM_OP_OK;
}

/* show interface <all|management|loopback|NAME>. */
static enum sim_opstatus op_interface(struct sim_op *op)
{
    static const struct sim_world_iface loopback = {"loopback", LOOPBACK_ID, NULL,
                                                    NULL,       1,           LOOPBACK_MAC};
    const char *arg = op->arg;
    if (strcmp(arg, "all") == 0)
        return op_interface_all(op);
    if (strcmp(arg, "management") == 0)
        return op_interface_mgmt(op);
    if (strcmp(arg, "loopback") == 0)
        return op_interface_one(op, &loopback, 5);
    for (size_t i = 0; i < sim_world_nifaces; i++)
        if (strcmp(arg, sim_world_ifaces[i].name) == 0)
            return op_interface_one(op, &sim_world_ifaces[i], 0);
    return op_interface_unknown(op, arg);
}

/* One ARP entry as demisto/content show_arp_all.xml has it (the status is space-padded). */
static void put_arp(FILE *f, const char *ip, const char *mac, unsigned ttl, const char *ifname)
{
    fprintf(f,
            "<entry><status>  c  </status><ip>%s</ip><mac>%s</mac>"
            "<ttl>%u</ttl><interface>%s</interface><port>%s</port></entry>",
            ip, mac, ttl, ifname, ifname);
}

/*
 * show arp entry name=all (or one interface; demisto/content test_data/show_arp_all.xml,
 * pan-os-upgrade-assurance 2.1.1): the upstream router on ethernet1/1, then the LAN hosts on
 * ethernet1/2; ttl under the 1800 s timeout.
 */
static enum sim_opstatus op_arp(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    const char *ifname = op->arg;
    struct sim_world_lan a = sim_world_lan_of(st->seed);
    int all = strcmp(ifname, "all") == 0;
    int wan = all || strcmp(ifname, SIM_WORLD_WAN_IF) == 0;
    unsigned n = all || strcmp(ifname, SIM_WORLD_LAN_IF) == 0 ? a.n : 0;
    fprintf(f, "<max>%u</max><total>%u</total><timeout>1800</timeout><dp>dp0</dp><entries>",
            sim_op_is_vm(st) ? 1500u : 32000u, n + (wan ? 1u : 0u));
    if (wan)
        put_arp(f, SIM_WORLD_NEXTHOP, SIM_WORLD_NEXTHOP_MAC,
                1 + (unsigned)(sim_world_mix(st->seed, 99) % 1800), SIM_WORLD_WAN_IF);
    for (unsigned i = 0; i < n; i++) {
        unsigned octet = sim_world_lan_host(&a, i);
        char ip[20], mac[20];
        snprintf(ip, sizeof(ip), SIM_WORLD_LAN_NET "%u", octet);
        sim_world_host_mac(octet, mac, sizeof(mac));
        put_arp(f, ip, mac, 1 + (unsigned)(sim_world_mix(st->seed, 100 + i) % 1800),
                SIM_WORLD_LAN_IF);
    }
    fputs("</entries>", f);
    return SIM_OP_OK;
}

/* The pool of the dhcp-pool object, 192.0.2.10-192.0.2.199. */
#define DHCP_POOL_SIZE 190

/*
 * The DHCP leases as PAN-OS 9.1 and older answer them (played below 10.0): the CLI's text table
 * inside <result>, here in a CDATA section, with the columns and widths of the public PA-460
 * CLI capture (2023) of 'show dhcp server lease': 'interface: "NAME" id: N', the pool line,
 * then ip, mac, hostname (blank when none), state, duration, lease_time.
 */
static enum sim_opstatus dhcp_lease_text(struct sim_op *op, const struct sim_world_lan *a, int id)
{
    FILE *f = op->f;
    fprintf(f, "<![CDATA[interface: \"" SIM_WORLD_LAN_IF "\" id: %d\n", id);
    fprintf(f, "Allocated IPs: %u, Total number of IPs in pool: %d. %.1f%% used\n", a->n,
            DHCP_POOL_SIZE, 100.0 * a->n / DHCP_POOL_SIZE);
    fprintf(f, "%-15s %-18s %-32s %-10s %-11s %s\n", "ip", "mac", "hostname", "state", "duration",
            "lease_time");
    for (unsigned i = 0; i < a->n; i++) {
        unsigned octet = sim_world_lan_host(a, i);
        char ip[20], name[32], mac[20];
        snprintf(ip, sizeof(ip), SIM_WORLD_LAN_NET "%u", octet);
        sim_world_host_name(octet, name, sizeof(name));
        sim_world_host_mac(octet, mac, sizeof(mac));
        long long left =
            1 + (long long)(sim_world_mix(op->st->seed, 1500 + i) % SIM_WORLD_DHCP_LEASE_S);
        fprintf(f, "%-15s %-18s %-32s %-10s %-11d ", ip, mac, name, "committed",
                SIM_WORLD_DHCP_LEASE_S);
        sim_op_put_asctime(f, op->now + left);
        fputc('\n', f);
    }
    fputs("]]>", f);
    return SIM_OP_OK;
}

/*
 * show dhcp server lease interface <all|ethernet1/2>: every LAN host holds a lease from the
 * server on ethernet1/2 (the dhcp-pool object), with the ARP table's MAC. The XML form is the
 * one independent client scripts parse (result/interface[@name]/entry{ip, mac, hostname, state,
 * duration, leasetime}); the id attribute follows the CLI's 'interface: "ae1.45" id: 260'
 * (a public PA-460 CLI capture, 2023, source not recorded). leasetime is the expiry.
 */
static enum sim_opstatus op_dhcp_lease(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    if (strcmp(op->arg, "all") != 0 && strcmp(op->arg, SIM_WORLD_LAN_IF) != 0)
        return SIM_OP_OK; /* no DHCP server there: nothing leased */
    struct sim_world_lan a = sim_world_lan_of(st->seed);
    int id = 0;
    for (size_t k = 0; k < sim_world_nifaces; k++)
        if (strcmp(sim_world_ifaces[k].name, SIM_WORLD_LAN_IF) == 0)
            id = sim_world_ifaces[k].id;
    if (sim_op_release(st) < 1000)
        return dhcp_lease_text(op, &a, id);
    fprintf(f, "<interface name=\"" SIM_WORLD_LAN_IF "\" id=\"%d\">", id);
    for (unsigned i = 0; i < a.n; i++) {
        unsigned octet = sim_world_lan_host(&a, i);
        char name[32], mac[20];
        sim_world_host_name(octet, name, sizeof(name));
        sim_world_host_mac(octet, mac, sizeof(mac));
        long long left =
            1 + (long long)(sim_world_mix(st->seed, 1500 + i) % SIM_WORLD_DHCP_LEASE_S);
        fprintf(f,
                "<entry><ip>" SIM_WORLD_LAN_NET "%u</ip><mac>%s</mac>"
                "<hostname>%s</hostname><state>committed</state><duration>%d</duration>"
                "<leasetime>",
                octet, mac, name, SIM_WORLD_DHCP_LEASE_S);
        sim_op_put_asctime(f, op->now + left);
        fputs("</leasetime></entry>", f);
    }
    fputs("</interface>", f);
    return SIM_OP_OK;
}

/*
 * show neighbor interface entry name=all (or ethernet1/2): the IPv6 neighbour table, shaped as
 * the ARP table (Netdot's PaloAlto module and public scripts read ip, mac, interface and
 * total; status, ttl and port as in ARP are assumed [U]). The LAN hosts with an IPv6 address.
 */
static enum sim_opstatus op_neighbor(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    struct sim_world_lan a = sim_world_lan_of(st->seed);
    int lan = strcmp(op->arg, "all") == 0 || strcmp(op->arg, SIM_WORLD_LAN_IF) == 0;
    unsigned total = 0;
    for (unsigned i = 0; lan && i < a.n; i++) {
        char ip6[48];
        sim_world_host_ip6(sim_world_lan_host(&a, i), ip6, sizeof(ip6));
        total += ip6[0] != '\0';
    }
    fprintf(f, "<max>%u</max><total>%u</total><timeout>1800</timeout><dp>dp0</dp><entries>",
            sim_op_is_vm(st) ? 1500u : 32000u, total);
    for (unsigned i = 0; lan && i < a.n; i++) {
        unsigned octet = sim_world_lan_host(&a, i);
        char ip6[48], mac[20];
        sim_world_host_ip6(octet, ip6, sizeof(ip6));
        if (ip6[0] == '\0')
            continue;
        sim_world_host_mac(octet, mac, sizeof(mac));
        put_arp(f, ip6, mac, 1 + (unsigned)(sim_world_mix(st->seed, 200 + i) % 1800),
                SIM_WORLD_LAN_IF);
    }
    fputs("</entries>", f);
    return SIM_OP_OK;
}

/* One route of demisto/content test_data/show_routing_route.xml, flags padded to six
 * characters as PAN-OS pads them ("A S   "). */
static void put_route(FILE *f, const char *dst, const char *nexthop, int metric,
                      const char *flags, const char *ifname)
{
    fprintf(f,
            "<entry><virtual-router>" SIM_WORLD_VR "</virtual-router><destination>%s</destination>"
            "<nexthop>%s</nexthop><metric>%d</metric><flags>%-6s</flags><age></age>"
            "<interface>%s</interface><route-table>unicast</route-table></entry>",
            dst, nexthop, metric, flags, ifname);
}

/*
 * show routing route [virtual-router NAME] (demisto/content; pan-os-upgrade-assurance 2.1.1):
 * the static default route through the upstream router, then each configured interface's
 * connected subnet (C) and own address (H).
 */
static enum sim_opstatus op_routing_route(struct sim_op *op)
{
    FILE *f = op->f;
    int shown = 1;
    for (xmlNode *c = op->el->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "virtual-router") != 0)
            return sim_op_err_invalid(op, (const char *)c->name, 0);
        xmlChar *vr = xmlNodeGetContent(c);
        shown = vr != NULL && strcmp((const char *)vr, SIM_WORLD_VR) == 0;
        xmlFree(vr);
    }
    fputs("<flags>flags: A:active, ?:loose, C:connect, H:host, S:static, ~:internal, R:rip, "
          "O:ospf, B:bgp, Oi:ospf intra-area, Oo:ospf inter-area, O1:ospf ext-type-1, "
          "O2:ospf ext-type-2, E:ecmp, M:multicast</flags>",
          f);
    if (!shown)
        return SIM_OP_OK;
    put_route(f, "0.0.0.0/0", SIM_WORLD_NEXTHOP, 10, "A S", SIM_WORLD_WAN_IF);
    /* Connected routes in address order: ethernet1/2 (192.0.2.x) before ethernet1/1. */
    for (size_t k = sim_world_nifaces; k-- > 0;) {
        const struct sim_world_iface *x = &sim_world_ifaces[k];
        if (x->addr == NULL || !x->up)
            continue;
        char ip[20], net[24], host[24];
        uint32_t a;
        snprintf(ip, sizeof(ip), "%.*s", (int)strcspn(x->addr, "/"), x->addr);
        unsigned long bits = strtoul(x->addr + strcspn(x->addr, "/") + 1, NULL, 10);
        if (sim_world_ip_parse(ip, &a) != 0)
            continue;
        uint32_t m = a & (bits == 0 ? 0 : ~(0xffffffffu >> bits));
        snprintf(net, sizeof(net), "%u.%u.%u.%u/%lu", m >> 24, m >> 16 & 255, m >> 8 & 255,
                 m & 255, bits);
        snprintf(host, sizeof(host), "%s/32", ip);
        put_route(f, net, ip, 0, "A C", x->name);
        put_route(f, host, "0.0.0.0", 0, "A H", x->name);
    }
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_network_cmds[] = {
    {"show interface", SIM_OPARG_TEXT, op_interface},
    {"show arp entry", SIM_OPARG_NAME, op_arp},
    {"show dhcp server lease interface", SIM_OPARG_TEXT, op_dhcp_lease},
    {"show neighbor interface entry", SIM_OPARG_NAME, op_neighbor},
    {"show routing route", SIM_OPARG_KEYWORDS, op_routing_route},
    {NULL, SIM_OPARG_NONE, NULL},
};
