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

/* A content release date, "2025/04/28 16:06:06 MDT" (yaklin.ca, 10.2.11): in the device's time
 * zone, which pansim's config sets to UTC. */
static void put_release(FILE *f, const char *el, long long t)
{
    struct tm tm;
    sim_op_utc(t, &tm);
    fprintf(f, "<%s>%04d/%02d/%02d %02d:%02d:%02d UTC</%s>", el, tm.tm_year + 1900, tm.tm_mon + 1,
            tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, el);
}

/* show system info (yaklin.ca blog, PAN-OS 10.2.11-h12; elastic/beats panw test data): identity
 * from the state, time and uptime from boot_time. */
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
    /* Content installed shortly before boot: apps and threats (one package) one to three days
     * before, antivirus up to a day before, so a content age check sees a fresh device. */
    long long app = st->boot_time - 86400 - (long long)(sim_world_mix(st->seed, 220) % 172800);
    long long av = st->boot_time - (long long)(sim_world_mix(st->seed, 221) % 86400);
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
    /* Raw devices put a newline inside <time> (elastic/beats system_info.xml). */
    fputs("<time>", f);
    sim_op_put_asctime(f, now);
    fputs("\n</time>\n", f);
    fprintf(f, "<uptime>%lld days, %lld:%02lld:%02lld</uptime>", up / 86400, up % 86400 / 3600,
            up % 3600 / 60, up % 60);
    sim_op_put_el(f, "devicename", st->hostname);
    sim_op_put_el(f, "family", family);
    sim_op_put_el(f, "model", model);
    sim_op_put_el(f, "serial", st->serial);
    if (sim_op_is_vm(st)) {
        /* A PA-VM's licensing identity, after the serial (Device-PaloAlto-Firewall
         * t/18-version.t, 7.2.3; vm-mode on KVM in an 8.1.3 capture; yaklin.ca "Palo Alto PANOS API
         * Authentication" blog (PA-440, PAN-OS 10.2.11-h12)). */
        char uuid[40];
        uint64_t r = sim_world_mix(st->seed, 210), q = sim_world_mix(st->seed, 211);
        snprintf(uuid, sizeof(uuid), "%08X-%04X-%04X-%04X-%012llX", (unsigned)(r >> 32),
                 (unsigned)(r >> 16) & 0xffff, (unsigned)r & 0xffff, (unsigned)(q >> 48),
                 (unsigned long long)(q & 0xffffffffffffULL));
        sim_op_put_el(f, "vm-mac-base", "BA:DB:EE:FB:AD:00");
        sim_op_put_el(f, "vm-mac-count", "256");
        sim_op_put_el(f, "vm-uuid", uuid);
        fprintf(f, "<vm-cpuid>KVM:%016llX</vm-cpuid>",
                (unsigned long long)sim_world_mix(st->seed, 212));
        sim_op_put_el(f, "vm-license", "VM-100");
        sim_op_put_el(f, "vm-mode", "KVM");
    }
    sim_op_put_el(f, "cloud-mode", "non-cloud");
    sim_op_put_el(f, "sw-version", st->sw_version);
    sim_op_put_el(f, "global-protect-client-package-version", "0.0.0");
    sim_op_put_el(f, "device-dictionary-version", "172-597");
    sim_op_put_el(f, "device-dictionary-release-date", "2025/04/25 12:16:03 MDT");
    sim_op_put_el(f, "app-version", "8971-9419");
    put_release(f, "app-release-date", app);
    sim_op_put_el(f, "av-version", "5169-5689");
    put_release(f, "av-release-date", av);
    sim_op_put_el(f, "threat-version", "8971-9419");
    put_release(f, "threat-release-date", app);
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
    char logdb[16]; /* 10.2.11 runs logdb 10.2.1 (yaklin.ca); the others by the same rule [U] */
    snprintf(logdb, sizeof(logdb), "%d.%d.1", sim_op_release(st) / 100, sim_op_release(st) % 100);
    sim_op_put_el(f, "logdb-version", logdb);
    fputs("<plugin_versions><entry name='dlp' version='3.0.9'><pkginfo>dlp-3.0.9</pkginfo>"
          "</entry></plugin_versions>",
          f);
    sim_op_put_el(f, "platform-family", family);
    sim_op_put_el(f, "vpn-disable-mode", "off");
    sim_op_put_el(f, "multi-vsys", "off");
    sim_op_put_el(f, "ZTP", "Disabled");
    sim_op_put_el(f, "operational-mode", "normal");
    /* The Advanced Routing Engine is on for the 11.1 devices pansim plays (an 11.x option,
     * Netdata go.d panos collector's legacy/ARE fallback) and off before. */
    sim_op_put_el(f, "advanced-routing", sim_op_release(st) >= 1101 ? "on" : "off");
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

