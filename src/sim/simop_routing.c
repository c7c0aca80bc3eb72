/* SPDX-License-Identifier: MIT */
/* simop_routing.c -- op answers about dynamic routing: show routing protocol bgp peer. */
#include <stdint.h>
#include <stdio.h>
#include "simop.h"

/* One peer's entry. An established peer has been up since boot; its message counters grow with
 * the uptime (a keepalive each 30 s each way, an update a minute in). A peer whose tunnel is
 * down sits in Active with nothing exchanged. */
static void put_peer(FILE *f, const struct sim_state *st, size_t i, long long now)
{
    const struct sim_world_bgp_peer *p = &sim_world_bgp_peers[i];
    const struct sim_world_tunnel *t = &sim_world_tunnels[p->tunnel];
    unsigned long long up = (unsigned long long)sim_op_uptime(st, now);
    unsigned long long upd_in = t->up ? 1 + up / 60 : 0, upd_out = t->up ? 1 + up / 90 : 0;
    unsigned long long ka = t->up ? up / 30 : 0;
    unsigned prefixes = t->up ? 2 + (unsigned)(sim_world_mix(st->seed, 800 + i) % 20) : 0;
    unsigned lport = 32768 + (unsigned)(sim_world_mix(st->seed, 810 + i) % 28000);
    fprintf(f,
            "<entry peer=\"%s\" vr=\"" SIM_WORLD_VR "\"><peer-group>branches</peer-group>"
            "<peer-router-id>%s</peer-router-id><remote-as>%u</remote-as>"
            "<status>%s</status><status-duration>%llu</status-duration>"
            "<password-set>no</password-set><passive>no</passive><multi-hop-ttl>1</multi-hop-ttl>"
            "<peer-address>%s:179</peer-address><local-address>" SIM_WORLD_NAT_IP
            ":%u</local-address><reflector-client>not-client</reflector-client>"
            "<same-confederation>no</same-confederation>"
            "<aggregate-confed-as>yes</aggregate-confed-as><peering-type>Unspecified"
            "</peering-type><connect-retry-interval>15</connect-retry-interval>"
            "<open-delay>0</open-delay><idle-hold>15</idle-hold><prefix-limit>0</prefix-limit>"
            "<holdtime>90</holdtime><holdtime-config>90</holdtime-config>"
            "<keepalive>30</keepalive><keepalive-config>30</keepalive-config>",
            p->name, t->up ? t->peer : "0.0.0.0", p->remote_as,
            t->up ? "Established" : "Active", up, t->peer, lport);
    fprintf(f,
            "<msg-update-in>%llu</msg-update-in><msg-update-out>%llu</msg-update-out>"
            "<msg-total-in>%llu</msg-total-in><msg-total-out>%llu</msg-total-out>"
            "<last-update-age>%llu</last-update-age><last-error/>"
            "<status-flap-counts>%d</status-flap-counts>"
            "<established-counts>%d</established-counts><ORF-entry-received>0"
            "</ORF-entry-received><nexthop-self>no</nexthop-self>"
            "<nexthop-thirdparty>yes</nexthop-thirdparty><nexthop-peer>no</nexthop-peer>"
            "<config><remove-private-as>no</remove-private-as></config><peer-capability>"
            "<list><capability>Multiprotocol Extensions(1)</capability><value>IPv4 Unicast"
            "</value></list><list><capability>Route Refresh(2)</capability><value>yes</value>"
            "</list><list><capability>4-Byte AS Number(65)</capability><value>%u</value></list>"
            "</peer-capability><prefix-counter><entry afi-safi=\"bgpAfiIpv4-unicast\">"
            "<incoming-total>%u</incoming-total><incoming-accepted>%u</incoming-accepted>"
            "<incoming-rejected>0</incoming-rejected><policy-rejected>0</policy-rejected>"
            "<outgoing-total>%u</outgoing-total><outgoing-advertised>%u</outgoing-advertised>"
            "</entry></prefix-counter></entry>",
            upd_in, upd_out, upd_in + ka + 1, upd_out + ka + 1, t->up ? up % 60 : 0,
            t->up ? 0 : 1, t->up ? 1 : 0, p->remote_as, prefixes, prefixes, t->up ? 2u : 0u,
            t->up ? 2u : 0u);
}

/*
 * show routing protocol bgp peer (legacy routing engine; elastic/beats panw testdata
 * bgp_peers.xml): one entry per peer with peer and vr attributes, status (Established, Active,
 * ...), status-duration in seconds, message counters, flaps and per-AFI prefix counters. The
 * devices with advanced-routing on answer it too [U: an ARE device's answer to the legacy
 * command]; show advanced-routing is not simulated (no public capture of its XML).
 */
static enum sim_opstatus op_bgp_peer(struct sim_op *op)
{
    for (size_t i = 0; i < sim_world_nbgp_peers; i++)
        put_peer(op->f, op->st, i, op->now);
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_routing_cmds[] = {
    {"show routing protocol bgp peer", SIM_OPARG_NONE, op_bgp_peer},
    {NULL, SIM_OPARG_NONE, NULL},
};
