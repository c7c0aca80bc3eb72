/* SPDX-License-Identifier: MIT */
/* prisma_data.c -- pansim --prisma's generated tenant: EC2 rows and Compute host scans on the fly.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "prisma_sim.h"

void psim_printf(struct psim_buf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = b->cap - b->len;
        int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->oom = 1;
            return;
        }
        if (b->p && (size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 65536;
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (q == NULL) {
            b->oom = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
}

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t h(const struct psim_data *d, long i, uint64_t salt)
{
    return mix(mix((uint64_t)i ^ (salt << 40)) ^ d->seed);
}

static int changed(const struct psim_data *d, long i)
{
    return d->changed_pct > 0 && (double)(h(d, i, 7) % 1000000) < d->changed_pct * 10000.0;
}

static const char *const regions[] = {"us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"};
static const char *const grades[] = {"A", "B", "C", "F"};

/* Public addresses from the documentation ranges (RFC 5737), private ones from 10/8. */
static void public_ip(char *out, size_t cap, const struct psim_data *d, long i)
{
    static const char *const nets[] = {"203.0.113", "198.51.100", "192.0.2"};
    uint64_t x = h(d, i, 3);
    snprintf(out, cap, "%s.%u", nets[x % 3], (unsigned)(1 + (x >> 8) % 254));
}

void psim_assets_json(struct psim_buf *b, const struct psim_data *d, long from, long n)
{
    for (long i = from; i < from + n && i < d->nassets; i++) {
        uint64_t x = h(d, i, 1);
        int chg = changed(d, i);
        int exposed = (x % 3 == 0) != chg; /* a third exposed; a change flips it */
        int windows = (x >> 4) % 5 == 0;
        const char *region = regions[(x >> 8) % 4];
        char priv[32], pub[32], dns[96] = "";
        snprintf(priv, sizeof(priv), "10.%u.%u.%u", (unsigned)((i >> 16) & 255),
                 (unsigned)((i >> 8) & 255), (unsigned)(i & 255));
        public_ip(pub, sizeof(pub), d, i);
        if (exposed)
            snprintf(dns, sizeof(dns), "ec2-%ld.%s.compute.example.com", i, region);
        psim_printf(b,
                    "%s{\"id\":\"i-%017llx\",\"name\":\"vm-%06ld\",\"accountId\":\"123456789012\","
                    "\"accountName\":\"prod-aws\",\"cloudType\":\"aws\",\"regionId\":\"%s\","
                    "\"service\":\"Amazon EC2\",\"resourceType\":\"Instance\","
                    "\"rrn\":\"rrn::instance:%s:123456789012:i-%017llx\",\"riskGrade\":\"%s\","
                    "\"deleted\":false,\"insertTs\":%lld,\"data\":{\"instanceId\":\"i-%017llx\","
                    "\"instanceType\":\"t3.medium\",\"privateIpAddress\":\"%s\",",
                    i > from ? "," : "", (unsigned long long)(x >> 4), i, region, region,
                    (unsigned long long)(x >> 4), chg ? "F" : grades[(x >> 12) % 4],
                    1767225600000LL + i, (unsigned long long)(x >> 4), priv);
        if (exposed)
            psim_printf(b, "\"publicIpAddress\":\"%s\",\"publicDnsName\":\"%s\",", pub, dns);
        else
            psim_printf(b, "\"publicDnsName\":\"\",");
        psim_printf(b,
                    "%s\"platformDetails\":\"%s\",\"networkInterfaces\":[{\"networkInterfaceId\":"
                    "\"eni-%012llx\",\"privateIpAddress\":\"%s\"",
                    windows ? "\"platform\":\"windows\"," : "", windows ? "Windows" : "Linux/UNIX",
                    (unsigned long long)(x >> 16), priv);
        if (exposed)
            psim_printf(b, ",\"association\":{\"publicIp\":\"%s\",\"publicDnsName\":\"%s\"}", pub,
                        dns);
        psim_printf(b, "}]}}");
    }
}

