/* SPDX-License-Identifier: MIT */
/* request.c -- one API request: the POST body, each attempt's transfer, classification, retries. */
#include <stdio.h>
#include <string.h>
#include <panos/client.h>
#include "client_priv.h"
#include "response_priv.h"
#include "sbuf.h"

static int is_secret_param(const char *name)
{
    return strcmp(name, "key") == 0 || strcmp(name, "password") == 0 ||
           strcmp(name, "passphrase") == 0 || strcmp(name, "dlp-password") == 0;
}

/*
 * Types that carry target= so that Panorama answers for the managed firewall (PAN-OS XML API
 * docs, "Query a Firewall from Panorama"). type=version and type=log are included although some
 * SDKs leave them out: dropping target would silently give Panorama's own version or logs
 * instead of the firewall's, while sending it gives the firewall's answer or a clear error.
 * keygen is not forwarded: the key it makes must authenticate to Panorama, which every
 * targeted request goes through.
 */
static int type_takes_target(const char *type)
{
    static const char *const t[] = {"config",  "op",     "commit",  "export",
                                    "user-id", "report", "version", "log"};
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (type && strcmp(type, t[i]) == 0)
            return 1;
    return 0;
}

panos_code panos__request_body(panos_client *c, const panos_param *params, size_t n,
                               panos__sb *body, panos__sb *shown)
{
    const char *type = panos__param_value(params, n, "type");
    for (size_t i = 0; i < n; i++) {
        const char *sep = body->len ? "&" : "";
        panos__sb_printf(body, "%s", sep);
        panos__sb_urlencode(body, params[i].name);
        panos__sb_puts(body, "=");
        panos__sb_urlencode(body, params[i].value ? params[i].value : "");
        if (shown) {
            panos__sb_printf(shown, "%s%s=", shown->len ? " " : "", params[i].name);
            panos__sb_puts(shown, is_secret_param(params[i].name)
                                      ? "***"
                                      : (params[i].value ? params[i].value : ""));
        }
    }
    const char *target = c->set.target, *vsys = c->set.vsys;
    if (target && type_takes_target(type) && !panos__param_value(params, n, "target")) {
        panos__sb_puts(body, "&target=");
        panos__sb_urlencode(body, target);
        if (shown)
            panos__sb_printf(shown, " target=%s", target);
    }
    if (vsys && type && strcmp(type, "op") == 0 && !panos__param_value(params, n, "vsys")) {
        panos__sb_puts(body, "&vsys=");
        panos__sb_urlencode(body, vsys);
        if (shown)
            panos__sb_printf(shown, " vsys=%s", vsys);
    }
    if (body->failed || (shown && shown->failed))
        return PANOS_E_NOMEM;
    return PANOS_OK;
}

/* Classify a received answer (in @p x) into the client's last error. */
static panos_code classify_answer(panos_client *c, const struct panos__xfer *x,
                                  panos_response **out)
{
    panos_response *r = NULL;
    char why[200];
    long http = x->http_status;
    const char *body = x->answer.ptr ? x->answer.ptr : "";
    panos_code rc = panos__response_parse_why(&r, body, x->answer.len, http, why, sizeof(why));
    if (rc == PANOS_E_PARSE && http == 200 && c->set.accept_raw && !panos__xfer_foreign(x))
        rc = panos__response_raw(&r, body, x->answer.len, http);
    if (rc == PANOS_E_NOMEM) {
        panos__client_set_error(c, rc, http, -1, NULL, "out of memory");
        return rc;
    }
    if (rc != PANOS_OK) {
        panos__client_set_error(c, PANOS_E_PARSE, http, -1, NULL,
                                "the answer is not a PAN-OS XML document (%zu bytes of %s): %s",
                                x->answer.len, x->content_type[0] ? x->content_type : "no type",
                                why[0] ? why : "unreadable");
        return PANOS_E_PARSE;
    }
    panos_code cls;
    if (http == 200 || http == 400 || http == 403)
        cls = panos_response_classify(r);
    else if (http == 429)
        cls = PANOS_E_RATE_LIMITED;
    else if (http == 500 || http == 502 || http == 503 || http == 504)
        cls = PANOS_E_UNAVAILABLE; /* may pass: retried when read-only */
    else
        cls = PANOS_E_HTTP; /* including 501 Not Implemented: asking again will not help */
    panos_code got = cls;   /* NOMEM when the firewall's message could not be kept */
    if (cls != PANOS_OK) {
        /* Whole: set_error redacts the key ("Key Expired: <key> ...") before it cuts. */
        const char *msg = panos_response_message(r);
        if (msg == NULL || msg[0] == '\0')
            msg = http == 200 ? panos_strerror(cls) : "";
        if (msg[0] == '\0')
            got = panos__client_set_error(c, cls, http, panos_response_code(r),
                                          panos_response_status(r), "HTTP %ld", http);
        else
            got = panos__client_set_error(c, cls, http, panos_response_code(r),
                                          panos_response_status(r), "%s", msg);
    }
    if (cls == PANOS_E_KEY_EXPIRED)
        panos__response_free_secret(r); /* "Key Expired: <key> has expired." */
    else if (out)
        *out = r;
    else
        panos_response_free(r);
    return got;
}

