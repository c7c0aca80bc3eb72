/* SPDX-License-Identifier: MIT */
/* simworld.c -- the one description of pansim's network, and the few functions derived from it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simworld.h"

const struct sim_world_iface sim_world_ifaces[] = {
    {"ethernet1/1", 16, "untrust", "203.0.113.2/24", 1, 0x01},
    {"ethernet1/2", 17, "trust", "192.0.2.1/24", 1, 0x02},
    {"ethernet1/3", 18, NULL, NULL, 0, 0x03},
    {"ethernet1/4", 19, NULL, NULL, 0, 0x04},
};
const size_t sim_world_nifaces = sizeof(sim_world_ifaces) / sizeof(sim_world_ifaces[0]);

const struct sim_world_addr sim_world_addrs[] = {
    {"web-srv", "ip-netmask", "203.0.113.10/32", "public web server"},
    {"lan-net", "ip-netmask", "192.0.2.0/24", "the LAN behind ethernet1/2"},
    {"untrust-net", "ip-netmask", "203.0.113.0/24", NULL},
    {"blocked-net", "ip-netmask", "198.51.100.224/27", "destinations the LAN may not reach"},
    {"dhcp-pool", "ip-range", "192.0.2.10-192.0.2.199", NULL},
};
const size_t sim_world_naddrs = sizeof(sim_world_addrs) / sizeof(sim_world_addrs[0]);

/* The filters use PAN-OS's tag syntax (quoted tag names, and, or, parentheses): PAN-OS
 * Administrator's Guide, "Use Dynamic Address Groups in Policy" (10.1); Ansible's
 * panos_dag module (dag_filter: "'a' and 'b'"). */
const struct sim_world_dag sim_world_dags[] = {
    {"dag-quarantine", "vsys1", "'compromised' or 'quarantine'",
     "LAN hosts the security rule Quarantine blocks"},
    {"dag-lan-servers", "vsys1", "'lan' and ('web-server' or 'db-server')", NULL},
    {"dag-scanners", NULL, "'scanner'", "vulnerability scanners, any vsys"},
};
const size_t sim_world_ndags = sizeof(sim_world_dags) / sizeof(sim_world_dags[0]);

/* The names and UUIDs the traffic log sample of demisto/content Panorama test_data/query_logs.xml
 * (traffic entry, PAN-OS 10.x) uses. */
const struct sim_world_rule sim_world_rules[] = {
    {"Quarantine", "trust", "untrust", "dag-quarantine", "any", "any", "any", "deny",
     "6c4b0f4e-0000-4000-8000-000000000004"},
    {"Block bad", "trust", "untrust", "any", "blocked-net", "any", "any", "deny",
     "6c4b0f4e-0000-4000-8000-000000000003"},
    {"DNS out", "trust", "untrust", "lan-net", "any", "dns-base", "application-default", "allow",
     "6c4b0f4e-0000-4000-8000-000000000002"},
    {"LAN to Internet", "trust", "untrust", "lan-net", "any", "any", "application-default", "allow",
     "6c4b0f4e-0000-4000-8000-000000000001"},
};
const size_t sim_world_nrules = sizeof(sim_world_rules) / sizeof(sim_world_rules[0]);

const struct sim_world_app sim_world_apps[] = {
    {"ssl", "tcp", 6, 443, "computer-and-internet-info"},
    {"web-browsing", "tcp", 6, 80, "business-and-economy"},
    {"dns-base", "udp", 17, 53, "any"},
    {"ntp-base", "udp", 17, 123, "any"},
    {"ssh", "tcp", 6, 22, "any"},
    {"smtp-base", "tcp", 6, 25, "any"},
    {"ms-rdp", "tcp", 6, 3389, "any"},
    {"office365-base", "tcp", 6, 443, "online-storage-and-backup"},
};
const size_t sim_world_napps = sizeof(sim_world_apps) / sizeof(sim_world_apps[0]);

const struct sim_world_tunnel sim_world_tunnels[] = {
    {"branch-1", "198.51.100.31", 1, 1},
    {"branch-2", "198.51.100.32", 2, 1},
    {"partner-1", "198.51.100.33", 3, 0},
};
const size_t sim_world_ntunnels = sizeof(sim_world_tunnels) / sizeof(sim_world_tunnels[0]);

const struct sim_world_bgp_peer sim_world_bgp_peers[] = {
    {"branch-1", 64801, 0},
    {"branch-2", 64802, 1},
    {"partner-1", 64803, 2},
};
const size_t sim_world_nbgp_peers = sizeof(sim_world_bgp_peers) / sizeof(sim_world_bgp_peers[0]);

const struct sim_world_cert sim_world_certs[] = {
    {"pansim-root-ca", "pansim-root-ca", "pansim-root-ca", 3650, 1},
    {"mgmt-web", "pansim-fw1.example.net", "pansim-root-ca", 400, 0},
    {"ssl-inbound", "www.example.com", "pansim-root-ca", 20, 0},
    {"gp-portal-old", "vpn.example.com", "pansim-root-ca", -3, 0},
};
const size_t sim_world_ncerts = sizeof(sim_world_certs) / sizeof(sim_world_certs[0]);

