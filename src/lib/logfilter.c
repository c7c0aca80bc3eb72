/* SPDX-License-Identifier: MIT */
/* logfilter.c -- build PAN-OS log filters from simple helpers (addresses, ports, times). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <panos/log.h>
#include "sbuf.h"
#include "contract.h"

/* The log-type values the API documents (PAN-OS XML API guide, "Retrieve Logs" log-type list
 * (11.1/ngfw; 9.1 lacks globalprotect)). */
static const char *const log_types[] = {
    "traffic", "threat", "config", "system", "hipmatch", "globalprotect", "wildfire", "url",
    "data", "corr", "corr-detail", "corr-categ", "userid", "auth", "gtp", "external", "iptag",
    "decryption"};

/* Types whose entries carry session fields (addr, port, app, rule, user, action); filtering
 * addr.* and user.* server-side works only for these (Cortex XSOAR PAN-OS integration, Panorama.py
 * build_array_query). */
static const char *const session_types[] = {"traffic", "threat", "url",
                                            "wildfire", "data",   "decryption"};

static int in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

int panos_log_type_valid(const char *log_type)
{
    return log_type != NULL &&
           in_list(log_type, log_types, sizeof(log_types) / sizeof(log_types[0]));
}

static panos_code fail(char *errbuf, size_t errlen, const char *fmt, const char *a, const char *b)
{
    if (errbuf != NULL && errlen > 0)
        snprintf(errbuf, errlen, fmt, a, b);
    return PANOS_E_INVALID_ARG;
}

/* An IPv4 or IPv6 address, optionally with a /prefix in range. */
static int valid_addr(const char *s)
{
    char host[INET6_ADDRSTRLEN + 1];
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if (n == 0 || n >= sizeof(host))
        return 0;
    memcpy(host, s, n);
    host[n] = '\0';
    unsigned char bin[16];
    int v6 = strchr(host, ':') != NULL;
    if (inet_pton(v6 ? AF_INET6 : AF_INET, host, bin) != 1)
        return 0;
    if (slash == NULL)
        return 1;
    char *end;
    errno = 0;
    long plen = strtol(slash + 1, &end, 10);
    return slash[1] != '\0' && *end == '\0' && errno == 0 && plen >= 0 && plen <= (v6 ? 128 : 32);
}

/* Values go in single quotes; PAN-OS has no reliable escape inside them (pango's policy
 * audit-comment query shows a backslash form that not every field accepts). */
static int safe_value(const char *s)
{
    return *s != '\0' && strpbrk(s, "'()") == NULL && strchr(s, '\n') == NULL;
}

/* Parse a number followed by s/m/h/d into seconds. */
static int parse_relative(const char *s, long long *secs)
{
    char *end;
    errno = 0;
    long long n = strtoll(s, &end, 10);
    if (end == s || errno != 0 || n < 0 || end[0] == '\0' || end[1] != '\0')
        return 0;
    long long mult = end[0] == 's' ? 1 : end[0] == 'm' ? 60 : end[0] == 'h' ? 3600
                     : end[0] == 'd'                           ? 86400
                                                               : 0;
    if (mult == 0 || n > 100LL * 365 * 86400 / mult)
        return 0;
    *secs = n * mult;
    return 1;
}