/* The last error of a transfer that did not complete, in the words the CLI shows. */
static panos_code transfer_error(panos_client *c, const struct panos__xfer *x)
{
    panos_code code = x->code;
    switch (x->fail) {
    case PANOS__XFER_OK:
        break;
    case PANOS__XFER_SETUP:
        panos__client_set_error(c, code, 0, -1, NULL, "out of memory");
        break;
    case PANOS__XFER_PIN:
        panos__client_set_error(c, code, 0, -1, NULL,
                                "certificate pin mismatch: the device presented SHA-256 %s",
                                c->pin.seen_fp[0] ? c->pin.seen_fp : "(unreadable)");
        break;
    case PANOS__XFER_TOO_LARGE:
        panos__client_set_error(c, code, x->http_status, -1, NULL,
                                "answer larger than %zu bytes (raise it with --max-bytes)",
                                c->set.max_bytes);
        break;
    case PANOS__XFER_NOMEM:
        panos__client_set_error(c, code, x->http_status, -1, NULL,
                                "out of memory reading a %zu-byte answer", x->answer.len);
        break;
    case PANOS__XFER_SINK:
        break; /* the sink set the detail */
    case PANOS__XFER_CURL:
        if (code == PANOS_E_TIMEOUT && c->req.deadline_cut)
            panos__client_deadline_error(c, "ran out during the request");
        else if (code == PANOS_E_TLS && !c->pin.set && !c->set.ca_file)
            panos__client_set_error(c, code, 0, -1, NULL,
                                    "%s (trust a self-signed firewall with --pin or --ca-file)",
                                    x->message);
        else
            panos__client_set_error(c, code, x->http_status, -1, NULL, "%s", x->message);
        break;
    }
    return code;
}

/* One HTTP exchange on the client's easy handle; the answer stays in @p x (or went to the
 * sink). */
static panos_code exchange(panos_client *c, struct panos__xfer *x, const panos__sb *body)
{
    panos__xfer_init(x);
    x->easy = c->easy;
    x->url = c->set.url;
    x->body = body->ptr;
    x->body_len = body->len;
    x->upload = c->req.upload;
    x->max_bytes = c->set.max_bytes;
    x->insecure = c->set.insecure;
    x->ca_file = c->set.ca_file;
    x->pin = c->pin.set ? &c->pin : NULL;
    x->sink = c->req.sink;
    x->sink_payload = c->req.sink_payload;
    /* No attempt outlives the deadline (request_once has checked that some time is left). */
    x->timeout_ms = c->set.timeout_ms;
    x->connect_timeout_ms = c->set.connect_timeout_ms;
    c->req.deadline_cut = panos__deadline_cut(&c->set.deadline, c->clock.now_ms(c->clock.payload),
                                              &x->timeout_ms, &x->connect_timeout_ms);
    panos_code code = panos__auth_headers(c, x);
    if (code != PANOS_OK)
        return code;
    code = panos__xfer_perform(x);
    if (x->fail == PANOS__XFER_SETUP)
        return transfer_error(c, x); /* nothing was sent */
    /* The session outlives this process; a jar that cannot be saved fails the exchange (the
     * request itself was answered: the message says so). */
    if (c->set.cookie_jar && panos__auth_jar_save(c) != PANOS_OK && code == PANOS_OK)
        return PANOS_E_IO;
    return code == PANOS_OK ? PANOS_OK : transfer_error(c, x);
}

/* One request in flight: what the retry loop's hooks work on. */
struct attempt_ctx {
    panos_client *c;
    panos_response **out;
    const panos__sb *body;
    const panos__sb *shown; /* the redacted body, for the trace */
    struct panos__xfer x;   /* the last attempt's transfer */
};

