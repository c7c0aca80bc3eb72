/* SPDX-License-Identifier: MIT */
/* simconfig_mon.c -- the monitored parts of the initial config: certificates and IPsec tunnels. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "simworld.h"

/* "Oct 02 07:00:00 2011 GMT", the layout of not-valid-before/after in the config. */
static void put_certdate(FILE *f, const char *el, long long t)
{
    static const char *const mons[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    time_t tt = (time_t)t;
    memset(&tm, 0, sizeof(tm));
    gmtime_r(&tt, &tm);
    fprintf(f, "<%s>%s %02d %02d:%02d:%02d %d GMT</%s>", el, mons[tm.tm_mon % 12], tm.tm_mday,
            tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900, el);
}

/*
 * <certificate> under <shared>: one entry per world certificate, with the fields the config keeps
 * for an imported or generated certificate (PAN-OS XML API guide, "Configuration (API)"; the
 * shared/certificate reads of the check_paloalto and check_pan plugins): common-name,
 * not-valid-before/after, expiry-epoch, issuer, subject, algorithm, ca. Each was issued a year
 * (the root CA ten) before it expires, and at least 30 days before boot.
 */
void sim_config_put_certs(FILE *f, long long boot)
{
    fputs("<certificate>", f);
    for (size_t i = 0; i < sim_world_ncerts; i++) {
        const struct sim_world_cert *c = &sim_world_certs[i];
        long long after = boot + 86400LL * c->days;
        long long before = after - 86400LL * (c->ca ? 3650 : 365);
        if (before > boot - 86400LL * 30)
            before = boot - 86400LL * 30;
        fprintf(f, "<entry name=\"%s\"><common-name>%s</common-name>", c->name, c->cn);
        put_certdate(f, "not-valid-before", before);
        put_certdate(f, "not-valid-after", after);
        fprintf(f,
                "<expiry-epoch>%lld</expiry-epoch><issuer>/CN=%s</issuer>"
                "<subject>/CN=%s</subject><algorithm>RSA</algorithm><ca>%s</ca></entry>",
                after, c->issuer, c->cn, c->ca ? "yes" : "no");
    }
    fputs("</certificate>", f);
}

/* <tunnel><units> under network/interface: tunnel.N of each world tunnel. */
void sim_config_put_tunnel_ifaces(FILE *f)
{
    fputs("<tunnel><units>", f);
    for (size_t i = 0; i < sim_world_ntunnels; i++)
        fprintf(f, "<entry name=\"tunnel.%d\"/>", sim_world_tunnels[i].id);
    fputs("</units></tunnel>", f);
}

/* <ike> and <tunnel><ipsec> under network: an IKE gateway gw-NAME on ethernet1/1 to the peer
 * and an auto-key IPsec tunnel NAME bound to tunnel.N (PAN-OS 10.x configuration schema). */
void sim_config_put_ipsec(FILE *f)
{
    fputs("<ike><gateway>", f);
    for (size_t i = 0; i < sim_world_ntunnels; i++)
        fprintf(f,
                "<entry name=\"gw-%s\"><local-address><interface>" SIM_WORLD_WAN_IF
                "</interface></local-address><peer-address><ip>%s</ip></peer-address></entry>",
                sim_world_tunnels[i].name, sim_world_tunnels[i].peer);
    fputs("</gateway></ike><tunnel><ipsec>", f);
    for (size_t i = 0; i < sim_world_ntunnels; i++)
        fprintf(f,
                "<entry name=\"%s\"><auto-key><ike-gateway><entry name=\"gw-%s\"/></ike-gateway>"
                "</auto-key><tunnel-interface>tunnel.%d</tunnel-interface></entry>",
                sim_world_tunnels[i].name, sim_world_tunnels[i].name, sim_world_tunnels[i].id);
    fputs("</ipsec></tunnel>", f);
}

/* The default virtual router's BGP (PAN-OS 10.x configuration schema, legacy routing engine):
 * router ID and local AS, one peer group of eBGP peers at the tunnels' far ends. */
void sim_config_put_bgp(FILE *f)
{
    fprintf(f,
            "<protocol><bgp><enable>yes</enable><router-id>" SIM_WORLD_BGP_ROUTER_ID
            "</router-id><local-as>%u</local-as><peer-group><entry name=\"branches\">"
            "<type><ebgp/></type><peer>",
            SIM_WORLD_BGP_AS);
    for (size_t i = 0; i < sim_world_nbgp_peers; i++) {
        const struct sim_world_bgp_peer *p = &sim_world_bgp_peers[i];
        fprintf(f,
                "<entry name=\"%s\"><enable>yes</enable><peer-as>%u</peer-as>"
                "<local-address><interface>tunnel.%d</interface></local-address>"
                "<peer-address><ip>%s</ip></peer-address></entry>",
                p->name, p->remote_as, sim_world_tunnels[p->tunnel].id,
                sim_world_tunnels[p->tunnel].peer);
    }
    fputs("</peer></entry></peer-group></bgp></protocol>", f);
}
