/* SPDX-License-Identifier: MIT */
/* simworld.h -- the one description of pansim's network: interfaces, objects, rules, hosts. */
#ifndef PANSIM_SIMWORLD_H
#define PANSIM_SIMWORLD_H

#include <stddef.h>
#include <stdint.h>

/*
 * Everything pansim shows about its network comes from here: the configuration tree
 * (simconfig.c), show interface, ARP, DHCP leases, routes, User-ID, sessions (simop_*.c) and the
 * generated logs (logstore.c). Documentation addresses only (RFC 5737):
 *
 *   management    198.51.100.10/24, gateway .1 (out of band, not a dataplane interface)
 *   ethernet1/1   untrust  203.0.113.2/24, next hop 203.0.113.1; source NAT to its address
 *   ethernet1/2   trust    192.0.2.1/24, the LAN (object lan-net): DHCP server, hosts .10 up
 *   ethernet1/3-4 not configured, link down
 *   internet      198.51.100.20-219 and 203.0.113.10-249; blocked-net 198.51.100.224/27
 *
 * MACs are 00:00:5e:00:53:XX (RFC 7042): 00 management, 01-04 ethernet1/1-4, 05 loopback,
 * 06 the upstream router, and a LAN host's own octet (10 and up).
 */

#define SIM_WORLD_MAC_PREFIX "00:00:5e:00:53:"
#define SIM_WORLD_MGMT_IP "198.51.100.10"
#define SIM_WORLD_MGMT_GW "198.51.100.1"
#define SIM_WORLD_MGMT_MASK "255.255.255.0"
#define SIM_WORLD_LAN_IF "ethernet1/2"
#define SIM_WORLD_LAN_NET "192.0.2."   /* the LAN's /24, host octet appended */
#define SIM_WORLD_WAN_IF "ethernet1/1"
#define SIM_WORLD_NAT_IP "203.0.113.2" /* ethernet1/1's address: dynamic-ip-and-port */
#define SIM_WORLD_NEXTHOP "203.0.113.1"
#define SIM_WORLD_NEXTHOP_MAC SIM_WORLD_MAC_PREFIX "06"
#define SIM_WORLD_VR "default"
#define SIM_WORLD_DHCP_LEASE_S 86400

struct sim_world_iface {
    const char *name;
    int id;
    const char *zone; /* NULL when the interface is not configured */
    const char *addr; /* "203.0.113.2/24", NULL when not configured */
    int up;
    int mac; /* last MAC byte */
};
extern const struct sim_world_iface sim_world_ifaces[];
extern const size_t sim_world_nifaces;

/* Address objects of vsys1: kind is "ip-netmask" or "ip-range". */
struct sim_world_addr {
    const char *name, *kind, *value, *description;
};
extern const struct sim_world_addr sim_world_addrs[];
extern const size_t sim_world_naddrs;

/* Dynamic address groups (address-group/entry/dynamic/filter): @p vsys NULL for shared. Their
 * members are the addresses whose registered tags (type=user-id) satisfy the filter, so they are
 * runtime state: the generated logs and sessions, pure functions of the seed, never match them
 * (sim_world_ip_in() is 0 for their names); show object dynamic-address-group lists them. */
struct sim_world_dag {
    const char *name, *vsys, *filter, *description;
};
extern const struct sim_world_dag sim_world_dags[];
extern const size_t sim_world_ndags;

/* Security rules of vsys1, in order. Each list is one member or "any"; apps are blank-separated. */
struct sim_world_rule {
    const char *name, *from, *to, *source, *destination, *apps, *service, *action, *uuid;
};
extern const struct sim_world_rule sim_world_rules[];
extern const size_t sim_world_nrules;

/* Applications the LAN uses (logs and sessions): name, IP protocol, default port, category. */
struct sim_world_app {
    const char *name, *proto; /* "tcp" | "udp" */
    int protonum;
    unsigned port;
    const char *category;
};
extern const struct sim_world_app sim_world_apps[];
extern const size_t sim_world_napps;

/* IPsec site-to-site tunnels on ethernet1/1 (tunnel.N, IKE gateway gw-NAME): the config, show vpn
 * flow and show vpn ipsec-sa describe these. partner-1 never comes up (its IKE phase 1 fails),
 * so a monitor sees one configured tunnel down. */
struct sim_world_tunnel {
    const char *name, *peer; /* "branch-1", "198.51.100.31" */
    int id, up;
};
extern const struct sim_world_tunnel sim_world_tunnels[];
extern const size_t sim_world_ntunnels;