static void attempt_hook(void *payload, int attempt, struct panos__attempt *a)
{
    (void)attempt;
    struct attempt_ctx *t = payload;
    panos_client *c = t->c;
    long long t0 = c->clock.now_ms(c->clock.payload);
    panos__client_trace(c, "> POST %s %s%s", c->set.url, t->shown->ptr ? t->shown->ptr : "",
                        panos__auth_trace_tag(c));
    panos__xfer_dispose(&t->x);
    a->code = exchange(c, &t->x, t->body);
    long el = (long)(c->clock.now_ms(c->clock.payload) - t0);
    if (a->code == PANOS_OK && c->req.sink && t->x.http_status == 200 &&
        !panos__xfer_foreign(&t->x)) {
        panos__client_trace(c, "< HTTP 200 streamed (%ld ms)", el);
    } else if (a->code == PANOS_OK) {
        panos__client_trace(c, "< HTTP %ld, %zu bytes, %s (%ld ms)", t->x.http_status,
                            t->x.answer.len,
                            t->x.content_type[0] ? t->x.content_type : "no content type", el);
        a->code = classify_answer(c, &t->x, c->req.sink ? NULL : t->out);
    } else {
        panos__client_trace(c, "< failed after %ld ms: %s", el, c->err.err.message);
    }
    a->http_status = c->err.err.http_status;
    a->message = c->err.err.message;
    a->retry_after_s = t->x.retry_after_s;
    a->final = t->x.streamed > 0;
}

static void discard_hook(void *payload, const struct panos__attempt *last)
{
    (void)last;
    struct attempt_ctx *t = payload;
    if (t->out && *t->out) {
        panos_response_free(*t->out);
        *t->out = NULL;
    }
}

static void waiting_hook(void *payload, long wait_ms, const struct panos__attempt *last)
{
    struct attempt_ctx *t = payload;
    panos__client_trace(t->c, "* retrying in %ld ms (%s)", wait_ms, panos_code_name(last->code));
}

static panos_code out_of_time_hook(void *payload, int attempt, long wait_ms,
                                   const struct panos__attempt *last)
{
    struct attempt_ctx *t = payload;
    if (wait_ms < 0)
        return panos__client_deadline_error(t->c, attempt ? "ran out before the retry"
                                                          : "ran out before the request");
    /* Never sleep past the deadline: fail now, saying what the last attempt met. */
    char why[160];
    snprintf(why, sizeof(why), "leaves no time for the retry due in %ld ms (%s: %s)", wait_ms,
             panos_code_name(last->code), last->message);
    return panos__client_deadline_error(t->c, why);
}

static const struct panos__retry_hooks request_hooks = {attempt_hook, discard_hook, waiting_hook,
                                                        out_of_time_hook};

/* A request with its retries (retry.c's loop over this file's exchange). */
static panos_code request_once(panos_response **out, panos_client *c, const panos_param *params,
                               size_t n, panos__sink_fn sink, void *payload)
{
    panos__sb body = PANOS__SB_INIT, shown = PANOS__SB_INIT;
    struct attempt_ctx t = {c, out, &body, &shown, {0}};
    panos_code code;
    panos__xfer_init(&t.x);
    if (out)
        *out = NULL;
    panos__client_clear_error(c);
    code = panos__request_body(c, params, n, &body, c->set.log ? &shown : NULL);
    if (code != PANOS_OK) {
        panos__client_set_error(c, code, 0, -1, NULL, "out of memory");
        goto done;
    }
    c->req.sink = sink;
    c->req.sink_payload = payload;
    code = panos__retry_run(&c->set.retry, &c->set.deadline, &c->clock,
                            panos__retry_attempts(&c->set.retry, params, n), &request_hooks, &t);
done:
    c->req.sink = NULL;
    c->req.sink_payload = NULL;
    panos__xfer_dispose(&t.x);
    panos__sb_dispose(&body, 1);
    panos__sb_dispose(&shown, 0);
    return code;
}

panos_code panos__client_request(panos_response **out, panos_client *c, const panos_param *params,
                                 size_t n, panos__sink_fn sink, void *payload)
{
    panos_code code = request_once(out, c, params, n, sink, payload);
    if (code == PANOS_OK)
        return code;
    code = panos__auth_renew(c, code, params, n, out);
    if (code != PANOS_OK)
        return code;
    return request_once(out, c, params, n, sink, payload);
}
