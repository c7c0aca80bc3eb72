/* SPDX-License-Identifier: MIT */
/* prisma_page.c -- Prisma Cloud assets (RQL config search) and findings (Compute hosts), paged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "contract.h"
#include "prisma_priv.h"

/* Compute caps list pages at 50 objects (Prisma Cloud Compute API, "API restrictions"). */
#define HOSTS_PAGE 50
#define RQL_EC2 "config from cloud.resource where api.name = 'aws-ec2-describe-instances'"

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && s[0] ? s : NULL;
}

/* Storage of one asset's arrays (borrowed strings from the page's JSON). */
struct asset_arrays {
    panos_prisma_nic *nics;
    const char **priv, **pub;
};

static void add_ip(const char **list, size_t *n, size_t cap, const char *ip)
{
    if (ip == NULL || *n >= cap)
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(list[i], ip) == 0)
            return;
    list[(*n)++] = ip;
}

/* One row of the search: the AWS DescribeInstances shape under "data" (camelCase). */
static int asset_of(const json_t *it, panos_prisma_asset *a, struct asset_arrays *s)
{
    const json_t *d = json_object_get(it, "data");
    const json_t *nics = json_object_get(d, "networkInterfaces");
    size_t nn = json_array_size(nics), cap = 2 * nn + 2;
    memset(a, 0, sizeof(*a));
    s->nics = calloc(nn + 1, sizeof(*s->nics));
    s->priv = calloc(cap, sizeof(char *));
    s->pub = calloc(cap, sizeof(char *));
    if (!s->nics || !s->priv || !s->pub)
        return -1;
    a->id = str(it, "id");
    a->name = str(it, "name");
    a->cloud = str(it, "cloudType");
    a->account = str(it, "accountId");
    a->region = str(it, "regionId");
    a->resource_type = str(it, "resourceType");
    a->risk_grade = str(it, "riskGrade");
    a->deleted = json_is_true(json_object_get(it, "deleted"));
    a->os = str(d, "platformDetails") ? str(d, "platformDetails") : str(d, "platform");
    a->public_dns = str(d, "publicDnsName");
    add_ip(s->priv, &a->nprivate, cap, str(d, "privateIpAddress"));
    add_ip(s->pub, &a->npublic, cap, str(d, "publicIpAddress"));
    for (size_t i = 0; i < nn; i++) {
        const json_t *n = json_array_get(nics, i);
        const json_t *as = json_object_get(n, "association");
        s->nics[i].id = str(n, "networkInterfaceId");
        s->nics[i].private_ip = str(n, "privateIpAddress");
        s->nics[i].public_ip = str(as, "publicIp");
        add_ip(s->priv, &a->nprivate, cap, s->nics[i].private_ip);
        add_ip(s->pub, &a->npublic, cap, s->nics[i].public_ip);
        if (a->public_dns == NULL)
            a->public_dns = str(as, "publicDnsName");
    }
    a->nics = s->nics;
    a->nnics = nn;
    a->private_ips = s->priv;
    a->public_ips = s->pub;
    a->internet_exposed = a->npublic > 0;
    return 0;
}

static void arrays_free(struct asset_arrays *s, size_t n)
{
    for (size_t i = 0; s && i < n; i++) {
        free(s[i].nics);
        free(s[i].priv);
        free(s[i].pub);
    }
    free(s);
}

/* Hand one page's items to @p fn. Returns PANOS_OK, PANOS_E_NOMEM, or -1 when fn stopped. */
static int emit_assets(const json_t *items, const char *next, panos_prisma_asset_fn fn,
                       void *payload)
{
    size_t n = json_array_size(items);
    panos_prisma_asset *rows = calloc(n + 1, sizeof(*rows));
    struct asset_arrays *st = calloc(n + 1, sizeof(*st));
    int rc = rows && st ? PANOS_OK : PANOS_E_NOMEM;
    for (size_t i = 0; rc == PANOS_OK && i < n; i++)
        if (asset_of(json_array_get(items, i), &rows[i], &st[i]) != 0)
            rc = PANOS_E_NOMEM;
    if (rc == PANOS_OK && fn(payload, rows, n, next) != 0)
        rc = -1;
    arrays_free(st, n);
    free(rows);
    return rc;
}

static char *first_body(size_t limit)
{
    json_t *b = json_pack("{s:s,s:{s:s,s:s},s:I,s:b,s:b}", "query", RQL_EC2, "timeRange", "type",
                          "to_now", "value", "epoch", "limit", (json_int_t)limit,
                          "withResourceJson", 1, "heuristicSearch", 1);
    char *s = b ? json_dumps(b, JSON_COMPACT) : NULL;
    json_decref(b);
    return s;
}