uint64_t sim_world_mix(unsigned long seed, uint64_t k)
{
    uint64_t z = (uint64_t)seed * 0x9e3779b97f4a7c15ULL + k * 0xbf58476d1ce4e5b9ULL + 1;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

struct sim_world_lan sim_world_lan_of(unsigned long seed)
{
    struct sim_world_lan a;
    a.n = 4 + (unsigned)(sim_world_mix(seed, 1) % 8);      /* 4..11 */
    a.start = 10 + (unsigned)(sim_world_mix(seed, 2) % 20); /* 10..29 */
    a.step = 1 + (unsigned)(sim_world_mix(seed, 3) % 13);   /* last octet <= 29 + 10*13 = 159 */
    return a;
}

unsigned sim_world_lan_host(const struct sim_world_lan *lan, unsigned i)
{
    return lan->start + i * lan->step;
}

const char *sim_world_host_user(unsigned octet)
{
    static const char *const users[] = {"", "acme\\alice", "acme\\bob", "acme\\carol", ""};
    return users[octet % 5];
}

void sim_world_host_name(unsigned octet, char *buf, size_t len)
{
    snprintf(buf, len, "HOST-%04u", octet);
}

void sim_world_host_mac(unsigned octet, char *buf, size_t len)
{
    /* Real assignments (IEEE registries as Debian's ieee-data 20220827 has them): MA-L 3C0754
     * "Apple, Inc.", MA-M 208593B "IOG Products LLC", MA-S 70B3D5719 "2M Technology". */
    switch (sim_world_mix(0x6d6163, octet) % 6) {
    case 0:
    case 5:
        snprintf(buf, len, SIM_WORLD_MAC_PREFIX "%02x", octet);
        break;
    case 1:
        snprintf(buf, len, "da:a1:19:%02x:%02x:%02x", octet / 7, octet % 7, octet);
        break;
    case 2:
        snprintf(buf, len, "3c:07:54:%02x:10:%02x", octet % 16, octet);
        break;
    case 3:
        snprintf(buf, len, "20:85:93:b0:%02x:%02x", octet % 16, octet);
        break;
    default:
        snprintf(buf, len, "70:b3:d5:71:9%x:%02x", octet % 16, octet);
        break;
    }
}

void sim_world_host_ip6(unsigned octet, char *buf, size_t len)
{
    if (sim_world_mix(0x697636, octet) % 2 == 0)
        snprintf(buf, len, "2001:db8:0:2::%x", octet);
    else if (len > 0)
        buf[0] = '\0';
}

int sim_world_ip_parse(const char *s, uint32_t *out)
{
    uint32_t ip = 0;
    for (int i = 0; i < 4; i++) {
        if (*s < '0' || *s > '9')
            return -1;
        char *end;
        unsigned long v = strtoul(s, &end, 10);
        if (v > 255 || end - s > 3)
            return -1;
        ip = ip << 8 | (uint32_t)v;
        s = end;
        if (i < 3 && *s++ != '.')
            return -1;
    }
    if (*s != '\0')
        return -1;
    *out = ip;
    return 0;
}

/* @p spec as a literal: address, CIDR or range (no object names). */
static int in_literal(uint32_t ip, const char *spec)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%s", spec);
    char *sep = strpbrk(buf, "/-");
    uint32_t lo, hi;
    char c = sep != NULL ? *sep : '\0';
    if (sep != NULL)
        *sep = '\0';
    if (sim_world_ip_parse(buf, &lo) != 0)
        return 0;
    if (c == '/') {
        unsigned long bits = strtoul(sep + 1, NULL, 10);
        uint32_t mask = bits == 0 ? 0 : bits >= 32 ? 0xffffffffu : ~(0xffffffffu >> bits);
        return (ip & mask) == (lo & mask);
    }
    if (c == '-')
        return sim_world_ip_parse(sep + 1, &hi) == 0 && ip >= lo && ip <= hi;
    return ip == lo;
}

int sim_world_ip_in(uint32_t ip, const char *spec)
{
    if (strcmp(spec, "any") == 0)
        return 1;
    for (size_t i = 0; i < sim_world_ndags; i++)
        if (strcmp(spec, sim_world_dags[i].name) == 0)
            return 0; /* runtime members only (see simworld.h) */
    for (size_t i = 0; i < sim_world_naddrs; i++)
        if (strcmp(spec, sim_world_addrs[i].name) == 0)
            return in_literal(ip, sim_world_addrs[i].value);
    return in_literal(ip, spec);
}

const char *sim_world_zone_of(uint32_t ip)
{
    for (size_t i = 0; i < sim_world_nifaces; i++)
        if (sim_world_ifaces[i].addr != NULL && in_literal(ip, sim_world_ifaces[i].addr))
            return sim_world_ifaces[i].zone;
    return "untrust"; /* the default route leaves through ethernet1/1 */
}

static const struct sim_world_app *app_named(const char *name)
{
    for (size_t i = 0; name != NULL && i < sim_world_napps; i++)
        if (strcmp(sim_world_apps[i].name, name) == 0)
            return &sim_world_apps[i];
    return NULL;
}

/* Whether blank-separated @p list holds @p word (or is "any"). */
static int list_has(const char *list, const char *word)
{
    size_t n = strlen(word);
    if (strcmp(list, "any") == 0)
        return 1;
    for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return 1;
    return 0;
}

int sim_world_rule_for(const char *from, const char *to, uint32_t src, uint32_t dst,
                       const char *app, int proto, unsigned dport)
{
    const struct sim_world_app *a = app_named(app);
    for (size_t i = 0; i < sim_world_nrules; i++) {
        const struct sim_world_rule *r = &sim_world_rules[i];
        if (from != NULL && !list_has(r->from, from))
            continue;
        if (to != NULL && !list_has(r->to, to))
            continue;
        if (!sim_world_ip_in(src, r->source) || !sim_world_ip_in(dst, r->destination))
            continue;
        if (app != NULL && !list_has(r->apps, app))
            continue;
        if (strcmp(r->service, "application-default") == 0) {
            /* The app's own port; "any" app takes every app's default port. */
            const struct sim_world_app *ra = a != NULL ? a : app_named(r->apps);
            if (ra != NULL && (ra->protonum != proto || ra->port != dport))
                continue;
        }
        return (int)i;
    }
    return -1;
}
