/* SPDX-License-Identifier: MIT */
/* prisma_send.c -- one Prisma Cloud request: the HTTP exchange, retries, Retry-After, deadline. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <panos/buf.h>
#include "prisma_priv.h"

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
    struct prisma_resp *r = userp;
    size_t n = size * nmemb;
    if (r->len + n + 1 > r->max) {
        r->too_large = 1;
        return 0;
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 16384;
        while (cap < r->len + n + 1)
            cap *= 2;
        char *b = realloc(r->body, cap);
        if (b == NULL)
            return 0;
        r->body = b;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
    r->body[r->len] = '\0';
    return n;
}

/* Copy the value of header @p name from the line @p h into @p dst when it is that header. */
static void header_value(const char *h, size_t n, const char *name, char *dst, size_t cap)
{
    size_t nl = strlen(name);
    if (n <= nl || strncasecmp(h, name, nl) != 0 || h[nl] != ':')
        return;
    h += nl + 1, n -= nl + 1;
    while (n > 0 && (*h == ' ' || *h == '\t'))
        h++, n--;
    while (n > 0 && (h[n - 1] == '\r' || h[n - 1] == '\n' || h[n - 1] == ' '))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, h, n);
    dst[n] = '\0';
}

static size_t on_header(char *h, size_t size, size_t nmemb, void *userp)
{
    struct prisma_resp *r = userp;
    size_t n = size * nmemb;
    header_value(h, n, "x-redlock-status", r->redlock_status, sizeof(r->redlock_status));
    header_value(h, n, "Retry-After", r->retry_after, sizeof(r->retry_after));
    header_value(h, n, "X-RateLimit-Remaining", r->rl_remaining, sizeof(r->rl_remaining));
    header_value(h, n, "Total-Count", r->total_count, sizeof(r->total_count));
    header_value(h, n, "Content-Type", r->ctype, sizeof(r->ctype));
    return n;
}

/* The path of @p url under the API (for messages), or @p url itself. */
static const char *path_of(const panos_prisma *p, const char *url)
{
    size_t n = strlen(p->base);
    return strncmp(url, p->base, n) == 0 && url[n] ? url + n : url;
}

panos_code panos__prisma_deadline_error(panos_prisma *p, const char *url, const char *when)
{
    return panos__prisma_fail(p, PANOS_E_TIMEOUT, 0, "the deadline of %g s (--deadline) %s (%s)",
                              (double)p->deadline.ms / 1000.0, when, path_of(p, url));
}

static panos_code curl_failure(panos_prisma *p, CURLcode cc, const char *url, const char *ebuf,
                               int deadline_cut)
{
    panos_code code = PANOS_E_TRANSPORT;
    if (cc == CURLE_OPERATION_TIMEDOUT && deadline_cut)
        return panos__prisma_deadline_error(p, url, "ran out during the request");
    if (cc == CURLE_OPERATION_TIMEDOUT)
        code = PANOS_E_TIMEOUT;
    else if (cc == CURLE_PEER_FAILED_VERIFICATION || cc == CURLE_SSL_CONNECT_ERROR ||
             cc == CURLE_SSL_CACERT_BADFILE)
        code = PANOS_E_TLS;
    return panos__prisma_fail(p, code, 0, "%s: %s", url, ebuf[0] ? ebuf : curl_easy_strerror(cc));
}

/* The easy handle set up for one exchange; the timeouts are cut to what the deadline leaves.
 * Returns whether the whole-request timeout was cut by the deadline. */
static int setup(panos_prisma *p, const char *url, const char *body, struct curl_slist *hdrs,
                 struct prisma_resp *r, char *ebuf)
{
    long timeout_ms = p->o.timeout_ms, connect_ms = 0;
    int cut = panos__deadline_cut(&p->deadline, p->clock.now_ms(p->clock.payload), &timeout_ms,
                                  &connect_ms);
    CURL *c = p->curl;
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    if (connect_ms > 0)
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (p->o.ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, p->o.ca_file);
    if (p->o.insecure) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
    return cut;
}