/* eBGP peers of the default virtual router, one over each IPsec tunnel (peer group
 * "branches", local AS SIM_WORLD_BGP_AS): established while its tunnel is up, Active otherwise. */
#define SIM_WORLD_BGP_AS 64512
#define SIM_WORLD_BGP_ROUTER_ID "203.0.113.2"
struct sim_world_bgp_peer {
    const char *name;
    unsigned remote_as;
    size_t tunnel; /* index into sim_world_tunnels: the peer address is its peer */
};
extern const struct sim_world_bgp_peer sim_world_bgp_peers[];
extern const size_t sim_world_nbgp_peers;

/* Certificates in /config/shared/certificate: not-valid-after is boot time + days (negative:
 * already expired when pansim starts). */
struct sim_world_cert {
    const char *name, *cn, *issuer;
    long days; /* validity left at boot */
    int ca;
};
extern const struct sim_world_cert sim_world_certs[];
extern const size_t sim_world_ncerts;

/* The NTP servers of deviceconfig/system (primary, secondary); the device syncs to the first. */
#define SIM_WORLD_NTP1 "198.51.100.123"
#define SIM_WORLD_NTP2 "198.51.100.124"

/* The GlobalProtect gateway of vsys1 (show global-protect-gateway statistics). */
#define SIM_WORLD_GP_GATEWAY "gp-gateway"

/* Config fragments for the monitored parts of the world (simconfig_mon.c): <certificate> under
 * shared, with expiry counted from @p boot (epoch seconds); <tunnel><units> under
 * network/interface; <ike> and <tunnel><ipsec> under network. */
#include <stdio.h>
void sim_config_put_certs(FILE *f, long long boot);
void sim_config_put_tunnel_ifaces(FILE *f);
void sim_config_put_ipsec(FILE *f);
/* <address-group> of the world's dynamic address groups of shared (@p shared) or vsys1
 * (simdag.c); nothing when there are none. */
void sim_config_put_dags(FILE *f, int shared);
/* <protocol><bgp> of the default virtual router: the world's peers. */
void sim_config_put_bgp(FILE *f);

/* splitmix64 of (seed, k): every generated number is a pure function of the seed. */
uint64_t sim_world_mix(unsigned long seed, uint64_t k);

/* The LAN hosts seen on ethernet1/2 (ARP, DHCP, User-ID, sessions, logs): host octets
 * start, start+step, ... (n of them, all below .160). */
struct sim_world_lan {
    unsigned n, start, step;
};
struct sim_world_lan sim_world_lan_of(unsigned long seed);
/* Host octet of LAN host @p i (0 <= i < n). */
unsigned sim_world_lan_host(const struct sim_world_lan *lan, unsigned i);
/* The User-ID user of a LAN host ("" when the host has none), and its DHCP hostname. */
const char *sim_world_host_user(unsigned octet);
void sim_world_host_name(unsigned octet, char *buf, size_t len);
/* A LAN host's MAC ("aa:bb:cc:dd:ee:ff"): by a hash of its octet, the documentation block
 * (RFC 7042), a randomized (locally administered) address, or one inside a real IEEE MA-L,
 * MA-M or MA-S assignment, so that vendor lookups have something to resolve. */
void sim_world_host_mac(unsigned octet, char *buf, size_t len);
/* A LAN host's global IPv6 address in 2001:db8:0:2::/64 (RFC 3849), or "" when it has none
 * (about half have one, by a hash of the octet); the same host in the IPv6 neighbour table and its
 * logs. */
void sim_world_host_ip6(unsigned octet, char *buf, size_t len);

/* Parse dotted-quad @p s into @p out (host order). Returns 0, or -1 when it is not one. */
int sim_world_ip_parse(const char *s, uint32_t *out);
/* 1 when @p ip is inside @p spec: "any", "a.b.c.d", "a.b.c.d/n" or "a.b.c.d-e.f.g.h". */
int sim_world_ip_in(uint32_t ip, const char *spec);
/* The zone whose interface subnet holds @p ip: trust for the LAN, untrust otherwise. */
const char *sim_world_zone_of(uint32_t ip);

/*
 * The first rule that matches the flow (from, to, source, destination, application, protocol
 * number, destination port), as the security policy evaluates it: index into
 * sim_world_rules, or -1 for none (interzone-default: deny). Zones/app NULL match any.
 */
int sim_world_rule_for(const char *from, const char *to, uint32_t src, uint32_t dst,
                       const char *app, int proto, unsigned dport);

#endif