/*
 * top's CPU and memory lines. procps-ng 3.3.10+ writes "%Cpu(s): 1.2 us, ..." and
 * "MiB Mem : ... total, ... free, ... used, ... buff/cache"; older procps "Cpu(s):  1.2%us, ..."
 * and "Mem:  4040360k total, ... used, ... free, ... buffers" (pan-python #32 and
 * jenningsloy318/panos_exporter #3 transcripts; the Centreon paloalto::api plugin reads only the
 * newer one). pansim plays the older one on 10.1 [U: which releases switched].
 */
static void put_cpu_mem(char *buf, size_t len, int old, unsigned us10, unsigned sy10,
                        unsigned idle10, double total, double used, double cache)
{
    if (old) {
        unsigned long long tk = (unsigned long long)(total * 1024.0);
        unsigned long long uk = (unsigned long long)(used * 1024.0);
        unsigned long long ck = (unsigned long long)(cache * 1024.0);
        snprintf(buf, len,
                 "Cpu(s): %2u.%u%%us, %2u.%u%%sy,  0.0%%ni, %2u.%u%%id,  0.0%%wa,  0.0%%hi,"
                 "  0.0%%si,  0.0%%st\n"
                 "Mem: %9lluk total, %9lluk used, %9lluk free, %9lluk buffers\n"
                 "Swap:  1048572k total,        0k used,  1048572k free, %9lluk cached\n",
                 us10 / 10, us10 % 10, sy10 / 10, sy10 % 10, idle10 / 10, idle10 % 10, tk, uk + ck,
                 tk - uk - ck, ck / 4, ck);
        return;
    }
    snprintf(buf, len,
             "%%Cpu(s): %2u.%u us, %2u.%u sy,  0.0 ni, %2u.%u id,  0.0 wa,  0.0 hi,  0.0 si,"
             "  0.0 st\n"
             "MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache\n"
             "MiB Swap:   1023.9 total,   1023.9 free,      0.0 used. %8.1f avail Mem\n",
             us10 / 10, us10 % 10, sy10 / 10, sy10 % 10, idle10 / 10, idle10 % 10, total,
             total - used - cache, used, cache, total - used);
}

/* show system resources: top -b -n1 (10.x "MiB Mem" layout) in CDATA (pan-os-python #166,
 * pan-python #32 transcripts; pan-os-upgrade-assurance 2.1.1 fixture). */
