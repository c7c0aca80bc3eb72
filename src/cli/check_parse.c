/* SPDX-License-Identifier: MIT */
/* check_parse.c -- parsers of PAN-OS monitoring answers (df, top, dates); no I/O, no panctl state.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "check_parse.h"

static const char *const mons[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

/* A df size: "9.1G", "952K", "0". */
static int df_size(const char *s, double *out)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || v < 0)
        return -1;
    const char *units = "KMGTP";
    const char *u = *end ? strchr(units, *end) : NULL;
    if (*end && (u == NULL || end[1] != '\0'))
        return -1;
    for (const char *p = units; u != NULL && p <= u; p++)
        v *= 1024.0;
    *out = v;
    return 0;
}

static int df_line(char *line, char *pending, struct cli_df_row *r)
{
    char *tok[7];
    size_t nt = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t", &save); t != NULL && nt < 7;
         t = strtok_r(NULL, " \t", &save))
        tok[nt++] = t;
    size_t off = 0;
    memset(r, 0, sizeof(*r));
    if (nt == 1 && pending != NULL) { /* a long device name, alone on its line */
        snprintf(pending, 64, "%s", tok[0]);
        return 1;
    }
    if (nt == 5 && pending != NULL && pending[0]) {
        snprintf(r->device, sizeof(r->device), "%s", pending);
        pending[0] = '\0';
    } else if (nt == 6) {
        snprintf(r->device, sizeof(r->device), "%s", tok[0]);
        off = 1;
    } else {
        return -1;
    }
    char *pct = tok[off + 3], *end = NULL;
    long p = strtol(pct, &end, 10);
    if (end == pct || strcmp(end, "%") != 0 || p < 0 || p > 100 || df_size(tok[off], &r->size) ||
        df_size(tok[off + 1], &r->used) || df_size(tok[off + 2], &r->avail))
        return -1;
    r->use_pct = (int)p;
    snprintf(r->mount, sizeof(r->mount), "%s", tok[off + 4]);
    return 0;
}

int cli_df_parse(const char *text, struct cli_df_row *rows, size_t max, size_t *n)
{
    *n = 0;
    const char *p = text;
    size_t hl = strcspn(p, "\n");
    if (strncmp(p, "Filesystem", 10) != 0 || hl > 200)
        return -1;
    p += hl + (p[hl] == '\n');
    char pending[64] = "";
    while (*p) {
        size_t len = strcspn(p, "\n");
        char line[512];
        if (len >= sizeof(line))
            return -1;
        memcpy(line, p, len);
        line[len] = '\0';
        p += len + (p[len] == '\n');
        if (strspn(line, " \t\r") == len)
            continue;
        struct cli_df_row r;
        int rc = df_line(line, pending, &r);
        if (rc < 0)
            return -1;
        if (rc == 0 && *n < max)
            rows[(*n)++] = r;
    }
    return pending[0] ? -1 : 0;
}

int cli_top_idle(const char *text, double *idle)
{
    const char *l = strstr(text, "Cpu(s):");
    if (l == NULL)
        return -1;
    size_t len = strcspn(l, "\n");
    for (const char *p = l + 7; p < l + len; p++) {
        /* "96.5 id" (procps-ng) or "96.5%id" (older) */
        if ((p[0] == 'i' && p[1] == 'd') && p > l + 7 && (p[-1] == ' ' || p[-1] == '%')) {
            const char *q = p - 1;
            while (q > l && (*q == ' ' || *q == '%'))
                q--;
            while (q > l && (isdigit((unsigned char)q[-1]) || q[-1] == '.'))
                q--;
            char *end = NULL;
            double v = strtod(q, &end);
            if (end == q || v < 0 || v > 100)
                return -1;
            *idle = v;
            return 0;
        }
    }
    return -1;
}

long long cli_utc_epoch(int year, int mon, int mday, int hour, int min, int sec)
{
    /* days from civil (H. Hinnant's algorithm) */
    long long y = year - (mon <= 2);
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = era * 146097 + doe - 719468;
    return days * 86400 + hour * 3600 + min * 60 + sec;
}

static int month_of(const char *s)
{
    for (int i = 0; i < 12; i++)
        if (strncasecmp(s, mons[i], 3) == 0)
            return i + 1;
    return 0;
}

static int valid(int y, int mo, int d, int h, int mi, int s)
{
    return y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 &&
           h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60;
}

int cli_parse_release_date(const char *s, long long *out)
{
    static const struct {
        const char *name;
        int hours;
    } zones[] = {{"UTC", 0},  {"GMT", 0},  {"PST", -8}, {"PDT", -7}, {"MST", -7}, {"MDT", -6},
                 {"CST", -6}, {"CDT", -5}, {"EST", -5}, {"EDT", -4}, {"HKT", 8},  {"JST", 9},
                 {"CET", 1},  {"CEST", 2}, {"BST", 1},  {"IST", 2}};
    int y, mo, d, h, mi, sec, used = 0;
    char tz[8] = "";
    if (sscanf(s, "%4d/%2d/%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) != 6 ||
        !valid(y, mo, d, h, mi, sec))
        return -1;
    if (sscanf(s + used, " %7[A-Z]", tz) != 1)
        tz[0] = '\0';
    long long t = cli_utc_epoch(y, mo, d, h, mi, sec);
    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
        if (strcmp(tz, zones[i].name) == 0)
            t -= zones[i].hours * 3600LL;
    *out = t;
    return 0;
}

int cli_parse_licence_date(const char *s, long long *out)
{
    char mon[16];
    int d, y, used = 0;
    if (sscanf(s, "%15[A-Za-z] %2d, %4d%n", mon, &d, &y, &used) != 3 || s[used] != '\0')
        return -1;
    int mo = month_of(mon);
    if (mo == 0 || !valid(y, mo, d, 0, 0, 0))
        return -1;
    *out = cli_utc_epoch(y, mo, d, 0, 0, 0);
    return 0;
}

int cli_parse_cert_date(const char *s, long long *out)
{
    char mon[4];
    int d, y, h, mi, sec;
    if (sscanf(s, "%3s %2d %2d:%2d:%2d %4d", mon, &d, &h, &mi, &sec, &y) != 6)
        return -1;
    int mo = month_of(mon);
    if (mo == 0 || !valid(y, mo, d, h, mi, sec))
        return -1;
    *out = cli_utc_epoch(y, mo, d, h, mi, sec);
    return 0;
}
