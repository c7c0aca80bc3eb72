/* SPDX-License-Identifier: MIT */
/* multi.c -- panos_multi: requests of many clients driven together by one event loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <panos/multi.h>
#include "client_priv.h"
#include "contract.h"
#include "response_priv.h"
#include "sbuf.h"
#include "transport.h"

/* One request: its own easy handle, transfer, body and pin (several may share a client). */
struct mreq {
    struct panos_multi *m;
    struct mreq *prev, *next; /* the handle's list of live requests */
    panos_client *c;
    struct panos__easy *easy;
    struct panos__xfer x;
    panos__sb body;
    struct panos__pin pin;
    panos_multi_done_fn done;
    void *payload;
    long long t0_ms;
};

struct panos_multi {
    struct panos__multi *tm;
    struct mreq *live;
    int closing; /* panos_multi_free() is cancelling: no new requests */
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void panos_multi_options_init(panos_multi_options *opts)
{
    PANOS_ASSERT(opts != NULL);
    panos_multi_options d = PANOS_MULTI_OPTIONS_INIT;
    *opts = d;
}

panos_code panos_multi_new(panos_multi **out, const panos_multi_options *opts)
{
    PANOS_ASSERT(out != NULL);
    *out = NULL;
    panos_multi_options d = PANOS_MULTI_OPTIONS_INIT;
    if (opts == NULL)
        opts = &d;
    if (opts->version < 1 || opts->version > PANOS_MULTI_OPTIONS_VERSION ||
        opts->max_per_host < 0 || opts->max_total < 0)
        return PANOS_E_INVALID_ARG;
    panos_multi *m = calloc(1, sizeof(*m));
    if (m == NULL)
        return PANOS_E_NOMEM;
    panos_code code = panos__transport_multi_new(&m->tm, opts->max_per_host, opts->max_total);
    if (code != PANOS_OK) {
        free(m);
        return code;
    }
    /* Keep idle connections to every device for the next round (keep-alive per device). */
    panos__transport_multi_keep(m->tm, opts->max_total > 0 ? opts->max_total : 10000);
    *out = m;
    return PANOS_OK;
}

static void req_free(struct mreq *r)
{
    panos__xfer_dispose(&r->x);
    panos__sb_dispose(&r->body, 1); /* a keygen body holds a password */
    panos__easy_free(r->easy);
    free(r);
}

static void unlink_req(struct mreq *r)
{
    if (r->prev)
        r->prev->next = r->next;
    else
        r->m->live = r->next;
    if (r->next)
        r->next->prev = r->prev;
}

void panos_multi_free(panos_multi *m)
{
    if (m == NULL)
        return;
    m->closing = 1;
    panos__transport_multi_free(m->tm); /* takes the easy handles back first */
    while (m->live) {
        struct mreq *r = m->live;
        m->live = r->next;
        panos_error e = {PANOS_E_FAILED, 0, -1, NULL, "cancelled: the multi handle was freed"};
        panos_multi_result res = {PANOS_E_FAILED, NULL, &e, (long)(now_ms() - r->t0_ms)};
        r->done(r->payload, &res);
        req_free(r);
    }
    free(m);
}

/* The error of a transfer that did not complete, in @p e (message in @p msg). */
static void xfer_error(const struct mreq *r, panos_error *e, char *msg, size_t len)
{
    e->code = r->x.code;
    e->http_status = r->x.http_status;
    switch (r->x.fail) {
    case PANOS__XFER_PIN:
        snprintf(msg, len, "certificate pin mismatch: the device presented SHA-256 %s",
                 r->pin.seen_fp[0] ? r->pin.seen_fp : "(unreadable)");
        break;
    case PANOS__XFER_TOO_LARGE:
        snprintf(msg, len, "answer larger than %zu bytes", r->x.max_bytes);
        break;
    case PANOS__XFER_OK:
    case PANOS__XFER_SETUP:
    case PANOS__XFER_NOMEM:
    case PANOS__XFER_SINK:
        snprintf(msg, len, "%s", panos_strerror(r->x.code));
        break;
    case PANOS__XFER_CURL:
        snprintf(msg, len, "%s", r->x.message);
        break;
    }
}

/* Classify a received answer as request.c does, without touching the client. */
static panos_code answer_class(struct mreq *r, panos_response **resp, panos_error *e, char *msg,
                               size_t len)
{
    long http = r->x.http_status;
    char why[200];
    const char *body = r->x.answer.ptr ? r->x.answer.ptr : "";
    e->http_status = http;
    panos_code rc = panos__response_parse_why(resp, body, r->x.answer.len, http, why, sizeof(why));
    if (rc != PANOS_OK) {
        snprintf(msg, len, "the answer is not a PAN-OS XML document (%zu bytes, HTTP %ld): %s",
                 r->x.answer.len, http, why[0] ? why : "unreadable");
        return rc == PANOS_E_NOMEM ? rc : PANOS_E_PARSE;
    }
    panos_code cls;
    if (http == 200 || http == 400 || http == 403)
        cls = panos_response_classify(*resp);
    else if (http == 429)
        cls = PANOS_E_RATE_LIMITED;
    else if (http >= 500 && http <= 504 && http != 501)
        cls = PANOS_E_UNAVAILABLE;
    else
        cls = PANOS_E_HTTP;
    if (cls == PANOS_OK)
        return cls;
    e->api_code = panos_response_code(*resp);
    e->api_status = panos_response_status(*resp);
    if (cls == PANOS_E_KEY_EXPIRED) {
        /* "Key Expired: <key> has expired.": the message quotes the key. */
        snprintf(msg, len, "the API key has expired");
        panos__response_free_secret(*resp);
        *resp = NULL;
        e->api_status = NULL;
        return cls;
    }
    const char *m = panos_response_message(*resp);
    snprintf(msg, len, "%s", m && m[0] ? m : panos_strerror(cls));
    return cls;
}

static void on_done(void *payload, struct panos__xfer *x)
{
    (void)x;
    struct mreq *r = payload;
    char msg[512] = "";
    panos_error e = {PANOS_OK, 0, -1, NULL, msg};
    panos_response *resp = NULL;
    panos_code code = r->x.code;
    if (code != PANOS_OK)
        xfer_error(r, &e, msg, sizeof(msg));
    else
        code = answer_class(r, &resp, &e, msg, sizeof(msg));
    e.code = code;
    unlink_req(r);
    panos_multi_result res = {code, resp, &e, (long)(now_ms() - r->t0_ms)};
    r->done(r->payload, &res);
    panos_response_free(resp);
    req_free(r);
}

/* Fill the transfer of @p r from its client, as request.c's exchange does. */
static panos_code req_setup(struct mreq *r, const panos_param *params, size_t n, long timeout_ms)
{
    panos_client *c = r->c;
    panos_code code = panos__request_body(c, params, n, &r->body, NULL);
    if (code != PANOS_OK)
        return code;
    code = panos__easy_new(&r->easy);
    if (code != PANOS_OK)
        return code;
    panos__xfer_init(&r->x);
    r->x.easy = r->easy;
    r->x.url = c->set.url;
    r->x.body = r->body.ptr;
    r->x.body_len = r->body.len;
    r->x.max_bytes = c->set.max_bytes;
    r->x.insecure = c->set.insecure;
    r->x.ca_file = c->set.ca_file;
    if (c->pin.set) {
        memcpy(r->pin.sha256, c->pin.sha256, sizeof(r->pin.sha256));
        r->pin.set = 1;
        r->x.pin = &r->pin;
    }
    r->x.timeout_ms = timeout_ms > 0 ? timeout_ms : c->set.timeout_ms;
    r->x.connect_timeout_ms = c->set.connect_timeout_ms;
    if (r->x.timeout_ms > 0 && r->x.connect_timeout_ms > r->x.timeout_ms)
        r->x.connect_timeout_ms = r->x.timeout_ms;
    r->x.done = on_done;
    r->x.done_payload = r;
    const char *type = panos__param_value(params, n, "type");
    if (type && strcmp(type, "keygen") == 0)
        return PANOS_OK; /* keygen carries its credentials in the body, never a key */
    return panos__auth_headers(c, &r->x);
}

panos_code panos_multi_submit(panos_multi *m, panos_client *c, const panos_param *params,
                              size_t nparams, long timeout_ms, panos_multi_done_fn done,
                              void *payload)
{
    PANOS_ASSERT(m != NULL);
    PANOS_ASSERT(c != NULL);
    PANOS_ASSERT(done != NULL);
    if (m->closing)
        return PANOS_E_FAILED;
    struct mreq *r = calloc(1, sizeof(*r));
    if (r == NULL)
        return PANOS_E_NOMEM;
    r->m = m;
    r->c = c;
    r->done = done;
    r->payload = payload;
    r->t0_ms = now_ms();
    panos__xfer_init(&r->x);
    panos_code code = req_setup(r, params, nparams, timeout_ms);
    if (code == PANOS_OK)
        code = panos__transport_multi_add(m->tm, &r->x);
    if (code != PANOS_OK) {
        req_free(r);
        return code;
    }
    r->next = m->live;
    if (m->live)
        m->live->prev = r;
    m->live = r;
    return PANOS_OK;
}

panos_code panos_multi_perform(panos_multi *m, int wait_ms)
{
    PANOS_ASSERT(m != NULL);
    return panos__transport_multi_step(m->tm, wait_ms);
}

void panos_multi_wakeup(panos_multi *m)
{
    PANOS_ASSERT(m != NULL);
    panos__transport_multi_wakeup(m->tm);
}

size_t panos_multi_pending(const panos_multi *m)
{
    PANOS_ASSERT(m != NULL);
    return panos__transport_multi_live(m->tm);
}
