/* SPDX-License-Identifier: MIT */
/* collect_util.c -- what the parsers share: child text, numbers, booleans, PAN-OS dates. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <panos/buf.h>
#include "collect.h"

static _Thread_local int parse_oom;

void exp_parse_oom(void)
{
    parse_oom = 1;
}

int exp_parse_oom_take(void)
{
    int v = parse_oom;
    parse_oom = 0;
    return v;
}

int exp_text(const panos_node *n, const char *name, char *buf, size_t len)
{
    buf[0] = '\0';
    const panos_node *c = name ? panos_node_child(n, name) : n;
    if (c == NULL)
        return -1;
    panos_buf b = {NULL, 0};
    if (panos_node_text(&b, c) != PANOS_OK) {
        exp_parse_oom(); /* the child is there: only memory can fail */
        return -1;
    }
    snprintf(buf, len, "%s", b.ptr ? b.ptr : "");
    panos_buf_dispose(&b);
    return 0;
}

int exp_number(const char *s, double *v)
{
    char *end;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '\0')
        return -1;
    double d = strtod(s, &end);
    if (end == s)
        return -1;
    while (*end == '%' || isspace((unsigned char)*end))
        end++;
    if (*end != '\0')
        return -1;
    *v = d;
    return 0;
}

int exp_child_number(const panos_node *n, const char *name, double *v)
{
    char buf[64];
    if (exp_text(n, name, buf, sizeof(buf)) != 0)
        return -1;
    return exp_number(buf, v);
}

int exp_bool(const char *s)
{
    static const char *const yes[] = {"yes", "true", "up", "1", "on", "enabled"};
    static const char *const no[] = {"no", "false", "down", "0", "off", "disabled"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return 1;
        if (strcasecmp(s, no[i]) == 0)
            return 0;
    }
    return -1;
}

/* Offsets of the zone abbreviations PAN-OS prints after content release dates (the
 * firewall's own zone): North American and central European ones, and UTC. */
static int zone_offset(const char *z, long *off)
{
    static const struct {
        const char *name;
        long hours;
    } zones[] = {{"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4},
                 {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8},
                 {"PDT", -7}, {"CET", 1},  {"CEST", 2}, {"JST", 9},  {"IST", 5}};
    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
        if (strcmp(z, zones[i].name) == 0) {
            *off = zones[i].hours * 3600;
            if (strcmp(z, "IST") == 0)
                *off += 1800; /* India: +05:30 */
            return 0;
        }
    return -1;
}

int exp_time_content(const char *s, double *t)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    char zone[16] = "";
    int n = sscanf(s, "%d/%d/%d %d:%d:%d %15s", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                   &tm.tm_min, &tm.tm_sec, zone);
    if (n < 6)
        return -1;
    long off = 0;
    if (n == 7 && zone_offset(zone, &off) != 0)
        return -1; /* an unknown zone: no value rather than a wrong one */
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *t = (double)(timegm(&tm) - off);
    return 0;
}

static int month_of(const char *name)
{
    static const char *const m[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (strncasecmp(name, m[i], 3) == 0)
            return i;
    return -1;
}

int exp_time_license(const char *s, double *t)
{
    char mon[16];
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    if (sscanf(s, "%15s %d, %d", mon, &tm.tm_mday, &tm.tm_year) != 3)
        return -1;
    if ((tm.tm_mon = month_of(mon)) < 0)
        return -1;
    tm.tm_year -= 1900;
    *t = (double)timegm(&tm);
    return 0;
}

int exp_time_cert(const char *s, double *t)
{
    char mon[16], zone[8] = "GMT";
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    if (sscanf(s, "%15s %d %d:%d:%d %d %7s", mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
               &tm.tm_year, zone) < 6)
        return -1;
    long off = 0;
    if ((tm.tm_mon = month_of(mon)) < 0 || zone_offset(zone, &off) != 0)
        return -1;
    tm.tm_year -= 1900;
    *t = (double)(timegm(&tm) - off);
    return 0;
}

int exp_uptime(const char *s, double *t)
{
    long days = 0, h, m, sec;
    const char *p = strstr(s, "day");
    if (p != NULL) {
        if (sscanf(s, "%ld", &days) != 1)
            return -1;
        p = strchr(p, ',');
        if (p == NULL)
            return -1;
        p++;
    } else {
        p = s;
    }
    if (sscanf(p, "%ld:%ld:%ld", &h, &m, &sec) != 3)
        return -1;
    *t = (double)(days * 86400 + h * 3600 + m * 60 + sec);
    return 0;
}