/* One HTTP exchange, no retry. PANOS_OK whenever an answer (any status) came back. */
static panos_code send_once(panos_prisma *p, const char *url, const char *body, int auth,
                            struct prisma_resp *r)
{
    char ebuf[CURL_ERROR_SIZE] = "";
    struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: application/json");
    if (body)
        hdrs = curl_slist_append(hdrs, "Content-Type: application/json; charset=UTF-8");
    char *ah = NULL;
    if (auth && p->token) {
        size_t n = strlen(p->token) + 20;
        if ((ah = malloc(n)) != NULL) {
            snprintf(ah, n, "x-redlock-auth: %s", p->token);
            hdrs = curl_slist_append(hdrs, ah);
        }
    }
    r->max = p->max_bytes;
    int cut = setup(p, url, body, hdrs, r, ebuf);
    CURLcode cc = curl_easy_perform(p->curl);
    curl_easy_getinfo(p->curl, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(hdrs);
    if (ah)
        panos_free_secret(ah);
    if (r->too_large)
        return panos__prisma_fail(p, PANOS_E_TOO_LARGE, r->status,
                                  "%s: answer larger than %zu bytes (raise it with --max-bytes)",
                                  url, p->max_bytes);
    if (cc != CURLE_OK)
        return curl_failure(p, cc, url, ebuf, cut);
    return PANOS_OK;
}

int panos__prisma_retryable(long status)
{
    return status == 425 || status == 429 || status == 500 || status == 502 || status == 503 ||
           status == 504;
}

/* The answer's Retry-After in seconds (a number or an HTTP date), -1 when absent or unreadable;
 * retry.c caps it. */
static long retry_after_s(const struct prisma_resp *r)
{
    if (r->retry_after[0] == '\0')
        return -1;
    char *end;
    errno = 0;
    long v = strtol(r->retry_after, &end, 10);
    if (errno == 0 && end != r->retry_after && *end == '\0' && v >= 0)
        return v;
    time_t t = curl_getdate(r->retry_after, NULL);
    if (t <= 0)
        return -1;
    return t > time(NULL) ? (long)(t - time(NULL)) : 0;
}

void panos__prisma_progress(panos_prisma *p, const char *fmt, ...)
{
    if (p->o.progress == NULL)
        return;
    char line[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    p->o.progress(line, p->o.progress_payload);
}

/* One request in flight: what retry.c's loop works on through the hooks below. */
struct send_ctx {
    panos_prisma *p;
    const char *url, *body;
    int auth;
    struct prisma_resp *r;
    int waits;
};

/* An answer with a 425/429/5xx status is a failure retry.c resends (RATE_LIMITED, UNAVAILABLE);
 * a failed exchange (reset, timeout, TLS) is not sent again, as the Prisma Cloud SDK does. */
static void attempt_hook(void *payload, int attempt, struct panos__attempt *a)
{
    (void)attempt;
    struct send_ctx *t = payload;
    panos__prisma_resp_dispose(t->r);
    a->code = send_once(t->p, t->url, t->body, t->auth, t->r);
    a->http_status = t->r->status;
    a->message = t->p->msg;
    a->final = a->code != PANOS_OK;
    if (a->code == PANOS_OK && panos__prisma_retryable(t->r->status)) {
        a->code = t->r->status == 429 ? PANOS_E_RATE_LIMITED : PANOS_E_UNAVAILABLE;
        a->retry_after_s = retry_after_s(t->r);
    }
}

static void discard_hook(void *payload, const struct panos__attempt *last)
{
    (void)payload, (void)last; /* the next attempt disposes of the answer */
}

static void waiting_hook(void *payload, long wait_ms, const struct panos__attempt *last)
{
    struct send_ctx *t = payload;
    const struct prisma_resp *r = t->r;
    t->p->retries++;
    t->waits++;
    panos__prisma_progress(t->p, "HTTP %ld%s%s: waiting %ld s before retry %d of %d",
                           last->http_status,
                           r->status == 429 ? " (too many requests" : " (temporary failure",
                           r->rl_remaining[0] ? ", X-RateLimit-Remaining 0)" : ")", wait_ms / 1000,
                           t->waits, t->p->retry.max_retries);
}

static panos_code out_of_time_hook(void *payload, int attempt, long wait_ms,
                                   const struct panos__attempt *last)
{
    struct send_ctx *t = payload;
    if (wait_ms < 0)
        return panos__prisma_deadline_error(
            t->p, t->url, attempt ? "ran out before the retry" : "ran out before the request");
    /* Never sleep past the deadline: fail now, saying what the last answer was. */
    char why[160];
    snprintf(why, sizeof(why), "leaves no time for the retry due in %ld s after HTTP %ld",
             (wait_ms + 999) / 1000, last->http_status);
    return panos__prisma_deadline_error(t->p, t->url, why);
}

static const struct panos__retry_hooks send_hooks = {attempt_hook, discard_hook, waiting_hook,
                                                     out_of_time_hook};

panos_code panos__prisma_send(panos_prisma *p, const char *url, const char *body, int auth,
                              struct prisma_resp *r)
{
    struct send_ctx t = {p, url, body, auth, r, 0};
    panos_code code = panos__retry_run(&p->retry, &p->deadline, &p->clock, p->retry.max_retries + 1,
                                       &send_hooks, &t);
    /* Still a 425/429/5xx after the last retry: the answer is in r for the caller to classify. */
    if (code == PANOS_E_RATE_LIMITED || code == PANOS_E_UNAVAILABLE)
        return PANOS_OK;
    return code;
}
