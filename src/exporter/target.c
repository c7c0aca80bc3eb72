/* SPDX-License-Identifier: MIT */
/* target.c -- build a target's client from its settings: host, trust, key or credentials. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/apikey.h>
#include <panos/buf.h>
#include <panos/error.h>
#include <panos/rc.h>
#include "log.h"
#include "target.h"

/* Out of memory is not a property of the target: its state is not kept (exp_tstate_new). */
#define OOM(code) ((code) == PANOS_E_NOMEM)

static const char *const reasons[EXP_NREASONS] = {"timeout", "tls", "transport", "http",
                                                  "auth",    "api", "parse",     "other"};

const char *exp_reason_name(int r)
{
    return reasons[r];
}

int exp_reason_of(int code, int api_code)
{
    switch (code) {
    case PANOS_E_TIMEOUT:
        return 0;
    case PANOS_E_TLS:
        return 1;
    case PANOS_E_TRANSPORT:
        return 2;
    case PANOS_E_HTTP:
    case PANOS_E_UNAVAILABLE:
    case PANOS_E_RATE_LIMITED:
        return 3;
    case PANOS_E_AUTH:
    case PANOS_E_KEY_EXPIRED:
    case PANOS_E_FORBIDDEN:
        return 4;
    case PANOS_E_PARSE:
        return 6;
    default:
        return code == PANOS_E_API || api_code >= 0 ? 5 : 7;
    }
}

/* HOST, HOST:PORT, [v6]:PORT, v6 -> host and port (0 when absent). */
static int split_host(const char *s, char *host, size_t len, unsigned *port)
{
    *port = 0;
    const char *colon = NULL;
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (end == NULL)
            return -1;
        snprintf(host, len, "%.*s", (int)(end - s - 1), s + 1);
        colon = end[1] == ':' ? end + 1 : NULL;
        if (end[1] != '\0' && colon == NULL)
            return -1;
    } else {
        colon = strchr(s, ':');
        if (colon && strchr(colon + 1, ':'))
            colon = NULL; /* a bare IPv6 literal */
        snprintf(host, len, "%.*s", colon ? (int)(colon - s) : (int)strlen(s), s);
    }
    if (colon) {
        char *end;
        unsigned long p = strtoul(colon + 1, &end, 10);
        if (*end || p == 0 || p > 65535)
            return -1;
        *port = (unsigned)p;
    }
    return host[0] ? 0 : -1;
}

static int is_loopback(const char *h)
{
    return strncmp(h, "127.", 4) == 0 || strcmp(h, "::1") == 0 || strcmp(h, "localhost") == 0;
}

/* Note when @p key expires (0: it does not say). Out of memory, the expiry is not known: said
 * once in the log, and tried again by exp_target_retry_expiry() at the next probe. */
static void decode_expiry(struct exp_tstate *t, const char *key)
{
    panos_apikey_info info;
    panos_code rc = panos_apikey_decode(&info, key, NULL);
    t->key_expiry = 0;
    if (rc == PANOS_E_NOMEM && !t->key_expiry_lost)
        exp_log(EXP_LOG_ERROR, "target %s: out of memory: the API key's expiry is not known",
                t->name);
    t->key_expiry_lost = rc == PANOS_E_NOMEM;
    if (rc == PANOS_OK && info.opened && info.layout == PANOS_APIKEY_LAYOUT_V90 &&
        info.expiry_ms > 0)
        t->key_expiry = (double)info.expiry_ms / 1000;
    panos_apikey_info_clear(&info);
}

int exp_target_set_key(struct exp_tstate *t, const char *key)
{
    panos_code rc = panos_client_set_key(t->client, key);
    if (rc != PANOS_OK)
        return OOM(rc) ? -1 : 0;
    t->key_expiry_lost = 0;
    decode_expiry(t, key);
    return 1;
}

void exp_target_retry_expiry(struct exp_tstate *t)
{
    panos_buf key = {NULL, 0};
    if (t->key_expiry_lost && panos_client_get_key(t->client, &key) == PANOS_OK && key.ptr)
        decode_expiry(t, key.ptr);
    panos_buf_dispose_secret(&key);
}