static char *next_body(const char *token, size_t limit)
{
    json_t *b = json_pack("{s:s,s:I,s:b}", "pageToken", token, "limit", (json_int_t)limit,
                          "withResourceJson", 1);
    char *s = b ? json_dumps(b, JSON_COMPACT) : NULL;
    json_decref(b);
    return s;
}

panos_code panos__prisma_assets_page(panos_prisma *p, const struct prisma_resp *r, int first,
                                     const char *token, panos_prisma_asset_fn fn, void *payload,
                                     char **next_out)
{
    *next_out = NULL;
    json_t *j = json_loadb(r->body ? r->body : "", r->len, 0, NULL);
    const json_t *pg = first ? json_object_get(j, "data") : j;
    const json_t *items = json_object_get(pg, "items");
    const char *next = str(pg, "nextPageToken");
    panos_code code = PANOS_OK;
    if (!json_is_array(items))
        code = panos__prisma_fail(p, PANOS_E_PARSE, r->status,
                                  "config search: no items[] in the answer");
    else if (next && token && strcmp(next, token) == 0)
        code = panos__prisma_fail(p, PANOS_E_PARSE, r->status,
                                  "config search: the same page token came back twice");
    if (code == PANOS_OK && (json_array_size(items) == 0 || next == NULL))
        next = NULL;
    int rc = code == PANOS_OK ? emit_assets(items, next, fn, payload) : 0;
    if (rc > 0)
        code = (panos_code)rc;
    else if (rc == 0 && code == PANOS_OK && next && (*next_out = strdup(next)) == NULL)
        code = PANOS_E_NOMEM;
    json_decref(j);
    return code;
}

/*
 * The first page comes in the saved-search envelope (rows under "data"), the next ones bare
 * (Prisma Cloud API, "Perform Config Search" and "Config Search Next Page"). Paging stops on a
 * page without rows even when it carries a nextPageToken, as the /v2/alert pages do
 * (demisto/content PrismaCloudV2), and refuses a token handed back twice (a loop).
 */
panos_code panos_prisma_assets(panos_prisma *p, const char *resume_token, size_t page_size,
                               panos_prisma_asset_fn fn, void *payload)
{
    PANOS_ASSERT(p != NULL && fn != NULL);
    if (page_size == 0 || page_size > 10000)
        page_size = 1000;
    char *token = resume_token ? strdup(resume_token) : NULL;
    if (resume_token != NULL && token == NULL)
        return PANOS_E_NOMEM; /* not the first page again */
    panos_code code = PANOS_OK;
    for (int first = token == NULL;;) {
        struct prisma_resp r = {0};
        char *body = first ? first_body(page_size) : next_body(token, page_size);
        code =
            body ? panos__prisma_call(p, first ? "/search/config" : "/search/config/page", body, &r)
                 : PANOS_E_NOMEM;
        free(body);
        char *next = NULL;
        if (code == PANOS_OK)
            code = panos__prisma_assets_page(p, &r, first, token, fn, payload, &next);
        free(token);
        token = next;
        panos__prisma_resp_dispose(&r);
        first = 0;
        if (token == NULL)
            break;
    }
    free(token);
    return code;
}

/* The Compute console from /meta_info's twistlockUrl (prismacloud-api-python, cspm.py). */
panos_code panos__prisma_compute_of(panos_prisma *p, const struct prisma_resp *r)
{
    json_t *j = json_loadb(r->body ? r->body : "", r->len, 0, NULL);
    const char *u = str(j, "twistlockUrl");
    panos_code code = PANOS_OK;
    if (u == NULL)
        code = panos__prisma_fail(p, PANOS_E_PARSE, r->status,
                                  "/meta_info: no twistlockUrl (is Compute enabled?)");
    if (code == PANOS_OK) {
        size_t n = strlen(u) + 10;
        free(p->compute);
        if ((p->compute = malloc(n)) == NULL)
            code = PANOS_E_NOMEM;
        else
            snprintf(p->compute, n, "%s%s", strstr(u, "://") ? "" : "https://", u);
        while (p->compute && p->compute[0] && p->compute[strlen(p->compute) - 1] == '/')
            p->compute[strlen(p->compute) - 1] = '\0';
    }
    json_decref(j);
    return code;
}

