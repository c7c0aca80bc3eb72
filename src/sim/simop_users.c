/* SPDX-License-Identifier: MIT */
/* simop_users.c -- op answers about User-ID: show user ip-user-mapping all, show object
 * registered-ip all, show object registered-user all. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "simdag.h"
#include "simop.h"
#include "simuserid.h"

#define RULE "-------------------------------------------------------------"

/*
 * show user ip-user-mapping all: one entry per LAN host with a user (the srcuser of its
 * traffic and threat logs), in the XML form of the capture in CPAN Device-PaloAlto-Firewall
 * xml_scratchpad/show_user_ip-user-mapping_all.xml (PAN-OS 7/8), with its line breaks after
 * each entry and after <count>. The users come from the directory, so the type
 * is AD; a mapping times out after 45 minutes (2700 s, the User-ID default) and idles below that.
 * No mapping at all is an empty <result/>. A world host whose IP the XML API logged out or
 * mapped again is left out; the XML API's mappings (type XMLAPI) follow the world's.
 */
/*
 * The same mappings as PAN-OS 8.x and 9.x answer them (played below 10.0): the CLI's text table
 * as the text of <result>. The columns and the "Total: N users" line are those of the CLI in the
 * PAN-OS XML API Lab ("IP User Mapping", api-lab.paloaltonetworks.com); the 45-column IP field
 * and the bare text in <result> follow a public 'debug cli on' capture of the API answer (PA-200,
 * 2019; source not recorded).
 */
static enum sim_opstatus ip_user_mapping_text(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    struct sim_world_lan a = sim_world_lan_of(st->seed);
    unsigned count = 0;
    fprintf(op->f, "%-45s %-6s %-7s %-32s %-14s %s\n", "IP", "Vsys", "From", "User",
            "IdleTimeout(s)", "MaxTimeout(s)");
    fprintf(op->f, "%.45s %.6s %.7s %.32s %.14s %.13s\n", RULE, RULE, RULE, RULE, RULE, RULE);
    for (unsigned i = 0; i < a.n; i++) {
        unsigned octet = sim_world_lan_host(&a, i);
        const char *user = sim_world_host_user(octet);
        if (user[0] == '\0')
            continue;
        char ip[20];
        unsigned timeout = 1 + (unsigned)(sim_world_mix(st->seed, 1600 + i) % 2700);
        unsigned idle = timeout - (unsigned)(sim_world_mix(st->seed, 1700 + i) % timeout);
        snprintf(ip, sizeof(ip), SIM_WORLD_LAN_NET "%u", octet);
        fprintf(op->f, "%-45s %-6s %-7s %-32s %-14u %u\n", ip, "vsys1", "AD", user, idle, timeout);
        count++;
    }
    fprintf(op->f, "Total: %u users\n", count);
    return SIM_OP_OK;
}

static enum sim_opstatus op_ip_user_mapping_all(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    struct sim_world_lan a = sim_world_lan_of(st->seed);
    unsigned count = 0;
    if (sim_op_release(st) < 1000)
        return ip_user_mapping_text(op);
    for (unsigned i = 0; i < a.n; i++) {
        unsigned octet = sim_world_lan_host(&a, i);
        const char *user = sim_world_host_user(octet);
        char ip[32];
        snprintf(ip, sizeof(ip), SIM_WORLD_LAN_NET "%u", octet);
        if (user[0] == '\0' || sim_userid_hides(st->userid, ip))
            continue;
        unsigned timeout = 1 + (unsigned)(sim_world_mix(st->seed, 1600 + i) % 2700);
        unsigned idle = timeout - (unsigned)(sim_world_mix(st->seed, 1700 + i) % timeout);
        fprintf(op->f, "<entry><ip>" SIM_WORLD_LAN_NET "%u</ip><vsys>vsys1</vsys><type>AD</type>",
                octet);
        sim_op_put_el(op->f, "user", user);
        fprintf(op->f, "<idle_timeout>%u</idle_timeout><timeout>%u</timeout></entry>\n", idle,
                timeout);
        count++;
    }
    count += sim_userid_put_mappings(st->userid, op->f);
    if (count > 0)
        fprintf(op->f, "<count>%u</count>\n", count);
    return SIM_OP_OK;
}

static enum sim_opstatus op_registered_ip_all(struct sim_op *op)
{
    sim_userid_put_registered_ip(op->st->userid, op->f);
    return SIM_OP_OK;
}

static enum sim_opstatus op_registered_user_all(struct sim_op *op)
{
    sim_userid_put_registered_user(op->st->userid, op->f);
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_users_cmds[] = {
    {"show user ip-user-mapping all", SIM_OPARG_NONE, op_ip_user_mapping_all},
    {"show object registered-ip all", SIM_OPARG_NONE, op_registered_ip_all},
    {"show object registered-user all", SIM_OPARG_NONE, op_registered_user_all},
    {"show object dynamic-address-group all", SIM_OPARG_NONE, sim_op_dag_all},
    {"show object dynamic-address-group name", SIM_OPARG_TEXT, sim_op_dag_name},
    {NULL, SIM_OPARG_NONE, NULL},
};
