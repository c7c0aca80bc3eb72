/* SPDX-License-Identifier: MIT */
/* fuzz_prisma.c -- libFuzzer entry: one Prisma Cloud answer through every reader of the client:
 * the login token, an error's x-redlock-status header and JSON body, a config search page (first
 * and next), a page of Compute hosts and /meta_info. Nothing is sent. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/prisma.h>
#include "../../src/lib/prisma_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile size_t fuzz_kept;

static size_t touch(const char *s)
{
    return s ? strlen(s) : 0;
}

/* Read every string of every row, so a bad pointer shows up under ASan. */
static int on_assets(void *payload, const panos_prisma_asset *rows, size_t n, const char *next)
{
    size_t *sum = payload;
    for (size_t i = 0; i < n; i++) {
        const panos_prisma_asset *a = &rows[i];
        *sum += touch(a->id) + touch(a->name) + touch(a->cloud) + touch(a->account) +
                touch(a->region) + touch(a->resource_type) + touch(a->os) + touch(a->public_dns) +
                touch(a->risk_grade) + touch(next);
        for (size_t k = 0; k < a->nnics; k++)
            *sum +=
                touch(a->nics[k].id) + touch(a->nics[k].private_ip) + touch(a->nics[k].public_ip);
        for (size_t k = 0; k < a->nprivate; k++)
            *sum += touch(a->private_ips[k]);
        for (size_t k = 0; k < a->npublic; k++)
            *sum += touch(a->public_ips[k]);
    }
    return 0;
}

static int on_vulns(void *payload, const panos_prisma_vuln *rows, size_t n, long next)
{
    size_t *sum = payload;
    for (size_t i = 0; i < n; i++) {
        const panos_prisma_vuln *v = &rows[i];
        *sum += touch(v->asset_id) + touch(v->hostname) + touch(v->cve) + touch(v->severity) +
                touch(v->package) + touch(v->package_version) + touch(v->fix_status) +
                touch(v->first_seen) + (v->cvss > 0) + (v->fix_date > 0) + (next > 0);
    }
    return 0;
}

/* The input: a status byte, then the body up to the first NUL byte, then the x-redlock-status
 * header, then (after another NUL) the Total-Count header. */
static void answer_of(struct prisma_resp *r, const uint8_t *data, size_t size)
{
    static const long statuses[] = {200, 200, 200, 400, 401, 403, 404, 429, 500, 503};
    memset(r, 0, sizeof(*r));
    r->status = size ? statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))] : 200;
    const char *s = size ? (const char *)data + 1 : "";
    size_t n = size ? size - 1 : 0;
    const char *nul = memchr(s, '\0', n);
    r->len = nul ? (size_t)(nul - s) : n;
    r->body = malloc(r->len + 1);
    if (r->body != NULL) {
        memcpy(r->body, s, r->len);
        r->body[r->len] = '\0';
    }
    if (nul != NULL) {
        const char *h = nul + 1, *end = s + n;
        const char *h2 = memchr(h, '\0', (size_t)(end - h));
        size_t hn = (size_t)((h2 ? h2 : end) - h);
        if (hn >= sizeof(r->redlock_status))
            hn = sizeof(r->redlock_status) - 1;
        memcpy(r->redlock_status, h, hn);
        if (h2 != NULL) {
            size_t tn = (size_t)(end - h2 - 1);
            if (tn >= sizeof(r->total_count))
                tn = sizeof(r->total_count) - 1;
            memcpy(r->total_count, h2 + 1, tn);
        }
    }
    snprintf(r->ctype, sizeof(r->ctype), "%s", "application/json");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    panos_prisma_options o = PANOS_PRISMA_OPTIONS_INIT;
    o.url = "https://api.prismacloud.example"; /* never contacted */
    o.access_key_id = "fuzz-access-key";
    o.secret_key = "fuzz-secret";
    panos_prisma *p = NULL;
    if (panos_prisma_new(&p, &o) != PANOS_OK)
        return 0;
    struct prisma_resp r;
    answer_of(&r, data, size);
    size_t sum = 0;
    char *next = NULL;
    (void)panos__prisma_take_token(p, &r, "login");
    (void)panos__prisma_classify(p, &r, "/login");
    (void)panos__prisma_assets_page(p, &r, 1, NULL, on_assets, &sum, &next);
    free(next);
    next = NULL;
    (void)panos__prisma_assets_page(p, &r, 0, "token", on_assets, &sum, &next);
    free(next);
    long off = 0;
    (void)panos__prisma_vulns_page(p, &r, 50, on_vulns, &sum, &off);
    (void)panos__prisma_compute_of(p, &r);
    (void)panos_prisma_last_error(p);
    panos__prisma_resp_dispose(&r);
    panos_prisma_free(p);
    fuzz_kept = sum; /* the rows were read */
    return 0;
}