static panos_code compute_url(panos_prisma *p)
{
    if (p->compute)
        return PANOS_OK;
    struct prisma_resp r = {0};
    panos_code code = panos__prisma_call(p, "/meta_info", NULL, &r);
    if (code == PANOS_OK)
        code = panos__prisma_compute_of(p, &r);
    panos__prisma_resp_dispose(&r);
    return code;
}

/* "discovered" as given, unless it is empty or Go's zero time (unknown). */
static const char *seen_of(const json_t *v)
{
    const char *s = str(v, "discovered");
    return s && strncmp(s, "0001-01-01", 10) != 0 ? s : NULL;
}

static size_t host_vulns(const json_t *h, panos_prisma_vuln *out, size_t cap)
{
    const json_t *md = json_object_get(h, "cloudMetadata");
    const char *host = str(h, "hostname") ? str(h, "hostname") : str(h, "_id");
    const char *asset = str(md, "resourceID") ? str(md, "resourceID") : host;
    const json_t *vs = json_object_get(h, "vulnerabilities"); /* may be null */
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(vs) && n < cap; i++, n++) {
        const json_t *v = json_array_get(vs, i);
        const json_t *cvss = json_object_get(v, "cvss");
        panos_prisma_vuln *o = &out[n];
        o->asset_id = asset;
        o->hostname = host;
        o->cve = str(v, "cve");
        o->cvss = json_is_number(cvss) ? json_number_value(cvss) : -1;
        o->severity = str(v, "severity");
        o->package = str(v, "packageName");
        o->package_version = str(v, "packageVersion");
        o->fix_status = str(v, "status");
        o->fix_date = (long long)json_integer_value(json_object_get(v, "fixDate"));
        o->first_seen = seen_of(v);
    }
    return n;
}

/* One page of hosts: its findings to @p fn. Returns PANOS_OK, PANOS_E_NOMEM or -1 (stop). */
static int emit_vulns(const json_t *hosts, long next, panos_prisma_vuln_fn fn, void *payload)
{
    size_t total = 0;
    for (size_t i = 0; i < json_array_size(hosts); i++)
        total += json_array_size(json_object_get(json_array_get(hosts, i), "vulnerabilities"));
    panos_prisma_vuln *rows = calloc(total + 1, sizeof(*rows));
    if (rows == NULL)
        return PANOS_E_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(hosts); i++)
        n += host_vulns(json_array_get(hosts, i), rows + n, total - n);
    int rc = fn(payload, rows, n, next) != 0 ? -1 : PANOS_OK;
    free(rows);
    return rc;
}

panos_code panos__prisma_vulns_page(panos_prisma *p, const struct prisma_resp *r, long offset,
                                    panos_prisma_vuln_fn fn, void *payload, long *next_out)
{
    *next_out = -1;
    json_t *j = json_loadb(r->body ? r->body : "", r->len, 0, NULL);
    panos_code code = PANOS_OK;
    if (!json_is_array(j) && !json_is_null(j))
        code = panos__prisma_fail(p, PANOS_E_PARSE, r->status,
                                  "/api/v1/hosts: the answer is not a JSON array");
    size_t n = json_array_size(j);
    long total = r->total_count[0] ? strtol(r->total_count, NULL, 10) : -1;
    long next = offset + (long)n;
    if (n < HOSTS_PAGE || (total >= 0 && next >= total))
        next = -1;
    int rc = code == PANOS_OK ? emit_vulns(j, next, fn, payload) : 0;
    if (rc > 0)
        code = (panos_code)rc;
    else if (rc == 0 && code == PANOS_OK)
        *next_out = next;
    json_decref(j);
    return code;
}

/*
 * GET /api/v1/hosts with limit=50 and offset, until offset reaches the Total-Count header or
 * a page comes back short (prismacloud-api-python cwpp.py; Compute API "API restrictions").
 */
panos_code panos_prisma_vulns(panos_prisma *p, long offset, panos_prisma_vuln_fn fn, void *payload)
{
    PANOS_ASSERT(p != NULL && fn != NULL);
    panos_code code = compute_url(p);
    while (code == PANOS_OK) {
        char url[2048];
        struct prisma_resp r = {0};
        snprintf(url, sizeof(url), "%s/api/v1/hosts?limit=%d&offset=%ld", p->compute, HOSTS_PAGE,
                 offset < 0 ? 0 : offset);
        code = panos__prisma_call(p, url, NULL, &r);
        long next = -1;
        if (code == PANOS_OK)
            code = panos__prisma_vulns_page(p, &r, offset, fn, payload, &next);
        panos__prisma_resp_dispose(&r);
        if (code != PANOS_OK || next < 0)
            break;
        offset = next;
    }
    return code;
}
