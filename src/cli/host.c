/* SPDX-License-Identifier: MIT */
/* host.c -- reading the host a user names (HOST, [IPv6], HOST:PORT, URL), comparing two hosts,
 * telling loopback from the network. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli.h"

int cli_parse_host(const char *arg, char *host, size_t hostlen, unsigned int *port,
                   int *use_http)
{
    const char *p = arg;
    if (strncmp(p, "https://", 8) == 0) {
        p += 8;
        *use_http = 0;
    } else if (strncmp(p, "http://", 7) == 0) {
        p += 7;
        *use_http = 1;
    }
    size_t len = strcspn(p, "/");
    const char *portp = NULL;
    if (p[0] == '[') {
        const char *close = memchr(p, ']', len);
        if (close == NULL)
            return -1;
        if ((size_t)(close - p) + 1 < len) {
            if (close[1] != ':')
                return -1;
            portp = close + 2;
        }
        len = (size_t)(close - p) + 1;
    } else {
        const char *colon = memchr(p, ':', len);
        if (colon && memchr(colon + 1, ':', len - (size_t)(colon + 1 - p)) == NULL) {
            portp = colon + 1;
            len = (size_t)(colon - p);
        }
    }
    if (len == 0 || len >= hostlen)
        return -1;
    memcpy(host, p, len);
    host[len] = '\0';
    if (portp) {
        char *end = NULL;
        long v = strtol(portp, &end, 10);
        if (!cli_digits(portp, strcspn(portp, "/")) || (*end && *end != '/') || v < 1 ||
            v > 65535)
            return -1;
        *port = (unsigned int)v;
    }
    return 0;
}

int cli_same_host(const char *a, const char *b)
{
    char ha[256], hb[256];
    unsigned int pa = 0, pb = 0;
    int ua = 0, ub = 0;
    return cli_parse_host(a, ha, sizeof(ha), &pa, &ua) == 0 &&
           cli_parse_host(b, hb, sizeof(hb), &pb, &ub) == 0 && strcasecmp(ha, hb) == 0;
}

int cli_is_loopback(const char *host)
{
    char buf[64];
    size_t len = strlen(host);
    if (len >= 2 && host[0] == '[' && host[len - 1] == ']' && len - 2 < sizeof(buf)) {
        memcpy(buf, host + 1, len - 2);
        buf[len - 2] = '\0';
        host = buf;
    }
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, host, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6);
    return strcasecmp(host, "localhost") == 0;
}
