/* SPDX-License-Identifier: MIT */
/* simop_system.c -- op answers about the device: system info and resources, clock, HA. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "simop.h"

static const char *s_or(const char *s, const char *dflt)
{
    return s != NULL ? s : dflt;
}

/* §4.1 show system info: identity from the state, time and uptime from boot_time. */
static enum sim_opstatus op_system_info(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    long long now = op->now;
    long long up = sim_op_uptime(st, now);
    const char *model = s_or(st->model, "PA-VM");
    char family[24];
    if (sim_op_is_vm(st)) {
        snprintf(family, sizeof(family), "vm");
    } else {
        unsigned long digits = strtoul(model + strcspn(model, "0123456789"), NULL, 10);
        snprintf(family, sizeof(family), "%lu", digits / 100 * 100);
    }
    fputs("<system>", f);
    sim_op_put_el(f, "hostname", st->hostname);
    sim_op_put_el(f, "ip-address", SIM_WORLD_MGMT_IP);
    sim_op_put_el(f, "public-ip-address", "unknown");
    sim_op_put_el(f, "netmask", SIM_WORLD_MGMT_MASK);
    sim_op_put_el(f, "default-gateway", SIM_WORLD_MGMT_GW);
    sim_op_put_el(f, "is-dhcp", "no");
    sim_op_put_el(f, "ipv6-address", "unknown");
    sim_op_put_el(f, "ipv6-link-local-address", "fe80::200:5eff:fe00:5300/64");
    sim_op_put_el(f, "mac-address", SIM_WORLD_MAC_PREFIX "00");
    /* §4.1 quirk 1: raw devices put a newline inside <time>. */
    fputs("<time>", f);
    sim_op_put_asctime(f, now);
    fputs("\n</time>\n", f);
    fprintf(f, "<uptime>%lld days, %lld:%02lld:%02lld</uptime>", up / 86400, up % 86400 / 3600,
            up % 3600 / 60, up % 60);
    sim_op_put_el(f, "devicename", st->hostname);
    sim_op_put_el(f, "family", family);
    sim_op_put_el(f, "model", model);
    sim_op_put_el(f, "serial", st->serial);
    sim_op_put_el(f, "cloud-mode", "non-cloud");
    sim_op_put_el(f, "sw-version", st->sw_version);
    sim_op_put_el(f, "global-protect-client-package-version", "0.0.0");
    sim_op_put_el(f, "device-dictionary-version", "172-597");
    sim_op_put_el(f, "device-dictionary-release-date", "2025/04/25 12:16:03 MDT");
    sim_op_put_el(f, "app-version", "8971-9419");
    sim_op_put_el(f, "app-release-date", "2025/04/28 16:06:06 MDT");
    sim_op_put_el(f, "av-version", "5169-5689");
    sim_op_put_el(f, "av-release-date", "2025/04/29 05:00:05 MDT");
    sim_op_put_el(f, "threat-version", "8971-9419");
    sim_op_put_el(f, "threat-release-date", "2025/04/28 16:06:06 MDT");
    sim_op_put_el(f, "wf-private-version", "0");
    sim_op_put_el(f, "wf-private-release-date", "unknown");
    sim_op_put_el(f, "url-db", "paloaltonetworks");
    sim_op_put_el(f, "wildfire-version", "955464-959418");
    sim_op_put_el(f, "wildfire-release-date", "2025/02/24 07:42:12 MST");
    sim_op_put_el(f, "wildfire-rt", "Disabled");
    sim_op_put_el(f, "url-filtering-version", "20250430.20332");
    sim_op_put_el(f, "global-protect-datafile-version", "unknown");
    sim_op_put_el(f, "global-protect-datafile-release-date", "unknown");
    sim_op_put_el(f, "global-protect-clientless-vpn-version", "0");
    sim_op_put_el(f, "logdb-version", "10.2.1");
    fputs("<plugin_versions><entry name='dlp' version='3.0.9'><pkginfo>dlp-3.0.9</pkginfo>"
          "</entry></plugin_versions>",
          f);
    sim_op_put_el(f, "platform-family", family);
    sim_op_put_el(f, "vpn-disable-mode", "off");
    sim_op_put_el(f, "multi-vsys", "off");
    sim_op_put_el(f, "ZTP", "Disabled");
    sim_op_put_el(f, "operational-mode", "normal");
    sim_op_put_el(f, "advanced-routing", "off");
    sim_op_put_el(f, "device-certificate-status", "Valid");
    fputs("</system>", f);
    return SIM_OP_OK;
}