static enum sim_opstatus op_system_resources(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    long long now = op->now;
    struct tm tm;
    sim_op_utc(now, &tm);
    uint64_t r = sim_world_mix(st->seed, 200 + (uint64_t)(now / 60)); /* a new sample a minute */
    unsigned load = (unsigned)(r % 90) + 5;
    unsigned idle10 = 985 - (unsigned)(r >> 8) % 60; /* 92.5 .. 98.5 % idle */
    unsigned us10 = (1000 - idle10) * 2 / 3, sy10 = 1000 - idle10 - us10;
    double total = sim_op_model_of(st)->mem_mib;
    double used = total * (0.30 + (double)((r >> 16) % 20) / 100.0);
    double cache = total * 0.10;
    char cpumem[512];
    put_cpu_mem(cpumem, sizeof(cpumem), sim_op_release(st) <= 1001, us10, sy10, idle10, total, used,
                cache);
    fprintf(f,
            "<![CDATA[top - %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
    put_top_uptime(f, sim_op_uptime(st, now));
    fprintf(f,
            "  0 users,  load average: %u.%02u, %u.%02u, %u.%02u\n"
            "Tasks: 214 total,   1 running, 212 sleeping,   0 stopped,   1 zombie\n"
            "%s"
            "\n"
            "  PID USER      PR  NI    VIRT    RES    SHR S  %%CPU  %%MEM     TIME+ COMMAND\n"
            " 3261 root      20   0  177396  23916  12740 S   6.2   0.1   0:26.59 pan_task\n"
            " 2877 root      20   0  894512 312084  21460 S   0.0   1.9   3:12.08 mgmtsrvr\n"
            " 2951 root      20   0  301240  48212  10864 S   0.0   0.3   0:41.77 devsrvr\n"
            "    1 root      20   0    2164    744    644 S   0.0   0.0   0:02.10 init\n"
            "]]>",
            load / 100, load % 100, (load + 3) / 100, (load + 3) % 100, (load + 7) / 100,
            (load + 7) % 100, cpumem);
    return SIM_OP_OK;
}

/* show clock: date(1) text with a trailing newline, directly in <result> (pango v0.9.0;
 * pan-os-upgrade-assurance 2.1.1 fixture). */
static enum sim_opstatus op_clock(struct sim_op *op)
{
    struct tm tm;
    sim_op_utc(op->now, &tm);
    fprintf(op->f, "%s %s %2d %02d:%02d:%02d UTC %d\n", sim_op_wdays[tm.tm_wday % 7],
            sim_op_mons[tm.tm_mon % 12], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
            tm.tm_year + 1900);
    return SIM_OP_OK;
}

/* The content versions this device runs (as in show system info), for the HA comparison. */
#define APP_VERSION "8971-9419"
#define URL_VERSION "20250430.20332"

/*
 * show high-availability state. Disabled: byte for byte the demisto/content fixture
 * show_ha_state_disabled.xml. Enabled (--ha active|passive): an active/passive pair, the peer in
 * the other state, element names and order as demisto/content show_ha_state_enabled.xml (PA-VM,
 * 10.0.9): local-info with the compatibility of each content version, peer-info with the HA1
 * link, link and path monitoring, and the running config in sync. The peer runs the same
 * release and content; the passive member has the lower priority (100 active, 90 passive) and
 * HA1 runs over the management port, the peer's management address one above ours.
 */
static void put_ha_local(FILE *f, const struct sim_state *st, const char *state, long long dur)
{
    int vm = sim_op_is_vm(st);
    int active = strcmp(state, "active") == 0;
    fputs("<local-info><url-compat>Match</url-compat>", f);
    sim_op_put_el(f, "app-version", APP_VERSION);
    fputs("<gpclient-version>Not Installed</gpclient-version>", f);
    sim_op_put_el(f, "build-rel", st->sw_version);
    fputs("<av-compat>Match</av-compat><av-version>5169-5689</av-version>", f);
    sim_op_put_el(f, "ha1-gateway", SIM_WORLD_MGMT_GW);
    sim_op_put_el(f, "url-version", URL_VERSION);
    fputs("<active-passive><passive-link-state>auto</passive-link-state>"
          "<monitor-fail-holddown>1</monitor-fail-holddown></active-passive>",
          f);
    sim_op_put_el(f, "platform-model", s_or(st->model, "PA-VM"));
    fputs("<vpnclient-compat>Match</vpnclient-compat>", f);
    fprintf(f, "<ha1-ipaddr>%s/24</ha1-ipaddr>", SIM_WORLD_MGMT_IP);
    if (vm)
        fputs("<vm-license>VM-100</vm-license>", f);
    fprintf(f, "<monitor-fail-holdup>0</monitor-fail-holdup><priority>%d</priority>",
            active ? 100 : 90);
    fprintf(f, "<preempt-hold>1</preempt-hold><state>%s</state><version>1</version>", state);
    fputs("<promotion-hold>2000</promotion-hold><threat-compat>Match</threat-compat>"
          "<gpclient-compat>Match</gpclient-compat><state-sync>Complete</state-sync>",
          f);
    if (vm)
        fputs("<vm-license-compat>Match</vm-license-compat>", f);
    fputs("<addon-master-holdup>500</addon-master-holdup><heartbeat-interval>2000"
          "</heartbeat-interval><ha1-link-mon-intv>3000</ha1-link-mon-intv>"
          "<hello-interval>8000</hello-interval><ha1-port>management</ha1-port>"
          "<ha1-encrypt-imported>no</ha1-encrypt-imported>",
          f);
    fprintf(f, "<mgmt-ip>%s/24</mgmt-ip>", SIM_WORLD_MGMT_IP);
    fputs("<vpnclient-version>Not Installed</vpnclient-version><preempt-flap-cnt>0"
          "</preempt-flap-cnt><DLP>Match</DLP><nonfunc-flap-cnt>0</nonfunc-flap-cnt>",
          f);
    sim_op_put_el(f, "threat-version", APP_VERSION);
    if (vm)
        fputs("<vm-license-type>vm100</vm-license-type>", f);
    fprintf(f, "<state-duration>%lld</state-duration>", dur);
    fputs("<max-flaps>3</max-flaps><ha1-encrypt-enable>no</ha1-encrypt-enable><mgmt-ipv6/>"
          "<last-error-state>none</last-error-state><preemptive>no</preemptive>"
          "<iot-version>44-316</iot-version><mode>Active-Passive</mode>"
          "<build-compat>Match</build-compat><iot-compat>Match</iot-compat>"
          "<last-error-reason>none</last-error-reason><VMS>Match</VMS>"
          "<app-compat>Match</app-compat></local-info>",
          f);
}

static void put_ha_peer(FILE *f, const struct sim_state *st, const char *state, long long dur,
                        const char *peer_ip, int all)
{
    int vm = sim_op_is_vm(st);
    fputs("<peer-info>", f);
    sim_op_put_el(f, "app-version", APP_VERSION);
    fputs("<gpclient-version>Not Installed</gpclient-version>", f);
    sim_op_put_el(f, "url-version", URL_VERSION);
    sim_op_put_el(f, "build-rel", st->sw_version);
    sim_op_put_el(f, "platform-model", s_or(st->model, "PA-VM"));
    if (vm)
        fputs("<vm-license>VM-100</vm-license>", f);
    fprintf(f, "<priority>%d</priority><state>%s</state><version>1</version>",
            strcmp(state, "active") == 0 ? 100 : 90, state);
    fputs("<last-error-reason>none</last-error-reason><iot-version>44-316</iot-version>"
          "<conn-status>up</conn-status><av-version>5169-5689</av-version>"
          "<vpnclient-version>Not Installed</vpnclient-version>",
          f);
    fprintf(f, "<mgmt-ip>%s/24</mgmt-ip><DLP>3.0.9</DLP>", peer_ip);
    sim_op_put_el(f, "threat-version", APP_VERSION);
    fputs("<conn-ha1><conn-status>up</conn-status><conn-primary>yes</conn-primary>"
          "<conn-desc>heartbeat status</conn-desc></conn-ha1>",
          f);
    if (all)
        fputs("<conn-ha1-backup><conn-status>down</conn-status><conn-desc>link status"
              "</conn-desc></conn-ha1-backup><conn-ha2><conn-status>up</conn-status>"
              "<conn-primary>yes</conn-primary><conn-desc>link status</conn-desc></conn-ha2>",
              f);
    if (vm)
        fputs("<vm-license-type>vm100</vm-license-type>", f);
    fprintf(f, "<state-duration>%lld</state-duration><ha1-ipaddr>%s</ha1-ipaddr>", dur, peer_ip);
    fputs("<mgmt-ipv6/><last-error-state>none</last-error-state><preemptive>no</preemptive>"
          "<mode>Active-Passive</mode><VMS>2.1.4</VMS></peer-info>",
          f);
}

/*
 * show high-availability all: the state answer plus the configuration (PAN-OS CLI Quick Start,
 * "show high-availability all"; element names as the state answer's, unverified beyond it):
 * peer-info also names the HA1 backup link (not configured: down) and HA2, and link monitoring
 * has one group, "uplinks", watching ethernet1/1 and ethernet1/2 with their link state.
 */
static void put_link_monitoring(FILE *f, int all)
{
    fputs("<link-monitoring><failure-condition>any</failure-condition><enabled>yes</enabled>", f);
    if (!all) {
        fputs("<groups/></link-monitoring>", f);
        return;
    }
    fputs("<groups><entry><name>uplinks</name><enabled>yes</enabled><failure-condition>any"
          "</failure-condition><interface>",
          f);
    for (size_t k = 0; k < sim_world_nifaces; k++) {
        const struct sim_world_iface *x = &sim_world_ifaces[k];
        if (strcmp(x->name, SIM_WORLD_WAN_IF) == 0 || strcmp(x->name, SIM_WORLD_LAN_IF) == 0)
            fprintf(f, "<entry><name>%s</name><status>%s</status></entry>", x->name,
                    x->up ? "up" : "down");
    }
    fputs("</interface></entry></groups></link-monitoring>", f);
}

static enum sim_opstatus put_ha(struct sim_op *op, int all)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    if (st->ha == NULL) {
        fputs("<enabled>no</enabled><local-info><encrypt-imported>no</encrypt-imported>"
              "</local-info>",
              f);
        return SIM_OP_OK;
    }
    int active = strcmp(st->ha, "active") == 0;
    long long up = sim_op_uptime(st, op->now);
    /* The peer came up a little earlier and has held its state since. */
    long long peer_dur = up + 300 + (long long)(sim_world_mix(st->seed, 230) % 3600);
    uint32_t mgmt = 0;
    char peer_ip[16];
    sim_world_ip_parse(SIM_WORLD_MGMT_IP, &mgmt);
    mgmt++;
    snprintf(peer_ip, sizeof(peer_ip), "%u.%u.%u.%u", mgmt >> 24, (mgmt >> 16) & 255,
             (mgmt >> 8) & 255, mgmt & 255);
    fputs("<enabled>yes</enabled><group><mode>Active-Passive</mode>", f);
    put_ha_local(f, st, active ? "active" : "passive", up);
    put_ha_peer(f, st, active ? "passive" : "active", peer_dur, peer_ip, all);
    put_link_monitoring(f, all);
    fputs("<path-monitoring><virtual-wire/><failure-condition>any"
          "</failure-condition><enabled>yes</enabled><vlan/><virtual-router/>"
          "</path-monitoring><running-sync>synchronized</running-sync>"
          "<running-sync-enabled>yes</running-sync-enabled></group>",
          f);
    return SIM_OP_OK;
}

