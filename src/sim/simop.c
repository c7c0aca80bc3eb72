/* SPDX-License-Identifier: MIT */
/* simop.c -- pansim's type=op answers (system, interfaces, ARP, jobs, HA, licences). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "simstate.h"

/*
 * Addressing plan (documentation ranges only), shared by every answer so they agree:
 * management 198.51.100.10/24 (gateway .1), ethernet1/1 203.0.113.2/24 (untrust),
 * ethernet1/2 192.0.2.1/24 (trust, where the ARP neighbours live), ethernet1/3 and 1/4 down.
 * MACs are 00:00:5e:00:53:XX: 00 management, 01-04 ethernet1/1-4, 05 loopback, and the ARP
 * neighbours use their host octet (10 and up), so nothing collides.
 */
#define MGMT_IP "198.51.100.10"
#define MGMT_GW "198.51.100.1"
#define MGMT_MASK "255.255.255.0"
#define MAC_PREFIX "00:00:5e:00:53:"

struct sim_if {
    const char *name;
    int id;
    const char *zone; /* "" when the interface is not configured */
    const char *ip;   /* "N/A" when not configured */
    int up;
    int mac; /* last MAC byte */
};

static const struct sim_if ifaces[] = {
    {"ethernet1/1", 16, "untrust", "203.0.113.2/24", 1, 0x01},
    {"ethernet1/2", 17, "trust", "192.0.2.1/24", 1, 0x02},
    {"ethernet1/3", 18, "", "N/A", 0, 0x03},
    {"ethernet1/4", 19, "", "N/A", 0, 0x04},
};
#define NIFACES (sizeof(ifaces) / sizeof(ifaces[0]))
#define LOOPBACK_ID 3
#define LOOPBACK_MAC 0x05
#define ARP_IFACE "ethernet1/2"

