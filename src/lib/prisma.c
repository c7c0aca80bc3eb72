/* SPDX-License-Identifier: MIT */
/* prisma.c -- the Prisma Cloud session: URL, login, JWT upkeep and error classes. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <panos/buf.h>
#include "contract.h"
#include "prisma_priv.h"

/* Cap of one answer by default: a page of 1,000 resources with their raw JSON stays far below
 * it. */
#define RESP_MAX ((size_t)64 << 20)
/* The longest Retry-After honoured (seconds). */
#define RETRY_AFTER_MAX 300

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void free_secret(char **s)
{
    if (*s)
        panos_free_secret(*s);
    *s = NULL;
}

/*
 * The API URL as Prisma Cloud's own client normalises it (prismacloud-api-python 5.3,
 * pc_lib_api.py normalize_api): scheme added when missing, no trailing slash, and the
 * console host app*.prismacloud.io turned into the API host api*.prismacloud.io.
 */
static char *normalise_url(const char *url)
{
    const char *host = strstr(url, "://");
    size_t n = strlen(url);
    char *out = malloc(n + 16);
    if (out == NULL)
        return NULL;
    snprintf(out, n + 16, "%s%s", host ? "" : "https://", url);
    n = strlen(out);
    while (n > 0 && out[n - 1] == '/')
        out[--n] = '\0';
    char *h = strstr(out, "://") + 3;
    size_t hlen = strcspn(h, "/:");
    for (size_t i = 0; i < hlen; i++)
        h[i] = (char)tolower((unsigned char)h[i]);
    int prisma = (hlen > 15 && memcmp(h + hlen - 15, ".prismacloud.io", 15) == 0) ||
                 (hlen > 15 && memcmp(h + hlen - 15, ".prismacloud.cn", 15) == 0);
    if (prisma && strncmp(h, "app", 3) == 0)
        memcpy(h, "api", 3);
    return out;
}

void panos_prisma_options_init(panos_prisma_options *opts)
{
    PANOS_ASSERT(opts != NULL);
    panos_prisma_options d = PANOS_PRISMA_OPTIONS_INIT;
    *opts = d;
}

panos_code panos_prisma_new(panos_prisma **out, const panos_prisma_options *opts)
{
    PANOS_ASSERT(out != NULL && opts != NULL);
    *out = NULL;
    if (opts->version < 1 || opts->version > PANOS_PRISMA_OPTIONS_VERSION || opts->url == NULL ||
        opts->url[0] == '\0' || opts->access_key_id == NULL || opts->secret_key == NULL)
        return PANOS_E_INVALID_ARG;
    /* Version 1 structs end at progress_payload: never read past what the caller has. */
    long deadline_ms = opts->version >= 2 ? opts->deadline_ms : 0;
    size_t max_bytes = opts->version >= 2 ? opts->max_response_bytes : 0;
    if (deadline_ms < 0)
        return PANOS_E_INVALID_ARG;
    panos_prisma *p = calloc(1, sizeof(*p));
    if (p == NULL)
        return PANOS_E_NOMEM;
    memcpy(&p->o, opts, offsetof(panos_prisma_options, deadline_ms));
    p->o.version = PANOS_PRISMA_OPTIONS_VERSION;
    p->o.deadline_ms = deadline_ms;
    p->max_bytes = max_bytes ? max_bytes : RESP_MAX;
    p->base = normalise_url(opts->url);
    p->key_id = strdup(opts->access_key_id);
    p->secret = strdup(opts->secret_key);
    p->o.ca_file = NULL;
    char *ca = dup_or_null(opts->ca_file);
    p->curl = curl_easy_init();
    if (!p->base || !p->key_id || !p->secret || (opts->ca_file && !ca) || !p->curl) {
        free(ca);
        panos_prisma_free(p);
        return PANOS_E_NOMEM;
    }
    p->o.ca_file = ca;
    p->o.url = p->o.access_key_id = p->o.secret_key = NULL;
    if (p->o.timeout_ms <= 0)
        p->o.timeout_ms = 60000;
    if (p->o.refresh_after_s <= 0)
        p->o.refresh_after_s = 480;
    if (p->o.max_retries == 0)
        p->o.max_retries = 6;
    if (p->o.max_backoff_s <= 0)
        p->o.max_backoff_s = 30;
    p->retry.max_retries = p->o.max_retries < 0 ? 0 : p->o.max_retries;
    p->retry.base_ms = 1000;
    p->retry.max_ms = (p->o.max_backoff_s > 86400 ? 86400 : p->o.max_backoff_s) * 1000;
    p->retry.retry_after_max_ms = RETRY_AFTER_MAX * 1000L;
    panos__prisma_set_clock(p, &panos__clock_system);
    p->err.message = "";
    *out = p;
    return PANOS_OK;
}

void panos_prisma_free(panos_prisma *p)
{
    if (p == NULL)
        return;
    free(p->base);
    free(p->key_id);
    free_secret(&p->secret);
    free_secret(&p->token);
    free(p->compute);
    free((char *)p->o.ca_file);
    if (p->curl)
        curl_easy_cleanup(p->curl);
    panos_wipe(p->msg, sizeof(p->msg));
    free(p);
}