static enum sim_opstatus op_ha_state(struct sim_op *op)
{
    return put_ha(op, 0);
}

static enum sim_opstatus op_ha_all(struct sim_op *op)
{
    return put_ha(op, 1);
}

/* Open one sensor list, <kind><Slot1>, unless the command asked for another kind: 1 if open. */
static int env_open(FILE *f, const char *only, const char *kind)
{
    int fan = strncmp(kind, "fan", 3) == 0 && strcmp(kind, "fantray") != 0;
    if (only != NULL && strcmp(only, kind) != 0 &&
        !(fan && (strcmp(only, "fan") == 0 || strcmp(only, "fans") == 0)))
        return 0;
    fprintf(f, "<%s><Slot1>", kind);
    return 1;
}

static void env_close(FILE *f, const char *kind)
{
    fprintf(f, "</Slot1></%s>", kind);
}

/*
 * show system environmentals (polled by elastic/beats Metricbeat panw): per sensor kind and
 * slot, entries with slot, description, min/max, alarm (True/False) and the reading (DegreesC,
 * RPMs, Volts, Inserted). Names, order and entry layout as the PA-5060 capture of
 * Device-PaloAlto-Firewall t/08-environmentals.t; a VM has no sensors and answers an empty
 * <result/> (the same test's VM capture); 11.x names the fan list <fans>
 * (senses0/palo-alto-grafana-monitoring PR #2); the PA-440 is fanless and powered by an
 * adapter: thermal and power only. Readings move a little with the seed, never into alarm. A
 * kind as argument (<environmentals><thermal/></environmentals>) keeps that list only.
 */
