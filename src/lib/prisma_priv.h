/* SPDX-License-Identifier: MIT */
/* prisma_priv.h -- the Prisma Cloud session and its one request path, shared by prisma*.c. */
#ifndef PANOS_PRISMA_PRIV_H
#define PANOS_PRISMA_PRIV_H

#include <stddef.h>
#include <time.h>
#include <curl/curl.h>
#include <panos/prisma.h>

/* An answer: status, the body (capped) and the headers the client acts on. */
struct prisma_resp {
    long status;
    char *body;
    size_t len, cap;
    int too_large;
    char redlock_status[512]; /* x-redlock-status: [{"i18nKey":..,"subject":..}] */
    char retry_after[64];
    char rl_remaining[32]; /* X-RateLimit-Remaining */
    char total_count[32];  /* Total-Count (Compute) */
    char ctype[128];
};

struct panos_prisma {
    panos_prisma_options o; /* strings below, not the caller's */
    char *base;             /* https://api.prismacloud.io, no trailing slash */
    char *key_id, *secret;  /* secret wiped when freed */
    char *token;            /* the JWT, wiped when replaced or freed */
    struct timespec token_at;
    char *compute; /* the Compute console URL (from /meta_info), once known */
    CURL *curl;
    panos_error err;
    char msg[600];
    long logins, extends, retries;
};

/* Release an answer's body. */
void panos__prisma_resp_dispose(struct prisma_resp *r);

/* Record a failure on @p p: code, HTTP status and a one-line message. Returns @p code. */
panos_code panos__prisma_fail(panos_prisma *p, panos_code code, long http, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * One authenticated call: @p url is a path under the API ("/search/config") or a full URL;
 * @p body a JSON text (POST) or NULL (GET). Logs in or extends the JWT first when needed,
 * retries 425/429/5xx with backoff, logs in again once on a 401. On PANOS_OK @p r holds a 2xx
 * answer (dispose it in any case); anything else is classified into the error.
 */
panos_code panos__prisma_call(panos_prisma *p, const char *url, const char *body,
                              struct prisma_resp *r);

#endif