static const char *const wdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const mons[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const months[] = {"January", "February", "March",     "April",
                                     "May",     "June",     "July",      "August",
                                     "September", "October", "November", "December"};

/* splitmix64 of (seed, k): every generated number is a pure function of the seed. */
static uint64_t mix(unsigned long seed, uint64_t k)
{
    uint64_t z = (uint64_t)seed * 0x9e3779b97f4a7c15ULL + k * 0xbf58476d1ce4e5b9ULL + 1;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int is_vm(const struct sim_state *st)
{
    return st->model != NULL && strstr(st->model, "VM") != NULL;
}

static const char *s_or(const char *s, const char *dflt)
{
    return s != NULL ? s : dflt;
}

/* <name>escaped value</name> */
static void put_el(FILE *f, const char *name, const char *value)
{
    fprintf(f, "<%s>", name);
    sim_xml_escape(f, value, 1);
    fprintf(f, "</%s>", name);
}

static void put_ull(FILE *f, const char *name, unsigned long long v)
{
    fprintf(f, "<%s>%llu</%s>", name, v, name);
}

static struct tm utc(long long t)
{
    struct tm tm;
    time_t tt = (time_t)t;
    memset(&tm, 0, sizeof(tm));
    gmtime_r(&tt, &tm);
    return tm;
}

/* "Wed Apr 30 15:14:34 2025" (asctime layout, day padded with a space). */
static void put_asctime(FILE *f, long long t)
{
    struct tm tm = utc(t);
    fprintf(f, "%s %s %2d %02d:%02d:%02d %d", wdays[tm.tm_wday % 7], mons[tm.tm_mon % 12],
            tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
}

/* "2023/08/07 04:00:40", the job timestamp layout. */
static void put_jobtime(FILE *f, long long t)
{
    struct tm tm = utc(t);
    fprintf(f, "%d/%02d/%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
            tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* "April 20, 2023", the licence date layout. */
static void put_licdate(FILE *f, long long t)
{
    struct tm tm = utc(t);
    fprintf(f, "%s %02d, %d", months[tm.tm_mon % 12], tm.tm_mday, tm.tm_year + 1900);
}

static long long uptime_s(const struct sim_state *st, long long now)
{
    return now > st->boot_time ? now - st->boot_time : 0;
}

/* ---- errors (§3) ---- */

/* §1.5/§3.2: an error with its message as <line> elements; CDATA lines as the CLI parser
 * writes them (code 17), plain text otherwise (job not found). */
static char *error_body(int code, const char *const *lines, size_t n, int cdata)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    fprintf(f, "<response status=\"error\" code=\"%d\"><msg>", code);
    for (size_t i = 0; i < n; i++) {
        fputs("<line>", f);
        if (cdata && strstr(lines[i], "]]>") == NULL) /* an argument could end CDATA early */
            fprintf(f, "<![CDATA[%s]]>", lines[i]);
        else
            sim_xml_escape(f, lines[i], 1);
        fputs("</line>", f);
    }
    fputs("</msg></response>", f);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static void reply_body(struct sim_reply *out, char *body)
{
    if (body == NULL || sim_reply_set(out, 200, body) != 0)
        sim_reply_set(out, 500, "out of memory");
    free(body);
}

/* The path walked so far, as the CLI parser names it: "show -> jobs -> id". */
#define MAXDEPTH 8
struct cmdpath {
    const char *names[MAXDEPTH];
    size_t n;
};

static void put_path(FILE *f, const struct cmdpath *p, size_t upto)
{
    for (size_t i = 0; i < upto; i++)
        fprintf(f, "%s%s", i ? " -> " : "", p->names[i]);
}

/*
 * §2.3/§3.1 code 17: an element the grammar does not know at this point. PAN-OS names the
 * whole path and the offender, " show -> session -> all -> filter -> from is invalid"
 * (pan-os-ansible #600, pan-os-python #229 and #352; the leading space is PAN-OS's). A bad
 * argument @p value follows its keyword with a plain space (an extrapolation: not captured).
 */
static void err_invalid(struct sim_reply *out, const struct cmdpath *p, const char *bad,
                        int value)
{
    char *line = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&line, &len);
    if (f == NULL) {
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    fputc(' ', f);
    put_path(f, p, p->n);
    fprintf(f, "%s%s is invalid", p->n == 0 ? "" : value ? " " : " -> ", bad);
    if (fclose(f) != 0) {
        free(line);
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    const char *lines[1] = {line};
    reply_body(out, error_body(17, lines, 1, 1));
    free(line);
}

/*
 * §2.3/§3.2 code 17 for a command that stops early (missing argument or keyword): PAN-OS
 * reports the empty token after each level, innermost first, as in pan-os-python #515:
 * " commit-all -> template  is unexpected" / " commit-all  is unexpected". With an empty
 * path this is the "  is unexpected" of pan-python #24, which is also what PAN-OS answers when
 * cmd is not XML at all.
 */
static void err_incomplete(struct sim_reply *out, const struct cmdpath *p)
{
    char *lines_buf[MAXDEPTH + 1];
    const char *lines[MAXDEPTH + 1];
    size_t n = 0;
    size_t k = p->n;
    do {
        char *line = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&line, &len);
        if (f == NULL)
            break;
        if (k > 0)
            fputc(' ', f);
        put_path(f, p, k);
        fputs("  is unexpected", f);
        if (fclose(f) != 0) {
            free(line);
            break;
        }
        lines_buf[n] = line;
        lines[n] = line;
        n++;
    } while (k-- > 1);
    if (n == 0)
        sim_reply_set(out, 500, "out of memory");
    else
        reply_body(out, error_body(17, lines, n, 1));
    for (size_t i = 0; i < n; i++)
        free(lines_buf[i]);
}

/* ---- answer builders ---- */

/* Start a success reply: <response status="success"><result>. */
static FILE *begin(char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    FILE *f = open_memstream(buf, len);
    if (f != NULL)
        fputs("<response status=\"success\"><result>", f);
    return f;
}

static void finish(struct sim_reply *out, FILE *f, char **buf)
{
    if (f == NULL) {
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    fputs("</result></response>", f);
    if (fclose(f) != 0) {
        free(*buf);
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    reply_body(out, *buf);
}

/* §4.1 show system info: identity from the state, time and uptime from boot_time. */
static void op_system_info(const struct sim_state *st, struct sim_reply *out, long long now)
{
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    long long up = uptime_s(st, now);
    const char *model = s_or(st->model, "PA-VM");
    char family[24];
    if (is_vm(st)) {
        snprintf(family, sizeof(family), "vm");
    } else {
        unsigned long digits = strtoul(model + strcspn(model, "0123456789"), NULL, 10);
        snprintf(family, sizeof(family), "%lu", digits / 100 * 100);
    }
    fputs("<system>", f);
    put_el(f, "hostname", st->hostname);
    put_el(f, "ip-address", MGMT_IP);
    put_el(f, "public-ip-address", "unknown");
    put_el(f, "netmask", MGMT_MASK);
    put_el(f, "default-gateway", MGMT_GW);
    put_el(f, "is-dhcp", "no");
    put_el(f, "ipv6-address", "unknown");
    put_el(f, "ipv6-link-local-address", "fe80::200:5eff:fe00:5300/64");
    put_el(f, "mac-address", MAC_PREFIX "00");
    /* §4.1 quirk 1: raw devices put a newline inside <time>. */
    fputs("<time>", f);
    put_asctime(f, now);
    fputs("\n</time>\n", f);
    fprintf(f, "<uptime>%lld days, %lld:%02lld:%02lld</uptime>", up / 86400, up % 86400 / 3600,
            up % 3600 / 60, up % 60);
    put_el(f, "devicename", st->hostname);
    put_el(f, "family", family);
    put_el(f, "model", model);
    put_el(f, "serial", st->serial);
    put_el(f, "cloud-mode", "non-cloud");
    put_el(f, "sw-version", st->sw_version);
    put_el(f, "global-protect-client-package-version", "0.0.0");
    put_el(f, "device-dictionary-version", "172-597");
    put_el(f, "device-dictionary-release-date", "2025/04/25 12:16:03 MDT");
    put_el(f, "app-version", "8971-9419");
    put_el(f, "app-release-date", "2025/04/28 16:06:06 MDT");
    put_el(f, "av-version", "5169-5689");
    put_el(f, "av-release-date", "2025/04/29 05:00:05 MDT");
    put_el(f, "threat-version", "8971-9419");
    put_el(f, "threat-release-date", "2025/04/28 16:06:06 MDT");
    put_el(f, "wf-private-version", "0");
    put_el(f, "wf-private-release-date", "unknown");
    put_el(f, "url-db", "paloaltonetworks");
    put_el(f, "wildfire-version", "955464-959418");
    put_el(f, "wildfire-release-date", "2025/02/24 07:42:12 MST");
    put_el(f, "wildfire-rt", "Disabled");
    put_el(f, "url-filtering-version", "20250430.20332");
    put_el(f, "global-protect-datafile-version", "unknown");
    put_el(f, "global-protect-datafile-release-date", "unknown");
    put_el(f, "global-protect-clientless-vpn-version", "0");
    put_el(f, "logdb-version", "10.2.1");
    fputs("<plugin_versions><entry name='dlp' version='3.0.9'><pkginfo>dlp-3.0.9</pkginfo>"
          "</entry></plugin_versions>",
          f);
    put_el(f, "platform-family", family);
    put_el(f, "vpn-disable-mode", "off");
    put_el(f, "multi-vsys", "off");
    put_el(f, "ZTP", "Disabled");
    put_el(f, "operational-mode", "normal");
    put_el(f, "advanced-routing", "off");
    put_el(f, "device-certificate-status", "Valid");
    fputs("</system>", f);
done:
    finish(out, f, &buf);
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
static void op_system_resources(const struct sim_state *st, struct sim_reply *out, long long now)
{
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    struct tm tm = utc(now);
    uint64_t r = mix(st->seed, 200);
    unsigned load = (unsigned)(r % 90) + 5;
    unsigned idle10 = 985 - (unsigned)(r >> 8) % 60; /* 92.5 .. 98.5 % idle */
    unsigned us10 = (1000 - idle10) * 2 / 3, sy10 = 1000 - idle10 - us10;
    double total = is_vm(st) ? 15995.4 : 63739.8;
    double used = total * (0.30 + (double)((r >> 16) % 20) / 100.0);
    double cache = total * 0.10;
    fprintf(f,
            "<![CDATA[top - %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
    put_top_uptime(f, uptime_s(st, now));
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
done:
    finish(out, f, &buf);
}

/* Session counts: a pure function of the seed, shared by show session info. */
struct sessions {
    unsigned long long tcp, udp, icmp, cps, pps, kbps;
};

static struct sessions sessions_of(const struct sim_state *st)
{
    struct sessions s;
    s.tcp = 200 + mix(st->seed, 300) % 1800;
    s.udp = 80 + mix(st->seed, 301) % 900;
    s.icmp = mix(st->seed, 302) % 20;
    s.cps = 5 + mix(st->seed, 303) % 60;
    s.pps = 300 + mix(st->seed, 304) % 4000;
    s.kbps = 1000 + mix(st->seed, 305) % 30000;
    return s;
}

/* §4.3 show session info (raw element order kept; booleans are True/False). */
static void op_session_info(const struct sim_state *st, struct sim_reply *out, long long now)
{
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    struct sessions s = sessions_of(st);
    unsigned long long active = s.tcp + s.udp + s.icmp;
    unsigned long long installed = active + s.cps * (unsigned long long)uptime_s(st, now);
    put_el(f, "tmo-udp", "30");
    put_el(f, "tcp-nonsyn-rej", "True");
    put_el(f, "tmo-tcp", "3600");
    put_ull(f, "pps", s.pps);
    put_ull(f, "num-max", is_vm(st) ? 256000 : 4194302);
    put_el(f, "age-scan-thresh", "80");
    put_el(f, "tmo-tcphalfclosed", "120");
    put_ull(f, "num-active", active);
    put_el(f, "dis-def", "60");
    put_el(f, "num-mcast", "0");
    put_el(f, "icmp-unreachable-rate", "200");
    put_el(f, "tmo-tcptimewait", "15");
    put_el(f, "age-scan-ssf", "8");
    put_el(f, "vardata-rate", "10485760");
    put_el(f, "age-scan-tmo", "10");
    put_el(f, "tmo-tcpinit", "5");
    put_el(f, "dp", "*.dp0");
    put_el(f, "dis-tcp", "90");
    put_ull(f, "num-udp", s.udp);
    put_el(f, "tmo-icmp", "6");
    put_el(f, "max-pending-mcast", "0");
    put_el(f, "age-accel-thresh", "80");
    put_el(f, "tmo-tcphandshake", "10");
    put_el(f, "oor-action", "drop");
    put_el(f, "tmo-def", "30");
    put_el(f, "age-accel-en", "True");
    put_el(f, "age-accel-tsf", "2");
    put_el(f, "hw-offload", is_vm(st) ? "False" : "True");
    put_ull(f, "num-icmp", s.icmp);
    put_el(f, "num-predict", "0");
    put_el(f, "tmo-cp", "30");
    put_el(f, "strict-checksum", "True");
    put_el(f, "tmo-tcp-unverif-rst", "30");
    put_el(f, "num-bcast", "0");
    put_el(f, "ipv6-fw", "True");
    put_ull(f, "num-installed", installed);
    put_ull(f, "num-tcp", s.tcp);
    put_el(f, "dis-udp", "60");
    put_ull(f, "cps", s.cps);
    put_ull(f, "kbps", s.kbps);
done:
    finish(out, f, &buf);
}

/* speed/duplex as the hw table shows them: "auto" on a VM, 1000/full on hardware. */
static const char *hw_speed(const struct sim_state *st, int up)
{
    return !up ? "ukn" : is_vm(st) ? "auto" : "1000";
}

static const char *hw_duplex(const struct sim_state *st, int up)
{
    return !up ? "ukn" : is_vm(st) ? "auto" : "full";
}

/* §4.4 show interface all: ifnet (logical) then hw (ports plus loopback). */
static void op_interface_all(const struct sim_state *st, struct sim_reply *out)
{
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    fputs("<ifnet>", f);
    for (size_t i = 0; i < NIFACES; i++) {
        const struct sim_if *x = &ifaces[i];
        fputs("<entry>", f);
        put_el(f, "name", x->name);
        if (x->zone[0] != '\0')
            put_el(f, "zone", x->zone);
        else
            fputs("<zone/>", f);
        put_el(f, "fwd", x->zone[0] != '\0' ? "vr:default" : "N/A");
        fputs("<vsys>1</vsys><dyn-addr/><addr6/><tag>0</tag>", f);
        put_el(f, "ip", x->ip);
        fprintf(f, "<id>%d</id><addr/></entry>", x->id);
    }
    fputs("</ifnet><hw>", f);
    for (size_t i = 0; i < NIFACES; i++) {
        const struct sim_if *x = &ifaces[i];
        fputs("<entry>", f);
        put_el(f, "name", x->name);
        put_el(f, "duplex", hw_duplex(st, x->up));
        fputs("<type>0</type>", f);
        put_el(f, "state", x->up ? "up" : "down");
        fprintf(f, "<st>%s/%s/%s</st>", hw_speed(st, x->up), hw_duplex(st, x->up),
                x->up ? "up" : "down(autoneg)");
        fprintf(f, "<mac>" MAC_PREFIX "%02x</mac><mode>(autoneg)</mode>", x->mac);
        put_el(f, "speed", hw_speed(st, x->up));
        fprintf(f, "<id>%d</id></entry>", x->id);
    }
    fprintf(f,
            "<entry><name>loopback</name><duplex>[n/a]</duplex><type>5</type><state>up</state>"
            "<st>[n/a]/[n/a]/up</st><mac>" MAC_PREFIX "%02x</mac><mode>(unknown)</mode>"
            "<speed>[n/a]</speed><id>%d</id></entry></hw>",
            LOOPBACK_MAC, LOOPBACK_ID);
done:
    finish(out, f, &buf);
}

/* Counters for one interface: grow with uptime at a per-interface, per-seed rate. */
static void put_if_counters(FILE *f, const struct sim_state *st, const struct sim_if *x,
                            long long up, int port)
{
    unsigned long long ip = 0, op = 0, ib = 0, ob = 0;
    if (x->up) {
        ip = (unsigned long long)up * (20 + mix(st->seed, 400 + (uint64_t)x->id) % 400);
        op = (unsigned long long)up * (20 + mix(st->seed, 500 + (uint64_t)x->id) % 400);
        ib = ip * (90 + mix(st->seed, 600 + (uint64_t)x->id) % 1000);
        ob = op * (90 + mix(st->seed, 700 + (uint64_t)x->id) % 1000);
    }
    fputs("<entry>", f);
    put_el(f, "name", x->name);
    put_ull(f, "ibytes", ib);
    put_ull(f, "obytes", ob);
    put_ull(f, "ipackets", ip);
    put_ull(f, "opackets", op);
    fputs("<ierrors>0</ierrors><idrops>0</idrops>", f);
    if (port) {
        fputs("<port>", f);
        put_ull(f, "tx-unicast", op);
        fputs("<tx-multicast>0</tx-multicast><rx-broadcast>0</rx-broadcast>", f);
        put_ull(f, "rx-unicast", ip);
        fputs("<rx-multicast>0</rx-multicast>", f);
        put_ull(f, "rx-bytes", ib);
        fputs("<tx-broadcast>0</tx-broadcast>", f);
        put_ull(f, "tx-bytes", ob);
        fputs("</port>", f);
    } else {
        fputs("<flowstate>0</flowstate><ifwderrors>0</ifwderrors><noroute>0</noroute>"
              "<noarp>0</noarp><noneigh>0</noneigh><neighpend>0</neighpend><nomac>0</nomac>"
              "<zonechange>0</zonechange><land>0</land><pod>0</pod><teardrop>0</teardrop>"
              "<ipspoof>0</ipspoof><macspoof>0</macspoof><icmp_frag>0</icmp_frag>"
              "<l2_encap>0</l2_encap><l2_decap>0</l2_decap>",
              f);
        put_ull(f, "tcp_conn", x->up ? ip / 40 : 0);
        put_ull(f, "udp_conn", x->up ? ip / 90 : 0);
        fputs("<sctp_conn>0</sctp_conn><other_conn>0</other_conn>", f);
    }
    fputs("</entry>", f);
}

/* §4.5 show interface "ethernet1/N" or "loopback": one ifnet and its hw (vsys by name). */
static void op_interface_one(const struct sim_state *st, const struct sim_if *x, int type,
                             struct sim_reply *out, long long now)
{
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    int conf = x->zone[0] != '\0';
    long long up = uptime_s(st, now);
    fputs("<ifnet><ipv6_client>False</ipv6_client>", f);
    put_el(f, "vr", conf ? "default" : "N/A");
    fprintf(f, "<tag>0</tag><circuitonly>False</circuitonly><ndpmon>False</ndpmon><id>%d</id>"
               "<mgt_subnet>False</mgt_subnet>",
            x->id);
    if (conf) {
        fputs("<addr>", f);
        put_el(f, "member", x->ip);
        fputs("</addr>", f);
    } else {
        fputs("<addr/>", f);
    }
    fputs("<service/><gre>False</gre><ra>False</ra>", f);
    if (conf)
        put_el(f, "zone", x->zone);
    else
        fputs("<zone/>", f);
    fputs("<counters><ifnet>", f);
    put_if_counters(f, st, x, up, 0);
    fputs("</ifnet><hw>", f);
    put_if_counters(f, st, x, up, 1);
    fputs("</hw></counters><dad>False</dad><policing>False</policing><mssadjv4>0</mssadjv4>"
          "<mssadjv6>0</mssadjv6><sdwan>False</sdwan>",
          f);
    put_el(f, "fwd_type", conf ? "vr" : "N/A");
    fputs("<addr6/>", f);
    put_el(f, "name", x->name);
    fputs("<tunnel/><vsys>vsys1</vsys><dyn-addr/><mtu>1500</mtu><tcpmss>False</tcpmss>"
          "<mode>layer3</mode></ifnet><hw>",
          f);
    put_el(f, "name", x->name);
    const char *duplex = type == 5 ? "[n/a]" : hw_duplex(st, x->up);
    const char *speed = type == 5 ? "[n/a]" : hw_speed(st, x->up);
    put_el(f, "duplex", duplex);
    fprintf(f, "<type>%d</type><state_c>auto</state_c><mac>" MAC_PREFIX "%02x</mac>", type,
            x->mac);
    put_el(f, "state", x->up ? "up" : "down");
    fputs("<duplex_c>auto</duplex_c><mode>layer3</mode><speed_c>auto</speed_c>", f);
    put_el(f, "speed", speed);
    fprintf(f, "<id>%d</id><untag>False</untag></hw><dp>dp0</dp>", x->id);
done:
    finish(out, f, &buf);
}

/* §4.5 show interface "management": result/info and result/counters. */
static void op_interface_mgmt(const struct sim_state *st, struct sim_reply *out, long long now)
{
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    unsigned long long up = (unsigned long long)uptime_s(st, now);
    unsigned long long rxp = up * (3 + mix(st->seed, 800) % 20);
    unsigned long long txp = up * (2 + mix(st->seed, 801) % 15);
    fputs("<info><name>management</name><state>up</state><speed>1000</speed>"
          "<duplex>full</duplex><mac>" MAC_PREFIX "00</mac></info><counters>",
          f);
    put_ull(f, "rx-bytes", rxp * 310);
    put_ull(f, "rx-packets", rxp);
    fputs("<rx-errors>0</rx-errors><rx-dropped>0</rx-dropped>", f);
    put_ull(f, "tx-bytes", txp * 540);
    put_ull(f, "tx-packets", txp);
    fputs("<tx-errors>0</tx-errors><tx-dropped>0</tx-dropped></counters>", f);
done:
    finish(out, f, &buf);
}

/* §4.5 unknown interface: still status="success", the error is inside <result>. */
static void op_interface_unknown(const char *name, struct sim_reply *out)
{
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    fputs("<dp>dp0</dp><error>Interface '", f);
    sim_xml_escape(f, name, 1);
    fputs("' not found</error>", f);
done:
    finish(out, f, &buf);
}

static void op_interface(const struct sim_state *st, const char *arg, struct sim_reply *out,
                         long long now)
{
    static const struct sim_if loopback = {"loopback", LOOPBACK_ID, "", "N/A", 1, LOOPBACK_MAC};
    if (strcmp(arg, "all") == 0) {
        op_interface_all(st, out);
        return;
    }
    if (strcmp(arg, "management") == 0) {
        op_interface_mgmt(st, out, now);
        return;
    }
    if (strcmp(arg, "loopback") == 0) {
        op_interface_one(st, &loopback, 5, out, now);
        return;
    }
    for (size_t i = 0; i < NIFACES; i++) {
        if (strcmp(arg, ifaces[i].name) == 0) {
            op_interface_one(st, &ifaces[i], 0, out, now);
            return;
        }
    }
    op_interface_unknown(arg, out);
}

/* §4.15 show clock: date(1) text with a trailing newline, directly in <result>. */
static void op_clock(struct sim_reply *out, long long now)
{
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    struct tm tm = utc(now);
    fprintf(f, "%s %s %2d %02d:%02d:%02d UTC %d\n", wdays[tm.tm_wday % 7], mons[tm.tm_mon % 12],
            tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
done:
    finish(out, f, &buf);
}

/* The one job a freshly booted device has: the boot-time auto-commit (id 1, type AutoCom). */
#define BOOT_JOB_ID 1

static void put_boot_job(FILE *f, const struct sim_state *st, long long now)
{
    long long tenq = st->boot_time + 45;
    long long tfin = tenq + 20 + (long long)(mix(st->seed, 900) % 20);
    int done = now >= tfin;
    fputs("<job><tenq>", f);
    put_jobtime(f, tenq);
    fputs("</tenq><tdeq>", f);
    put_jobtime(f, tenq);
    fprintf(f, "</tdeq><id>%d</id><user/><type>AutoCom</type>", BOOT_JOB_ID);
    fprintf(f, "<status>%s</status><queued>NO</queued><stoppable>no</stoppable>",
            done ? "FIN" : "ACT");
    fprintf(f, "<result>%s</result><tfin>", done ? "OK" : "PEND");
    if (done)
        put_jobtime(f, tfin);
    else
        fputs("Still Active", f);
    fputs("</tfin><description/><positionInQ>0</positionInQ>", f);
    long long pct = now <= tenq ? 0 : done ? 100 : (now - tenq) * 100 / (tfin - tenq);
    fprintf(f, "<progress>%lld</progress>", pct);
    if (done)
        fputs("<details><line>Configuration committed successfully</line></details>", f);
    else
        fputs("<details/>", f);
    fputs("<warnings/></job>", f);
}

/* §4.14 show jobs all: newest first; before the auto-commit is enqueued, an empty <result/>. */
static void op_jobs_all(const struct sim_state *st, struct sim_reply *out, long long now)
{
    if (now < st->boot_time + 45) {
        sim_reply_set(out, 200, "<response status=\"success\"><result/></response>");
        return;
    }
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f != NULL)
        put_boot_job(f, st, now);
    finish(out, f, &buf);
}

/* §4.14/§2.5/§3.2 show jobs id N: the job, or code 7 "job N not found". */
static void op_jobs_id(const struct sim_state *st, const struct cmdpath *p, const char *arg,
                       struct sim_reply *out, long long now)
{
    char *end;
    const char *digits = arg[0] == '-' ? arg + 1 : arg;
    if (digits[0] < '0' || digits[0] > '9') {
        err_invalid(out, p, arg, 1);
        return;
    }
    long long id = strtoll(arg, &end, 10);
    if (*end != '\0') {
        err_invalid(out, p, arg, 1);
        return;
    }
    if (id == BOOT_JOB_ID && now >= st->boot_time + 45) {
        char *buf;
        size_t len;
        FILE *f = begin(&buf, &len);
        if (f != NULL)
            put_boot_job(f, st, now);
        finish(out, f, &buf);
        return;
    }
    char line[64];
    snprintf(line, sizeof(line), "job %lld not found", id);
    const char *lines[1] = {line};
    reply_body(out, error_body(7, lines, 1, 0));
}

/* §4.6 show high-availability state: HA disabled, byte for byte. */
static void op_ha_state(struct sim_reply *out)
{
    sim_reply_set(out, 200,
                  "<response status=\"success\"><result><enabled>no</enabled><local-info>"
                  "<encrypt-imported>no</encrypt-imported></local-info></result></response>");
}

/* The ARP neighbours on ethernet1/2: host octets start..start+k*step, all below .255. */
struct arp_plan {
    unsigned n, start, step;
};

static struct arp_plan arp_plan_of(const struct sim_state *st)
{
    struct arp_plan a;
    a.n = 4 + (unsigned)(mix(st->seed, 1) % 8);      /* 4..11 */
    a.start = 10 + (unsigned)(mix(st->seed, 2) % 20); /* 10..29 */
    a.step = 1 + (unsigned)(mix(st->seed, 3) % 13);   /* last octet <= 29 + 10*13 = 159 */
    return a;
}

/* §4.7 show arp entry name=all (or one interface): padded status, ttl under the timeout. */
static void op_arp(const struct sim_state *st, const char *ifname, struct sim_reply *out)
{
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    struct arp_plan a = arp_plan_of(st);
    int all = strcmp(ifname, "all") == 0 || strcmp(ifname, ARP_IFACE) == 0;
    unsigned n = all ? a.n : 0;
    fprintf(f, "<max>%u</max><total>%u</total><timeout>1800</timeout><dp>dp0</dp><entries>",
            is_vm(st) ? 1500u : 32000u, n);
    for (unsigned i = 0; i < n; i++) {
        unsigned octet = a.start + i * a.step;
        fprintf(f,
                "<entry><status>  c  </status><ip>192.0.2.%u</ip><mac>" MAC_PREFIX "%02x</mac>"
                "<ttl>%u</ttl><interface>" ARP_IFACE "</interface><port>" ARP_IFACE "</port>"
                "</entry>",
                octet, octet, 1 + (unsigned)(mix(st->seed, 100 + i) % 1800));
    }
    fputs("</entries>", f);
done:
    finish(out, f, &buf);
}

/*
 * §4.20 show session all: the trust hosts of the ARP table (ethernet1/2) talking out through
 * ethernet1/1, source-NATed to its address. Element names and order are PAN-OS's as in
 * pan-os-upgrade-assurance tests/test_firewall_proxy.py (test_get_sessions); "NS" flags with
 * srcnat as in the NAT-ed entry quoted in a pan-configurator (PHP) session script. The listed
 * sessions are a sample of the num-active that show session info counts (tcp >= 200, udp >= 80).
 */
#define SESS_NAT_IP "203.0.113.2"

static void op_session_all(const struct sim_state *st, struct sim_reply *out, long long now)
{
    static const struct {
        const char *app;
        int proto, dport;
    } apps[] = {{"ssl", 6, 443}, {"web-browsing", 6, 80}, {"dns-base", 17, 53}};
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    struct arp_plan a = arp_plan_of(st);
    unsigned n = 8 + (unsigned)(mix(st->seed, 1100) % 8); /* 8..15 */
    unsigned long long idx = 1000 + mix(st->seed, 1101) % 50000;
    for (unsigned i = 0; i < n; i++) {
        uint64_t r = mix(st->seed, 1200 + i);
        unsigned k = (unsigned)(r % 3);
        unsigned host = a.start + (unsigned)((r >> 4) % a.n) * a.step;
        char src[16], dst[16];
        snprintf(src, sizeof(src), "192.0.2.%u", host);
        if ((r >> 12) & 1)
            snprintf(dst, sizeof(dst), "198.51.100.%u", 20 + (unsigned)((r >> 16) % 200));
        else
            snprintf(dst, sizeof(dst), "203.0.113.%u", 10 + (unsigned)((r >> 16) % 240));
        unsigned sport = 49152 + (unsigned)((r >> 24) % 16384);
        unsigned xsport = 1024 + (unsigned)((r >> 40) % 64000);
        unsigned long long bytes = k == 2 ? 120 + (r >> 20) % 400 : 500 + (r >> 20) % 900000;
        long long start = now - (long long)(1 + (r >> 50) % 900);
        if (start < st->boot_time)
            start = st->boot_time;
        idx += 1 + mix(st->seed, 1300 + i) % 400;
        fputs("<entry>", f);
        put_el(f, "dst", dst);
        put_el(f, "xsource", SESS_NAT_IP);
        put_el(f, "source", src);
        put_el(f, "xdst", dst);
        fprintf(f, "<xsport>%u</xsport><xdport>%d</xdport>", xsport, apps[k].dport);
        fprintf(f, "<sport>%u</sport><dport>%d</dport>", sport, apps[k].dport);
        fprintf(f, "<proto>%d</proto><from>trust</from><to>untrust</to><start-time>",
                apps[k].proto);
        put_asctime(f, start);
        fputs("</start-time><nat>True</nat><srcnat>True</srcnat><dstnat>False</dstnat>"
              "<proxy>False</proxy><decrypt-mirror>False</decrypt-mirror><state>ACTIVE</state>"
              "<type>FLOW</type>",
              f);
        put_ull(f, "total-byte-count", bytes);
        put_ull(f, "idx", idx);
        fputs("<vsys-idx>1</vsys-idx><vsys>vsys1</vsys>", f);
        put_el(f, "application", apps[k].app);
        fputs("<security-rule>lan-out</security-rule><ingress>" ARP_IFACE "</ingress>"
              "<egress>ethernet1/1</egress><flags>NS</flags></entry>",
              f);
    }
done:
    finish(out, f, &buf);
}

/* §4.10 request license info: a VM licence plus subscriptions, all on this serial. */
static void op_license_info(const struct sim_state *st, struct sim_reply *out, long long now)
{
    static const struct {
        const char *feature, *description;
        int never;
    } lic[] = {
        {"PA-VM", "Standard VM-100", 1},
        {"Threat Prevention", "Threat Prevention", 0},
        {"PAN-DB URL Filtering", "Palo Alto Networks URL Filtering License", 0},
        {"WildFire License", "WildFire signature feed, integrated WildFire logs, WildFire API",
         0},
    };
    char *buf;
    size_t len;
    FILE *f = begin(&buf, &len);
    if (f == NULL)
        goto done;
    long long issued = st->boot_time - 86400LL * (long long)(30 + mix(st->seed, 1000) % 300);
    long long expires = issued + 86400LL * 3 * 365;
    fputs("<licenses>", f);
    for (size_t i = 0; i < sizeof(lic) / sizeof(lic[0]); i++) {
        if (i == 0 && !is_vm(st))
            continue; /* hardware has no VM capacity licence */
        fputs("<entry>", f);
        put_el(f, "feature", lic[i].feature);
        put_el(f, "description", lic[i].description);
        put_el(f, "serial", st->serial);
        fputs("<issued>", f);
        put_licdate(f, issued);
        fputs("</issued><expires>", f);
        if (lic[i].never)
            fputs("Never", f);
        else
            put_licdate(f, expires);
        fputs("</expires>", f);
        put_el(f, "expired", !lic[i].never && now >= expires ? "yes" : "no");
        put_el(f, "base-license-name", s_or(st->model, "PA-VM"));
        fputs("<authcode/></entry>", f);
    }
    fputs("</licenses>", f);
done:
    finish(out, f, &buf);
}

/* ---- the command grammar (§2.3) ---- */

enum kind { K_INNER, K_LEAF, K_TEXT, K_ATTR };

enum op {
    OP_NONE,
    OP_SYSINFO,
    OP_SYSRES,
    OP_SESSINFO,
    OP_SESSALL,
    OP_INTERFACE,
    OP_CLOCK,
    OP_JOBSALL,
    OP_JOBSID,
    OP_HASTATE,
    OP_ARP,
    OP_LICINFO
};

struct gnode {
    int parent; /* index into grammar[], -1 for a top-level word */
    const char *name;
    enum kind kind;
    enum op op;
};

static const struct gnode grammar[] = {
    /* 0 */ {-1, "show", K_INNER, OP_NONE},
    /* 1 */ {-1, "request", K_INNER, OP_NONE},
    /* 2 */ {0, "system", K_INNER, OP_NONE},
    /* 3 */ {2, "info", K_LEAF, OP_SYSINFO},
    /* 4 */ {2, "resources", K_LEAF, OP_SYSRES},
    /* 5 */ {0, "session", K_INNER, OP_NONE},
    /* 6 */ {5, "info", K_LEAF, OP_SESSINFO},
    /* 7 */ {0, "interface", K_TEXT, OP_INTERFACE},
    /* 8 */ {0, "clock", K_LEAF, OP_CLOCK},
    /* 9 */ {0, "jobs", K_INNER, OP_NONE},
    /* 10 */ {9, "all", K_LEAF, OP_JOBSALL},
    /* 11 */ {9, "id", K_TEXT, OP_JOBSID},
    /* 12 */ {0, "high-availability", K_INNER, OP_NONE},
    /* 13 */ {12, "state", K_LEAF, OP_HASTATE},
    /* 14 */ {0, "arp", K_INNER, OP_NONE},
    /* 15 */ {14, "entry", K_ATTR, OP_ARP},
    /* 16 */ {1, "license", K_INNER, OP_NONE},
    /* 17 */ {16, "info", K_LEAF, OP_LICINFO},
    /* 18 */ {5, "all", K_LEAF, OP_SESSALL},
};

static xmlNode *first_element(xmlNode *n)
{
    for (; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

static int find_child(int parent, const char *name)
{
    for (size_t i = 0; i < sizeof(grammar) / sizeof(grammar[0]); i++)
        if (grammar[i].parent == parent && strcmp(grammar[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Trim ASCII whitespace in place (the CLI ignores it around an argument). */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static void dispatch(const struct sim_state *st, enum op op, const struct cmdpath *p,
                     const char *arg, struct sim_reply *out)
{
    long long now = (long long)time(NULL);
    switch (op) {
    case OP_SYSINFO:
        op_system_info(st, out, now);
        break;
    case OP_SYSRES:
        op_system_resources(st, out, now);
        break;
    case OP_SESSINFO:
        op_session_info(st, out, now);
        break;
    case OP_SESSALL:
        op_session_all(st, out, now);
        break;
    case OP_INTERFACE:
        op_interface(st, arg, out, now);
        break;
    case OP_CLOCK:
        op_clock(out, now);
        break;
    case OP_JOBSALL:
        op_jobs_all(st, out, now);
        break;
    case OP_JOBSID:
        op_jobs_id(st, p, arg, out, now);
        break;
    case OP_HASTATE:
        op_ha_state(out);
        break;
    case OP_ARP:
        op_arp(st, arg, out);
        break;
    case OP_LICINFO:
        op_license_info(st, out, now);
        break;
    case OP_NONE:
        err_incomplete(out, p);
        break;
    }
}

/* Walk the command document down the grammar and answer, or name what the CLI rejects. */
static void walk(const struct sim_state *st, xmlNode *el, struct sim_reply *out)
{
    struct cmdpath p = {.n = 0};
    int cur = -1;
    for (;;) {
        const char *name = (const char *)el->name;
        int g = find_child(cur, name);
        if (g < 0 || p.n >= MAXDEPTH) {
            err_invalid(out, &p, name, 0);
            return;
        }
        p.names[p.n++] = grammar[g].name;
        cur = g;
        xmlNode *child = first_element(el->children);
        switch (grammar[g].kind) {
        case K_INNER:
            if (child == NULL) {
                err_incomplete(out, &p);
                return;
            }
            el = child;
            continue;
        case K_LEAF:
            if (child != NULL) {
                err_invalid(out, &p, (const char *)child->name, 0);
                return;
            }
            dispatch(st, grammar[g].op, &p, NULL, out);
            return;
        case K_TEXT: {
            if (child != NULL) {
                err_invalid(out, &p, (const char *)child->name, 0);
                return;
            }
            xmlChar *text = xmlNodeGetContent(el);
            char *arg = text != NULL ? trim((char *)text) : NULL;
            if (arg == NULL || arg[0] == '\0')
                err_incomplete(out, &p);
            else
                dispatch(st, grammar[g].op, &p, arg, out);
            xmlFree(text);
            return;
        }
        case K_ATTR: {
            xmlChar *v = xmlGetProp(el, (const xmlChar *)"name");
            if (v == NULL || v[0] == '\0')
                err_incomplete(out, &p);
            else
                dispatch(st, grammar[g].op, &p, (const char *)v, out);
            xmlFree(v);
            return;
        }
        }
        return;
    }
}

/* §2.3: parse cmd (no network, no entities fetched) and answer it. */
void sim_op_handle(const struct sim_state *st, const char *cmd, struct sim_reply *out)
{
    if (cmd == NULL) {
        /* §1.4: a missing parameter is refused by the web layer with HTTP 400. */
        sim_reply_set(out, 400,
                      "<response status = 'error' code = '400'><result><msg>"
                      "Parameter &quot;cmd&quot; is required</msg></result></response>");
        return;
    }
    struct cmdpath none = {.n = 0};
    size_t len = strlen(cmd);
    xmlDoc *doc = len > 0 && len <= 1048576
                      ? xmlReadMemory(cmd, (int)len, "cmd.xml", NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                      : NULL;
    xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    if (root == NULL)
        err_incomplete(out, &none); /* pan-python #24: cmd that is not XML → "  is unexpected" */
    else
        walk(st, root, out);
    xmlFreeDoc(doc);
}