static enum sim_opstatus op_environmentals(struct sim_op *op)
{
    const struct sim_state *st = op->st;
    FILE *f = op->f;
    static const char *const kinds[] = {"fantray", "power-supply", "thermal", "fan", "fans",
                                        "power"};
    const char *only = NULL;
    for (xmlNode *c = op->el->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        size_t k = 0;
        while (k < sizeof(kinds) / sizeof(kinds[0]) && strcmp((const char *)c->name, kinds[k]))
            k++;
        if (only != NULL || k == sizeof(kinds) / sizeof(kinds[0]))
            return sim_op_err_invalid(op, (const char *)c->name, 0);
        only = kinds[k];
    }
    if (sim_op_is_vm(st))
        return SIM_OP_OK;
    int small = !sim_op_model_of(st)->chassis_sensors; /* the fanless PA-440 */
    uint64_t r = sim_world_mix(st->seed, 240);
    if (!small && env_open(f, only, "fantray")) {
        fputs("<entry><slot>1</slot><alarm>False</alarm><Inserted>True</Inserted>"
              "<description>Fan Tray</description><min>1</min></entry>",
              f);
        env_close(f, "fantray");
    }
    if (!small && env_open(f, only, "power-supply")) {
        for (int i = 1; i <= 2; i++)
            fprintf(f, "<entry><slot>1</slot><alarm>False</alarm><Inserted>True</Inserted>"
                       "<description>Power Supply #%d (%s)</description><min>True</min>"
                       "</entry>",
                    i, i == 1 ? "left" : "right");
        env_close(f, "power-supply");
    }
    static const char *const sensors[] = {"Temperature near CPU", "Temperature near Switch",
                                          "Temperature @ Board", "Temperature @ DP"};
    if (env_open(f, only, "thermal")) {
        for (unsigned i = 0; i < (small ? 2u : 4u); i++)
            fprintf(f, "<entry><slot>1</slot><description>%s</description><min>5.0</min>"
                       "<max>%s</max><alarm>False</alarm><DegreesC>%u.%u</DegreesC></entry>",
                    sensors[i], small ? "85.0" : "60.0", 34 + (unsigned)((r >> (i * 8)) % 12),
                    (unsigned)((r >> (i * 8 + 4)) % 10));
        env_close(f, "thermal");
    }
    const char *fan = sim_op_release(st) >= 1100 ? "fans" : "fan";
    if (!small && env_open(f, only, fan)) {
        for (unsigned i = 1; i <= 4; i++)
            fprintf(f, "<entry><slot>1</slot><alarm>False</alarm><description>Fan #%u RPM"
                       "</description><RPMs>%u</RPMs><min>2500</min></entry>",
                    i, 5200 + (unsigned)((r >> (i * 5)) % 1000));
        env_close(f, fan);
    }
    static const struct {
        const char *rail;
        unsigned mv;
    } rails[] = {{"1.0V", 1000}, {"1.2V", 1200}, {"1.8V", 1800}, {"3.3V", 3300}, {"5.0V", 5000}};
    if (!env_open(f, only, "power"))
        return SIM_OP_OK;
    for (unsigned i = 0; i < 5; i++) {
        unsigned mv = rails[i].mv, got = mv - mv / 100 + (unsigned)((r >> i) % (mv / 50 + 1));
        fprintf(f, "<entry><slot>1</slot><description>%s Power Rail</description>"
                   "<min>%u.%03u</min><Volts>%u.%03u</Volts><alarm>False</alarm>"
                   "<max>%u.%03u</max></entry>",
                rails[i].rail, mv * 9 / 10 / 1000, mv * 9 / 10 % 1000, got / 1000, got % 1000,
                mv * 11 / 10 / 1000, mv * 11 / 10 % 1000);
    }
    env_close(f, "power");
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_system_cmds[] = {
    {"show system info", SIM_OPARG_NONE, op_system_info},
    {"show system resources", SIM_OPARG_NONE, op_system_resources},
    {"show clock", SIM_OPARG_NONE, op_clock},
    {"show high-availability state", SIM_OPARG_NONE, op_ha_state},
    {"show high-availability all", SIM_OPARG_NONE, op_ha_all},
    {"show system environmentals", SIM_OPARG_KEYWORDS, op_environmentals},
    {NULL, SIM_OPARG_NONE, NULL},
};