/* top(1)'s uptime field: "65 days,  8:44," or " 4:18," or "12 min,". */
static void put_top_uptime(FILE *f, long long up)
{
    long long days = up / 86400, hours = up % 86400 / 3600, mins = up % 3600 / 60;
    if (days > 0)
        fprintf(f, "%lld day%s, ", days, days == 1 ? "" : "s");
    if (hours > 0)
        fprintf(f, "%2lld:%02lld,", hours, mins);
    else
        fprintf(f, "%lld min,", mins);
}

/* §4.2 show system resources: top -b -n1 (10.x "MiB Mem" layout) in CDATA. */
static enum sim_opstatus op_system_resources(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    long long now = op->now;
    struct tm tm;
    sim_op_utc(now, &tm);
    uint64_t r = sim_world_mix(st->seed, 200);
    unsigned load = (unsigned)(r % 90) + 5;
    unsigned idle10 = 985 - (unsigned)(r >> 8) % 60; /* 92.5 .. 98.5 % idle */
    unsigned us10 = (1000 - idle10) * 2 / 3, sy10 = 1000 - idle10 - us10;
    double total = sim_op_is_vm(st) ? 15995.4 : 63739.8;
    double used = total * (0.30 + (double)((r >> 16) % 20) / 100.0);
    double cache = total * 0.10;
    fprintf(f,
            "<![CDATA[top - %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
    put_top_uptime(f, sim_op_uptime(st, now));
    fprintf(f,
            "  0 users,  load average: %u.%02u, %u.%02u, %u.%02u\n"
            "Tasks: 214 total,   1 running, 212 sleeping,   0 stopped,   1 zombie\n"
            "%%Cpu(s): %2u.%u us, %2u.%u sy,  0.0 ni, %2u.%u id,  0.0 wa,  0.0 hi,  0.0 si,"
            "  0.0 st\n"
            "MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache\n"
            "MiB Swap:   1023.9 total,   1023.9 free,      0.0 used. %8.1f avail Mem\n"
            "\n"
            "  PID USER      PR  NI    VIRT    RES    SHR S  %%CPU  %%MEM     TIME+ COMMAND\n"
            " 3261 root      20   0  177396  23916  12740 S   6.2   0.1   0:26.59 pan_task\n"
            " 2877 root      20   0  894512 312084  21460 S   0.0   1.9   3:12.08 mgmtsrvr\n"
            " 2951 root      20   0  301240  48212  10864 S   0.0   0.3   0:41.77 devsrvr\n"
            "    1 root      20   0    2164    744    644 S   0.0   0.0   0:02.10 init\n"
            "]]>",
            load / 100, load % 100, (load + 3) / 100, (load + 3) % 100, (load + 7) / 100,
            (load + 7) % 100, us10 / 10, us10 % 10, sy10 / 10, sy10 % 10, idle10 / 10,
            idle10 % 10, total, total - used - cache, used, cache, total - used);
    return SIM_OP_OK;
}

/* §4.15 show clock: date(1) text with a trailing newline, directly in <result>. */
static enum sim_opstatus op_clock(struct sim_op *op)
{
    struct tm tm;
    sim_op_utc(op->now, &tm);
    fprintf(op->f, "%s %s %2d %02d:%02d:%02d UTC %d\n", sim_op_wdays[tm.tm_wday % 7],
            sim_op_mons[tm.tm_mon % 12], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
            tm.tm_year + 1900);
    return SIM_OP_OK;
}

/* §4.6 show high-availability state: HA disabled, byte for byte. */
static enum sim_opstatus op_ha_state(struct sim_op *op)
{
    fputs("<enabled>no</enabled><local-info><encrypt-imported>no</encrypt-imported></local-info>",
          op->f);
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_system_cmds[] = {
    {"show system info", SIM_OPARG_NONE, op_system_info},
    {"show system resources", SIM_OPARG_NONE, op_system_resources},
    {"show clock", SIM_OPARG_NONE, op_clock},
    {"show high-availability state", SIM_OPARG_NONE, op_ha_state},
    {NULL, SIM_OPARG_NONE, NULL},
};