const panos_error *panos_prisma_last_error(const panos_prisma *p)
{
    PANOS_ASSERT(p != NULL);
    return &p->err;
}

void panos_prisma_counters(const panos_prisma *p, long *logins, long *extends, long *retries)
{
    PANOS_ASSERT(p != NULL);
    if (logins)
        *logins = p->logins;
    if (extends)
        *extends = p->extends;
    if (retries)
        *retries = p->retries;
}

void panos__prisma_set_clock(panos_prisma *p, const struct panos__clock *clock)
{
    p->clock = *clock;
    panos__deadline_start(&p->deadline, p->o.deadline_ms, clock->now_ms(clock->payload));
}

panos_code panos__prisma_fail(panos_prisma *p, panos_code code, long http, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
    va_end(ap);
    for (char *c = p->msg; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    p->err.code = code;
    p->err.http_status = http;
    p->err.api_code = -1;
    p->err.api_status = NULL;
    p->err.message = p->msg;
    return code;
}

void panos__prisma_resp_dispose(struct prisma_resp *r)
{
    free(r->body);
    memset(r, 0, sizeof(*r));
}

/* The subject (a permission) or key of an x-redlock-status header, or of a JSON error body. */
static void reason_of(const struct prisma_resp *r, char *out, size_t cap)
{
    out[0] = '\0';
    json_t *j = r->redlock_status[0] ? json_loads(r->redlock_status, 0, NULL) : NULL;
    json_t *e = json_is_array(j) ? json_array_get(j, 0) : NULL;
    const char *key = json_string_value(json_object_get(e, "i18nKey"));
    const char *subj = json_string_value(json_object_get(e, "subject"));
    if (subj && key && r->status == 403)
        snprintf(out, cap, "missing permission '%s' (%s)", subj, key);
    else if (subj && key)
        snprintf(out, cap, "%s: %s", key, subj);
    else if (key)
        snprintf(out, cap, "%s", key);
    json_decref(j);
    if (out[0] || r->body == NULL)
        return;
    j = json_loadb(r->body, r->len, 0, NULL);
    const char *m = json_string_value(json_object_get(j, "err"));
    if (m == NULL)
        m = json_string_value(json_object_get(j, "message"));
    if (m)
        snprintf(out, cap, "%.200s", m);
    json_decref(j);
}

panos_code panos__prisma_classify(panos_prisma *p, const struct prisma_resp *r, const char *what)
{
    char why[300];
    reason_of(r, why, sizeof(why));
    long s = r->status;
    if (s == 401)
        return panos__prisma_fail(p, PANOS_E_AUTH, s, "authentication failed%s%s",
                                  why[0] ? ": " : "", why);
    if (s == 403)
        return panos__prisma_fail(p, PANOS_E_FORBIDDEN, s, "access forbidden to %s: %s", what,
                                  why[0] ? why : "the key's role lacks a permission");
    if (s == 404)
        return panos__prisma_fail(p, PANOS_E_NOT_FOUND, s,
                                  "%s not found at %s: wrong API URL? (use the api*.prismacloud.io "
                                  "URL of your tenant)",
                                  what, p->base);
    if (s == 429)
        return panos__prisma_fail(p, PANOS_E_RATE_LIMITED, s,
                                  "too many requests on %s: still HTTP 429 after %d retries", what,
                                  p->retry.max_retries);
    if (panos__prisma_retryable(s))
        return panos__prisma_fail(p, PANOS_E_UNAVAILABLE, s,
                                  "temporary failure on %s: still HTTP %ld after %d retries%s%s",
                                  what, s, p->retry.max_retries, why[0] ? ": " : "", why);
    return panos__prisma_fail(p, PANOS_E_HTTP, s, "%s: unexpected HTTP %ld%s%s", what, s,
                              why[0] ? ": " : "", why);
}

static void set_token(panos_prisma *p, const char *tok)
{
    free_secret(&p->token);
    p->token = strdup(tok);
    p->token_at_ms = p->clock.now_ms(p->clock.payload);
}

/* Whether an answer claims to be JSON: its Content-Type, or its first character. */
static int looks_json(const struct prisma_resp *r)
{
    if (strstr(r->ctype, "json") != NULL)
        return 1;
    const char *b = r->body ? r->body : "";
    b += strspn(b, " \t\r\n");
    return *b == '{' || *b == '[';
}

panos_code panos__prisma_take_token(panos_prisma *p, const struct prisma_resp *r, const char *what)
{
    json_error_t je;
    json_t *j = r->body ? json_loadb(r->body, r->len, 0, &je) : NULL;
    const char *tok = json_string_value(json_object_get(j, "token"));
    const char *msg = json_string_value(json_object_get(j, "message"));
    panos_code code = PANOS_OK;
    if (j == NULL && looks_json(r))
        code = panos__prisma_fail(p, PANOS_E_PARSE, r->status,
                                  "%s: the answer is not valid JSON: %s (byte %d)", what,
                                  r->body ? je.text : "empty answer", r->body ? je.position : 0);
    else if (!json_is_object(j))
        code = panos__prisma_fail(p, PANOS_E_NOT_FOUND, r->status,
                                  "%s: the answer is not JSON: is %s a Prisma Cloud API URL?", what,
                                  p->base);
    else if (tok == NULL || tok[0] == '\0')
        code = panos__prisma_fail(p, PANOS_E_AUTH, r->status, "%s: no token in the answer (%s)",
                                  what, msg ? msg : "no message");
    else
        set_token(p, tok);
    if (tok)
        panos_wipe((char *)tok, strlen(tok));
    json_decref(j);
    return code;
}

static char *url_of(const panos_prisma *p, const char *path)
{
    if (strstr(path, "://"))
        return strdup(path);
    size_t n = strlen(p->base) + strlen(path) + 1;
    char *u = malloc(n);
    if (u)
        snprintf(u, n, "%s%s", p->base, path);
    return u;
}

/* Append @p v to @p out as a JSON string (quotes, backslashes and controls escaped). */
static size_t json_quote(char *out, const char *v)
{
    size_t n = 0;
    out[n++] = '"';
    for (const unsigned char *c = (const unsigned char *)v; *c; c++) {
        if (*c == '"' || *c == '\\')
            out[n++] = '\\', out[n++] = (char)*c;
        else if (*c < 0x20)
            n += (size_t)snprintf(out + n, 7, "\\u%04x", *c);
        else
            out[n++] = (char)*c;
    }
    out[n++] = '"';
    return n;
}

/* {"username":ID,"password":SECRET}, built here so that no copy of the secret is left in
 * memory that is freed without being wiped (wipe this one with panos_free_secret). */
static char *login_body(const panos_prisma *p)
{
    size_t cap = 6 * (strlen(p->key_id) + strlen(p->secret)) + 40;
    char *b = malloc(cap);
    if (b == NULL)
        return NULL;
    size_t n = (size_t)snprintf(b, cap, "{\"username\":");
    n += json_quote(b + n, p->key_id);
    n += (size_t)snprintf(b + n, cap - n, ",\"password\":");
    n += json_quote(b + n, p->secret);
    snprintf(b + n, cap - n, "}");
    return b;
}

panos_code panos_prisma_login(panos_prisma *p)
{
    PANOS_ASSERT(p != NULL);
    struct prisma_resp r = {0};
    char *body = login_body(p);
    char *url = url_of(p, "/login");
    panos_code code = PANOS_E_NOMEM;
    if (body && url) {
        p->logins++;
        code = panos__prisma_send(p, url, body, 0, &r);
    }
    if (code == PANOS_OK && r.status == 401)
        code = panos__prisma_fail(p, PANOS_E_AUTH, 401,
                                  "login refused: wrong access key ID or secret key%s",
                                  strstr(r.redlock_status, "sso_enabled") ? " (SSO user)" : "");
    else if (code == PANOS_OK && r.status == 200)
        code = panos__prisma_take_token(p, &r, "login");
    else if (code == PANOS_OK)
        code = panos__prisma_classify(p, &r, "/login");
    if (body)
        panos_free_secret(body);
    free(url);
    panos__prisma_resp_dispose(&r);
    return code;
}

/* GET /auth_token/extend; a refusal falls back to a full login. */
static panos_code extend(panos_prisma *p)
{
    struct prisma_resp r = {0};
    char *url = url_of(p, "/auth_token/extend");
    if (url == NULL)
        return PANOS_E_NOMEM;
    p->extends++;
    panos_code code = panos__prisma_send(p, url, NULL, 1, &r);
    free(url);
    if (code == PANOS_OK && r.status == 200)
        code = panos__prisma_take_token(p, &r, "token extension");
    else if (code == PANOS_OK)
        code = panos_prisma_login(p);
    panos__prisma_resp_dispose(&r);
    return code;
}

static long token_age(const panos_prisma *p)
{
    return (long)((p->clock.now_ms(p->clock.payload) - p->token_at_ms) / 1000);
}

panos_code panos__prisma_call(panos_prisma *p, const char *path, const char *body,
                              struct prisma_resp *r)
{
    char *url = url_of(p, path);
    if (url == NULL)
        return PANOS_E_NOMEM;
    panos_code code = PANOS_OK;
    if (p->token == NULL)
        code = panos_prisma_login(p);
    else if (token_age(p) >= p->o.refresh_after_s)
        code = extend(p);
    for (int relogged = 0; code == PANOS_OK;) {
        code = panos__prisma_send(p, url, body, 1, r);
        if (code != PANOS_OK || r->status != 401 || relogged)
            break;
        relogged = 1; /* an expired or revoked JWT: log in once more and replay */
        panos__prisma_progress(p, "token refused (HTTP 401): logging in again");
        code = panos_prisma_login(p);
    }
    if (code == PANOS_OK && (r->status < 200 || r->status > 299)) {
        const char *q = strchr(path, '?');
        char what[200];
        snprintf(what, sizeof(what), "%.*s", (int)(q ? (size_t)(q - path) : strlen(path)), path);
        code = panos__prisma_classify(p, r, what);
    }
    free(url);
    return code;
}
