/* SPDX-License-Identifier: MIT */
/* commands.c -- which API command feeds which collector, tier and parser; collector names. */
#include <stdio.h>
#include <string.h>
#include "collect.h"

/* One call per command and probe, never one per interface or peer (the Telegraf pan_os_api
 * input fork, tphakala/telegraf plugins/inputs/pan_os_api, and Zabbix's "Palo Alto PA-440 by
 * HTTP" template poll per interface; the fork documents it as "high impact"). */
/* clang-format off */
const struct exp_cmd exp_cmds[] = {
    {"show system info", EXP_C_SYSTEM, 0, 0, "<show><system><info/></system></show>", NULL,
     exp_parse_system_info},
    {"show system resources", EXP_C_RESOURCES, 0, 0, "<show><system><resources/></system></show>",
     NULL, exp_parse_resources},
    {"show running resource-monitor minute last 1", EXP_C_DATAPLANE, 0, 0,
     "<show><running><resource-monitor><minute><last>1</last></minute></resource-monitor>"
     "</running></show>", NULL, exp_parse_dataplane},
    {"show session info", EXP_C_SESSIONS, 0, 0, "<show><session><info/></session></show>", NULL,
     exp_parse_sessions},
    {"show interface all", EXP_C_INTERFACES, 0, 0, "<show><interface>all</interface></show>", NULL,
     exp_parse_interfaces},
    {"show counter interface all", EXP_C_INTERFACES, 0, 0,
     "<show><counter><interface>all</interface></counter></show>", NULL, exp_parse_if_counters},
    {"show high-availability state", EXP_C_HA, 0, 0,
     "<show><high-availability><state/></high-availability></show>", NULL, exp_parse_ha},
    {"show global-protect-gateway statistics", EXP_C_GP, 0, 0,
     "<show><global-protect-gateway><statistics/></global-protect-gateway></show>", NULL,
     exp_parse_gp},
    {"show vpn flow", EXP_C_IPSEC, 0, 0, "<show><vpn><flow/></vpn></show>", NULL,
     exp_parse_vpn_flow},
    {"show vpn ipsec-sa", EXP_C_IPSEC, 0, 0, "<show><vpn><ipsec-sa/></vpn></show>", NULL,
     exp_parse_ipsec_sa},
    {"show routing protocol bgp peer", EXP_C_BGP, 0, 1,
     "<show><routing><protocol><bgp><peer/></bgp></protocol></routing></show>", NULL,
     exp_parse_bgp_legacy},
    {"show advanced-routing bgp peer status", EXP_C_BGP, 0, 2,
     "<show><advanced-routing><bgp><peer><status/></peer></bgp></advanced-routing></show>", NULL,
     exp_parse_bgp_are},
    {"show vpn ike-sa", EXP_C_IPSEC, 0, 0, "<show><vpn><ike-sa/></vpn></show>", NULL,
     exp_parse_ike_sa},
    {"request license info", EXP_C_LICENSES, 1, 0, "<request><license><info/></license></request>",
     NULL, exp_parse_licenses},
    {"config get /config/shared/certificate", EXP_C_CERTIFICATES, 1, 0, NULL,
     "/config/shared/certificate", exp_parse_certificates},
    {"show system environmentals", EXP_C_ENVIRONMENT, 1, 0,
     "<show><system><environmentals/></system></show>", NULL, exp_parse_environment},
    {"show system disk-space", EXP_C_DISK, 1, 0, "<show><system><disk-space/></system></show>",
     NULL, exp_parse_disk},
    {"show high-availability all", EXP_C_HA, 1, 0,
     "<show><high-availability><all/></high-availability></show>", NULL, exp_parse_ha_all},
    {"show routing route", EXP_C_ROUTES, 1, 1, "<show><routing><route/></routing></show>", NULL,
     exp_parse_routes},
    {NULL, 0, 0, 0, NULL, NULL, NULL},
};
/* clang-format on */

size_t exp_cmd_count(void)
{
    return sizeof(exp_cmds) / sizeof(exp_cmds[0]) - 1;
}

static const struct {
    const char *name;
    unsigned bit;
} names[] = {{"system", EXP_C_SYSTEM},
             {"resources", EXP_C_RESOURCES},
             {"dataplane", EXP_C_DATAPLANE},
             {"sessions", EXP_C_SESSIONS},
             {"interfaces", EXP_C_INTERFACES},
             {"ha", EXP_C_HA},
             {"content", EXP_C_CONTENT},
             {"gp", EXP_C_GP},
             {"ipsec", EXP_C_IPSEC},
             {"bgp", EXP_C_BGP},
             {"licenses", EXP_C_LICENSES},
             {"certificates", EXP_C_CERTIFICATES},
             {"environment", EXP_C_ENVIRONMENT},
             {"disk", EXP_C_DISK},
             {"routes", EXP_C_ROUTES}};

unsigned exp_collectors_parse(const char *list, char *bad, size_t badlen)
{
    unsigned mask = 0;
    const char *p = list;
    while (*p) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, " \t,");
        if (n == 0)
            break;
        size_t i;
        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
            if (strlen(names[i].name) == n && strncmp(names[i].name, p, n) == 0)
                break;
        if (i == sizeof(names) / sizeof(names[0])) {
            snprintf(bad, badlen, "%.*s", (int)n, p);
            return 0;
        }
        mask |= names[i].bit;
        p += n;
    }
    if (mask == 0)
        snprintf(bad, badlen, "(empty list)");
    return mask | EXP_C_SYSTEM; /* system info is always asked: it decides panos_up */
}
