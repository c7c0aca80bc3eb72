/* SPDX-License-Identifier: MIT */
/* prisma_priv.h -- the Prisma Cloud session and its one request path, shared by prisma*.c. */
#ifndef PANOS_PRISMA_PRIV_H
#define PANOS_PRISMA_PRIV_H

#include <stddef.h>
#include <time.h>
#include <curl/curl.h>
#include <panos/prisma.h>
#include "retry.h"

/* An answer: status, the body (capped) and the headers the client acts on. */
struct prisma_resp {
    long status;
    char *body;
    size_t len, cap, max; /* max: the session's cap on one answer */
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
    long long token_at_ms;  /* when the JWT came, on clock */
    size_t max_bytes;       /* cap on one answer */
    struct panos__retry_policy retry; /* max_retries, 1 s doubling to max_backoff_s, and
                                         Retry-After honoured up to 300 s */
    struct panos__deadline deadline;  /* deadline_ms, from panos_prisma_new() */
    struct panos__clock clock;        /* the system's; a test's fake one */
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

/* Whether an answer's status is resent after a wait: 425, 429, 500, 502, 503, 504. */
int panos__prisma_retryable(long status);

/* One line to the progress callback, if any. */
void panos__prisma_progress(panos_prisma *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Record the deadline's failure (PANOS_E_TIMEOUT) for @p url, ending "... @p when". */
panos_code panos__prisma_deadline_error(panos_prisma *p, const char *url, const char *when);

/*
 * One request to @p url (a full URL) with @p body (POST) or none (GET), the JWT sent when
 * @p auth: resent after a 425/429/5xx answer up to max_retries times, after Retry-After or the
 * backoff, never past the deadline (PANOS_E_TIMEOUT then). PANOS_OK when an answer came, whatever
 * its status (in @p r, which the caller disposes of in any case).
 */
panos_code panos__prisma_send(panos_prisma *p, const char *url, const char *body, int auth,
                              struct prisma_resp *r);

/* Tests: take time from @p clock, and start the deadline again on it. */
void panos__prisma_set_clock(panos_prisma *p, const struct panos__clock *clock);

/*
 * One authenticated call: @p url is a path under the API ("/search/config") or a full URL;
 * @p body a JSON text (POST) or NULL (GET). Logs in or extends the JWT first when needed,
 * retries 425/429/5xx with backoff, logs in again once on a 401. On PANOS_OK @p r holds a 2xx
 * answer (dispose it in any case); anything else is classified into the error. The deadline
 * bounds every request made, the login and token extension included.
 */
panos_code panos__prisma_call(panos_prisma *p, const char *url, const char *body,
                              struct prisma_resp *r);

/*
 * The readers of Prisma Cloud's answers (prisma.c, prisma_page.c), apart from the requests so
 * that tests/fuzz/fuzz_prisma.c can feed them any bytes. Each records its failure on @p p.
 */
/* Classify a final non-2xx answer to @p what (its x-redlock-status header or JSON error body). */
panos_code panos__prisma_classify(panos_prisma *p, const struct prisma_resp *r, const char *what);
/* The "token" of a login or extend answer, kept on @p p, or a failure saying why there is none. */
panos_code panos__prisma_take_token(panos_prisma *p, const struct prisma_resp *r, const char *what);
/* One config search answer (@p first: in the saved-search envelope) to the request that sent
 * @p token: its rows to @p fn. PANOS_OK with *@p next_out the next page's token (malloc'd; NULL
 * at the end or when @p fn stopped), else the failure. */
panos_code panos__prisma_assets_page(panos_prisma *p, const struct prisma_resp *r, int first,
                                     const char *token, panos_prisma_asset_fn fn, void *payload,
                                     char **next_out);
/* One page of Compute hosts asked from @p offset: its findings to @p fn. PANOS_OK with
 * *@p next_out the next offset (-1 at the end or when @p fn stopped), else the failure. */
panos_code panos__prisma_vulns_page(panos_prisma *p, const struct prisma_resp *r, long offset,
                                    panos_prisma_vuln_fn fn, void *payload, long *next_out);
/* The Compute console's URL from a /meta_info answer, kept on @p p. */
panos_code panos__prisma_compute_of(panos_prisma *p, const struct prisma_resp *r);

#endif