/* The key from key-file, api-key-env or panrc-tag. -1 when out of memory. */
static int load_key(struct exp_tstate *t, const struct exp_auth *a)
{
    char err[200] = "";
    panos_buf b = {NULL, 0};
    int took = 0;
    if (a->key_file && a->key_file[0]) { /* "key-file =" means none */
        panos_code rc = panos_secret_read_file(&b, a->key_file, err, sizeof(err));
        if (rc != PANOS_OK) {
            snprintf(t->error, sizeof(t->error), "key-file: %s", err);
            return OOM(rc) ? -1 : 0;
        }
        took = exp_target_set_key(t, b.ptr);
        panos_buf_dispose_secret(&b);
    } else if (a->api_key_env && a->api_key_env[0]) {
        const char *k = getenv(a->api_key_env);
        if (k && *k)
            took = exp_target_set_key(t, k);
        else
            snprintf(t->error, sizeof(t->error), "api-key-env: %s is not set", a->api_key_env);
    } else if (a->panrc_tag && a->panrc_tag[0]) {
        panos_rc *rc = NULL;
        const char *path = getenv("PANRC");
        panos_code code = panos_rc_load(&rc, path, a->panrc_tag, err, sizeof(err));
        if (code == PANOS_OK && panos_rc_get(rc, "api_key"))
            took = exp_target_set_key(t, panos_rc_get(rc, "api_key"));
        else
            snprintf(t->error, sizeof(t->error), "panrc-tag %s: %s", a->panrc_tag,
                     err[0] ? err : "no api_key");
        panos_rc_free(rc);
        if (OOM(code))
            return -1;
    }
    t->have_key = took > 0;
    return took < 0 ? -1 : 0;
}

/* user and password-file, for keygen. -1 when out of memory. */
static int load_credentials(struct exp_tstate *t, const struct exp_auth *a)
{
    char err[200] = "";
    panos_buf b = {NULL, 0};
    if (!a->user || !a->password_file || t->error[0])
        return 0;
    panos_code rc = panos_secret_read_file(&b, a->password_file, err, sizeof(err));
    if (rc != PANOS_OK) {
        snprintf(t->error, sizeof(t->error), "password-file: %s", err);
        return OOM(rc) ? -1 : 0;
    }
    t->user = strdup(a->user);
    t->password = strdup(b.ptr ? b.ptr : "");
    panos_buf_dispose_secret(&b);
    return t->user && t->password ? 0 : -1;
}

struct exp_tstate *exp_tstate_new(const char *name, const struct exp_auth *a)
{
    struct exp_tstate *t = calloc(1, sizeof(*t));
    if (t == NULL || (t->name = strdup(name)) == NULL) {
        free(t);
        return NULL;
    }
    for (int i = 0; i < EXP_MAX_CMDS; i++)
        t->slow_ok[i] = -1;
    t->timeout_ms = a->timeout_s * 1000;
    char host[256];
    panos_client_options o = PANOS_CLIENT_OPTIONS_INIT;
    if (split_host(a->host, host, sizeof(host), &o.port) != 0) {
        snprintf(t->error, sizeof(t->error), "bad host '%s'", a->host);
        return t;
    }
    if (a->http > 0 && !is_loopback(host)) {
        snprintf(t->error, sizeof(t->error), "http = yes is allowed only to loopback");
        return t;
    }
    o.host = host;
    o.use_http = a->http > 0;
    o.pin_sha256 = a->pin;
    o.ca_file = a->pin ? NULL : a->ca_file;
    o.insecure = !a->pin && !a->ca_file && a->insecure > 0;
    o.timeout_ms = t->timeout_ms;
    o.max_retries = 0;
    panos_code rc = panos_client_new(&t->client, &o);
    if (OOM(rc) || (rc == PANOS_OK && (load_key(t, a) != 0 || load_credentials(t, a) != 0))) {
        exp_tstate_free(t);
        return NULL;
    }
    if (rc != PANOS_OK)
        snprintf(t->error, sizeof(t->error), "cannot make a client (bad pin?)");
    else if (!t->error[0] && !t->have_key && t->user == NULL)
        snprintf(t->error, sizeof(t->error),
                 "no key and no credentials (key-file, api-key-env, panrc-tag or user + "
                 "password-file)");
    return t;
}

void exp_tstate_free(struct exp_tstate *t)
{
    if (t == NULL)
        return;
    for (int i = 0; i < EXP_MAX_CMDS; i++) {
        exp_metrics_clear(&t->slow[i]);
        exp_metrics_clear(&t->slow_next[i]);
    }
    if (t->password)
        panos_wipe(t->password, strlen(t->password));
    free(t->password);
    free(t->user);
    panos_client_free(t->client);
    free(t->name);
    free(t);
}