/* Read "YYYY?MM?DD[?HH:MM[:SS]]" with the given date separator into PAN-OS's form. */
static int parse_absolute(const char *s, char *out, size_t outlen)
{
    int y, mo, d, h = 0, mi = 0, sec = 0, used = 0;
    char sep1, sep2;
    if (sscanf(s, "%4d%c%2d%c%2d%n", &y, &sep1, &mo, &sep2, &d, &used) != 5 || sep1 != sep2 ||
        (sep1 != '/' && sep1 != '-'))
        return 0;
    const char *rest = s + used;
    if (*rest == 'T' || *rest == ' ') {
        int used2 = 0;
        int got = sscanf(rest + 1, "%2d:%2d%n:%2d%n", &h, &mi, &used2, &sec, &used2);
        if (got < 2)
            return 0;
        rest += 1 + used2;
    }
    if (*rest != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 ||
        y < 1970 || h < 0 || mi < 0 || sec < 0)
        return 0;
    snprintf(out, outlen, "%04d/%02d/%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
    return 1;
}

static panos_code time_term(panos__sb *sb, const char *what, const char *op, const char *s,
                            long long now, char *errbuf, size_t errlen)
{
    char ts[80]; /* room for any int in each field, so the compiler sees no truncation */
    long long secs;
    if (parse_relative(s, &secs)) {
        time_t t = (time_t)(now - secs);
        struct tm tm;
        if (now <= 0 || gmtime_r(&t, &tm) == NULL)
            return fail(errbuf, errlen, "%s: relative time '%s' needs the firewall's clock",
                        what, s);
        strftime(ts, sizeof(ts), "%Y/%m/%d %H:%M:%S", &tm);
    } else if (!parse_absolute(s, ts, sizeof(ts))) {
        return fail(errbuf, errlen,
                    "%s: bad time '%s' (use YYYY/MM/DD HH:MM:SS, YYYY-MM-DDTHH:MM:SS, or 30m, "
                    "2h, 7d)",
                    what, s);
    }
    panos__sb_printf(sb, "%s(receive_time %s '%s')", sb->len ? " and " : "", op, ts);
    return PANOS_OK;
}

panos_code panos_logfilter_build(panos_buf *out, const panos_logfilter *f, char *errbuf,
                                 size_t errlen)
{
    PANOS_ASSERT(out != NULL && f != NULL);
    panos__errbuf_clear(errbuf, errlen);
    if (out == NULL || f == NULL)
        return fail(errbuf, errlen, "%s%s", "no filter given", "");
    int session = f->log_type == NULL ||
                  in_list(f->log_type, session_types, sizeof(session_types) / sizeof(char *));
    struct {
        const char *name, *value, *field, *op;
        int addr, session_only;
    } terms[] = {
        {"src", f->src, "addr.src", "in", 1, 1},     {"dst", f->dst, "addr.dst", "in", 1, 1},
        {"addr", f->addr, "addr", "in", 1, 1},       {"port", f->port, "port.dst", "eq", 0, 1},
        {"app", f->app, "app", "eq", 0, 1},          {"rule", f->rule, "rule", "eq", 0, 1},
        {"user", f->user, "user.src", "eq", 0, 1},   {"action", f->action, "action", "eq", 0, 1},
        {"subtype", f->subtype, "subtype", "eq", 0, 0},
    };
    panos__sb sb = PANOS__SB_INIT;
    panos_code rc = PANOS_OK;
    if (f->query != NULL && f->query[strspn(f->query, " \t")] != '\0')
        panos__sb_printf(&sb, "(%s)", f->query);
    for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]) && rc == PANOS_OK; i++) {
        const char *v = terms[i].value;
        if (v == NULL)
            continue;
        if (terms[i].session_only && !session) {
            rc = fail(errbuf, errlen, "'%s' does not apply to %s logs", terms[i].name,
                      f->log_type);
        } else if (terms[i].addr && !valid_addr(v)) {
            rc = fail(errbuf, errlen, "%s: '%s' is not an IP address or CIDR", terms[i].name, v);
        } else if (strcmp(terms[i].name, "port") == 0) {
            char *end;
            errno = 0;
            long port = strtol(v, &end, 10);
            if (end == v || *end != '\0' || errno != 0 || port < 1 || port > 65535)
                rc = fail(errbuf, errlen, "%s: '%s' is not a port number (1-65535)", "port", v);
            else
                panos__sb_printf(&sb, "%s(port.dst eq %ld)", sb.len ? " and " : "", port);
        } else if (!safe_value(v)) {
            rc = fail(errbuf, errlen, "%s: '%s' is empty or holds ' ( or ), which PAN-OS filters "
                                      "cannot quote",
                      terms[i].name, v);
        } else if (terms[i].addr) {
            panos__sb_printf(&sb, "%s(%s in %s)", sb.len ? " and " : "", terms[i].field, v);
        } else {
            panos__sb_printf(&sb, "%s(%s %s '%s')", sb.len ? " and " : "", terms[i].field,
                             terms[i].op, v);
        }
    }
    if (rc == PANOS_OK && f->since != NULL)
        rc = time_term(&sb, "since", "geq", f->since, f->now, errbuf, errlen);
    if (rc == PANOS_OK && f->until != NULL)
        rc = time_term(&sb, "until", "leq", f->until, f->now, errbuf, errlen);
    if (rc != PANOS_OK) {
        panos__sb_dispose(&sb, 0);
        return rc;
    }
    return panos__sb_finish(&sb, out);
}