static const char *const pkgs[][2] = {
    {"openssl", "3.0.2-0ubuntu1.10"}, {"busybox", "1.27.2-r8"},   {"log4j-core", "2.14.1"},
    {"curl", "7.81.0-1ubuntu1.4"},    {"glibc", "2.35-0ubuntu3"}, {"zlib", "1.2.11.dfsg-2"},
    {"sudo", "1.9.9-1ubuntu2"},       {"bash", "5.1-6ubuntu1"},
};
static const char *const sev[] = {"low", "medium", "high", "critical"};

static long vulns_of(const struct psim_data *d, long i)
{
    if (d->nassets <= 0)
        return 0;
    long long m = d->nvulns, n = d->nassets;
    return (long)(m * (i + 1) / n - m * i / n);
}

static void one_vuln(struct psim_buf *b, const struct psim_data *d, long i, long k, int chg)
{
    uint64_t y = h(d, i * 64 + k, 2);
    int s = (int)(y % 4);
    double cvss = 2.0 + 2.0 * s + (double)((y >> 8) % 20) / 10.0;
    const char *const *pk = pkgs[(y >> 16) % 8];
    int fixed = (y >> 24) % 3 != 0;
    long long fix = fixed ? 1700000000LL + (long long)((y >> 28) % 30000000) : 0;
    char status[64];
    if (chg)
        snprintf(status, sizeof(status), "fixed in %s+1", pk[1]);
    else if (fixed)
        snprintf(status, sizeof(status), "fixed in %s.1", pk[1]);
    else
        snprintf(status, sizeof(status), "%s", (y >> 30) % 2 ? "open" : "needed");
    const char *disc = (y >> 40) % 10 == 0 ? "0001-01-01T00:00:00Z" : "2026-03-01T10:00:00Z";
    psim_printf(b,
                "%s{\"id\":%ld,\"cve\":\"CVE-20%02u-%05u\",\"cvss\":%.1f,\"severity\":\"%s\","
                "\"status\":\"%s\",\"packageName\":\"%s\",\"packageVersion\":\"%s\","
                "\"packageType\":\"package\",\"published\":1600000000,\"fixDate\":%lld,"
                "\"discovered\":\"%s\",\"riskFactors\":{\"Has fix\":{}},\"type\":\"image\"}",
                k ? "," : "", 46 + k, (unsigned)(18 + (y >> 32) % 8),
                (unsigned)(k * 1000 + i % 997), cvss, sev[s], status, pk[0], pk[1], fix, disc);
}

void psim_hosts_json(struct psim_buf *b, const struct psim_data *d, long from, long n)
{
    psim_printf(b, "[");
    for (long i = from; i < from + n && i < d->nassets; i++) {
        uint64_t x = h(d, i, 1);
        const char *region = regions[(x >> 8) % 4];
        long nv = vulns_of(d, i);
        psim_printf(b,
                    "%s{\"_id\":\"ip-10-%ld.ec2.internal\",\"type\":\"host\",\"hostname\":"
                    "\"ip-10-%ld.ec2.internal\",\"osDistro\":\"ubuntu\",\"distro\":\"Ubuntu 22.04 "
                    "LTS\",\"cloudMetadata\":{\"provider\":\"aws\",\"accountID\":\"123456789012\","
                    "\"region\":\"%s\",\"resourceID\":\"i-%017llx\",\"name\":\"vm-%06ld\"},"
                    "\"hostDevices\":[{\"name\":\"eth0\",\"ip\":\"10.%u.%u.%u\"}],"
                    "\"vulnerabilitiesCount\":%ld,\"complianceIssues\":null,\"vulnerabilities\":",
                    i > from ? "," : "", i, i, region, (unsigned long long)(x >> 4), i,
                    (unsigned)((i >> 16) & 255), (unsigned)((i >> 8) & 255), (unsigned)(i & 255),
                    nv);
        if (nv == 0) {
            psim_printf(b, "null}");
            continue;
        }
        psim_printf(b, "[");
        int chg = changed(d, i);
        for (long k = 0; k < nv; k++)
            one_vuln(b, d, i, k, chg);
        psim_printf(b, "]}");
    }
    psim_printf(b, "]");
}
